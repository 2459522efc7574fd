//! Serves `datasets_*`, `models_*`, `inference_*` and `attribution_*` from the runtime APIs of
//! the Lineage pallets. The methods and their JSON are defined in `lineage-rpc-api`.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
};
use lineage_primitives::{
	BlockNumber, ContributionId, DatasetId, InferenceId, ModelId, SnapshotIndex, VersionNumber,
};
use lineage_rpc_api::{accounts, *};
use lineage_runtime::{opaque::Block, AccountId, Balance};
use pallet_attribution_runtime_api::AttributionApi as AttributionRuntimeApi;
use pallet_datasets_runtime_api::DatasetsApi as DatasetsRuntimeApi;
use pallet_inference_runtime_api::InferenceApi as InferenceRuntimeApi;
use pallet_models_runtime_api::ModelsApi as ModelsRuntimeApi;
use sp_api::{ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;

/// The most items one paged or batched query returns.
const MAX_PAGE: u32 = 1000;
/// The page size when none is asked for.
const DEFAULT_PAGE: u32 = 100;

/// Serves the Lineage RPC methods from the client's runtime APIs.
pub struct Lineage<C> {
	client: Arc<C>,
}

impl<C> Clone for Lineage<C> {
	fn clone(&self) -> Self {
		Self { client: self.client.clone() }
	}
}

impl<C> Lineage<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> Lineage<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// The runtime API and the block to query: `at`, or the best block.
	fn api(&self, at: Option<H256>) -> (ApiRef<'_, C::Api>, H256) {
		(self.client.runtime_api(), at.unwrap_or_else(|| self.client.info().best_hash))
	}
}

/// An invalid-params (-32602) error with `message`.
fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, message.into(), None::<()>)
}

/// A runtime API call failed (for example `at` names a block the node does not have).
fn runtime_error(error: sp_api::ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(1, "the runtime could not answer", Some(error.to_string()))
}

/// An account from its SS58 form, or an invalid-params error saying what is wrong.
fn account(text: &str) -> Result<AccountId, ErrorObjectOwned> {
	accounts::parse_ss58(text).map_err(invalid_params)
}

/// A page size: `limit`, or the default; between 1 and `MAX_PAGE`.
fn page_size(limit: Option<u32>) -> Result<u32, ErrorObjectOwned> {
	match limit.unwrap_or(DEFAULT_PAGE) {
		0 => Err(invalid_params("limit must be at least 1")),
		n if n > MAX_PAGE => {
			Err(invalid_params(format!("limit must be at most {MAX_PAGE}, not {n}")))
		},
		n => Ok(n),
	}
}

