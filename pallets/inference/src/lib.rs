//! # Inference pallet
//!
//! Consumer-authorised metering of model inferences.
//!
//! A consumer never pays more than it agreed to, and an operator can charge only consumers who
//! authorised that model:
//! - [`Pallet::authorize`] puts up to `max_total` of the consumer's funds on hold for one model,
//!   with a cap per inference; [`Pallet::revoke`] releases what is left.
//! - [`Pallet::record_inferences`]: the model's owner or one of its operators reports a batch of
//!   inferences. Each is charged the model's current fee, which must be within the consumer's
//!   per-inference cap and remaining allowance. The fee moves from the consumer's hold into the
//!   attribution pot and is distributed at once by [`Config::Distributor`]. The batch is atomic:
//!   one bad record refuses the whole batch with a named error.
//! - [`Pallet::pay_inference`]: a consumer pays for one inference directly, without an
//!   authorisation.
//!
//! ## What is stored, and for how long
//! Payouts are settled when an inference is recorded, so nothing per inference is needed for
//! them afterwards. For disputes and to refuse a replayed request, each inference keeps an
//! [`InferenceSummary`] (model, consumer, fee, request and output hashes, block) and its
//! (consumer, model, request) key for [`Config::RetentionPeriod`] blocks. Expired ones are removed
//! oldest first by `on_idle` (at most [`Config::MaxPrunePerBlock`] per block, with spare weight)
//! and by every write, which removes up to as many expired inferences as it records, so they
//! cannot pile up even when blocks are full. Storage therefore holds the inferences of the
//! retention window, not all of history. The attribution of
//! each inference is in the events (`InferenceRecorded` here, the credits in pallet-attribution).
//! A request id is refused again only within the retention window: consumers must use unique
//! request ids (a nonce or timestamp in them), and their authorisations cap what any operator can
//! charge in any case.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
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
	/// Registers an active model owned by `owner` on as many datasets as a model may have, the
	/// first of which has `contributors` accepted contributions from distinct accounts, and
	/// returns the model and `attributions` accepted contribution ids of its datasets.
	fn model_with_contributors(
		owner: &AccountId,
		contributors: u32,
		attributions: u32,
	) -> (ModelId, alloc::vec::Vec<ContributionId>);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use lineage_primitives::traits::{ContributionsProvider, FeeDistributor, ModelsProvider};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees are paid in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where models are read from (pallet-models).
		type Models: ModelsProvider<Self::AccountId, BalanceOf<Self>>;

		/// Where contributions are read from (pallet-datasets).
		type Contributions: ContributionsProvider<Self::AccountId>;

		/// Receives and distributes every fee (pallet-attribution).
		type Distributor: FeeDistributor<Self::AccountId, BalanceOf<Self>>;

		/// The most inferences one `record_inferences` may carry.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The most contributions one inference may be attributed to.
		#[pallet::constant]
		type MaxAttributions: Get<u32>;

		/// How many blocks an inference's summary and request id are kept.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The most expired inferences removed per block.
		#[pallet::constant]
		type MaxPrunePerBlock: Get<u32>;

		/// Held from a consumer for each authorisation it keeps (the storage it takes), on top
		/// of the allowance; returned by `revoke`.
		#[pallet::constant]
		type AuthorizationDeposit: Get<BalanceOf<Self>>;

		/// Registers the models the benchmarks meter.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A consumer's allowance for a model's inferences.
		InferenceAllowance,
		/// The deposit for keeping an authorisation.
		AuthorizationDeposit,
	}

	/// Each consumer's authorisation per model.
	#[pallet::storage]
	pub type Authorizations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ModelId,
		Authorization<T>,
	>;

	/// The id the next inference gets.
	#[pallet::storage]
	pub type NextInferenceId<T> = StorageValue<_, InferenceId, ValueQuery>;

	/// The oldest inference not yet removed: everything below it has expired and been pruned.
	#[pallet::storage]
	pub type OldestInference<T> = StorageValue<_, InferenceId, ValueQuery>;

	/// Inferences recorded within the retention period.
	#[pallet::storage]
	pub type Inferences<T: Config> = StorageMap<_, Twox64Concat, InferenceId, InferenceSummary<T>>;

	/// The inference of each (consumer, model, request) within the retention period.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, ModelId>,
			NMapKey<Blake2_128Concat, sp_core::H256>,
		),
		InferenceId,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consumer authorised a model to charge up to `max_total` (now on hold).
		Authorized {
			consumer: T::AccountId,
			model_id: ModelId,
			max_total: BalanceOf<T>,
			max_fee_per_inference: BalanceOf<T>,
		},
		/// A consumer revoked an authorisation; `released` went back to its free balance.
		Revoked { consumer: T::AccountId, model_id: ModelId, released: BalanceOf<T> },
		/// An inference was paid for and attributed.
		InferenceRecorded {
			inference_id: InferenceId,
			model_id: ModelId,
			consumer: T::AccountId,
			fee: BalanceOf<T>,
			output_hash: sp_core::H256,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no model with this id.
		UnknownModel,
		/// The model is paused or retired.
		ModelNotActive,
		/// The model is retired: it can not be authorised.
		ModelRetired,
		/// Only the model's owner or one of its operators may record its inferences.
		NotOperator,
		/// The consumer has not authorised this model.
		NotAuthorized,
		/// The model's fee is above the consumer's cap per inference.
		FeeAboveLimit,
		/// The consumer's remaining allowance does not cover the fee.
		AllowanceExhausted,
		/// An allowance must be more than zero (use `revoke` to end one).
		ZeroAllowance,
		/// This request of this consumer was already charged for this model.
		DuplicateRequest,
		/// A batch must carry at least one inference.
		EmptyBatch,
		/// The attribution weights sum to more than 100%.
		AttributionOverWhole,
		/// A contribution is attributed twice in one inference.
		DuplicateAttribution,
		/// An attributed contribution does not exist.
		UnknownContribution,
		/// An attributed contribution is not accepted (pending or withdrawn).
		ContributionNotAccepted,
		/// An attributed contribution is not in any of the model's datasets.
		ContributionNotInModel,
		/// The account cannot afford this.
		InsufficientBalance,
		/// No inference ids are left.
		NoIdsLeft,
		/// A balance would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::prune_expired(now, remaining_weight)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorises a model to charge the caller: `max_total` of the caller's funds are held for
		/// it, and no single inference may cost more than `max_fee_per_inference`.
		///
		/// - Origin: the consumer. The model must exist and not be retired.
		/// - A new authorisation also holds `AuthorizationDeposit`, returned by `revoke`.
		/// - An existing authorisation is replaced: its remaining allowance becomes `max_total`
		///   (holding more or releasing the difference); what was spent stays recorded.
		/// - Emits `Authorized`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::authorize())]
		pub fn authorize(
			origin: OriginFor<T>,
			model_id: ModelId,
			max_total: BalanceOf<T>,
			max_fee_per_inference: BalanceOf<T>,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_authorize(&consumer, model_id, max_total, max_fee_per_inference)
		}

		/// Ends the caller's authorisation of a model and releases what is left of it, and its
		/// deposit.
		///
		/// - Origin: the consumer.
		/// - Emits `Revoked`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, model_id: ModelId) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_revoke(&consumer, model_id)
		}

		/// Records and charges a batch of inferences of an active model, all or nothing.
		///
		/// - Origin: the model's owner or one of its operators.
		/// - Each record charges its consumer the model's current fee from their authorisation
		///   and distributes it (pallet-attribution); see the pallet docs for every check.
		/// - Emits `InferenceRecorded` per record.
		#[pallet::call_index(2)]
		// The attribution component is the longest attribution in the batch: its benchmark
		// varies it with a full batch of records that each carry that many, so it covers the
		// batch's total. Pruning on write removes up to one expired inference per record.
		#[pallet::weight(T::WeightInfo::record_inferences(
			records.len() as u32,
			records.iter().map(|r| r.attribution.len() as u32).max().unwrap_or(0),
		).saturating_add(T::WeightInfo::prune(records.len() as u32)))]
		pub fn record_inferences(
			origin: OriginFor<T>,
			model_id: ModelId,
			records: InferenceBatch<T>,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_record_inferences(&operator, model_id, records)
		}

		/// Pays for one inference of an active model directly from the caller's free balance,
		/// without an authorisation.
		///
		/// - Origin: the consumer.
		/// - Same request, attribution and distribution rules as `record_inferences`.
		/// - Emits `InferenceRecorded`.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::pay_inference(attribution.len() as u32)
				.saturating_add(T::WeightInfo::prune(1))
		)]
		pub fn pay_inference(
			origin: OriginFor<T>,
			model_id: ModelId,
			request_hash: sp_core::H256,
			output_hash: sp_core::H256,
			attribution: Attribution<T>,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_pay_inference(&consumer, model_id, request_hash, output_hash, attribution)
		}
	}
}
