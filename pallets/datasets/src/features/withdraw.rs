//! Withdrawing contributions.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use lineage_primitives::traits::ContributionObserver;

impl<T: Config> Pallet<T> {
	pub fn do_withdraw(who: &T::AccountId, contribution_id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(contribution_id).ok_or(Error::<T>::UnknownContribution)?;
		ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
		let dataset_id = contribution.dataset_id;
		let mut dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;

		match contribution.status {
			ContributionStatus::Withdrawn => return Err(Error::<T>::AlreadyWithdrawn.into()),
			ContributionStatus::Pending => {
				dataset.pending_count =
					dataset.pending_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
			},
			ContributionStatus::Accepted => {
				dataset.accepted_units = dataset
					.accepted_units
					.checked_sub(u128::from(contribution.units))
					.ok_or(Error::<T>::Overflow)?;
				dataset.accepted_count =
					dataset.accepted_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
				T::ContributionObserver::on_contribution_withdrawn(
					dataset_id,
					contribution_id,
					who,
					contribution.units,
				)?;
			},
		}

		T::Currency::release(
			&HoldReason::ContributionDeposit.into(),
			who,
			contribution.deposit,
			Precision::Exact,
		)?;
		contribution.status = ContributionStatus::Withdrawn;
		contribution.deposit = Default::default();
		contribution.metadata = Default::default();
		Contributions::<T>::insert(contribution_id, contribution);
		Datasets::<T>::insert(dataset_id, dataset);
		Self::deposit_event(Event::ContributionWithdrawn {
			contribution_id,
			dataset_id,
			contributor: who.clone(),
		});
		Ok(())
	}
}
