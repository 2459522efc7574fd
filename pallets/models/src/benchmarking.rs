//! Benchmarks of every call, each in its worst case.

use super::*;

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::{traits::Bounded, BoundedVec, Perbill};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// `n` datasets with weights summing to exactly 100%, each with data no snapshot covers yet (so
/// that registering takes a new snapshot of each: the worst case).
fn datasets<T: Config>(owner: &T::AccountId, n: u32) -> DatasetChoices<T> {
	let list: Vec<_> = lineage_primitives::equal_shares(n.max(1))
		.into_iter()
		.map(|weight| DatasetChoice {
			dataset_id: T::BenchmarkHelper::create_dataset(owner),
			weight,
			snapshot: None,
		})
		.collect();
	BoundedVec::try_from(list).expect("n <= MaxModelDatasets")
}

fn split() -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(70),
		owner: Perbill::from_percent(15),
		operator: Perbill::from_percent(5),
		protocol: Perbill::from_percent(10),
	}
}

fn name<T: Config>() -> ModelName<T> {
	BoundedVec::try_from(vec![b'm'; T::MaxNameLen::get() as usize]).unwrap_or_default()
}

fn registered<T: Config>(owner: &T::AccountId, d: u32) -> ModelId {
	let list = datasets::<T>(owner, d);
	Pallet::<T>::do_register(
		owner.clone(),
		name::<T>(),
		Default::default(),
		list,
		1u32.into(),
		split(),
	)
	.expect("valid terms")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `d` datasets, each snapshotted anew.
	#[benchmark]
	fn register_model(d: Linear<1, { T::MaxModelDatasets::get() }>) {
		let owner = funded::<T>("owner", 0);
		let list = datasets::<T>(&owner, d);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			name::<T>(),
			sp_core::H256::repeat_byte(1),
			list,
			1000u32.into(),
			split(),
		);
		assert!(Models::<T>::get(0).is_some_and(|m| m.owner == owner));
	}

	/// An increase, announced for later.
	#[benchmark]
	fn set_fee() {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 5_000u32.into());
		assert!(Models::<T>::get(id).is_some_and(|m| m.pending_fee.is_some()));
	}

	#[benchmark]
	fn set_operators(o: Linear<0, { T::MaxOperators::get() }>) {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner, 1);
		let operators: Operators<T> =
			BoundedVec::try_from((0..o).map(|i| account("operator", i, 0)).collect::<Vec<_>>())
				.expect("o <= MaxOperators");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, operators);
		assert!(Models::<T>::get(id).is_some_and(|m| m.operators.len() as u32 == o));
	}

	/// A model on `d` datasets, each with new data (a new snapshot each), and a full history (the
	/// oldest version is dropped).
	#[benchmark]
	fn publish_version(d: Linear<1, { T::MaxModelDatasets::get() }>) {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner, d);
		for i in 0..T::MaxVersions::get() {
			Pallet::<T>::do_publish_version(
				&owner,
				id,
				lineage_primitives::merkle::sha256(&i.to_le_bytes()),
				Default::default(),
			)
			.expect("a new version");
		}
		let model = Models::<T>::get(id).expect("registered");
		for (dataset_id, _) in model.datasets.iter() {
			T::BenchmarkHelper::grow_dataset(&owner, *dataset_id);
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, sp_core::H256::repeat_byte(7), Default::default());
		assert_eq!(Versions::<T>::iter_prefix(id).count() as u32, T::MaxVersions::get());
	}

	/// Retiring returns the deposit.
	#[benchmark]
	fn set_model_status() {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, ModelStatus::Retired);
		assert!(Models::<T>::get(id).is_some_and(|m| m.status == ModelStatus::Retired));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
