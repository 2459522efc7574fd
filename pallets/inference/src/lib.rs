//! # Inference pallet
//!
//! Metering of model inferences that consumers signed for, one by one.
//!
//! Every quantity that moves a consumer's money is signed by the consumer:
//! - [`Pallet::authorize`] puts up to `max_total` of the consumer's funds on hold for one model,
//!   with a cap per inference, and names the operators the consumer accepts charges from (by
//!   default the model's owner and operators at that moment: an operator added later cannot
//!   charge it). [`Pallet::revoke`] releases what is left and stops all charges at once.
//! - Each inference carries a **voucher** the consumer signed with the chain's own signature
//!   scheme ([`lineage_primitives::voucher`]): the chain's genesis hash, the model, the request,
//!   the most the consumer pays for it and the block from which it is void, at most
//!   [`Config::RetentionPeriod`] blocks ahead. [`Pallet::record_inferences`] (the model's owner or
//!   an accepted operator) refuses, with a named error, a voucher that is expired, wrongly signed,
//!   for another model or chain, or whose maximum fee is below the fee. A request is charged once:
//!   its id is kept for the retention period, longer than any voucher for it lives, so a pruned
//!   request can never be replayed. The batch is all or nothing.
//! - [`Pallet::pay_inference`]: a consumer pays for one inference directly, with the most it
//!   will pay (`max_fee`), so a fee raised under its transaction cannot take more.
//! - **No self-attribution.** Explicit attribution must name accepted contributions inside the
//!   serving version's snapshots, owned by none of the model owner, its operators and the consumer
//!   (who would get back what the chain promised to data owners).
//! - Each charge is split by [`Config::Distributor`] (pallet-attribution): data contributors,
//!   the model owner, the operator that recorded the inference (the compute provider; the owner
//!   for a direct payment) and the protocol.
//!
//! ## Disputes
//! The attribution an operator records is its word, backed by a bond: an operator (or owner)
//! recording explicit attribution for a model holds [`Config::OperatorBond`] for it. Anyone may
//! [`Pallet::challenge`] an attributed inference within [`Config::ChallengePeriod`] blocks,
//! holding [`Config::ChallengeBond`]; [`Config::DisputeOrigin`] upholds it (the operator's bond is
//! slashed by [`Config::DisputeSlash`], to the challenger and the treasury, and the operator loses
//! its role on the model) or rejects it (the challenger's bond goes to the operator). Unresolved
//! after [`Config::DisputeTimeout`], both bonds return.
//!
//! ## What is stored, and for how long
//! Payouts are settled when an inference is recorded, so nothing per inference is needed for
//! them afterwards. For disputes and to refuse a replayed request, each inference keeps an
//! [`InferenceSummary`] and its (consumer, model, request) key for [`Config::RetentionPeriod`]
//! blocks. Expired ones are removed oldest first by `on_idle` (at most
//! [`Config::MaxPrunePerBlock`] per block, with spare weight) and by every write, which removes up
//! to as many expired inferences as it records, so they cannot pile up even when blocks are full.
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
pub trait BenchmarkHelper<AccountId, Signature> {
	/// Registers an active model owned by `owner` on `datasets` datasets (at least one), each
	/// with accepted units and the deepest epoch tree a dataset can have (every inference then
	/// credits, and walks the longest path of, every pool: the worst case of the payout for that
	/// many datasets). Its first dataset has `contributors` accepted contributions from distinct
	/// accounts. Returns the model and `attributions` of those contributions, of distinct
	/// contributors, all inside the model's snapshots.
	fn model_with_contributors(
		owner: &AccountId,
		datasets: u32,
		contributors: u32,
		attributions: u32,
	) -> (ModelId, alloc::vec::Vec<ContributionId>);
	/// Registers an active model owned by `owner` on one dataset with `snapshots` snapshots (the
	/// model names the last), beside another dataset with `others` snapshots: the same total state
	/// for any split of `snapshots + others`.
	fn model_with_snapshots(owner: &AccountId, snapshots: u32, others: u32) -> ModelId;
	/// Makes `operators` the operators of `owner`'s model `model_id`.
	fn set_operators(owner: &AccountId, model_id: ModelId, operators: alloc::vec::Vec<AccountId>);
	/// A consumer account, distinct for each `index` and funded, that [`Self::sign`] signs for
	/// with a real key of the chain's scheme.
	fn consumer(index: u32) -> AccountId;
	/// `consumer`'s signature of `message`.
	fn sign(consumer: &AccountId, message: &[u8]) -> Signature;
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
	use sp_runtime::{
		traits::{IdentifyAccount, Verify},
		Perbill,
	};

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

