//! The node's JSON-RPC methods beyond the standard ones `sc-service` serves
//! (`system_*`, `chain_*`, `state_*`, `author_*`, `rpc_methods`): `system_accountNextIndex`,
//! `payment_*`, Lineage's `datasets_*` and `attribution_*`, and in dev seal mode `engine_*`.

pub mod attribution;
pub mod datasets;

use std::sync::Arc;

use jsonrpsee::{
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
	RpcModule,
};
use lineage_runtime::{
	opaque::{Block, Hash},
	AccountId, Balance, Nonce,
};
use sc_consensus_manual_seal::{
	rpc::{ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client, to read state and call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// In dev seal mode, the channel that seals and finalises blocks on request
	/// (`engine_createBlock`, `engine_finalizeBlock`).
	pub manual_seal: Option<futures::channel::mpsc::Sender<EngineCommand<Hash>>>,
}

/// All the node's own RPC methods, in one module.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: pallet_datasets_runtime_api::DatasetsApi<
		Block,
		AccountId,
		Balance,
		lineage_runtime::BlockNumber,
	>,
	C::Api: pallet_attribution_runtime_api::AttributionApi<Block, AccountId, Balance>,
	P: TransactionPool + 'static,
{
	use attribution::{Attribution, AttributionApiServer};
	use datasets::{Datasets, DatasetsApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, manual_seal } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Datasets::new(client.clone()).into_rpc())?;
	module.merge(Attribution::new(client).into_rpc())?;
	if let Some(sink) = manual_seal {
		module.merge(ManualSeal::new(sink).into_rpc())?;
	}

	Ok(module)
}

/// The block to query: `at`, or the best block.
pub(crate) fn at_or_best<C: HeaderBackend<Block>>(client: &C, at: Option<Hash>) -> Hash {
	at.unwrap_or_else(|| client.info().best_hash)
}

/// An account from its SS58 form, or an invalid-params error saying what is wrong.
pub(crate) fn parse_account(text: &str) -> Result<AccountId, ErrorObjectOwned> {
	use sp_core::crypto::Ss58Codec;
	AccountId::from_ss58check(text.trim())
		.map_err(|e| invalid_params(format!("'{text}' is not an SS58 account address: {e:?}")))
}

/// An account in SS58 form with Lineage's prefix.
pub(crate) fn ss58(account: &AccountId) -> String {
	use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
	account.to_ss58check_with_version(Ss58AddressFormat::custom(lineage_runtime::SS58_PREFIX))
}

/// An invalid-params (-32602) error with `message`.
pub(crate) fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, message.into(), None::<()>)
}

/// A runtime API call failed (for example `at` names a block the node does not have).
pub(crate) fn runtime_error(error: sp_api::ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(1, "the runtime could not answer", Some(error.to_string()))
}
