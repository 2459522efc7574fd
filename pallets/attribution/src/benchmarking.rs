//! Benchmarks of `claim_rewards`, whose cost grows with the caller's positions.

use super::*;
use crate::Pallet as Attribution;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use lineage_primitives::fenwick;
use sp_core::U256;
use sp_runtime::traits::Bounded;

/// The epoch whose reward per unit takes the most node reads in a tree of `epochs` epochs (the
/// prefix below it has the most set bits).
fn deepest_epoch(epochs: u32) -> Epoch {
	(0..epochs.max(1))
		.rev()
		.take(64)
		.max_by_key(|e| e.checked_sub(1).map(|b| fenwick::prefix_nodes(b).count()).unwrap_or(0))
		.unwrap_or(0)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The caller has `p` positions, each in its own dataset, in the epoch of the deepest tree
	/// whose reward per unit takes the most reads, each with rewards to settle, and owner
	/// credits. The pools are written directly: a real set-up would need `MaxEpochs` snapshots of
	/// `p` datasets.
	#[benchmark]
	fn claim_rewards(p: Linear<1, { T::MaxPositionsPerAccount::get() }>) {
		let who: T::AccountId = account("contributor", 0, 0);
		T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
		T::Currency::set_balance(
			&Attribution::<T>::pot(),
			BalanceOf::<T>::max_value() / 1_000_000u32.into(),
		);
		let epochs = T::MaxEpochs::get();
		let epoch = deepest_epoch(epochs);
		let per_unit = U256::from(PRECISION);
		for dataset_id in 0..p {
			for node in epoch.checked_sub(1).map(fenwick::prefix_nodes).into_iter().flatten() {
				EpochNodes::<T>::insert(
					dataset_id,
					node,
					EpochNode { units: 10, reward_per_unit: U256::zero() },
				);
			}
			RewardPools::<T>::insert(
				dataset_id,
				RewardPool {
					units: 10,
					epochs,
					reward_per_unit: per_unit,
					carry: U256::zero(),
					credited: 100u32.into(),
					claimed: 0u32.into(),
				},
			);
			Positions::<T>::insert(
				&who,
				(dataset_id, epoch),
				Position { units: 10, reward_debt: U256::zero(), accrued: U256::zero() },
			);
		}
		PositionCount::<T>::insert(&who, p);
		let amount: BalanceOf<T> = 1_000_000_000u32.into();
		Claimable::<T>::insert(&who, amount);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Claimed::<T>::get(&who) >= amount);
	}

	impl_benchmark_test_suite!(Attribution, crate::mock::new_test_ext(), crate::mock::Test);
}
