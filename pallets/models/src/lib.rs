//! # Models pallet
//!
//! The registry of AI models built on Lineage datasets.
//!
//! A developer registers a model with its version hash, the datasets it was trained on (with
//! weights summing to exactly 100%), a fee per inference and a [`RevenueSplit`] between data
//! contributors, the model owner and the protocol. The split must give contributors at least
//! [`Config::MinContributorShare`]: the chain's promise that data owners are always paid.
//!
//! The datasets and the split are the model's terms and never change after registration (new
//! terms need a new model). The owner may change the fee, the operators allowed to meter
//! inferences, publish new versions (a bounded history is kept) and pause, reactivate or retire
//! the model. Registering holds [`Config::ModelDeposit`], returned when the model is retired;
//! a retired model stays on record, for the payouts and revenue figures that refer to it.
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
	/// Creates an active dataset owned by `owner` and returns its id.
	fn create_dataset(owner: &AccountId) -> lineage_primitives::DatasetId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use lineage_primitives::traits::ContributionsProvider;
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

		/// Where datasets are read from (pallet-datasets).
		type Datasets: ContributionsProvider<Self::AccountId>;

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

	/// The published versions of each model, oldest first (at most `MaxVersions`).
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, VersionHistory<T>, ValueQuery>;

	/// The models of each owner.
	#[pallet::storage]
	pub type ModelsByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered {
			model_id: ModelId,
			owner: T::AccountId,
			version_hash: sp_core::H256,
			fee_per_inference: BalanceOf<T>,
			split: RevenueSplit,
		},
		/// A model's fee changed.
		FeeChanged { model_id: ModelId, fee_per_inference: BalanceOf<T> },
		/// A model's operators were replaced.
		OperatorsSet { model_id: ModelId, operators: Operators<T> },
		/// A new version of a model was published.
		VersionPublished { model_id: ModelId, version_hash: sp_core::H256 },
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
		/// No model ids are left.
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
		/// Registers a model owned by the caller.
		///
		/// - Origin: any signed account; it becomes the owner.
		/// - `datasets`: existing, active datasets with weights summing to exactly 100%;
		///   `split`: summing to exactly 100%, with `contributors >= MinContributorShare`.
		/// - Holds `ModelDeposit`. The new id is the next `u32`, from 0.
		/// - Emits `ModelRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(datasets.len() as u32))]
		pub fn register_model(
			origin: OriginFor<T>,
			name: ModelName<T>,
			version_hash: sp_core::H256,
			datasets: ModelDatasets<T>,
			fee_per_inference: BalanceOf<T>,
			split: RevenueSplit,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register(owner, name, version_hash, datasets, fee_per_inference, split)
				.map(|_| ())
		}

		/// Changes the fee of future inferences.
		///
		/// - Origin: the model's owner. Consumers are protected by their own
		///   `max_fee_per_inference`.
		/// - Emits `FeeChanged`.
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

		/// Publishes a new version of the model; the oldest kept version is dropped when
		/// `MaxVersions` are kept already.
		///
		/// - Origin: the model's owner.
		/// - Emits `VersionPublished`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::publish_version())]
		pub fn publish_version(
			origin: OriginFor<T>,
			model_id: ModelId,
			version_hash: sp_core::H256,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_publish_version(&owner, model_id, version_hash)
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
