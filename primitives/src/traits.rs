//! How the Lineage pallets see each other. Each pallet depends on these traits, not on the other
//! pallets, and the runtime wires the real implementations together.

use alloc::vec::Vec;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

use crate::{
	ContributionId, ContributionStatus, DatasetId, DatasetStatus, Epoch, InferenceId, ModelId,
	ModelStatus, RevenueSplit, SnapshotIndex, VersionNumber,
};

/// A contribution as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ContributionRef<AccountId> {
	pub contributor: AccountId,
	pub dataset_id: DatasetId,
	pub units: u64,
	pub status: ContributionStatus,
	/// Its leaf in the dataset's commitment, once accepted: a snapshot of `n` leaves covers it
	/// if `leaf_index < n`.
	pub leaf_index: Option<u64>,
}

/// A dataset as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DatasetRef<AccountId> {
	pub owner: AccountId,
	pub status: DatasetStatus,
	/// The sum of the units of its accepted (not withdrawn) contributions.
	pub accepted_units: u128,
	/// How many snapshots it has.
	pub snapshot_count: u32,
}

/// A snapshot of a dataset as other pallets see it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SnapshotRef {
	pub index: SnapshotIndex,
	/// How many leaves the dataset's commitment had.
	pub leaf_count: u64,
	pub root: H256,
}

/// Read access to datasets and contributions (implemented by pallet-datasets).
pub trait ContributionsProvider<AccountId> {
	/// The contribution `id`, if it exists.
	fn contribution(id: ContributionId) -> Option<ContributionRef<AccountId>>;
	/// The dataset `id`, if it exists.
	fn dataset(id: DatasetId) -> Option<DatasetRef<AccountId>>;
	/// Snapshot `index` of dataset `dataset_id`, if it exists.
	fn snapshot(dataset_id: DatasetId, index: SnapshotIndex) -> Option<SnapshotRef>;
}

/// Taking snapshots of datasets on behalf of another pallet (implemented by pallet-datasets).
pub trait DatasetSnapshots<AccountId> {
	/// A snapshot of `dataset_id` at its current leaf count: its latest snapshot if that has
	/// the same count, else a new one, for which `payer` pays the snapshot fee.
	fn snapshot_now(payer: &AccountId, dataset_id: DatasetId)
		-> Result<SnapshotRef, DispatchError>;
}

/// Told when a contribution starts or stops counting, and when a dataset's epochs change
/// (implemented by pallet-attribution, which keeps its reward positions in step). An error
/// refuses the change that caused the call.
pub trait ContributionObserver<AccountId> {
	/// Whether a contribution of `contributor` to `dataset_id` could be accepted now, in epoch
	/// `epoch`; asked when a contribution waits for review, so that it is refused at once rather
	/// than stuck pending.
	fn can_accept(
		_dataset_id: DatasetId,
		_epoch: Epoch,
		_contributor: &AccountId,
	) -> DispatchResult {
		Ok(())
	}
	/// `units` of `contributor` now count in `dataset_id`, in epoch `epoch`: those of one
	/// contribution, or of a whole batch accepted at once (its records share the contributor,
	/// the dataset and the epoch), reported once with its first contribution's id.
	fn on_contribution_accepted(
		dataset_id: DatasetId,
		epoch: Epoch,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult;
	/// `units` of `contributor` in epoch `epoch` of `dataset_id` no longer count.
	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		epoch: Epoch,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult;
	/// A snapshot of `dataset_id` was taken: epoch `new_epoch` (its number) is now open.
	fn on_epoch_opened(_dataset_id: DatasetId, _new_epoch: Epoch) -> DispatchResult {
		Ok(())
	}
}

impl<AccountId> ContributionObserver<AccountId> for () {
	fn on_contribution_accepted(
		_: DatasetId,
		_: Epoch,
		_: ContributionId,
		_: &AccountId,
		_: u64,
	) -> DispatchResult {
		Ok(())
	}
	fn on_contribution_withdrawn(
		_: DatasetId,
		_: Epoch,
		_: ContributionId,
		_: &AccountId,
		_: u64,
	) -> DispatchResult {
		Ok(())
	}
}

/// One of a model version's datasets, as payouts need it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DatasetTerms {
	pub dataset_id: DatasetId,
	/// Its share of the contributors' part that explicit attribution leaves.
	pub weight: Perbill,
	/// The snapshot the version was trained on: its pro-rata payouts go to epochs
	/// `0..=snapshot`.
	pub snapshot: SnapshotIndex,
	/// The leaf count of that snapshot: explicit attribution must name a leaf below it.
	pub leaf_count: u64,
}