impl<C> DatasetsApiServer for Lineage<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DatasetsRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn dataset(&self, dataset_id: DatasetId, at: Option<H256>) -> RpcResult<Option<Dataset>> {
		let (api, at) = self.api(at);
		Ok(api.dataset(at, dataset_id).map_err(runtime_error)?.map(Into::into))
	}

	fn dataset_count(&self, at: Option<H256>) -> RpcResult<DatasetId> {
		let (api, at) = self.api(at);
		api.dataset_count(at).map_err(runtime_error)
	}

	fn contribution(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<Option<Contribution>> {
		let (api, at) = self.api(at);
		Ok(api.contribution(at, contribution_id).map_err(runtime_error)?.map(Into::into))
	}

	fn content_owner(
		&self,
		content_hash: H256,
		at: Option<H256>,
	) -> RpcResult<Option<ContentOwner>> {
		let (api, at) = self.api(at);
		Ok(api.content_owner(at, content_hash).map_err(runtime_error)?.map(Into::into))
	}

	fn content_owners(
		&self,
		content_hashes: Vec<H256>,
		at: Option<H256>,
	) -> RpcResult<Vec<Option<ContentOwner>>> {
		if content_hashes.len() > MAX_PAGE as usize {
			return Err(invalid_params(format!(
				"at most {MAX_PAGE} content hashes per call, not {}",
				content_hashes.len()
			)));
		}
		let (api, at) = self.api(at);
		let owners = api.content_owners(at, content_hashes).map_err(runtime_error)?;
		Ok(owners.into_iter().map(|o| o.map(Into::into)).collect())
	}

	fn account_contributions(
		&self,
		account_ss58: String,
		start_after: Option<ContributionId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ContributionPage> {
		let who = account(&account_ss58)?;
		let limit = page_size(limit)?;
		let (api, at) = self.api(at);
		let (contributions, next) =
			api.account_contributions(at, who, start_after, limit).map_err(runtime_error)?;
		Ok(ContributionPage { contributions, next })
	}

	fn contribution_proof(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<InclusionProof> {
		let (api, at) = self.api(at);
		let proof = api.contribution_proof(at, contribution_id).map_err(runtime_error)?;
		proof.map(Into::into).ok_or_else(|| {
			invalid_params(format!(
				"contribution {contribution_id} has no inclusion proof: it does not exist, was \
				 rejected, or was never accepted"
			))
		})
	}

	fn snapshot(
		&self,
		dataset_id: DatasetId,
		index: SnapshotIndex,
		at: Option<H256>,
	) -> RpcResult<Option<Snapshot>> {
		let (api, at) = self.api(at);
		let snapshot = api.snapshot(at, dataset_id, index).map_err(runtime_error)?;
		Ok(snapshot.map(|s| Snapshot::of(dataset_id, s)))
	}

	fn pending_commit(
		&self,
		account_ss58: String,
		commitment: H256,
		at: Option<H256>,
	) -> RpcResult<Option<BlockNumber>> {
		let who = account(&account_ss58)?;
		let (api, at) = self.api(at);
		api.pending_commit(at, who, commitment).map_err(runtime_error)
	}
}

impl<C> ModelsApiServer for Lineage<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ModelsRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn model(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<Option<Model>> {
		let (api, at) = self.api(at);
		Ok(api.model(at, model_id).map_err(runtime_error)?.map(Into::into))
	}

	fn version(
		&self,
		model_id: ModelId,
		number: VersionNumber,
		at: Option<H256>,
	) -> RpcResult<Option<ModelVersion>> {
		let (api, at) = self.api(at);
		Ok(api.version(at, model_id, number).map_err(runtime_error)?.map(Into::into))
	}

	fn models_of(
		&self,
		owner: String,
		start_after: Option<ModelId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ModelPage> {
		let owner = account(&owner)?;
		let limit = page_size(limit)?;
		let (api, at) = self.api(at);
		let (models, next) = api.models_of(at, owner, start_after, limit).map_err(runtime_error)?;
		Ok(ModelPage { models, next })
	}

	fn model_ids(
		&self,
		start: Option<ModelId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ModelPage> {
		let limit = page_size(limit)?;
		let (api, at) = self.api(at);
		let (models, next) =
			api.model_ids(at, start.unwrap_or_default(), limit).map_err(runtime_error)?;
		Ok(ModelPage { models, next })
	}
}

impl<C> InferenceApiServer for Lineage<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn authorization(
		&self,
		consumer: String,
		model_id: ModelId,
		at: Option<H256>,
	) -> RpcResult<Option<Authorization>> {
		let consumer = account(&consumer)?;
		let (api, at) = self.api(at);
		Ok(api.authorization(at, consumer, model_id).map_err(runtime_error)?.map(Into::into))
	}

	fn inference(
		&self,
		inference_id: InferenceId,
		at: Option<H256>,
	) -> RpcResult<Option<Inference>> {
		let (api, at) = self.api(at);
		Ok(api.inference(at, inference_id).map_err(runtime_error)?.map(Into::into))
	}

	fn operator_bond(
		&self,
		model_id: ModelId,
		operator: String,
		at: Option<H256>,
	) -> RpcResult<Option<OperatorBond>> {
		let operator = account(&operator)?;
		let (api, at) = self.api(at);
		let bond = api.operator_bond(at, model_id, operator).map_err(runtime_error)?;
		Ok(bond.map(|(amount, last_attributed)| OperatorBond {
			amount: amount.to_string(),
			last_attributed,
		}))
	}
}

impl<C> AttributionApiServer for Lineage<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AttributionRuntimeApi<Block, AccountId, Balance>,
	C::Api: InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn pending_rewards(&self, who: String, at: Option<H256>) -> RpcResult<String> {
		let who = account(&who)?;
		let (api, at) = self.api(at);
		Ok(api.pending_rewards(at, who).map_err(runtime_error)?.to_string())
	}

	fn earnings(&self, who: String, at: Option<H256>) -> RpcResult<Earnings> {
		let who = account(&who)?;
		let (api, at) = self.api(at);
		Ok(api.earnings(at, who).map_err(runtime_error)?.into())
	}

	fn contribution_earnings(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<String> {
		let (api, at) = self.api(at);
		Ok(api.contribution_earnings(at, contribution_id).map_err(runtime_error)?.to_string())
	}

	fn model_revenue(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<ModelRevenue> {
		let (api, at) = self.api(at);
		Ok(api.model_revenue(at, model_id).map_err(runtime_error)?.into())
	}

	fn disputes(&self, filter: Option<DisputeFilter>, at: Option<H256>) -> RpcResult<Vec<Dispute>> {
		let filter = filter.unwrap_or_default();
		let (api, at) = self.api(at);
		let disputes =
			InferenceRuntimeApi::disputes(&*api, at, filter.inference_id, filter.model_id)
				.map_err(runtime_error)?;
		Ok(disputes.into_iter().map(Into::into).collect())
	}
}
