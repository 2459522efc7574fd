//! # Models pallet
//!
//! The registry of AI models built on Lineage datasets.
//!
//! A developer registers a model with the datasets it was trained on (with weights summing to
//! exactly 100%, none of them 0%), a fee per inference and a [`RevenueSplit`] between data
//! contributors, the model owner, the operator that runs each inference and the protocol. The split
//! must give contributors at least [`Config::MinContributorShare`]: the chain's promise that data
//! owners are always paid.
//!
//! - **Versions pay the data they were trained on.** Every version of a model (the one it is
//!   registered with, and each one published later) names, for each of its datasets, the dataset
//!   snapshot it was trained on: an existing one, or by default a new snapshot at the dataset's
//!   current leaf count, paid by the owner. A model owner who trains today and registers next week
//!   therefore snapshots today, and names that snapshot. Inferences are charged against the current
//!   version, and their pro-rata payouts go only to the contributions inside its snapshots.
//! - **Fees cannot jump on consumers.** A fee decrease takes effect at once; an increase is
//!   announced and takes effect [`Config::FeeChangeDelay`] blocks later (visible through the
//!   runtime API), so a model owner who sees a consumer's payment in the pool cannot raise the fee
//!   under it.
//!
//! The datasets and the split are the model's terms and never change after registration (new
//! terms need a new model). The owner may change the fee, the operators allowed to meter
//! inferences, publish new versions (the last [`Config::MaxVersions`] are kept) and pause,
//! reactivate or retire the model. Registering holds [`Config::ModelDeposit`], returned when the
//! model is retired; a retired model stays on record, for the payouts and revenue figures that
//! refer to it.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// Sets up what the benchmarks need from other pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates an active dataset owned by `owner`, with an accepted contribution that no
	/// snapshot covers yet (so that naming it takes a new snapshot: the worst case), and returns
	/// its id.
	fn create_dataset(owner: &AccountId) -> lineage_primitives::DatasetId;
	/// Adds an accepted contribution to `dataset_id` (so that naming it takes a new snapshot).
	fn grow_dataset(owner: &AccountId, dataset_id: lineage_primitives::DatasetId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use lineage_primitives::traits::{ContributionsProvider, DatasetSnapshots};
	use sp_runtime::Perbill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Held from the owner of each model until it is retired.
		#[pallet::constant]
		type ModelDeposit: Get<BalanceOf<Self>>;

		/// The least share of each fee that must go to data contributors.
		#[pallet::constant]
		type MinContributorShare: Get<Perbill>;

		/// The longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The most datasets a model may be trained on.
		#[pallet::constant]
		type MaxModelDatasets: Get<u32>;

		/// The most operators a model may have.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// How many versions of a model are kept (older ones are dropped).
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// How many blocks after its announcement a fee increase comes into force.
		#[pallet::constant]
		type FeeChangeDelay: Get<BlockNumberFor<Self>>;

		/// Where datasets are read and snapshotted (pallet-datasets).
		type Datasets: ContributionsProvider<Self::AccountId> + DatasetSnapshots<Self::AccountId>;

		/// Creates the datasets the benchmarks register models on.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a model.
		ModelDeposit,
	}

	/// The id the next model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Every registered model.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelId, Model<T>>;

	/// The versions of each model kept on record (the last `MaxVersions`, the current one
	/// included), by number.
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ModelId, Twox64Concat, VersionNumber, ModelVersion<T>>;

	/// The models of each owner.
	#[pallet::storage]
	pub type ModelsByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered, with its first version (number 0).
		ModelRegistered {
			model_id: ModelId,
			owner: T::AccountId,
			version_hash: sp_core::H256,
			fee_per_inference: BalanceOf<T>,
			split: RevenueSplit,
		},
		/// A model's fee changed, in force from now on.
		FeeChanged { model_id: ModelId, fee_per_inference: BalanceOf<T> },
		/// A fee increase was announced: in force from block `effective_at` on.
		FeeIncreaseAnnounced {
			model_id: ModelId,
			fee_per_inference: BalanceOf<T>,
			effective_at: BlockNumberFor<T>,
		},
		/// A model's operators were replaced.
		OperatorsSet { model_id: ModelId, operators: Operators<T> },
		/// A version of a model was published (number 0 at registration); each of its datasets'
		/// snapshot is in `snapshots`, in the order of the model's datasets.
		VersionPublished {
			model_id: ModelId,
			number: VersionNumber,
			version_hash: sp_core::H256,
			snapshots: VersionSnapshots<T>,
		},
		/// A model was paused, reactivated or retired.
		ModelStatusChanged { model_id: ModelId, status: ModelStatus },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no model with this id.
		UnknownModel,
		/// Only the model's owner may do this.
		NotModelOwner,
		/// A model must name at least one dataset.
		NoDatasets,
		/// A dataset does not exist.
		UnknownDataset,
		/// A dataset is frozen: no new models may be registered on it.
		DatasetNotActive,
		/// A dataset is named twice.
		DuplicateDataset,
		/// The dataset weights do not sum to exactly 100%.
		DatasetWeightsNotWhole,
		/// A dataset is weighted 0%: it would be named without ever being paid.
		ZeroDatasetWeight,
		/// A named snapshot does not exist.
		UnknownSnapshot,
		/// A version must name one snapshot per dataset of the model, or none.
		SnapshotsMismatch,
		/// The revenue split does not sum to exactly 100%.
		SplitNotWhole,
		/// The contributors' share is below `MinContributorShare`.
		ContributorShareTooLow,
		/// An operator is named twice.
		DuplicateOperator,
		/// The version is already the model's current one.
		VersionUnchanged,
		/// The model already has this status.
		StatusUnchanged,
		/// The model is retired: it can no longer change.
		ModelRetired,
		/// The account cannot afford the deposit.
		InsufficientBalance,
		/// No model or version ids are left.
		NoIdsLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxVersions::get() >= 1, "at least the current version must be kept");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a model owned by the caller, with its first version.
		///
		/// - Origin: any signed account; it becomes the owner.
		/// - `datasets`: existing, active datasets with weights above 0% summing to exactly 100%,
		///   each with the snapshot the model was trained on (`None`: a new one at the current
		///   leaf count, for which the caller pays the snapshot fee unless nothing was accepted
		///   since the latest); `split`: summing to exactly 100%, with `contributors >=
		///   MinContributorShare`.
		/// - Holds `ModelDeposit`. The new id is the next `u32`, from 0.
		/// - Emits `ModelRegistered` and `VersionPublished`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(datasets.len() as u32))]
		pub fn register_model(
			origin: OriginFor<T>,
			name: ModelName<T>,
			version_hash: sp_core::H256,
			datasets: DatasetChoices<T>,
			fee_per_inference: BalanceOf<T>,
			split: RevenueSplit,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register(owner, name, version_hash, datasets, fee_per_inference, split)
				.map(|_| ())
		}

		/// Changes the fee of future inferences: a decrease at once (cancelling an announced
		/// increase), an increase `FeeChangeDelay` blocks from now.
		///
		/// - Origin: the model's owner.
		/// - Emits `FeeChanged` or `FeeIncreaseAnnounced`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_fee())]
		pub fn set_fee(
			origin: OriginFor<T>,
			model_id: ModelId,
			fee_per_inference: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_fee(&owner, model_id, fee_per_inference)
		}

		/// Replaces the accounts (besides the owner) that may record the model's inferences.
		/// Consumers who authorised the model before accept only the operators they named (by
		/// default those of that moment).
		///
		/// - Origin: the model's owner. At most `MaxOperators`, no duplicates.
		/// - Emits `OperatorsSet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_operators(operators.len() as u32))]
		pub fn set_operators(
			origin: OriginFor<T>,
			model_id: ModelId,
			operators: Operators<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_operators(&owner, model_id, operators)
		}

		/// Publishes a new version of the model, which inferences are charged against from now
		/// on: for each of the model's datasets, in the order of its terms, the snapshot it was
		/// trained on (`None`, or an empty list for all: a new one at the current leaf count, paid
		/// by the owner). The oldest kept version is dropped when `MaxVersions` are kept already.
		///
		/// - Origin: the model's owner.
		/// - Emits `VersionPublished`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::publish_version(T::MaxModelDatasets::get()))]
		pub fn publish_version(
			origin: OriginFor<T>,
			model_id: ModelId,
			version_hash: sp_core::H256,
			snapshots: SnapshotChoices<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_publish_version(&owner, model_id, version_hash, snapshots)
		}

		/// Pauses (`Paused`), reactivates (`Active`) or retires (`Retired`, final: the deposit is
		/// returned) the model.
		///
		/// - Origin: the model's owner.
		/// - Emits `ModelStatusChanged`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_model_status())]
		pub fn set_model_status(
			origin: OriginFor<T>,
			model_id: ModelId,
			status: ModelStatus,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_status(&owner, model_id, status)
		}
	}
}