		/// The signatures consumers sign vouchers with (the chain's `MultiSignature`).
		type Signature: Verify<Signer = Self::Signer> + Parameter + DecodeWithMemTracking;

		/// Who signs vouchers: identifies an account.
		type Signer: IdentifyAccount<AccountId = Self::AccountId>;

		/// Decides disputes about attribution (governance; Root on dev chains).
		type DisputeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Removes an operator whose attribution was found false from its model.
		type Operators: lineage_primitives::traits::OperatorRegistry<Self::AccountId>;

		/// The most inferences one `record_inferences` may carry.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The most contributions one inference may be attributed to.
		#[pallet::constant]
		type MaxAttributions: Get<u32>;

		/// The most attribution entries one `record_inferences` may carry in all (its weight is
		/// measured up to it).
		#[pallet::constant]
		type MaxBatchAttributions: Get<u32>;

		/// The most datasets a model may be trained on (the models pallet's bound): a metering
		/// call is charged for this many, and refunded for those its model does not have.
		#[pallet::constant]
		type MaxModelDatasets: Get<u32>;

		/// The most operators a consumer may name when authorising a model.
		#[pallet::constant]
		type MaxAcceptedOperators: Get<u32>;

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

		/// Held from each operator (or owner) that records explicit attribution for a model, while
		/// it does; slashed when a dispute about its attribution is upheld.
		#[pallet::constant]
		type OperatorBond: Get<BalanceOf<Self>>;

		/// Held from whoever challenges an inference, until the dispute ends.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// How many blocks after an inference it may be challenged (at most the retention period).
		#[pallet::constant]
		type ChallengePeriod: Get<BlockNumberFor<Self>>;

		/// How many blocks a dispute may stay open before both bonds return.
		#[pallet::constant]
		type DisputeTimeout: Get<BlockNumberFor<Self>>;

		/// The part of the operator's bond an upheld dispute slashes; half of it goes to the
		/// challenger, the rest to the treasury.
		#[pallet::constant]
		type DisputeSlash: Get<Perbill>;

		/// Receives the treasury's part of slashed bonds.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// The most disputes open at once.
		#[pallet::constant]
		type MaxOpenDisputes: Get<u32>;

		/// Registers the models the benchmarks meter and signs their vouchers.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Signature>;

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
		/// An operator's bond for the attribution it records.
		OperatorBond,
		/// A challenger's bond for a dispute.
		ChallengeBond,
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

	/// The bond each account holds for the attribution it records for each model, and the last
	/// block it recorded attributed inferences in (it may leave `ChallengePeriod` after).
	#[pallet::storage]
	pub type OperatorBonds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Blake2_128Concat,
		T::AccountId,
		OperatorBondOf<T>,
	>;

	/// Open disputes, by the inference they are about.
	#[pallet::storage]
	pub type Disputes<T: Config> = StorageMap<_, Twox64Concat, InferenceId, DisputeOf<T>>;

