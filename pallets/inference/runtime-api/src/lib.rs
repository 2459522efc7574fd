//! Runtime API of the inference pallet, served by the node as `inference_*` JSON-RPC methods.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use lineage_primitives::{
	AuthorizationDetails, DisputeDetails, InferenceDetails, InferenceId, ModelId,
};

sp_api::decl_runtime_apis! {
	/// Reads authorisations, recorded inferences, operator bonds and disputes.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A consumer's authorisation of a model: what is left, spent, the cap per inference and
		/// the operators it accepts.
		fn authorization(
			consumer: AccountId,
			model_id: ModelId,
		) -> Option<AuthorizationDetails<AccountId, Balance>>;
		/// An inference, while it is within the retention period.
		fn inference(inference_id: InferenceId) -> Option<InferenceDetails<AccountId, Balance, BlockNumber>>;
		/// The open disputes, optionally only those about one inference or one model.
		fn disputes(
			inference_id: Option<InferenceId>,
			model_id: Option<ModelId>,
		) -> Vec<DisputeDetails<AccountId, Balance, BlockNumber>>;
		/// An account's operator bond for a model, and the last block it recorded attributed
		/// inferences in.
		fn operator_bond(model_id: ModelId, operator: AccountId) -> Option<(Balance, Option<BlockNumber>)>;
	}
}
