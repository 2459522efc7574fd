//! Claiming rewards.

use crate::{features::epochs::NodeCache, *};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use sp_core::U256;
use sp_runtime::traits::{CheckedAdd, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// Pays `who` everything claimable (see `claim_rewards`); returns how many positions it
	/// settled.
	pub fn do_claim(who: &T::AccountId) -> Result<u32, DispatchError> {
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
		Ok(settled)
	}
}
