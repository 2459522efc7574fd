//! Registering models and checking their terms.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use lineage_primitives::{traits::ContributionsProvider, DatasetStatus};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
	pub fn do_register(
		owner: T::AccountId,
		name: ModelName<T>,
		version_hash: sp_core::H256,
		datasets: ModelDatasets<T>,
		fee_per_inference: BalanceOf<T>,
		split: RevenueSplit,
	) -> Result<ModelId, DispatchError> {
		Self::check_datasets(&datasets)?;
		Self::check_split(&split)?;
		let model_id = NextModelId::<T>::get();
		let next_id = model_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		let now = frame_system::Pallet::<T>::block_number();
		let versions: VersionHistory<T> =
			BoundedVec::try_from(alloc::vec![(version_hash, now)]).unwrap_or_default();
		Models::<T>::insert(
			model_id,
			Model {
				owner: owner.clone(),
				name,
				version_hash,
				datasets,
				fee_per_inference,
				split,
				status: ModelStatus::Active,
				operators: Default::default(),
				deposit,
				registered_at: now,
			},
		);
		Versions::<T>::insert(model_id, versions);
		ModelsByOwner::<T>::insert(&owner, model_id, ());
		NextModelId::<T>::put(next_id);
		Self::deposit_event(Event::ModelRegistered {
			model_id,
			owner,
			version_hash,
			fee_per_inference,
			split,
		});
		Ok(model_id)
	}

	/// The datasets exist, are active, are named once each, and their weights sum to 100%.
	fn check_datasets(datasets: &ModelDatasets<T>) -> DispatchResult {
		ensure!(!datasets.is_empty(), Error::<T>::NoDatasets);
		let mut seen = BTreeSet::new();
		let mut total: u64 = 0;
		for (dataset_id, weight) in datasets.iter() {
			ensure!(seen.insert(*dataset_id), Error::<T>::DuplicateDataset);
			let dataset = T::Datasets::dataset(*dataset_id).ok_or(Error::<T>::UnknownDataset)?;
			ensure!(dataset.status == DatasetStatus::Active, Error::<T>::DatasetNotActive);
			total = total.saturating_add(u64::from(weight.deconstruct()));
		}
		ensure!(
			total == u64::from(Perbill::one().deconstruct()),
			Error::<T>::DatasetWeightsNotWhole
		);
		Ok(())
	}

	fn check_split(split: &RevenueSplit) -> DispatchResult {
		ensure!(split.is_complete(), Error::<T>::SplitNotWhole);
		ensure!(
			split.contributors >= T::MinContributorShare::get(),
			Error::<T>::ContributorShareTooLow
		);
		Ok(())
	}
}
