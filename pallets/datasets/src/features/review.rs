//! Reviewing pending contributions: accepting (with the units they count with, and committing
//! them) or rejecting (slashing, freeing and reserving their hash).

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
	/// Accepts or rejects a pending contribution as `reviewer` (see `review_contribution`);
	/// returns, for an acceptance, what its append to the commitment did.
	pub fn do_review(
		reviewer: &T::AccountId,
		contribution_id: ContributionId,
		decision: ReviewDecision,
	) -> Result<Option<AppendWork>, DispatchError> {
		let mut contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		let dataset_id = contribution.dataset_id;
		let mut dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(Self::is_reviewer(reviewer, dataset_id, &dataset), Error::<T>::NotCurator);
		ensure!(contribution.status == ContributionStatus::Pending, Error::<T>::NotPending);
		dataset.pending_count = dataset.pending_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;

		let append_work = match decision {
			ReviewDecision::Accept { units } => {
				Self::reduce_units(&mut contribution, units)?;
				let work = Self::accept(
					contribution_id,
					&mut contribution,
					&mut dataset,
					Some(reviewer.clone()),
				)?;
				Contributions::<T>::insert(contribution_id, contribution);
				Some(work)
			},
			ReviewDecision::Reject => {
				let slashed = Self::drop_pending(contribution_id, &contribution)?;
				let reserved_until = frame_system::Pallet::<T>::block_number()
					.saturating_add(T::ReclaimWindow::get());
				Reservations::<T>::insert(
					contribution.content_hash,
					Reservation { holder: contribution.contributor.clone(), until: reserved_until },
				);
				Self::deposit_event(Event::ContributionRejected {
					contribution_id,
					dataset_id,
					contributor: contribution.contributor,
					reviewer: reviewer.clone(),
					slashed,
					reserved_until,
				});
				None
			},
		};
		Datasets::<T>::insert(dataset_id, dataset);
		Ok(append_work)
	}

	/// Lowers a pending contribution's units to the `accepted` ones (at least 1, at most those
	/// declared) and returns the deposit of the rest.
	fn reduce_units(contribution: &mut Contribution<T>, accepted: u64) -> DispatchResult {
		ensure!(accepted > 0, Error::<T>::ZeroUnits);
		let dropped = contribution.units.checked_sub(accepted).ok_or(Error::<T>::TooManyUnits)?;
		if dropped > 0 {
			let refund = Self::unit_deposit(dropped)?;
			T::Currency::release(
				&HoldReason::ContributionDeposit.into(),
				&contribution.contributor,
				refund,
				Precision::Exact,
			)?;
			contribution.deposit =
				contribution.deposit.checked_sub(&refund).ok_or(Error::<T>::Overflow)?;
			contribution.units = accepted;
		}
		Ok(())
	}

	/// Makes a contribution count: adds its units, appends it to the dataset's commitment, puts
	/// it in the dataset's open epoch and tells the observer. The caller writes `contribution`
	/// and `dataset` back. Returns what its append did.
	pub(crate) fn accept(
		contribution_id: ContributionId,
		contribution: &mut Contribution<T>,
		dataset: &mut Dataset<T>,
		reviewer: Option<T::AccountId>,
	) -> Result<AppendWork, DispatchError> {
		let dataset_id = contribution.dataset_id;
		let mut commitment = Commitments::<T>::get(dataset_id);
		let work =
			Self::accept_into(&mut commitment, contribution_id, contribution, dataset, reviewer)?;
		Commitments::<T>::insert(dataset_id, commitment);
		T::ContributionObserver::on_contribution_accepted(
			dataset_id,
			dataset.snapshot_count,
			contribution_id,
			&contribution.contributor,
			contribution.units,
		)?;
		Ok(work)
	}

	/// [`Self::accept`] but for the storage of the commitment and the observer: appends to
	/// `commitment`, and the caller writes it back and tells the observer of the units accepted
	/// (once for a whole batch: its records share a contributor, a dataset and an epoch).
	pub(crate) fn accept_into(
		commitment: &mut Commitment,
		contribution_id: ContributionId,
		contribution: &mut Contribution<T>,
		dataset: &mut Dataset<T>,
		reviewer: Option<T::AccountId>,
	) -> Result<AppendWork, DispatchError> {
		let dataset_id = contribution.dataset_id;
		let epoch = dataset.snapshot_count;
		dataset.accepted_units = dataset
			.accepted_units
			.checked_add(u128::from(contribution.units))
			.ok_or(Error::<T>::Overflow)?;
		dataset.accepted_count =
			dataset.accepted_count.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let (leaf_index, merkle_root, work) =
			Self::append_leaf(commitment, contribution_id, contribution)?;
		contribution.status = ContributionStatus::Accepted;
		contribution.leaf_index = Some(leaf_index);
		contribution.epoch = Some(epoch);
		Self::deposit_event(Event::ContributionAccepted {
			contribution_id,
			dataset_id,
			contributor: contribution.contributor.clone(),
			reviewer,
			units: contribution.units,
			epoch,
			leaf_index,
			merkle_root,
		});
		Ok(work)
	}

	/// Removes a pending contribution, slashing `RejectSlash` of its deposit to the treasury and
	/// returning the rest, and frees its content hash. Returns what was slashed. The caller
	/// lowers the dataset's pending count.
	pub(crate) fn drop_pending(
		contribution_id: ContributionId,
		contribution: &Contribution<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
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
		ContributionCount::<T>::mutate_exists(who, |count| {
			let left = count.unwrap_or(0).saturating_sub(1);
			*count = (left > 0).then_some(left);
		});
		Ok(slashed)
	}
}
