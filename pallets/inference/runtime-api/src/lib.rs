//! Runtime API of the inference pallet.
#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
use lineage_primitives::{AuthorizationDetails, InferenceDetails, InferenceId, ModelId};

sp_api::decl_runtime_apis! {
	/// Reads authorisations and recorded inferences.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A consumer's authorisation of a model: what is left, spent and the cap per inference.
		fn authorization(consumer: AccountId, model_id: ModelId) -> Option<AuthorizationDetails<Balance>>;
		/// An inference, while it is within the retention period.
		fn inference(inference_id: InferenceId) -> Option<InferenceDetails<AccountId, Balance, BlockNumber>>;
	}
}