/// Everything metering and payouts need of a model, read once per batch.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ModelTerms<AccountId, Balance> {
	pub owner: AccountId,
	pub status: ModelStatus,
	/// The fee in force now (an announced increase counts once its delay has passed).
	pub fee_per_inference: Balance,
	pub split: RevenueSplit,
	/// The accounts besides the owner that may record its inferences.
	pub operators: Vec<AccountId>,
	/// The current version: inferences are charged against it.
	pub version: VersionNumber,
	/// The datasets it was trained on, with the current version's snapshots.
	pub datasets: Vec<DatasetTerms>,
}

impl<AccountId: PartialEq, Balance> ModelTerms<AccountId, Balance> {
	/// Whether `who` may record the model's inferences (its owner or one of its operators).
	pub fn can_meter(&self, who: &AccountId) -> bool {
		&self.owner == who || self.operators.contains(who)
	}

	/// The terms of `dataset_id`, if the model was trained on it.
	pub fn dataset(&self, dataset_id: DatasetId) -> Option<&DatasetTerms> {
		self.datasets.iter().find(|d| d.dataset_id == dataset_id)
	}
}

/// Read access to models (implemented by pallet-models).
pub trait ModelsProvider<AccountId, Balance> {
	/// The terms of model `id` as they apply now, if it exists.
	fn model_terms(id: ModelId) -> Option<ModelTerms<AccountId, Balance>>;
}

/// Removing an operator from a model (implemented by pallet-models), when a dispute finds its
/// attribution false.
pub trait OperatorRegistry<AccountId> {
	/// `who` may no longer record the inferences of model `id` (nothing happens if it could
	/// not; a model's owner stays its owner).
	fn remove_operator(id: ModelId, who: &AccountId) -> DispatchResult;
}

/// One explicit attribution entry of an inference, with the contributor it pays (read once, by
/// the pallet that checked the entry).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AttributionEntry<AccountId> {
	pub contribution_id: ContributionId,
	pub contributor: AccountId,
	/// The part of the contributors' share it gets.
	pub weight: Perbill,
}

/// One paid inference to be split.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct InferenceCharge<AccountId, Balance> {
	pub inference_id: InferenceId,
	/// The fee, already paid into [`FeeDistributor::pot_account`].
	pub fee: Balance,
	/// Who is paid the operator share: the account that recorded the inference.
	pub operator: AccountId,
	/// Checked explicit attribution: accepted contributions inside the version's snapshots, of
	/// none of the parties to the inference; the weights sum to at most 100%.
	pub attribution: Vec<AttributionEntry<AccountId>>,
}

/// Splits inference fees between contributors, model owners, operators and the protocol
/// (implemented by pallet-attribution).
pub trait FeeDistributor<AccountId, Balance> {
	/// The account fees are paid into before [`Self::distribute`] is called.
	fn pot_account() -> AccountId;
	/// Credits the fees of a batch of inferences of one model, already in the pot, according to
	/// the payout rule. All or nothing.
	fn distribute(
		model_id: ModelId,
		terms: &ModelTerms<AccountId, Balance>,
		charges: &[InferenceCharge<AccountId, Balance>],
	) -> DispatchResult;
}
