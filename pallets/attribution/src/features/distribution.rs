//! Splitting an inference fee by the payout rule (see the crate docs).

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use lineage_primitives::traits::{ContributionsProvider, FeeBreakdown, InferenceFee};
use sp_core::U256;
use sp_runtime::traits::{CheckedAdd, CheckedSub, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// Credits the fee of one inference, already in the pot, and sends the protocol's part on to
	/// the treasury. O(attribution entries + model datasets).
	pub fn do_distribute(
		fee: InferenceFee<'_, T::AccountId, BalanceOf<T>>,
	) -> Result<FeeBreakdown<BalanceOf<T>>, DispatchError> {
		let InferenceFee { inference_id, model_id, terms, fee, attribution } = fee;
		let split = terms.split;
		let contributors_share = split.contributors.mul_floor(fee);
		let owner_share = split.owner.mul_floor(fee);

		// 2. Explicit attribution.
		let mut explicit = BalanceOf::<T>::zero();
		for (contribution_id, weight) in attribution {
			let amount = weight.mul_floor(contributors_share);
			let contributor = T::Contributions::contribution(*contribution_id)
				.ok_or(Error::<T>::UnknownContribution)?
				.contributor;
			Self::credit(&contributor, amount)?;
			ContributionEarnings::<T>::try_mutate(contribution_id, |total| {
				*total = total.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
				Ok::<_, DispatchError>(())
			})?;
			explicit = explicit.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Self::deposit_event(Event::ContributionCredited {
				inference_id,
				contribution_id: *contribution_id,
				contributor,
				amount,
			});
		}

		// 3. The rest of the contributors' share, by dataset weight, pro rata to units.
		let rest = contributors_share.checked_sub(&explicit).ok_or(Error::<T>::Overflow)?;
		let mut to_datasets = BalanceOf::<T>::zero();
		for (dataset_id, weight) in terms.datasets.iter() {
			let part = weight.mul_floor(rest);
			if part.is_zero() {
				continue;
			}
			let credited = RewardPools::<T>::try_mutate(dataset_id, |pool| {
				Self::credit_pool(pool, part).map(|credited| (credited, pool.units))
			})?;
			// 4. A dataset without accepted units sends its part to the treasury (below).
			if let (true, units) = credited {
				to_datasets = to_datasets.checked_add(&part).ok_or(Error::<T>::Overflow)?;
				Self::deposit_event(Event::DatasetCredited {
					inference_id,
					dataset_id: *dataset_id,
					amount: part,
					units,
				});
			}
		}

		// 1. and 4.: the owner's share is credited; everything else goes to the treasury.
		Self::credit(&terms.owner, owner_share)?;
		let to_contributors = explicit.checked_add(&to_datasets).ok_or(Error::<T>::Overflow)?;
		let to_protocol = fee
			.checked_sub(&to_contributors)
			.and_then(|r| r.checked_sub(&owner_share))
			.ok_or(Error::<T>::Overflow)?;
		if !to_protocol.is_zero() {
			T::Currency::transfer(
				&Self::pot(),
				&T::TreasuryAccount::get(),
				to_protocol,
				Preservation::Preserve,
			)
			.map_err(|_| Error::<T>::PotExhausted)?;
		}

		ModelRevenues::<T>::try_mutate(model_id, |revenue| {
			revenue.fees = revenue.fees.checked_add(&fee).ok_or(Error::<T>::Overflow)?;
			revenue.contributors =
				revenue.contributors.checked_add(&to_contributors).ok_or(Error::<T>::Overflow)?;
			revenue.owner = revenue.owner.checked_add(&owner_share).ok_or(Error::<T>::Overflow)?;
			revenue.protocol =
				revenue.protocol.checked_add(&to_protocol).ok_or(Error::<T>::Overflow)?;
			revenue.inferences = revenue.inferences.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		LifetimeTotals::<T>::try_mutate(|totals| {
			totals.fees = totals.fees.checked_add(&fee).ok_or(Error::<T>::Overflow)?;
			totals.to_treasury =
				totals.to_treasury.checked_add(&to_protocol).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::InferenceAttributed {
			inference_id,
			model_id,
			fee,
			to_contributors,
			to_owner: owner_share,
			to_protocol,
		});
		Ok(FeeBreakdown { to_contributors, to_owner: owner_share, to_protocol })
	}

	/// Adds to what `who` can claim directly.
	fn credit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		Claimable::<T>::try_mutate(who, |claimable| {
			*claimable = claimable.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})
	}

	/// Spreads `amount` over the pool's units in O(1). Returns `false` (and changes nothing) if
	/// the pool has no units to pay.
	pub(crate) fn credit_pool(
		pool: &mut RewardPool<BalanceOf<T>>,
		amount: BalanceOf<T>,
	) -> Result<bool, DispatchError> {
		if pool.units == 0 {
			return Ok(false);
		}
		let units = U256::from(pool.units);
		let amount_u128: u128 = amount.unique_saturated_into();
		let scaled = U256::from(amount_u128)
			.checked_mul(U256::from(PRECISION))
			.and_then(|s| s.checked_add(pool.carry))
			.ok_or(Error::<T>::Overflow)?;
		let per_unit = scaled / units;
		pool.carry = scaled % units;
		pool.reward_per_unit =
			pool.reward_per_unit.checked_add(per_unit).ok_or(Error::<T>::Overflow)?;
		pool.credited = pool.credited.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		Ok(true)
	}
}
