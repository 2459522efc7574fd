//! Runtime API of the models pallet.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use lineage_primitives::{ModelDetails, ModelId};

sp_api::decl_runtime_apis! {
	/// Reads the model registry.
	pub trait ModelsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A model, with its terms and version history.
		fn model(model_id: ModelId) -> Option<ModelDetails<AccountId, Balance, BlockNumber>>;
		/// A page of the ids of the models an account registered: up to `limit` (at most 1000)
		/// after `start_after`, and the id to start the next page after, if there is one.
		fn models_of(
			owner: AccountId,
			start_after: Option<ModelId>,
			limit: u32,
		) -> (Vec<ModelId>, Option<ModelId>);
	}
}
