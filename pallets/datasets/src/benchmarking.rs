//! Benchmarks of every call, each in its worst case.

use super::*;

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use lineage_primitives::{
	batch_digest, contribution_commitment, merkle::MerkleFrontier, traits::ContributionObserver,
};
use sp_core::H256;
use sp_runtime::{traits::Bounded, BoundedVec};

const SALT: Salt = [42u8; 32];

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

/// Makes the next append to `dataset_id`'s commitment store `nodes` nodes (at most
/// `MAX_MERKLE_WRITES`): the leaf and one subtree root per trailing one bit of the leaf count
/// above the unstored levels, whose roots it hashes too (so `nodes == 1` still merges
/// `UNSTORED_LEVELS` peaks: the most work an append storing `nodes` nodes does).
fn crowd_commitment<T: Config>(dataset_id: DatasetId, nodes: u32) {
	let peaks = nodes
		.saturating_sub(1)
		.saturating_add(lineage_primitives::merkle::UNSTORED_LEVELS)
		.min(lineage_primitives::merkle::MAX_PEAKS - 1);
	let frontier = MerkleFrontier {
		leaf_count: 1u64.checked_shl(peaks).unwrap_or(0).wrapping_sub(1),
		peaks: BoundedVec::try_from((0..peaks).map(content).collect::<Vec<_>>())
			.expect("at most 63 peaks"),
	};
	let root = frontier.root();
	Commitments::<T>::insert(dataset_id, Commitment { frontier, root });
}

fn next_block<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
}

/// Commits to `digest` for `who` and moves to the next block, so that it can be revealed.
fn committed<T: Config>(who: &T::AccountId, digest: &H256) {
	let commitment = contribution_commitment(digest, who, &SALT);
	Pallet::<T>::do_commit(who, commitment).expect("funded");
	next_block::<T>();
}

/// A contribution of `who` to `dataset_id` through the real commit-reveal flow.
fn contribution<T: Config>(
	who: &T::AccountId,
	dataset_id: DatasetId,
	i: u32,
	units: u64,
	metadata: ContributionMetadata<T>,
) -> ContributionId {
	committed::<T>(who, &content(i));
	Pallet::<T>::do_contribute(who, dataset_id, content(i), units, metadata, SALT)
		.expect("funded and committed")
		.0
}