	/// How many disputes are open (at most `MaxOpenDisputes`).
	#[pallet::storage]
	pub type OpenDisputes<T> = StorageValue<_, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consumer authorised a model to charge up to `max_total` (now on hold), only through
		/// `operators`.
		Authorized {
			consumer: T::AccountId,
			model_id: ModelId,
			max_total: BalanceOf<T>,
			max_fee_per_inference: BalanceOf<T>,
			operators: AcceptedOperators<T>,
		},
		/// A consumer revoked an authorisation; `released` went back to its free balance.
		Revoked { consumer: T::AccountId, model_id: ModelId, released: BalanceOf<T> },
		/// An inference was paid for and attributed.
		InferenceRecorded {
			inference_id: InferenceId,
			model_id: ModelId,
			version: VersionNumber,
			consumer: T::AccountId,
			operator: T::AccountId,
			fee: BalanceOf<T>,
			request_hash: sp_core::H256,
			output_hash: sp_core::H256,
			method: AttributionMethod,
			evidence_hash: sp_core::H256,
		},
		/// An account bonded `amount` to record attribution for a model.
		OperatorBonded { model_id: ModelId, operator: T::AccountId, amount: BalanceOf<T> },
		/// An operator's bond came back.
		OperatorUnbonded { model_id: ModelId, operator: T::AccountId, amount: BalanceOf<T> },
		/// An attributed inference was challenged.
		Challenged {
			inference_id: InferenceId,
			model_id: ModelId,
			operator: T::AccountId,
			challenger: T::AccountId,
			evidence_uri_hash: sp_core::H256,
		},
		/// A dispute was upheld: `to_challenger` and `to_treasury` were slashed from the
		/// operator's bond, and the operator lost its role on the model.
		DisputeUpheld {
			inference_id: InferenceId,
			operator: T::AccountId,
			challenger: T::AccountId,
			to_challenger: BalanceOf<T>,
			to_treasury: BalanceOf<T>,
		},
		/// A dispute was rejected: the challenger's bond went to the operator.
		DisputeRejected {
			inference_id: InferenceId,
			operator: T::AccountId,
			challenger: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A dispute timed out unresolved: both bonds are free again.
		DisputeExpired { inference_id: InferenceId },
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
		/// The consumer did not accept this operator when it authorised the model.
		OperatorNotAccepted,
		/// An authorisation must accept at least one operator.
		NoOperators,
		/// The model's fee is above the consumer's cap per inference.
		FeeAboveLimit,
		/// The model's fee is above the most the consumer signed for (voucher) or will pay.
		FeeAboveMax,
		/// The consumer's remaining allowance does not cover the fee.
		AllowanceExhausted,
		/// An allowance must be more than zero (use `revoke` to end one).
		ZeroAllowance,
		/// This request of this consumer was already charged for this model.
		DuplicateRequest,
		/// A batch must carry at least one inference.
		EmptyBatch,
		/// A batch carries more than `MaxBatchAttributions` attribution entries in all.
		TooManyAttributions,
		/// The voucher was signed for another chain.
		VoucherWrongChain,
		/// The voucher was signed for another model.
		VoucherWrongModel,
		/// The voucher is void from its expiry block on.
		VoucherExpired,
		/// The voucher's expiry is further ahead than the retention period (it could outlive its
		/// request's replay protection).
		VoucherTooLong,
		/// The voucher's signature is not the consumer's.
		BadVoucherSignature,
		/// The attribution weights sum to more than 100%.
		AttributionOverWhole,
		/// A contribution is attributed twice in one inference.
		DuplicateAttribution,
		/// An attributed contribution does not exist.
		UnknownContribution,
		/// An attributed contribution is not accepted (pending, withdrawn or slashed).
		ContributionNotAccepted,
		/// An attributed contribution is not in any of the model's datasets.
		ContributionNotInModel,
		/// An attributed contribution was accepted after the snapshot the serving version names.
		ContributionOutsideSnapshot,
		/// An attributed contribution belongs to the model owner, one of its operators or the
		/// consumer.
		SelfAttribution,
		/// Recording explicit attribution needs an operator bond for the model.
		NoOperatorBond,
		/// The account already holds an operator bond for this model.
		AlreadyBonded,
		/// The operator recorded attributed inferences less than `ChallengePeriod` ago, or has an
		/// open dispute: its bond stays.
		BondStillAtStake,
		/// There is no inference with this id within the retention period.
		UnknownInference,
		/// The inference carries no explicit attribution to dispute.
		NothingToDispute,
		/// The inference is older than the challenge period.
		ChallengePeriodOver,
		/// The inference is already disputed.
		AlreadyDisputed,
		/// `MaxOpenDisputes` disputes are open already.
		TooManyDisputes,
		/// There is no open dispute about this inference.
		UnknownDispute,
		/// The dispute has not timed out yet.
		DisputeNotExpired,
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

		fn integrity_test() {
			assert!(
				T::ChallengePeriod::get() <= T::RetentionPeriod::get(),
				"an inference must be kept for as long as it may be challenged"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorises a model to charge the caller: `max_total` of the caller's funds are held for
		/// it, no single inference may cost more than `max_fee_per_inference`, and only the
		/// `operators` named (by default, `None`: the model's owner and operators now) may charge.
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
			operators: Option<AcceptedOperators<T>>,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_authorize(&consumer, model_id, max_total, max_fee_per_inference, operators)
		}

		/// Ends the caller's authorisation of a model at once and releases what is left of it,
		/// and its deposit.
		///
		/// - Origin: the consumer.
		/// - Emits `Revoked`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, model_id: ModelId) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_revoke(&consumer, model_id)
		}

		/// Records and charges a batch of inferences of an active model, each with its consumer's
		/// signed voucher, all or nothing.
		///
		/// - Origin: the model's owner or one of its operators, accepted by each consumer.
		/// - Each record charges its consumer the model's current fee from their authorisation
		///   and distributes it (pallet-attribution); see the pallet docs for every check.
		/// - Explicit attribution needs the caller's operator bond for the model.
		/// - Emits `InferenceRecorded` per record.
		#[pallet::call_index(2)]
		// Its benchmarks cover the real worst case: every record with a valid voucher, every
		// distinct consumer charged, every attribution entry a distinct contribution of a
		// distinct contributor, a model on the most datasets, each with the deepest epoch tree.
		// Pruning on write removes up to one expired inference per record. What the model's
		// datasets and the pruning did not need is refunded.
		#[pallet::weight(Pallet::<T>::metering_weight(
			records.len() as u32,
			Pallet::<T>::distinct_consumers(records),
			records.iter().map(|r| r.attribution.len() as u32).sum(),
			T::MaxModelDatasets::get(),
		).saturating_add(T::WeightInfo::prune(records.len() as u32)))]
		pub fn record_inferences(
			origin: OriginFor<T>,
			model_id: ModelId,
			records: InferenceBatch<T>,
		) -> DispatchResultWithPostInfo {
			let operator = ensure_signed(origin)?;
			let work = Self::do_record_inferences(&operator, model_id, records)?;
			Ok(Some(
				Self::metering_weight(work.records, work.consumers, work.entries, work.datasets)
					.saturating_add(T::WeightInfo::prune(work.pruned)),
			)
			.into())
		}

		/// Pays for one inference of an active model directly from the caller's free balance,
		/// without an authorisation: at most `max_fee`.
		///
		/// - Origin: the consumer. The operator share goes to the model owner.
		/// - Same request and attribution rules as `record_inferences` (no bond: the payer's own
		///   attribution).
		/// - Emits `InferenceRecorded`.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::pay_inference(attribution.len() as u32, T::MaxModelDatasets::get())
				.saturating_add(T::WeightInfo::prune(1))
		)]
		pub fn pay_inference(
			origin: OriginFor<T>,
			model_id: ModelId,
			request_hash: sp_core::H256,
			output_hash: sp_core::H256,
			attribution: Attribution<T>,
			max_fee: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let consumer = ensure_signed(origin)?;
			let work = Self::do_pay_inference(
				&consumer,
				model_id,
				request_hash,
				output_hash,
				attribution,
				max_fee,
			)?;
			Ok(Some(
				T::WeightInfo::pay_inference(work.entries, work.datasets)
					.saturating_add(T::WeightInfo::prune(work.pruned)),
			)
			.into())
		}

		/// Holds `OperatorBond` from the caller for a model, which recording explicit attribution
		/// for it needs.
		///
		/// - Origin: the model's owner or one of its operators.
		/// - Emits `OperatorBonded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::bond_operator())]
		pub fn bond_operator(origin: OriginFor<T>, model_id: ModelId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_bond_operator(&operator, model_id)
		}

		/// Returns the caller's operator bond for a model, once it has recorded no attributed
		/// inference for `ChallengePeriod` blocks and has no open dispute.
		///
		/// - Origin: the bonded account.
		/// - Emits `OperatorUnbonded`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unbond_operator())]
		pub fn unbond_operator(origin: OriginFor<T>, model_id: ModelId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_unbond_operator(&operator, model_id)
		}

		/// Challenges the attribution of an inference, within `ChallengePeriod` blocks of it:
		/// `evidence_uri_hash` is the hash of where the challenger's evidence can be found.
		///
		/// - Origin: any signed account; holds `ChallengeBond` until the dispute ends.
		/// - Emits `Challenged`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(
			origin: OriginFor<T>,
			inference_id: InferenceId,
			evidence_uri_hash: sp_core::H256,
		) -> DispatchResult {
			let challenger = ensure_signed(origin)?;
			Self::do_challenge(&challenger, inference_id, evidence_uri_hash)
		}

		/// Decides a dispute. Upheld: `DisputeSlash` of the operator's bond is slashed, half to the
		/// challenger (whose bond returns) and the rest to the treasury, and the operator loses its
		/// role on the model. Rejected: the challenger's bond goes to the operator.
		///
		/// - Origin: `DisputeOrigin`.
		/// - Emits `DisputeUpheld` or `DisputeRejected`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::resolve_dispute())]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			inference_id: InferenceId,
			upheld: bool,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_resolve_dispute(inference_id, upheld)
		}

		/// Ends a dispute left unresolved for `DisputeTimeout` blocks: both bonds are free again.
		///
		/// - Origin: any signed account.
		/// - Emits `DisputeExpired`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::expire_dispute())]
		pub fn expire_dispute(origin: OriginFor<T>, inference_id: InferenceId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_dispute(inference_id)
		}
	}
}
