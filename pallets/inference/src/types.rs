//! The types pallet-inference takes and stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{ContributionId, InferenceId, ModelId};
use sp_runtime::Perbill;

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// Explicit attribution of one inference: contributions and the part of the contributors' share
/// each earns (the parts sum to at most 100%).
pub type Attribution<T> = BoundedVec<(ContributionId, Perbill), <T as Config>::MaxAttributions>;
/// The records of one `record_inferences` call.
pub type InferenceBatch<T> = BoundedVec<InferenceRecord<T>, <T as Config>::MaxBatch>;

/// One metered inference, as an operator reports it.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct InferenceRecord<T: Config> {
	/// Who is charged: must have authorised the model.
	pub consumer: AccountIdOf<T>,
	/// The consumer's id for the request; charged once per (consumer, model, request).
	pub request_hash: sp_core::H256,
	/// A hash of the output served, so the consumer can dispute it.
	pub output_hash: sp_core::H256,
	/// The contributions the output is attributed to.
	pub attribution: Attribution<T>,
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
}

/// What is kept of an inference for `RetentionPeriod`: enough to settle a dispute (who paid
/// what, for which request and output). Its attribution is in the events of its block.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct InferenceSummary<T: Config> {
	pub model_id: ModelId,
	pub consumer: AccountIdOf<T>,
	pub fee: BalanceOf<T>,
	pub request_hash: sp_core::H256,
	pub output_hash: sp_core::H256,
	pub recorded_at: BlockNumberFor<T>,
}
