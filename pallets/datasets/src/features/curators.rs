//! Appointing and removing curators.

use crate::*;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Appoints `curator` to `owner`'s dataset (see `add_curator`).
	pub fn do_add_curator(
		owner: &T::AccountId,
		dataset_id: DatasetId,
		curator: T::AccountId,
	) -> DispatchResult {
		let mut dataset = Self::owned_dataset(owner, dataset_id)?;
		ensure!(!Curators::<T>::contains_key(dataset_id, &curator), Error::<T>::AlreadyCurator);
		ensure!(dataset.curator_count < T::MaxCurators::get(), Error::<T>::TooManyCurators);
		dataset.curator_count = dataset.curator_count.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Curators::<T>::insert(dataset_id, &curator, ());
		Datasets::<T>::insert(dataset_id, dataset);
		Self::deposit_event(Event::CuratorAdded { dataset_id, curator });
		Ok(())
	}

	/// Removes `curator` from `owner`'s dataset (see `remove_curator`).
	pub fn do_remove_curator(
		owner: &T::AccountId,
		dataset_id: DatasetId,
		curator: T::AccountId,
	) -> DispatchResult {
		let mut dataset = Self::owned_dataset(owner, dataset_id)?;
		ensure!(Curators::<T>::contains_key(dataset_id, &curator), Error::<T>::UnknownCurator);
		dataset.curator_count = dataset.curator_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
		Curators::<T>::remove(dataset_id, &curator);
		Datasets::<T>::insert(dataset_id, dataset);
		Self::deposit_event(Event::CuratorRemoved { dataset_id, curator });
		Ok(())
	}

	/// Whether `who` may review contributions to `dataset`.
	pub(crate) fn is_reviewer(
		who: &T::AccountId,
		dataset_id: DatasetId,
		dataset: &Dataset<T>,
	) -> bool {
		&dataset.owner == who || Curators::<T>::contains_key(dataset_id, who)
	}
}
