//! Registering models and checking their terms.

use crate::*;
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use lineage_primitives::{
	traits::{ContributionsProvider, DatasetSnapshots},
	DatasetStatus,
};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
	/// Registers a model of `owner` with its first version (see `register_model`).
	pub fn do_register(
		owner: T::AccountId,
		name: ModelName<T>,
		version_hash: sp_core::H256,
		choices: DatasetChoices<T>,
		fee_per_inference: BalanceOf<T>,
		split: RevenueSplit,
	) -> Result<ModelId, DispatchError> {
		Self::check_datasets(&choices)?;
		Self::check_split(&split)?;
		let model_id = NextModelId::<T>::get();
		let next_id = model_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		let datasets: Vec<_> = choices.iter().map(|c| (c.dataset_id, c.weight)).collect();
		let snapshots: Vec<_> = choices.iter().map(|c| c.snapshot).collect();
		let version = Self::new_version(&owner, 0, version_hash, &datasets, &snapshots)?;
		let now = frame_system::Pallet::<T>::block_number();
		Models::<T>::insert(
			model_id,
			Model {
				owner: owner.clone(),
				name,
				datasets: BoundedVec::truncate_from(datasets),
				fee_per_inference,
				pending_fee: None,
				split,
				status: ModelStatus::Active,
				operators: Default::default(),
				deposit,
				registered_at: now,
				current: version.clone(),
			},
		);
		ModelsByOwner::<T>::insert(&owner, model_id, ());
		NextModelId::<T>::put(next_id);
		Self::deposit_event(Event::ModelRegistered {
			model_id,
			owner,
			version_hash,
			fee_per_inference,
			split,
		});
		Self::record_version(model_id, version);
		Ok(model_id)
	}

	/// The version `number` of a model on `datasets`, trained on the `choices` snapshots (one per
	/// dataset; `None` takes one at the current leaf count, paid by `owner`).
	pub(crate) fn new_version(
		owner: &T::AccountId,
		number: VersionNumber,
		version_hash: sp_core::H256,
		datasets: &[(DatasetId, Perbill)],
		choices: &[Option<SnapshotIndex>],
	) -> Result<ModelVersion<T>, DispatchError> {
		ensure!(datasets.len() == choices.len(), Error::<T>::SnapshotsMismatch);
		let mut snapshots = Vec::with_capacity(datasets.len());
		for ((dataset_id, _), choice) in datasets.iter().zip(choices) {
			let snapshot = match choice {
				Some(index) => {
					T::Datasets::snapshot(*dataset_id, *index).ok_or(Error::<T>::UnknownSnapshot)?
				},
				None => T::Datasets::snapshot_now(owner, *dataset_id)?,
			};
			snapshots.push((snapshot.index, snapshot.leaf_count));
		}
		Ok(ModelVersion {
			number,
			version_hash,
			snapshots: BoundedVec::try_from(snapshots)
				.map_err(|_| Error::<T>::SnapshotsMismatch)?,
			published_at: frame_system::Pallet::<T>::block_number(),
		})
	}

	/// Keeps `version` in the history (dropping the oldest beyond `MaxVersions`) and announces it.
	pub(crate) fn record_version(model_id: ModelId, version: ModelVersion<T>) {
		if let Some(dropped) = version.number.checked_sub(T::MaxVersions::get()) {
			Versions::<T>::remove(model_id, dropped);
		}
		Self::deposit_event(Event::VersionPublished {
			model_id,
			number: version.number,
			version_hash: version.version_hash,
			snapshots: version.snapshots.clone(),
		});
		Versions::<T>::insert(model_id, version.number, version);
	}

	/// The datasets exist, are active, are named once each, weigh more than 0% and their weights
	/// sum to 100%.
	fn check_datasets(choices: &DatasetChoices<T>) -> DispatchResult {
		ensure!(!choices.is_empty(), Error::<T>::NoDatasets);
		let mut seen = BTreeSet::new();
		let mut total: u64 = 0;
		for choice in choices.iter() {
			ensure!(seen.insert(choice.dataset_id), Error::<T>::DuplicateDataset);
			ensure!(!choice.weight.is_zero(), Error::<T>::ZeroDatasetWeight);
			let dataset =
				T::Datasets::dataset(choice.dataset_id).ok_or(Error::<T>::UnknownDataset)?;
			ensure!(dataset.status == DatasetStatus::Active, Error::<T>::DatasetNotActive);
			total = total.saturating_add(u64::from(choice.weight.deconstruct()));
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
