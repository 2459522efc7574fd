//! Runtime API of the models pallet, served by the node as `models_*` JSON-RPC methods.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use lineage_primitives::{ModelDetails, ModelId, ModelVersionDetails, VersionNumber};

sp_api::decl_runtime_apis! {
	/// Reads the model registry.
	pub trait ModelsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A model, with its terms, current fee, announced fee increase and kept versions.
		fn model(model_id: ModelId) -> Option<ModelDetails<AccountId, Balance, BlockNumber>>;
		/// One version of a model, while it is kept.
		fn version(model_id: ModelId, number: VersionNumber) -> Option<ModelVersionDetails<BlockNumber>>;
		/// A page of the ids of the models an account registered: up to `limit` (at most 1000)
		/// after `start_after`, and the id to start the next page after, if there is one.
		fn models_of(
			owner: AccountId,
			start_after: Option<ModelId>,
			limit: u32,
		) -> (Vec<ModelId>, Option<ModelId>);
		/// A page of all model ids from `start` on (up to `limit`, at most 1000), and where the
		/// next page starts, if there is one.
		fn model_ids(start: ModelId, limit: u32) -> (Vec<ModelId>, Option<ModelId>);
	}
}
