//! Reward positions: each account's units in each epoch of each dataset, kept in step with
//! accepted contributions, and settled against the epoch's reward per unit whenever they change.

use crate::{features::epochs::NodeCache, *};
use frame_support::pallet_prelude::*;
use sp_core::U256;
use sp_runtime::traits::UniqueSaturatedFrom;

impl<T: Config> Pallet<T> {
	/// Brings `position` up to date with `reward_per_unit`, its epoch's current reward per unit:
	/// what it earned since it was last settled moves into `accrued`.
	pub(crate) fn settle(position: &mut Position, reward_per_unit: U256) -> DispatchResult {
		let owed =
			U256::from(position.units).checked_mul(reward_per_unit).ok_or(Error::<T>::Overflow)?;
		let earned = owed.checked_sub(position.reward_debt).ok_or(Error::<T>::Overflow)?;
		position.accrued = position.accrued.checked_add(earned).ok_or(Error::<T>::Overflow)?;
		position.reward_debt = owed;
		Ok(())
	}

	/// A position of `dataset_id`, settled with its pool (through `cache`): its scaled accrued
	/// rewards.
	pub(crate) fn settled_accrued(
		dataset_id: DatasetId,
		epoch: Epoch,
		position: &Position,
		cache: &mut NodeCache,
	) -> Result<U256, DispatchError> {
		let pool = RewardPools::<T>::get(dataset_id);
		let mut settled = position.clone();
		Self::settle(&mut settled, Self::reward_per_unit_of(dataset_id, &pool, epoch, cache)?)?;
		Ok(settled.accrued)
	}

	/// The whole plancks in a scaled amount.
	pub(crate) fn whole_plancks(scaled: U256) -> BalanceOf<T> {
		let whole = scaled / U256::from(PRECISION);
		BalanceOf::<T>::unique_saturated_from(whole.try_into().unwrap_or(u128::MAX))
	}

	/// `who` has a position in epoch `epoch` of `dataset_id`, or room for one more.
	pub fn ensure_position_possible(
		who: &T::AccountId,
		dataset_id: DatasetId,
		epoch: Epoch,
	) -> DispatchResult {
		ensure!(
			Positions::<T>::contains_key(who, (dataset_id, epoch))
				|| PositionCount::<T>::get(who) < T::MaxPositionsPerAccount::get(),
			Error::<T>::TooManyPositions
		);
		Ok(())
	}

	/// `units` of `who` start counting in epoch `epoch` of `dataset_id`.
	pub fn do_add_units(
		who: &T::AccountId,
		dataset_id: DatasetId,
		epoch: Epoch,
		units: u64,
	) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		Self::grow_epochs(dataset_id, &mut pool, epoch.saturating_add(1))?;
		let mut position = match Positions::<T>::get(who, (dataset_id, epoch)) {
			Some(position) => position,
			None => {
				let count = PositionCount::<T>::get(who);
				ensure!(count < T::MaxPositionsPerAccount::get(), Error::<T>::TooManyPositions);
				PositionCount::<T>::insert(who, count.saturating_add(1));
				Position::default()
			},
		};
		Self::change_units(who, dataset_id, epoch, &mut pool, &mut position, units, true)
	}

	/// `units` of `who` in epoch `epoch` of `dataset_id` stop counting; what they earned stays
	/// claimable.
	pub fn do_remove_units(
		who: &T::AccountId,
		dataset_id: DatasetId,
		epoch: Epoch,
		units: u64,
	) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		let mut position =
			Positions::<T>::get(who, (dataset_id, epoch)).ok_or(Error::<T>::UnknownPosition)?;
		Self::change_units(who, dataset_id, epoch, &mut pool, &mut position, units, false)
	}

	/// Settles `position`, changes its units, its epoch's and its pool's, and writes them back.
	fn change_units(
		who: &T::AccountId,
		dataset_id: DatasetId,
		epoch: Epoch,
		pool: &mut RewardPool<BalanceOf<T>>,
		position: &mut Position,
		units: u64,
		add: bool,
	) -> DispatchResult {
		let units = u128::from(units);
		let reward_per_unit =
			Self::reward_per_unit_of(dataset_id, pool, epoch, &mut NodeCache::default())?;
		Self::settle(position, reward_per_unit)?;
		let change = |total: u128| {
			if add { total.checked_add(units) } else { total.checked_sub(units) }
				.ok_or(Error::<T>::Overflow)
		};
		position.units = change(position.units)?;
		pool.units = change(pool.units)?;
		Self::change_epoch_units(dataset_id, pool, epoch, units, add)?;
		position.reward_debt =
			U256::from(position.units).checked_mul(reward_per_unit).ok_or(Error::<T>::Overflow)?;
		Self::store_position(who, dataset_id, epoch, core::mem::take(position), pool)?;
		RewardPools::<T>::insert(dataset_id, pool.clone());
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
		epoch: Epoch,
		mut position: Position,
		pool: &mut RewardPool<BalanceOf<T>>,
	) -> DispatchResult {
		if position.units == 0 && position.accrued < U256::from(PRECISION) {
			pool.carry = pool.carry.checked_add(position.accrued).ok_or(Error::<T>::Overflow)?;
			position.accrued = U256::zero();
		}
		if position.units == 0 && position.accrued.is_zero() {
			Positions::<T>::remove(who, (dataset_id, epoch));
			PositionCount::<T>::mutate_exists(who, |count| {
				let left = count.unwrap_or(0).saturating_sub(1);
				*count = (left > 0).then_some(left);
			});
		} else {
			Positions::<T>::insert(who, (dataset_id, epoch), position);
		}
		Ok(())
	}
}
