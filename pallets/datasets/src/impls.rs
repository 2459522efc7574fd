//! How other pallets see datasets and contributions, and take snapshots.

use crate::*;
use lineage_primitives::traits::{
	ContributionRef, ContributionsProvider, DatasetRef, DatasetSnapshots, SnapshotRef,
};
use sp_runtime::DispatchError;

impl<T: Config> ContributionsProvider<T::AccountId> for Pallet<T> {
	fn contribution(id: ContributionId) -> Option<ContributionRef<T::AccountId>> {
		Contributions::<T>::get(id).map(|c| ContributionRef {
			contributor: c.contributor,
			dataset_id: c.dataset_id,
			units: c.units,
			status: c.status,
			leaf_index: c.leaf_index,
		})
	}

	fn dataset(id: DatasetId) -> Option<DatasetRef<T::AccountId>> {
		Datasets::<T>::get(id).map(|d| DatasetRef {
			owner: d.owner,
			status: d.status,
			accepted_units: d.accepted_units,
			snapshot_count: d.snapshot_count,
		})
	}

	fn snapshot(dataset_id: DatasetId, index: SnapshotIndex) -> Option<SnapshotRef> {
		Snapshots::<T>::get(dataset_id, index).map(|s| SnapshotRef {
			index,
			leaf_count: s.leaf_count,
			root: s.root,
		})
	}
}

impl<T: Config> DatasetSnapshots<T::AccountId> for Pallet<T> {
	fn snapshot_now(
		payer: &T::AccountId,
		dataset_id: DatasetId,
	) -> Result<SnapshotRef, DispatchError> {
		Self::do_snapshot(payer, dataset_id)
	}
}