/// Gives `dataset_id` the most epochs a dataset can have after its first one (as many snapshots
/// as allowed), so that a change to epoch 0 walks the longest path of the epoch tree.
fn crowd_epochs<T: Config>(dataset_id: DatasetId) {
	let most = T::MaxSnapshots::get();
	let mut dataset = Datasets::<T>::get(dataset_id).expect("exists");
	let leaves = Commitments::<T>::get(dataset_id).frontier.leaf_count;
	for index in dataset.snapshot_count..most {
		Snapshots::<T>::insert(
			dataset_id,
			index,
			Snapshot { leaf_count: leaves, root: H256::zero(), taken_at: 0u32.into() },
		);
		T::ContributionObserver::on_epoch_opened(dataset_id, index + 1).expect("grows");
	}
	dataset.snapshot_count = most;
	Datasets::<T>::insert(dataset_id, dataset);
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

	/// The reveal of a contribution to an open dataset (accepted at once: the commitment and the
	/// observer are updated), with `m` bytes of metadata, whose Merkle append stores `w` nodes.
	#[benchmark]
	fn contribute(m: Linear<0, { T::MaxMetadataLen::get() }>, w: Linear<1, MAX_MERKLE_WRITES>) {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		crowd_commitment::<T>(dataset_id, w);
		let who = funded::<T>("contributor", 0);
		let metadata: ContributionMetadata<T> =
			BoundedVec::try_from(vec![b'm'; m as usize]).expect("within the bound");
		committed::<T>(&who, &content(0));
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			dataset_id,
			content(0),
			T::MaxUnitsPerContribution::get(),
			metadata,
			SALT,
		);
		assert_eq!(ContentOwners::<T>::get(content(0)).map(|o| o.owner), Some(who));
	}

	/// The reveal of a batch of `n` records to an open dataset whose appends merge many peaks.
	#[benchmark]
	fn contribute_batch(n: Linear<1, { T::MaxBatch::get() }>) {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		crowd_commitment::<T>(dataset_id, MAX_MERKLE_WRITES);
		let who = funded::<T>("contributor", 0);
		let records: Vec<_> =
			(0..n).map(|i| (content(i), T::MaxUnitsPerContribution::get())).collect();
		let hashes: Vec<_> = records.iter().map(|(hash, _)| *hash).collect();
		committed::<T>(&who, &batch_digest(&hashes));
		let items: BatchOf<T> = BoundedVec::try_from(records).expect("n <= MaxBatch");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), dataset_id, items, SALT);
		assert_eq!(ContributionCount::<T>::get(&who), u64::from(n));
	}

	/// Hashing a commitment's root from `p` peaks, which every append does after it (the
	/// appends of `contribute` and `review_accept` above end with one peak).
	#[benchmark]
	fn merkle_root(p: Linear<0, { lineage_primitives::merkle::MAX_PEAKS }>) {
		let frontier = MerkleFrontier {
			leaf_count: u64::MAX.checked_shr(64 - p).unwrap_or(0),
			peaks: BoundedVec::try_from((0..p).map(content).collect::<Vec<_>>())
				.expect("at most MAX_PEAKS peaks"),
		};
		let root;
		#[block]
		{
			root = core::hint::black_box(&frontier).root();
		}
		assert_eq!(root == lineage_primitives::merkle::empty_root(), p == 0);
	}

	/// A curator accepts fewer units than declared (returning part of the deposit); the
	/// commitment's append stores `w` nodes and the observer is told.
	#[benchmark]
	fn review_accept(w: Linear<1, MAX_MERKLE_WRITES>) {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		crowd_commitment::<T>(dataset_id, w);
		let curator = funded::<T>("curator", 0);
		Pallet::<T>::do_add_curator(&owner, dataset_id, curator.clone()).expect("owner adds");
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, Default::default());
		#[extrinsic_call]
		review_contribution(RawOrigin::Signed(curator), id, ReviewDecision::Accept { units: 5 });
		assert_eq!(
			Contributions::<T>::get(id).map(|c| (c.status, c.units)),
			Some((ContributionStatus::Accepted, 5))
		);
	}

	/// A curator rejects: part of the deposit is slashed to the treasury, the hash reserved.
	#[benchmark]
	fn review_reject() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		let curator = funded::<T>("curator", 0);
		Pallet::<T>::do_add_curator(&owner, dataset_id, curator.clone()).expect("owner adds");
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, full_bytes::<T::MaxMetadataLen>());
		#[extrinsic_call]
		review_contribution(RawOrigin::Signed(curator), id, ReviewDecision::Reject);
		assert!(Contributions::<T>::get(id).is_none());
		assert!(Reservations::<T>::contains_key(content(0)));
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

	/// A pending contribution is withdrawn: slashed like a rejection, removed, its hash freed.
	#[benchmark]
	fn withdraw_pending() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Curated);
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, full_bytes::<T::MaxMetadataLen>());
		#[extrinsic_call]
		withdraw_contribution(RawOrigin::Signed(who), id);
		assert!(Contributions::<T>::get(id).is_none());
	}

	/// An accepted contribution of the first epoch of a dataset with the most snapshots is
	/// withdrawn: the observer walks the longest path of the epoch tree; the deposit unbonds.
	#[benchmark]
	fn withdraw_accepted() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, full_bytes::<T::MaxMetadataLen>());
		crowd_epochs::<T>(dataset_id);
		#[extrinsic_call]
		withdraw_contribution(RawOrigin::Signed(who), id);
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

	#[benchmark]
	fn commit() {
		let who = funded::<T>("contributor", 0);
		let commitment = contribution_commitment(&content(0), &who, &SALT);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commitment);
		assert!(PendingCommits::<T>::contains_key(&who, commitment));
	}

	#[benchmark]
	fn cancel_commitment() {
		let who = funded::<T>("contributor", 0);
		let commitment = contribution_commitment(&content(0), &who, &SALT);
		Pallet::<T>::do_commit(&who, commitment).expect("funded");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), commitment);
		assert!(!PendingCommits::<T>::contains_key(&who, commitment));
	}

	/// A new snapshot of a dataset with many epochs: the fee is paid, the tree grows.
	#[benchmark]
	fn snapshot_dataset() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		contribution::<T>(&owner, dataset_id, 0, 10, Default::default());
		crowd_epochs::<T>(dataset_id);
		// One snapshot below the most, and a leaf it does not cover yet.
		let mut dataset = Datasets::<T>::get(dataset_id).expect("exists");
		dataset.snapshot_count = T::MaxSnapshots::get().saturating_sub(1);
		Datasets::<T>::insert(dataset_id, dataset);
		contribution::<T>(&owner, dataset_id, 1, 10, Default::default());
		let who = funded::<T>("snapshotter", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), dataset_id);
		assert_eq!(
			Datasets::<T>::get(dataset_id).map(|d| d.snapshot_count),
			Some(T::MaxSnapshots::get())
		);
	}

	#[benchmark]
	fn release_deposit() {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, Default::default());
		Pallet::<T>::do_withdraw(&who, id).expect("accepted");
		let later = frame_system::Pallet::<T>::block_number() + T::UnbondingPeriod::get();
		frame_system::Pallet::<T>::set_block_number(later);
		let caller = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Contributions::<T>::get(id).and_then(|c| c.unbonding_until), None);
	}

	/// An accepted contribution in the first epoch of a crowded dataset is slashed.
	#[benchmark]
	fn slash_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let dataset_id = new_dataset::<T>(&owner, CurationPolicy::Open);
		let who = funded::<T>("contributor", 0);
		let id = contribution::<T>(&who, dataset_id, 0, 10, full_bytes::<T::MaxMetadataLen>());
		crowd_epochs::<T>(dataset_id);
		let origin =
			T::SlashOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Slashed)
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
