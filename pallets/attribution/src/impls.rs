//! The attribution pallet as the fee distributor of pallet-inference and the contribution
//! observer of pallet-datasets.

use crate::*;
use lineage_primitives::traits::{
	ContributionObserver, FeeDistributor, InferenceCharge, ModelTerms,
};
use sp_runtime::DispatchResult;

impl<T: Config> FeeDistributor<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn pot_account() -> T::AccountId {
		Self::pot()
	}

	fn distribute(
		model_id: ModelId,
		terms: &ModelTerms<T::AccountId, BalanceOf<T>>,
		charges: &[InferenceCharge<T::AccountId, BalanceOf<T>>],
	) -> DispatchResult {
		Self::do_distribute(model_id, terms, charges)
	}
}

impl<T: Config> ContributionObserver<T::AccountId> for Pallet<T> {
	fn can_accept(
		dataset_id: DatasetId,
		epoch: Epoch,
		contributor: &T::AccountId,
	) -> DispatchResult {
		Self::ensure_position_possible(contributor, dataset_id, epoch)
	}

	fn on_contribution_accepted(
		dataset_id: DatasetId,
		epoch: Epoch,
		_contribution_id: ContributionId,
		contributor: &T::AccountId,
		units: u64,
	) -> DispatchResult {
		Self::do_add_units(contributor, dataset_id, epoch, units)
	}

	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		epoch: Epoch,
		_contribution_id: ContributionId,
		contributor: &T::AccountId,
		units: u64,
	) -> DispatchResult {
		Self::do_remove_units(contributor, dataset_id, epoch, units)
	}

	fn on_epoch_opened(dataset_id: DatasetId, new_epoch: Epoch) -> DispatchResult {
		Self::do_open_epoch(dataset_id, new_epoch)
	}
}
