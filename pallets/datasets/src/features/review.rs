//! Reviewing pending contributions: accepting (and committing) or rejecting (and slashing).

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use lineage_primitives::traits::ContributionObserver;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	pub fn do_review(
		reviewer: &T::AccountId,
		contribution_id: ContributionId,
		accept: bool,
	) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		let dataset_id = contribution.dataset_id;
		let mut dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(Self::is_reviewer(reviewer, dataset_id, &dataset), Error::<T>::NotCurator);
		ensure!(contribution.status == ContributionStatus::Pending, Error::<T>::NotPending);
		dataset.pending_count = dataset.pending_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;

		if accept {
			Self::accept(contribution_id, &mut contribution, &mut dataset, Some(reviewer.clone()))?;
			Contributions::<T>::insert(contribution_id, contribution);
		} else {
			Self::reject(contribution_id, contribution, reviewer)?;
		}
		Datasets::<T>::insert(dataset_id, dataset);
		Ok(())
	}

	/// Makes a contribution count: adds its units, appends it to the dataset's commitment and
	/// tells the observer. The caller writes `contribution` and `dataset` back.
	pub(crate) fn accept(
		contribution_id: ContributionId,
		contribution: &mut Contribution<T>,
		dataset: &mut Dataset<T>,
		reviewer: Option<T::AccountId>,
	) -> DispatchResult {
		let dataset_id = contribution.dataset_id;
		dataset.accepted_units = dataset
			.accepted_units
			.checked_add(u128::from(contribution.units))
			.ok_or(Error::<T>::Overflow)?;
		dataset.accepted_count =
			dataset.accepted_count.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let (leaf_index, merkle_root) = Self::commit(contribution_id, contribution)?;
		contribution.status = ContributionStatus::Accepted;
		contribution.leaf_index = Some(leaf_index);
		T::ContributionObserver::on_contribution_accepted(
			dataset_id,
			contribution_id,
			&contribution.contributor,
			contribution.units,
		)?;
		Self::deposit_event(Event::ContributionAccepted {
			contribution_id,
			dataset_id,
			contributor: contribution.contributor.clone(),
			reviewer,
			leaf_index,
			merkle_root,
		});
		Ok(())
	}

	/// Slashes part of the deposit to the treasury, returns the rest, removes the contribution and
	/// frees its content hash.
	fn reject(
		contribution_id: ContributionId,
		contribution: Contribution<T>,
		reviewer: &T::AccountId,
	) -> DispatchResult {
		let who = &contribution.contributor;
		let reason = HoldReason::ContributionDeposit.into();
		// Rounded down: the contributor keeps any fraction.
		let slashed = T::RejectSlash::get().mul_floor(contribution.deposit);
		let returned = contribution.deposit.saturating_sub(slashed);
		T::Currency::transfer_on_hold(
			&reason,
			who,
			&T::TreasuryAccount::get(),
			slashed,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		T::Currency::release(&reason, who, returned, Precision::Exact)?;

		Contributions::<T>::remove(contribution_id);
		ContentOwners::<T>::remove(contribution.content_hash);
		AccountContributions::<T>::remove(who, contribution_id);
		ContributionCount::<T>::mutate(who, |count| *count = count.saturating_sub(1));
		Self::deposit_event(Event::ContributionRejected {
			contribution_id,
			dataset_id: contribution.dataset_id,
			contributor: contribution.contributor.clone(),
			reviewer: reviewer.clone(),
			slashed,
		});
		Ok(())
	}
}
