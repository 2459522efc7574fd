//! How other pallets see models.

use crate::*;
use lineage_primitives::traits::{ModelTerms, ModelsProvider};

impl<T: Config> ModelsProvider<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn model_terms(id: ModelId) -> Option<ModelTerms<T::AccountId, BalanceOf<T>>> {
		Models::<T>::get(id).map(|m| ModelTerms {
			owner: m.owner,
			status: m.status,
			fee_per_inference: m.fee_per_inference,
			split: m.split,
			datasets: m.datasets.into_inner(),
		})
	}

	fn can_meter(id: ModelId, who: &T::AccountId) -> bool {
		Models::<T>::get(id).is_some_and(|m| &m.owner == who || m.operators.contains(who))
	}
}
