//! Read-only queries served through the `ModelsApi` runtime API.

use crate::*;
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::ModelDetails;

impl<T: Config> Pallet<T> {
	/// A model with its version history.
	pub fn model_details(
		model_id: ModelId,
	) -> Option<ModelDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let model = Models::<T>::get(model_id)?;
		Some(ModelDetails {
			id: model_id,
			owner: model.owner,
			name: model.name.into_inner(),
			version_hash: model.version_hash,
			versions: Versions::<T>::get(model_id).into_inner(),
			datasets: model.datasets.into_inner(),
			fee_per_inference: model.fee_per_inference,
			split: model.split,
			status: model.status,
			operators: model.operators.into_inner(),
			deposit: model.deposit,
		})
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
}
