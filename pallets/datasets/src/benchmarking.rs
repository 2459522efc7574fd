//! Benchmarks of every call, each in its worst case.

use super::*;

use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use lineage_primitives::merkle::MerkleFrontier;
use sp_core::H256;
use sp_runtime::{traits::Bounded, BoundedVec};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	// Enough for any deposit, far from overflowing the total issuance.
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn full_bytes<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::try_from(vec![b'x'; S::get() as usize]).unwrap_or_default()
}

fn content(i: u32) -> H256 {
	lineage_primitives::merkle::sha256(&i.to_le_bytes())
}

fn new_dataset<T: Config>(owner: &T::AccountId, policy: CurationPolicy) -> DatasetId {
	Pallet::<T>::do_create_dataset(
		owner.clone(),
		full_bytes::<T::MaxNameLen>(),
		full_bytes::<T::MaxDescriptionLen>(),
		full_bytes::<T::MaxLicenseLen>(),
		policy,
	)
	.expect("the owner is funded")
}

/// Makes the next append to `dataset_id`'s commitment merge the most peaks (the worst case).
fn crowd_commitment<T: Config>(dataset_id: DatasetId) {
	let peaks = 62u32;
	let frontier = MerkleFrontier {
		leaf_count: (1u64 << peaks) - 1,
		peaks: BoundedVec::try_from((0..peaks).map(content).collect::<vec::Vec<_>>())
			.expect("62 peaks fit"),
	};
	let root = frontier.root();
	Commitments::<T>::insert(dataset_id, Commitment { frontier, root });
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dataset() {
		let owner = funded::<T>("owner", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			full_bytes::<T::MaxNameLen>(),
			full_bytes::<T::MaxDescriptionLen>(),
			full_bytes::<T::MaxLicenseLen>(),
			CurationPolicy::Curated,
		);
		assert!(Pallet::<T>::dataset_details(0).is_some_and(|d| d.owner == owner));
	}

	/// An open dataset (accepted at once: the commitment and the observer are updated).
	#[benchmark]
	fn contribute(m: Linear<0, { T::MaxMetadataLen::get() }>) {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		crowd_commitment::<T>(dataset_id);
		let who = funded::<T>("contributor", 0);
		let metadata = BoundedVec::try_from(vec![b'm'; m as usize]).expect("within the bound");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), dataset_id, content(0), 10u64, metadata);
		assert_eq!(ContentOwners::<T>::get(content(0)).map(|o| o.owner), Some(who));
	}

	#[benchmark]
	fn contribute_batch(n: Linear<1, { T::MaxBatch::get() }>) {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		crowd_commitment::<T>(dataset_id);
		let who = funded::<T>("contributor", 0);
		let items: BatchOf<T> =
			BoundedVec::try_from((0..n).map(|i| (content(i), 10u64)).collect::<vec::Vec<_>>())
				.expect("n <= MaxBatch");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), dataset_id, items);
		assert_eq!(ContributionCount::<T>::get(&who), u64::from(n));
	}

	/// A curator accepts: the commitment merges the most peaks and the observer is told.
	#[benchmark]
	fn review_accept() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		crowd_commitment::<T>(dataset_id);
		let curator = funded::<T>("curator", 0);
		Pallet::<T>::do_add_curator(&owner, dataset_id, curator.clone()).expect("owner adds");
		let who = funded::<T>("contributor", 0);
		let id = Pallet::<T>::do_contribute(&who, dataset_id, content(0), 10, Default::default())
			.expect("funded");
		#[extrinsic_call]
		review_contribution(RawOrigin::Signed(curator), id, true);
		assert_eq!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Accepted)
		);
	}

	/// A curator rejects: part of the deposit is slashed to the treasury.
	#[benchmark]
	fn review_reject() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		let curator = funded::<T>("curator", 0);
		Pallet::<T>::do_add_curator(&owner, dataset_id, curator.clone()).expect("owner adds");
		let who = funded::<T>("contributor", 0);
		let metadata = full_bytes::<T::MaxMetadataLen>();
		let id =
			Pallet::<T>::do_contribute(&who, dataset_id, content(0), 10, metadata).expect("funded");
		#[extrinsic_call]
		review_contribution(RawOrigin::Signed(curator), id, false);
		assert!(Contributions::<T>::get(id).is_none());
	}

	#[benchmark]
	fn add_curator() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		for i in 1..T::MaxCurators::get() {
			Pallet::<T>::do_add_curator(&owner, dataset_id, account("curator", i, 0))
				.expect("below the bound");
		}
		let curator: T::AccountId = account("curator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), dataset_id, curator.clone());
		assert!(Curators::<T>::contains_key(dataset_id, curator));
	}

	#[benchmark]
	fn remove_curator() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		let curator: T::AccountId = account("curator", 0, 0);
		Pallet::<T>::do_add_curator(&owner, dataset_id, curator.clone()).expect("owner adds");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), dataset_id, curator.clone());
		assert!(!Curators::<T>::contains_key(dataset_id, curator));
	}

	/// An accepted contribution is withdrawn: the observer is told, the deposit returned.
	#[benchmark]
	fn withdraw_contribution() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		let who = funded::<T>("contributor", 0);
		let metadata = full_bytes::<T::MaxMetadataLen>();
		let id =
			Pallet::<T>::do_contribute(&who, dataset_id, content(0), 10, metadata).expect("funded");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Withdrawn)
		);
	}

	#[benchmark]
	fn set_dataset_status() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), dataset_id, DatasetStatus::Frozen);
		assert_eq!(Datasets::<T>::get(dataset_id).map(|d| d.status), Some(DatasetStatus::Frozen));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
