//! How other pallets see models.

use crate::*;
use lineage_primitives::traits::{DatasetTerms, ModelTerms, ModelsProvider};

impl<T: Config> ModelsProvider<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn model_terms(id: ModelId) -> Option<ModelTerms<T::AccountId, BalanceOf<T>>> {
		let model = Models::<T>::get(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		Some(ModelTerms {
			fee_per_inference: model.fee_at(now),
			owner: model.owner,
			status: model.status,
			split: model.split,
			operators: model.operators.into_inner(),
			version: model.current.number,
			datasets: model
				.datasets
				.iter()
				.zip(model.current.snapshots.iter())
				.map(|((dataset_id, weight), (snapshot, leaf_count))| DatasetTerms {
					dataset_id: *dataset_id,
					weight: *weight,
					snapshot: *snapshot,
					leaf_count: *leaf_count,
				})
				.collect(),
		})
	}
}

impl<T: Config> lineage_primitives::traits::OperatorRegistry<T::AccountId> for Pallet<T> {
	fn remove_operator(id: ModelId, who: &T::AccountId) -> sp_runtime::DispatchResult {
		Self::do_remove_operator(id, who)
	}
}
