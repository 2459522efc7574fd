//! Benchmarks of `claim_rewards`, whose cost grows with the caller's positions and with the epoch
//! nodes their rewards per unit read; `Pallet::claim_weight` adds the two parts.

use super::*;
use crate::Pallet as Attribution;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use lineage_primitives::fenwick;
use sp_core::U256;
use sp_runtime::traits::{Bounded, Zero};

/// The epoch whose reward per unit reads `reads` epoch nodes: the prefix below epoch `e` is node
/// `e`, whose set bits are the nodes read, so `2^reads - 1`.
fn epoch_reading(reads: u32) -> Epoch {
	1u32.checked_shl(reads).unwrap_or(0).saturating_sub(1)
}

/// `who` gets one position in each of the datasets `0..positions.len()`, in the epoch
/// `positions[i]` of a tree of `MaxEpochs` epochs, with rewards to settle, and owner credits;
/// the pot can pay. The pools are written directly: a real set-up would need `MaxEpochs`
/// snapshots of each dataset.
fn positions<T: Config>(who: &T::AccountId, positions: &[Epoch]) {
	T::Currency::set_balance(who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	T::Currency::set_balance(
		&Attribution::<T>::pot(),
		BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
	let epochs = T::MaxEpochs::get();
	let per_unit = U256::from(PRECISION);
	for (dataset_id, &epoch) in (0..).zip(positions) {
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
			who,
			(dataset_id, epoch),
			Position { units: 10, reward_debt: U256::zero(), accrued: U256::zero() },
		);
	}
	PositionCount::<T>::insert(who, positions.len() as u32);
	Claimable::<T>::insert(who, BalanceOf::<T>::from(1_000_000_000u32));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The caller has `p` positions, each in its own dataset and in the first epoch (whose
	/// reward per unit reads no epoch node), each with rewards to settle, and owner credits.
	#[benchmark]
	fn claim_rewards(p: Linear<1, { T::MaxPositionsPerAccount::get() }>) {
		let who: T::AccountId = account("contributor", 0, 0);
		positions::<T>(&who, &alloc::vec![0; p as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Claimed::<T>::get(&who) > Zero::zero());
	}

	/// The caller has `MaxPositionsPerAccount` positions whose rewards per unit read `k` epoch
	/// nodes in all (each position at most `MaxEpochs`' depth, in the epoch that reads that
	/// many): what each node read adds to a claim.
	#[benchmark]
	fn claim_rewards_nodes(k: Linear<0, { Attribution::<T>::max_claim_node_reads() }>) {
		let who: T::AccountId = account("contributor", 0, 0);
		let depth = Attribution::<T>::max_epoch_node_reads();
		let mut left = k;
		let epochs: alloc::vec::Vec<Epoch> = (0..T::MaxPositionsPerAccount::get())
			.map(|_| {
				let reads = left.min(depth);
				left = left.saturating_sub(reads);
				epoch_reading(reads)
			})
			.collect();
		positions::<T>(&who, &epochs);
		#[extrinsic_call]
		claim_rewards(RawOrigin::Signed(who.clone()));
		assert!(Claimed::<T>::get(&who) > Zero::zero());
	}

	impl_benchmark_test_suite!(Attribution, crate::mock::new_test_ext(), crate::mock::Test);
}
