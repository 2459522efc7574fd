//! The node's JSON-RPC methods beyond the standard ones `sc-service` serves
//! (`system_*`, `chain_*`, `state_*`, `author_*`, `rpc_methods`): `system_accountNextIndex`,
//! `payment_*`, Lineage's `datasets_*`, `models_*`, `inference_*` and `attribution_*` (defined,
//! with their JSON, in `lineage-rpc-api`), and in dev seal mode `engine_*`.

mod lineage;
pub mod native;
pub mod nodelay;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use lineage_runtime::{
	opaque::{Block, Hash},
	AccountId, Balance, BlockNumber, Nonce,
};
use sc_consensus_manual_seal::{
	rpc::{ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::{CallApiAt, ProvideRuntimeApi};
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

pub use lineage::Lineage;
pub use native::NativeRuntime;

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client, to read state and call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// In dev seal mode, the channel that seals and finalises blocks on request
	/// (`engine_createBlock`, `engine_finalizeBlock`).
	pub manual_seal: Option<futures::channel::mpsc::Sender<EngineCommand<Hash>>>,
	/// Answers the Lineage methods natively on blocks that run this node's runtime.
	pub native: Arc<NativeRuntime>,
}

/// All the node's own RPC methods, in one module.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block> + CallApiAt<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: pallet_datasets_runtime_api::DatasetsApi<Block, AccountId, Balance, BlockNumber>,
	C::Api: pallet_models_runtime_api::ModelsApi<Block, AccountId, Balance, BlockNumber>,
	C::Api: pallet_inference_runtime_api::InferenceApi<Block, AccountId, Balance, BlockNumber>,
	C::Api: pallet_attribution_runtime_api::AttributionApi<Block, AccountId, Balance>,
	P: TransactionPool + 'static,
{
	use lineage_rpc_api::{
		AttributionApiServer, DatasetsApiServer, InferenceApiServer, ModelsApiServer,
	};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, manual_seal, native } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	let lineage = Lineage::new(client, native);
	module.merge(DatasetsApiServer::into_rpc(lineage.clone()))?;
	module.merge(ModelsApiServer::into_rpc(lineage.clone()))?;
	module.merge(InferenceApiServer::into_rpc(lineage.clone()))?;
	module.merge(AttributionApiServer::into_rpc(lineage))?;
	if let Some(sink) = manual_seal {
		module.merge(ManualSeal::new(sink).into_rpc())?;
	}

	Ok(module)
}
