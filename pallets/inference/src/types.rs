//! The types pallet-inference takes and stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{
	voucher::{InferenceVoucher, VoucherSignature},
	AttributionMethod, ContributionId, InferenceId, ModelId, VersionNumber,
};
use sp_runtime::Perbill;

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;
/// The voucher a consumer signs for one inference.
pub type VoucherOf<T> = InferenceVoucher<BalanceOf<T>, BlockNumberFor<T>>;

/// Explicit attribution of one inference: contributions and the part of the contributors' share
/// each earns (the parts sum to at most 100%).
pub type Attribution<T> = BoundedVec<(ContributionId, Perbill), <T as Config>::MaxAttributions>;
/// The records of one `record_inferences` call.
pub type InferenceBatch<T> = BoundedVec<InferenceRecord<T>, <T as Config>::MaxBatch>;
/// The accounts a consumer accepts charges from.
pub type AcceptedOperators<T> = BoundedVec<AccountIdOf<T>, <T as Config>::MaxAcceptedOperators>;

/// One metered inference, as an operator reports it, with the consumer's signed voucher.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct InferenceRecord<T: Config> {
	/// Who is charged: must have authorised the model, with this operator accepted.
	pub consumer: AccountIdOf<T>,
	/// What the consumer signed: this chain, this model, its request, the most it pays, and the
	/// block from which the voucher is void. The request is charged once.
	pub voucher: VoucherOf<T>,
	/// The consumer's signature of the voucher.
	pub signature: VoucherSignature<T::Signature>,
	/// A hash of the output served, so the consumer can dispute it.
	pub output_hash: sp_core::H256,
	/// The contributions the output is attributed to.
	pub attribution: Attribution<T>,
	/// How the attribution was computed, so that anyone can recompute it.
	pub method: AttributionMethod,
	/// The hash of the canonical evidence of the attribution (zero if there is none).
	pub evidence_hash: sp_core::H256,
}

/// A consumer's standing permission to be charged for one model.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Authorization<T: Config> {
	/// On hold and chargeable.
	pub remaining: BalanceOf<T>,
	/// Charged so far.
	pub spent: BalanceOf<T>,
	/// The most a single inference may cost.
	pub max_fee_per_inference: BalanceOf<T>,
	/// Held for keeping this authorisation; returned when it is revoked.
	pub deposit: BalanceOf<T>,
	/// The only accounts that may charge it (each must also still meter the model).
	pub operators: AcceptedOperators<T>,
}

/// What is kept of an inference for `RetentionPeriod`: enough to settle a dispute (who paid
/// what, to whom, for which request and output, with which evidence). Its attribution entries
/// are in the events of its block.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct InferenceSummary<T: Config> {
	pub model_id: ModelId,
	/// The model version that served it.
	pub version: VersionNumber,
	pub consumer: AccountIdOf<T>,
	/// Who recorded it (the consumer, for a direct payment).
	pub operator: AccountIdOf<T>,
	pub fee: BalanceOf<T>,
	pub request_hash: sp_core::H256,
	pub output_hash: sp_core::H256,
	pub method: AttributionMethod,
	pub evidence_hash: sp_core::H256,
	/// Whether it carries explicit attribution recorded by a bonded operator (what disputes are
	/// about; a direct payment's attribution is the payer's own).
	pub disputable: bool,
	pub recorded_at: BlockNumberFor<T>,
}

/// An account's bond for the attribution it records for one model.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct OperatorBondOf<T: Config> {
	/// Held (what is left of it after slashes).
	pub amount: BalanceOf<T>,
	/// The last block it recorded attributed inferences in: the bond stays at stake for
	/// `ChallengePeriod` blocks after.
	pub last_attributed: Option<BlockNumberFor<T>>,
	/// How many open disputes are about its inferences.
	pub disputes: u32,
}

/// An open dispute about the attribution of one inference.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct DisputeOf<T: Config> {
	pub model_id: ModelId,
	/// Who recorded the inference (whose bond is at stake).
	pub operator: AccountIdOf<T>,
	pub challenger: AccountIdOf<T>,
	/// Held from the challenger.
	pub bond: BalanceOf<T>,
	/// The hash of where the challenger's evidence is.
	pub evidence_uri_hash: sp_core::H256,
	pub opened_at: BlockNumberFor<T>,
}

/// What a metering call did that its charged weight covered at the worst: the refund of the
/// unused part is computed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeteringWork {
	/// The inferences recorded.
	pub records: u32,
	/// Their distinct consumers, each charged once.
	pub consumers: u32,
	/// Their attribution entries.
	pub entries: u32,
	/// The datasets of the model, each credited once (charged at `MaxModelDatasets`).
	pub datasets: u32,
	/// The expired inferences pruned (charged at one per record).
	pub pruned: u32,
}
