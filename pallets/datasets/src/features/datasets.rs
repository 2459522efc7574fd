//! Creating datasets and changing their status.

use crate::*;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};

impl<T: Config> Pallet<T> {
	/// Creates a dataset owned by `owner`, holding `DatasetDeposit` (see `create_dataset`).
	pub fn do_create_dataset(
		owner: T::AccountId,
		name: DatasetName<T>,
		description: DatasetDescription<T>,
		license: DatasetLicense<T>,
		policy: CurationPolicy,
	) -> Result<DatasetId, DispatchError> {
		let dataset_id = NextDatasetId::<T>::get();
		let next_id = dataset_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::DatasetDeposit::get();
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		Datasets::<T>::insert(
			dataset_id,
			Dataset {
				owner: owner.clone(),
				name,
				description,
				license,
				policy,
				status: DatasetStatus::Active,
				deposit,
				created_at: frame_system::Pallet::<T>::block_number(),
				accepted_units: 0,
				accepted_count: 0,
				pending_count: 0,
				curator_count: 0,
				snapshot_count: 0,
			},
		);
		Commitments::<T>::insert(dataset_id, Commitment::default());
		NextDatasetId::<T>::put(next_id);
		Self::deposit_event(Event::DatasetCreated { dataset_id, owner, policy });
		Ok(dataset_id)
	}

	/// Freezes or reactivates `who`'s dataset (see `set_dataset_status`).
	pub fn do_set_status(
		who: &T::AccountId,
		dataset_id: DatasetId,
		status: DatasetStatus,
	) -> DispatchResult {
		Datasets::<T>::try_mutate(dataset_id, |dataset| {
			let dataset = dataset.as_mut().ok_or(Error::<T>::UnknownDataset)?;
			ensure!(&dataset.owner == who, Error::<T>::NotOwner);
			ensure!(dataset.status != status, Error::<T>::StatusUnchanged);
			dataset.status = status;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::DatasetStatusChanged { dataset_id, status });
		Ok(())
	}

	/// The dataset, if `who` owns it.
	pub(crate) fn owned_dataset(
		who: &T::AccountId,
		dataset_id: DatasetId,
	) -> Result<Dataset<T>, DispatchError> {
		let dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
		ensure!(&dataset.owner == who, Error::<T>::NotOwner);
		Ok(dataset)
	}
}
