//! Read-only queries served through the `ModelsApi` runtime API.

use crate::*;
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::{ModelDetails, ModelVersionDetails};

impl<T: Config> Pallet<T> {
	/// A model with its current fee, any announced increase, and its kept versions.
	pub fn model_details(
		model_id: ModelId,
	) -> Option<ModelDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let model = Models::<T>::get(model_id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let details = |v: &ModelVersion<T>| Self::version_details(&model, v);
		let mut versions: Vec<_> =
			Versions::<T>::iter_prefix_values(model_id).map(|v| details(&v)).collect();
		versions.sort_by_key(|v| v.number);
		Some(ModelDetails {
			id: model_id,
			owner: model.owner.clone(),
			name: model.name.clone().into_inner(),
			current_version: details(&model.current),
			versions,
			datasets: model.datasets.clone().into_inner(),
			fee_per_inference: model.fee_at(now),
			pending_fee: model.pending_fee.filter(|p| now < p.effective_at),
			split: model.split,
			status: model.status,
			operators: model.operators.clone().into_inner(),
			deposit: model.deposit,
		})
	}

	/// Version `number` of a model, while it is kept.
	pub fn version_of(
		model_id: ModelId,
		number: VersionNumber,
	) -> Option<ModelVersionDetails<BlockNumberFor<T>>> {
		let model = Models::<T>::get(model_id)?;
		Versions::<T>::get(model_id, number).map(|v| Self::version_details(&model, &v))
	}

	fn version_details(
		model: &Model<T>,
		version: &ModelVersion<T>,
	) -> ModelVersionDetails<BlockNumberFor<T>> {
		ModelVersionDetails {
			number: version.number,
			version_hash: version.version_hash,
			snapshots: model
				.datasets
				.iter()
				.zip(version.snapshots.iter())
				.map(|((dataset_id, _), (snapshot, leaf_count))| {
					(*dataset_id, *snapshot, *leaf_count)
				})
				.collect(),
			published_at: version.published_at,
		}
	}

	/// Up to `limit` (at most 1000) of the ids of the models `owner` registered, in storage
	/// order, starting after `start_after` (the last id of the previous page), with the id to
	/// pass for the next page, if any.
	pub fn models_of(
		owner: T::AccountId,
		start_after: Option<ModelId>,
		limit: u32,
	) -> (Vec<ModelId>, Option<ModelId>) {
		const MAX_PAGE: u32 = 1000;
		let limit = limit.min(MAX_PAGE) as usize;
		let mut iter = match start_after {
			Some(last) => ModelsByOwner::<T>::iter_key_prefix_from(
				&owner,
				ModelsByOwner::<T>::hashed_key_for(&owner, last),
			),
			None => ModelsByOwner::<T>::iter_key_prefix(&owner),
		};
		let page: Vec<_> = iter.by_ref().take(limit).collect();
		let next = if iter.next().is_some() { page.last().copied() } else { None };
		(page, next)
	}

	/// Up to `limit` (at most 1000) model ids from `start` on, with the id to pass for the next
	/// page, if any (for clients listing every model).
	pub fn model_ids(start: ModelId, limit: u32) -> (Vec<ModelId>, Option<ModelId>) {
		let end = NextModelId::<T>::get();
		let limit = limit.min(1000);
		let stop = start.saturating_add(limit).min(end);
		let page: Vec<_> = (start..stop).filter(|id| Models::<T>::contains_key(id)).collect();
		(page, (stop < end).then_some(stop))
	}
}
