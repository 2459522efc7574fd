//! How the Lineage pallets see each other. Each pallet depends on these traits, not on the other
//! pallets, and the runtime wires the real implementations together.

use alloc::vec::Vec;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

use crate::{
	ContributionId, ContributionStatus, DatasetId, DatasetStatus, InferenceId, ModelId,
	ModelStatus, RevenueSplit,
};

/// A contribution as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ContributionRef<AccountId> {
	pub contributor: AccountId,
	pub dataset_id: DatasetId,
	pub units: u64,
	pub status: ContributionStatus,
}

/// A dataset as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DatasetRef<AccountId> {
	pub owner: AccountId,
	pub status: DatasetStatus,
	/// The sum of the units of its accepted (not withdrawn) contributions.
	pub accepted_units: u128,
}

/// Read access to datasets and contributions (implemented by pallet-datasets).
pub trait ContributionsProvider<AccountId> {
	/// The contribution `id`, if it exists.
	fn contribution(id: ContributionId) -> Option<ContributionRef<AccountId>>;
	/// The dataset `id`, if it exists.
	fn dataset(id: DatasetId) -> Option<DatasetRef<AccountId>>;
}

/// Told when a contribution starts or stops counting (implemented by pallet-attribution, which
/// keeps its reward positions in step). An error refuses the change that caused the call.
pub trait ContributionObserver<AccountId> {
	/// Whether a contribution of `contributor` to `dataset_id` could be accepted now; asked when
	/// a contribution waits for review, so that it is refused at once rather than stuck pending.
	fn can_accept(_dataset_id: DatasetId, _contributor: &AccountId) -> DispatchResult {
		Ok(())
	}
	/// `units` of `contributor` now count in `dataset_id`.
	fn on_contribution_accepted(
		dataset_id: DatasetId,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult;
	/// `units` of `contributor` no longer count in `dataset_id`.
	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult;
}

impl<AccountId> ContributionObserver<AccountId> for () {
	fn on_contribution_accepted(
		_: DatasetId,
		_: ContributionId,
		_: &AccountId,
		_: u64,
	) -> DispatchResult {
		Ok(())
	}
	fn on_contribution_withdrawn(
		_: DatasetId,
		_: ContributionId,
		_: &AccountId,
		_: u64,
	) -> DispatchResult {
		Ok(())
	}
}

/// The terms of a model that metering and payouts need.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ModelTerms<AccountId, Balance> {
	pub owner: AccountId,
	pub status: ModelStatus,
	pub fee_per_inference: Balance,
	pub split: RevenueSplit,
	/// The datasets the model was trained on, with weights summing to 100%.
	pub datasets: Vec<(DatasetId, Perbill)>,
}

/// Read access to models (implemented by pallet-models).
pub trait ModelsProvider<AccountId, Balance> {
	/// The terms of model `id`, if it exists.
	fn model_terms(id: ModelId) -> Option<ModelTerms<AccountId, Balance>>;
	/// Whether `who` may record inferences of model `id` (its owner or one of its operators).
	fn can_meter(id: ModelId, who: &AccountId) -> bool;
}

/// One paid inference to be attributed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct InferenceFee<'a, AccountId, Balance> {
	pub inference_id: InferenceId,
	pub model_id: ModelId,
	pub terms: &'a ModelTerms<AccountId, Balance>,
	/// The fee, already paid into [`FeeDistributor::pot_account`].
	pub fee: Balance,
	/// Explicit attribution: contributions (accepted, in one of the model's datasets) and the
	/// part of the contributors' share each gets; the parts sum to at most 100%.
	pub attribution: &'a [(ContributionId, Perbill)],
}

/// Where a fee went. `to_contributors + to_owner + to_protocol == fee`.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct FeeBreakdown<Balance> {
	pub to_contributors: Balance,
	pub to_owner: Balance,
	pub to_protocol: Balance,
}

/// Splits inference fees between contributors, model owners and the protocol (implemented by
/// pallet-attribution).
pub trait FeeDistributor<AccountId, Balance> {
	/// The account fees are paid into before [`Self::distribute`] is called.
	fn pot_account() -> AccountId;
	/// Credits the fee of one inference, already in the pot, according to the payout rule.
	fn distribute(
		fee: InferenceFee<'_, AccountId, Balance>,
	) -> Result<FeeBreakdown<Balance>, DispatchError>;
}
