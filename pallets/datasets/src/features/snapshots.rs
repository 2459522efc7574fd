//! Snapshots: a dataset's commitment at one moment, which model versions name as what they were
//! trained on. Each one closes the dataset's open epoch and opens the next.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use lineage_primitives::traits::{ContributionObserver, SnapshotRef};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// A snapshot of `dataset_id` at its current leaf count, paid by `who`: its latest snapshot
	/// if that has the same leaf count (nothing is paid then), else a new one.
	pub fn do_snapshot(
		who: &T::AccountId,
		dataset_id: DatasetId,
	) -> Result<SnapshotRef, DispatchError> {
		let mut dataset = Datasets::<T>::get(dataset_id).ok_or(Error::<T>::UnknownDataset)?;
		let commitment = Commitments::<T>::get(dataset_id);
		let leaf_count = commitment.frontier.leaf_count;
		if let Some(latest) = dataset.snapshot_count.checked_sub(1) {
			if let Some(snapshot) = Snapshots::<T>::get(dataset_id, latest) {
				if snapshot.leaf_count == leaf_count {
					return Ok(SnapshotRef { index: latest, leaf_count, root: snapshot.root });
				}
			}
		}
		let index = dataset.snapshot_count;
		ensure!(index < T::MaxSnapshots::get(), Error::<T>::TooManySnapshots);
		let fee = T::SnapshotFee::get();
		if !fee.is_zero() {
			T::Currency::transfer(who, &T::TreasuryAccount::get(), fee, Preservation::Preserve)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		let root = commitment.root;
		Snapshots::<T>::insert(
			dataset_id,
			index,
			Snapshot { leaf_count, root, taken_at: frame_system::Pallet::<T>::block_number() },
		);
		dataset.snapshot_count = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		T::ContributionObserver::on_epoch_opened(dataset_id, dataset.snapshot_count)?;
		Datasets::<T>::insert(dataset_id, dataset);
		Self::deposit_event(Event::SnapshotTaken {
			dataset_id,
			index,
			leaf_count,
			root,
			by: who.clone(),
		});
		Ok(SnapshotRef { index, leaf_count, root })
	}
}
