//! Claiming rewards.

use crate::{features::epochs::NodeCache, *};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use lineage_primitives::fenwick;
use sp_core::U256;
use sp_runtime::traits::{CheckedAdd, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// The most epoch nodes one position's reward per unit reads: the prefix below its epoch,
	/// for the epoch below `MaxEpochs` whose prefix walk is longest.
	pub fn max_epoch_node_reads() -> u32 {
		fenwick::max_prefix_nodes(T::MaxEpochs::get().saturating_sub(1))
	}

	/// The most epoch nodes a claim reads: every position as deep as it gets.
	pub fn max_claim_node_reads() -> u32 {
		T::MaxPositionsPerAccount::get().saturating_mul(Self::max_epoch_node_reads())
	}

	/// The weight of a claim that settles `positions` positions whose rewards per unit read
	/// `nodes` epoch nodes in all: the positions' part measured with no node reads, plus what
	/// the node reads add over none.
	pub fn claim_weight(positions: u32, nodes: u32) -> Weight {
		T::WeightInfo::claim_rewards(positions).saturating_add(
			T::WeightInfo::claim_rewards_nodes(nodes)
				.saturating_sub(T::WeightInfo::claim_rewards_nodes(0)),
		)
	}

	/// Pays `who` everything claimable (see `claim_rewards`); returns the work it did.
	pub fn do_claim(who: &T::AccountId) -> Result<ClaimWork, DispatchError> {
		let mut total = Claimable::<T>::take(who);
		let positions: Vec<_> = Positions::<T>::iter_prefix(who)
			.take(T::MaxPositionsPerAccount::get() as usize)
			.collect();
		let settled = positions.len() as u32;
		let mut cache = NodeCache::default();
		for ((dataset_id, epoch), mut position) in positions {
			let mut pool = RewardPools::<T>::get(dataset_id);
			Self::settle(
				&mut position,
				Self::reward_per_unit_of(dataset_id, &pool, epoch, &mut cache)?,
			)?;
			let whole = Self::whole_plancks(position.accrued);
			let whole_u128: u128 = whole.unique_saturated_into();
			let scaled = U256::from(whole_u128)
				.checked_mul(U256::from(PRECISION))
				.ok_or(Error::<T>::Overflow)?;
			position.accrued = position.accrued.checked_sub(scaled).ok_or(Error::<T>::Overflow)?;
			pool.claimed = pool.claimed.checked_add(&whole).ok_or(Error::<T>::Overflow)?;
			total = total.checked_add(&whole).ok_or(Error::<T>::Overflow)?;
			Self::store_position(who, dataset_id, epoch, position, &mut pool)?;
			RewardPools::<T>::insert(dataset_id, pool);
		}
		ensure!(!total.is_zero(), Error::<T>::NothingToClaim);

		T::Currency::transfer(&Self::pot(), who, total, Preservation::Preserve)
			.map_err(|_| Error::<T>::PotExhausted)?;
		Claimed::<T>::try_mutate(who, |claimed| {
			*claimed = claimed.checked_add(&total).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		LifetimeTotals::<T>::try_mutate(|totals| {
			totals.claimed = totals.claimed.checked_add(&total).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::RewardsClaimed { who: who.clone(), amount: total });
		Ok(ClaimWork { positions: settled, epoch_nodes: cache.len() })
	}
}
