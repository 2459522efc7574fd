//! Benchmarks of every call, each in its worst case.

use super::*;

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::{traits::Bounded, BoundedVec, Perbill};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// `n` datasets with weights summing to exactly 100%.
fn datasets<T: Config>(owner: &T::AccountId, n: u32) -> ModelDatasets<T> {
	let n = n.max(1);
	let list: Vec<_> = lineage_primitives::equal_shares(n)
		.into_iter()
		.map(|share| (T::BenchmarkHelper::create_dataset(owner), share))
		.collect();
	BoundedVec::try_from(list).expect("n <= MaxModelDatasets")
}

fn split() -> RevenueSplit {
	RevenueSplit {
		contributors: Perbill::from_percent(70),
		owner: Perbill::from_percent(20),
		protocol: Perbill::from_percent(10),
	}
}

fn name<T: Config>() -> ModelName<T> {
	BoundedVec::try_from(alloc::vec![b'm'; T::MaxNameLen::get() as usize]).unwrap_or_default()
}

fn registered<T: Config>(owner: &T::AccountId) -> ModelId {
	let list = datasets::<T>(owner, 1);
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

	#[benchmark]
	fn set_fee() {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 5u32.into());
		assert!(Models::<T>::get(id).is_some_and(|m| m.fee_per_inference == 5u32.into()));
	}

	#[benchmark]
	fn set_operators(o: Linear<0, { T::MaxOperators::get() }>) {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner);
		let operators: Operators<T> =
			BoundedVec::try_from((0..o).map(|i| account("operator", i, 0)).collect::<Vec<_>>())
				.expect("o <= MaxOperators");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, operators);
		assert!(Models::<T>::get(id).is_some_and(|m| m.operators.len() as u32 == o));
	}

	/// The history is full: the oldest version is dropped.
	#[benchmark]
	fn publish_version() {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner);
		for i in 0..T::MaxVersions::get() {
			Pallet::<T>::do_publish_version(
				&owner,
				id,
				lineage_primitives::merkle::sha256(&i.to_le_bytes()),
			)
			.expect("a new version");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, sp_core::H256::repeat_byte(7));
		assert_eq!(Versions::<T>::get(id).len() as u32, T::MaxVersions::get());
	}

	/// Retiring returns the deposit.
	#[benchmark]
	fn set_model_status() {
		let owner = funded::<T>("owner", 0);
		let id = registered::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, ModelStatus::Retired);
		assert!(Models::<T>::get(id).is_some_and(|m| m.status == ModelStatus::Retired));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
