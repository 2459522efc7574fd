//! Benchmarks of `claim_rewards`, whose cost grows with the caller's positions.

use super::*;
use crate::Pallet as Attribution;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The caller has `p` positions, each with rewards to settle, and owner credits.
	#[benchmark]
	fn claim_rewards(p: Linear<1, { T::MaxPositionsPerAccount::get() }>) {
		let who: T::AccountId = account("contributor", 0, 0);
		T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
		let datasets = T::BenchmarkHelper::positions_for(&who, p);
		let amount: BalanceOf<T> = 1_000_000_000u32.into();
		T::Currency::set_balance(
			&Attribution::<T>::pot(),
			BalanceOf::<T>::max_value() / 1_000_000u32.into(),
		);
		for dataset_id in datasets {
			RewardPools::<T>::mutate(dataset_id, |pool| {
				Attribution::<T>::credit_pool(pool, amount).expect("the pool has units");
			});
		}
		Claimable::<T>::insert(&who, amount);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Claimed::<T>::get(&who) >= amount);
	}

	impl_benchmark_test_suite!(Attribution, crate::mock::new_test_ext(), crate::mock::Test);
}
