//! Leaving: withdrawing contributions, their deposits unbonding and coming back, and slashing.

use crate::{features::queues::UnbondingFifo, *};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::traits::ContributionObserver;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Withdraws `who`'s contribution (see `withdraw_contribution`); returns whether it was
	/// pending.
	pub fn do_withdraw(
		who: &T::AccountId,
		contribution_id: ContributionId,
	) -> Result<bool, DispatchError> {
		let mut contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
		let dataset_id = contribution.dataset_id;
		let mut dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;

		let (slashed, unbonding_until) = match contribution.status {
			ContributionStatus::Withdrawn | ContributionStatus::Slashed => {
				return Err(Error::<T>::AlreadyWithdrawn.into())
			},
			ContributionStatus::Pending => {
				dataset.pending_count =
					dataset.pending_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
				(Self::drop_pending(contribution_id, &contribution)?, None)
			},
			ContributionStatus::Accepted => {
				Self::stop_counting(contribution_id, &contribution, &mut dataset)?;
				let until = frame_system::Pallet::<T>::block_number()
					.saturating_add(T::UnbondingPeriod::get());
				UnbondingFifo::<T>::push((contribution_id, until))?;
				contribution.status = ContributionStatus::Withdrawn;
				contribution.metadata = Default::default();
				contribution.unbonding_until = Some(until);
				Contributions::<T>::insert(contribution_id, contribution);
				(Zero::zero(), Some(until))
			},
		};
		Datasets::<T>::insert(dataset_id, dataset);
		Self::deposit_event(Event::ContributionWithdrawn {
			contribution_id,
			dataset_id,
			contributor: who.clone(),
			slashed,
			unbonding_until,
		});
		Ok(unbonding_until.is_none())
	}

	/// Takes an accepted contribution's units out of its dataset and tells the observer. The
	/// caller changes its status and writes `dataset` back.
	fn stop_counting(
		contribution_id: ContributionId,
		contribution: &Contribution<T>,
		dataset: &mut Dataset<T>,
	) -> DispatchResult {
		dataset.accepted_units = dataset
			.accepted_units
			.checked_sub(u128::from(contribution.units))
			.ok_or(Error::<T>::Overflow)?;
		dataset.accepted_count =
			dataset.accepted_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
		T::ContributionObserver::on_contribution_withdrawn(
			contribution.dataset_id,
			contribution.epoch.ok_or(Error::<T>::Overflow)?,
			contribution_id,
			&contribution.contributor,
			contribution.units,
		)
	}

	/// Returns the deposit of a withdrawn contribution whose unbonding period is over.
	pub fn do_release_deposit(contribution_id: ContributionId) -> DispatchResult {
		let contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		let until = contribution.unbonding_until.ok_or(Error::<T>::NothingToRelease)?;
		ensure!(until <= frame_system::Pallet::<T>::block_number(), Error::<T>::StillUnbonding);
		Self::release_unbonded(contribution_id, contribution)
	}

	/// Returns the deposit of the contribution if it is still unbonding until `until` (`on_idle`;
	/// one released by call or slashed since is left alone).
	pub(crate) fn release_if_unbonded(contribution_id: ContributionId, until: BlockNumberFor<T>) {
		if let Some(contribution) = Contributions::<T>::get(contribution_id) {
			if contribution.unbonding_until == Some(until) {
				// Cannot fail: the deposit has been on hold since the contribution was made.
				let _ = frame_support::storage::with_storage_layer(|| {
					Self::release_unbonded(contribution_id, contribution)
				});
			}
		}
	}

	fn release_unbonded(
		contribution_id: ContributionId,
		mut contribution: Contribution<T>,
	) -> DispatchResult {
		let amount = contribution.deposit;
		T::Currency::release(
			&HoldReason::ContributionDeposit.into(),
			&contribution.contributor,
			amount,
			Precision::Exact,
		)?;
		let contributor = contribution.contributor.clone();
		contribution.deposit = Zero::zero();
		contribution.unbonding_until = None;
		Contributions::<T>::insert(contribution_id, contribution);
		Self::deposit_event(Event::DepositReleased { contribution_id, contributor, amount });
		Ok(())
	}

	/// Slashes the whole deposit of an accepted or unbonding contribution to the treasury; an
	/// accepted one stops counting.
	pub fn do_slash(contribution_id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		let dataset_id = contribution.dataset_id;
		match contribution.status {
			ContributionStatus::Accepted => {
				let mut dataset =
					Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
				Self::stop_counting(contribution_id, &contribution, &mut dataset)?;
				Datasets::<T>::insert(dataset_id, dataset);
			},
			ContributionStatus::Withdrawn if !contribution.deposit.is_zero() => {},
			_ => return Err(Error::<T>::NotSlashable.into()),
		}
		let amount = contribution.deposit;
		T::Currency::transfer_on_hold(
			&HoldReason::ContributionDeposit.into(),
			&contribution.contributor,
			&T::TreasuryAccount::get(),
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		let contributor = contribution.contributor.clone();
		contribution.status = ContributionStatus::Slashed;
		contribution.deposit = Zero::zero();
		contribution.unbonding_until = None;
		contribution.metadata = Default::default();
		Contributions::<T>::insert(contribution_id, contribution);
		Self::deposit_event(Event::ContributionSlashed {
			contribution_id,
			dataset_id,
			contributor,
			amount,
		});
		Ok(())
	}
}
