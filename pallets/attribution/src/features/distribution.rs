//! Splitting the fees of a batch of inferences by the payout rule (see the crate docs).

use crate::{features::epochs::NodeCache, *};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use lineage_primitives::traits::{InferenceCharge, ModelTerms};
use sp_core::U256;
use sp_runtime::traits::{CheckedAdd, CheckedSub, UniqueSaturatedInto, Zero};

/// What one dataset of the model gets from a batch.
struct DatasetPart<Balance> {
	units: u128,
	amount: Balance,
}

impl<T: Config> Pallet<T> {
	/// Credits the fees of a batch of inferences of `model_id`, already in the pot, by the payout
	/// rule, and sends the protocol's part on to the treasury. Storage accesses: O(model
	/// datasets × log(epochs) + distinct accounts credited + attribution entries), whatever the
	/// number of contributors.
	pub fn do_distribute(
		model_id: ModelId,
		terms: &ModelTerms<T::AccountId, BalanceOf<T>>,
		charges: &[InferenceCharge<T::AccountId, BalanceOf<T>>],
	) -> DispatchResult {
		let (Some(first), Some(last)) = (charges.first(), charges.last()) else { return Ok(()) };
		let split = terms.split;
		let overflow = || DispatchError::from(Error::<T>::Overflow);

		// The units inside each dataset's snapshot do not change within a batch: read them once.
		let mut cache = NodeCache::default();
		let mut parts = terms
			.datasets
			.iter()
			.map(|d| {
				Ok(DatasetPart {
					units: Self::units_up_to(d.dataset_id, d.snapshot, &mut cache)?,
					amount: BalanceOf::<T>::zero(),
				})
			})
			.collect::<Result<Vec<_>, DispatchError>>()?;
		let mut credits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut earnings: BTreeMap<ContributionId, BalanceOf<T>> = BTreeMap::new();
		let mut revenue = ModelRevenue::<BalanceOf<T>>::default();
		let add = |to: &mut BalanceOf<T>, amount: BalanceOf<T>| -> DispatchResult {
			*to = to.checked_add(&amount).ok_or_else(overflow)?;
			Ok(())
		};

		for charge in charges {
			let fee = charge.fee;
			let contributors_share = split.contributors.mul_floor(fee);
			let owner_share = split.owner.mul_floor(fee);
			let operator_share = split.operator.mul_floor(fee);

			// 2. Explicit attribution.
			let mut explicit = BalanceOf::<T>::zero();
			for entry in &charge.attribution {
				let amount = entry.weight.mul_floor(contributors_share);
				add(credits.entry(entry.contributor.clone()).or_default(), amount)?;
				add(earnings.entry(entry.contribution_id).or_default(), amount)?;
				add(&mut explicit, amount)?;
				Self::deposit_event(Event::ContributionCredited {
					inference_id: charge.inference_id,
					contribution_id: entry.contribution_id,
					contributor: entry.contributor.clone(),
					amount,
				});
			}

			// 3. The rest, by dataset weight, to the units inside each snapshot; 4. a dataset
			// without units there leaves its part to the treasury.
			let rest = contributors_share.checked_sub(&explicit).ok_or_else(overflow)?;
			let mut to_datasets = BalanceOf::<T>::zero();
			for (dataset, part) in terms.datasets.iter().zip(parts.iter_mut()) {
				let amount = dataset.weight.mul_floor(rest);
				if part.units > 0 {
					add(&mut part.amount, amount)?;
					add(&mut to_datasets, amount)?;
				}
			}

			// 1. The owner's and the operator's shares; everything else to the treasury.
			add(credits.entry(terms.owner.clone()).or_default(), owner_share)?;
			add(credits.entry(charge.operator.clone()).or_default(), operator_share)?;
			let to_contributors = explicit.checked_add(&to_datasets).ok_or_else(overflow)?;
			let to_protocol = fee
				.checked_sub(&to_contributors)
				.and_then(|r| r.checked_sub(&owner_share))
				.and_then(|r| r.checked_sub(&operator_share))
				.ok_or_else(overflow)?;
			add(&mut revenue.fees, fee)?;
			add(&mut revenue.contributors, to_contributors)?;
			add(&mut revenue.owner, owner_share)?;
			add(&mut revenue.operators, operator_share)?;
			add(&mut revenue.protocol, to_protocol)?;
			revenue.inferences = revenue.inferences.checked_add(1).ok_or_else(overflow)?;
			Self::deposit_event(Event::InferenceAttributed {
				inference_id: charge.inference_id,
				model_id,
				fee,
				to_contributors,
				to_owner: owner_share,
				to_operator: operator_share,
				to_protocol,
			});
		}

		for (dataset, part) in terms.datasets.iter().zip(parts) {
			if part.amount.is_zero() {
				continue;
			}
			Self::credit_pool(dataset.dataset_id, dataset.snapshot, part.units, part.amount)?;
			Self::deposit_event(Event::DatasetCredited {
				first_inference: first.inference_id,
				last_inference: last.inference_id,
				dataset_id: dataset.dataset_id,
				snapshot: dataset.snapshot,
				amount: part.amount,
				units: part.units,
			});
		}
		for (who, amount) in credits {
			Self::credit(&who, amount)?;
		}
		for (contribution_id, amount) in earnings {
			ContributionEarnings::<T>::try_mutate(contribution_id, |total| {
				*total = total.checked_add(&amount).ok_or_else(overflow)?;
				Ok::<_, DispatchError>(())
			})?;
		}
		if !revenue.protocol.is_zero() {
			T::Currency::transfer(
				&Self::pot(),
				&T::TreasuryAccount::get(),
				revenue.protocol,
				Preservation::Preserve,
			)
			.map_err(|_| Error::<T>::PotExhausted)?;
		}
		let to_treasury = revenue.protocol;
		let fees = revenue.fees;
		ModelRevenues::<T>::try_mutate(model_id, |total| {
			total.fees = total.fees.checked_add(&revenue.fees).ok_or_else(overflow)?;
			total.contributors =
				total.contributors.checked_add(&revenue.contributors).ok_or_else(overflow)?;
			total.owner = total.owner.checked_add(&revenue.owner).ok_or_else(overflow)?;
			total.operators =
				total.operators.checked_add(&revenue.operators).ok_or_else(overflow)?;
			total.protocol = total.protocol.checked_add(&revenue.protocol).ok_or_else(overflow)?;
			total.inferences =
				total.inferences.checked_add(revenue.inferences).ok_or_else(overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		LifetimeTotals::<T>::try_mutate(|totals| {
			totals.fees = totals.fees.checked_add(&fees).ok_or_else(overflow)?;
			totals.to_treasury =
				totals.to_treasury.checked_add(&to_treasury).ok_or_else(overflow)?;
			Ok::<_, DispatchError>(())
		})
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

	/// Spreads `amount` over the `units` accepted units of epochs `0..=snapshot` of a dataset,
	/// in O(log epochs).
	pub(crate) fn credit_pool(
		dataset_id: DatasetId,
		snapshot: SnapshotIndex,
		units: u128,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		// The tree reaches the snapshot's epoch already (every snapshot opens an epoch); growing it
		// here keeps a credit from ever landing outside it.
		Self::grow_epochs(dataset_id, &mut pool, snapshot.saturating_add(1))?;
		let amount_u128: u128 = amount.unique_saturated_into();
		let scaled = U256::from(amount_u128)
			.checked_mul(U256::from(PRECISION))
			.and_then(|s| s.checked_add(pool.carry))
			.ok_or(Error::<T>::Overflow)?;
		let units = U256::from(units);
		let per_unit = scaled.checked_div(units).ok_or(Error::<T>::Overflow)?;
		pool.carry = scaled.checked_rem(units).ok_or(Error::<T>::Overflow)?;
		Self::add_reward_per_unit(dataset_id, &mut pool, snapshot, per_unit)?;
		pool.credited = pool.credited.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		RewardPools::<T>::insert(dataset_id, pool);
		Ok(())
	}
}
