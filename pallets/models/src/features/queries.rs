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

	/// The ids of the models `owner` registered (at most 1000).
	pub fn models_of(owner: T::AccountId) -> Vec<ModelId> {
		ModelsByOwner::<T>::iter_key_prefix(owner).take(1000).collect()
	}
}
