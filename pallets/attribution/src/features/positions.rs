//! Reward positions: each account's units in each dataset, kept in step with accepted
//! contributions, and settled against the dataset's accumulator whenever they change.

use crate::*;
use frame_support::pallet_prelude::*;
use sp_core::U256;
use sp_runtime::traits::UniqueSaturatedFrom;

impl<T: Config> Pallet<T> {
	/// Brings `position` up to date with `pool`: what it earned since it was last settled moves
	/// into `accrued`.
	pub(crate) fn settle(
		position: &mut Position,
		pool: &RewardPool<BalanceOf<T>>,
	) -> DispatchResult {
		let owed = U256::from(position.units)
			.checked_mul(pool.reward_per_unit)
			.ok_or(Error::<T>::Overflow)?;
		let earned = owed.checked_sub(position.reward_debt).ok_or(Error::<T>::Overflow)?;
		position.accrued = position.accrued.checked_add(earned).ok_or(Error::<T>::Overflow)?;
		position.reward_debt = owed;
		Ok(())
	}

	/// The whole plancks a position could claim now (without changing it).
	pub(crate) fn claimable_of(
		position: &Position,
		pool: &RewardPool<BalanceOf<T>>,
	) -> BalanceOf<T> {
		let mut settled = position.clone();
		match Self::settle(&mut settled, pool) {
			Ok(()) => Self::whole_plancks(settled.accrued),
			Err(_) => Default::default(),
		}
	}

	/// The whole plancks in a scaled amount.
	pub(crate) fn whole_plancks(scaled: U256) -> BalanceOf<T> {
		let whole = scaled / U256::from(PRECISION);
		BalanceOf::<T>::unique_saturated_from(whole.try_into().unwrap_or(u128::MAX))
	}

	/// `who` has a position in `dataset_id`, or room for one more.
	pub fn ensure_position_possible(who: &T::AccountId, dataset_id: DatasetId) -> DispatchResult {
		ensure!(
			Positions::<T>::contains_key(who, dataset_id)
				|| PositionCount::<T>::get(who) < T::MaxPositionsPerAccount::get(),
			Error::<T>::TooManyPositions
		);
		Ok(())
	}

	/// `units` of `who` start counting in `dataset_id`.
	pub fn do_add_units(who: &T::AccountId, dataset_id: DatasetId, units: u64) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		let mut position = match Positions::<T>::get(who, dataset_id) {
			Some(position) => position,
			None => {
				let count = PositionCount::<T>::get(who);
				ensure!(count < T::MaxPositionsPerAccount::get(), Error::<T>::TooManyPositions);
				PositionCount::<T>::insert(who, count.saturating_add(1));
				Position::default()
			},
		};
		Self::settle(&mut position, &pool)?;
		position.units =
			position.units.checked_add(u128::from(units)).ok_or(Error::<T>::Overflow)?;
		pool.units = pool.units.checked_add(u128::from(units)).ok_or(Error::<T>::Overflow)?;
		position.reward_debt = U256::from(position.units)
			.checked_mul(pool.reward_per_unit)
			.ok_or(Error::<T>::Overflow)?;
		Positions::<T>::insert(who, dataset_id, position);
		RewardPools::<T>::insert(dataset_id, pool);
		Ok(())
	}

	/// `units` of `who` stop counting in `dataset_id`; what they earned stays claimable.
	pub fn do_remove_units(
		who: &T::AccountId,
		dataset_id: DatasetId,
		units: u64,
	) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		let mut position =
			Positions::<T>::get(who, dataset_id).ok_or(Error::<T>::UnknownPosition)?;
		Self::settle(&mut position, &pool)?;
		position.units =
			position.units.checked_sub(u128::from(units)).ok_or(Error::<T>::Overflow)?;
		pool.units = pool.units.checked_sub(u128::from(units)).ok_or(Error::<T>::Overflow)?;
		position.reward_debt = U256::from(position.units)
			.checked_mul(pool.reward_per_unit)
			.ok_or(Error::<T>::Overflow)?;
		Self::store_position(who, dataset_id, position, &mut pool)?;
		RewardPools::<T>::insert(dataset_id, pool);
		Ok(())
	}

	/// Writes a position back, or removes it once it has no units and less than a planck left.
	///
	/// A position without units earns nothing more, so a fraction of a planck left in it could
	/// never add up to a claimable planck: it goes back to the pool's `carry` and is shared out
	/// with the dataset's next credit, instead of pinning the position (and one of the account's
	/// `MaxPositionsPerAccount` slots) for good. The pool's books still balance.
	pub(crate) fn store_position(
		who: &T::AccountId,
		dataset_id: DatasetId,
		mut position: Position,
		pool: &mut RewardPool<BalanceOf<T>>,
	) -> DispatchResult {
		if position.units == 0 && position.accrued < U256::from(PRECISION) {
			pool.carry = pool.carry.checked_add(position.accrued).ok_or(Error::<T>::Overflow)?;
			position.accrued = U256::zero();
		}
		if position.units == 0 && position.accrued.is_zero() {
			Positions::<T>::remove(who, dataset_id);
			PositionCount::<T>::mutate_exists(who, |count| {
				let left = count.unwrap_or(0).saturating_sub(1);
				*count = (left > 0).then_some(left);
			});
		} else {
			Positions::<T>::insert(who, dataset_id, position);
		}
		Ok(())
	}
}
