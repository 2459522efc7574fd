//! The attribution pallet as the fee distributor of pallet-inference and the contribution
//! observer of pallet-datasets.

use crate::*;
use lineage_primitives::traits::{
	ContributionObserver, FeeBreakdown, FeeDistributor, InferenceFee,
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> FeeDistributor<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn pot_account() -> T::AccountId {
		Self::pot()
	}

	fn distribute(
		fee: InferenceFee<'_, T::AccountId, BalanceOf<T>>,
	) -> Result<FeeBreakdown<BalanceOf<T>>, DispatchError> {
		Self::do_distribute(fee)
	}
}

impl<T: Config> ContributionObserver<T::AccountId> for Pallet<T> {
	fn can_accept(dataset_id: DatasetId, contributor: &T::AccountId) -> DispatchResult {
		Self::ensure_position_possible(contributor, dataset_id)
	}

	fn on_contribution_accepted(
		dataset_id: DatasetId,
		_contribution_id: ContributionId,
		contributor: &T::AccountId,
		units: u64,
	) -> DispatchResult {
		Self::do_add_units(contributor, dataset_id, units)
	}

	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		_contribution_id: ContributionId,
		contributor: &T::AccountId,
		units: u64,
	) -> DispatchResult {
		Self::do_remove_units(contributor, dataset_id, units)
	}
}
