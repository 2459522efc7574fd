//! How other pallets see datasets and contributions.

use crate::*;
use lineage_primitives::traits::{ContributionRef, ContributionsProvider, DatasetRef};

impl<T: Config> ContributionsProvider<T::AccountId> for Pallet<T> {
	fn contribution(id: ContributionId) -> Option<ContributionRef<T::AccountId>> {
		Contributions::<T>::get(id).map(|c| ContributionRef {
			contributor: c.contributor,
			dataset_id: c.dataset_id,
			units: c.units,
			status: c.status,
		})
	}

	fn dataset(id: DatasetId) -> Option<DatasetRef<T::AccountId>> {
		Datasets::<T>::get(id).map(|d| DatasetRef {
			owner: d.owner,
			status: d.status,
			accepted_units: d.accepted_units,
		})
	}
}
