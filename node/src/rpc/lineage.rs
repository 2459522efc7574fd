//! Serves `datasets_*`, `models_*`, `inference_*` and `attribution_*` from the runtime APIs of
//! the Lineage pallets, natively when the block runs this node's runtime (`rpc::native`). The
//! methods and their JSON are defined in `lineage-rpc-api`.

use std::{
	sync::Arc,
	time::{Duration, Instant},
};

use jsonrpsee::{
	core::RpcResult,
	types::{error::INVALID_PARAMS_CODE, ErrorObject, ErrorObjectOwned},
};
use lineage_primitives::{
	BlockNumber, ContributionId, DatasetId, InferenceId, ModelId, SnapshotIndex, VersionNumber,
};
use lineage_rpc_api::{accounts, *};
use lineage_runtime::{opaque::Block, AccountId, Balance, Runtime};
// The `runtime_decl_for_*` traits are the runtime's own implementations of the APIs
// (`Runtime::contribution_proof`, ...), which `Lineage::query` runs natively.
use pallet_attribution_runtime_api::{
	runtime_decl_for_attribution_api::AttributionApiV1 as _,
	AttributionApi as AttributionRuntimeApi,
};
use pallet_datasets_runtime_api::{
	runtime_decl_for_datasets_api::DatasetsApiV1 as _, DatasetsApi as DatasetsRuntimeApi,
};
use pallet_inference_runtime_api::{
	runtime_decl_for_inference_api::InferenceApiV1 as _, InferenceApi as InferenceRuntimeApi,
};
use pallet_models_runtime_api::{
	runtime_decl_for_models_api::ModelsApiV1 as _, ModelsApi as ModelsRuntimeApi,
};
use sp_api::{ApiError, CallApiAt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;

use super::native::{NativeRuntime, Path};

/// The most items one paged or batched query returns.
const MAX_PAGE: u32 = 1000;
/// The page size when none is asked for.
const DEFAULT_PAGE: u32 = 100;
/// A native query that took longer than this is logged at debug level, step by step.
const SLOW_QUERY: Duration = Duration::from_millis(2);

/// Serves the Lineage RPC methods from the client's runtime APIs.
pub struct Lineage<C> {
	client: Arc<C>,
	native: Arc<NativeRuntime>,
}

impl<C> Clone for Lineage<C> {
	fn clone(&self) -> Self {
		Self { client: self.client.clone(), native: self.native.clone() }
	}
}

impl<C> Lineage<C> {
	pub fn new(client: Arc<C>, native: Arc<NativeRuntime>) -> Self {
		Self { client, native }
	}
}

impl<C> Lineage<C>
where
	C: ProvideRuntimeApi<Block> + CallApiAt<Block> + HeaderBackend<Block>,
{
	/// A runtime API query at block `at` (the best block if `None`): `native` when that block
	/// runs this node's runtime, else `runtime` through the client. Both must ask the same API
	/// function `name` with the same arguments: [`ask!`] writes both.
	fn query<R>(
		&self,
		name: &str,
		at: Option<H256>,
		native: impl FnOnce() -> R,
		runtime: impl FnOnce(&C::Api, H256) -> Result<R, ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		// A block the node does not have falls through to the client, which says so.
		let started = Instant::now();
		if let Ok(state) = CallApiAt::state_at(&*self.client, at) {
			let opened = Instant::now();
			let answer = self.native.run(name, &state, native);
			let ran = Instant::now();
			drop(state);
			let done = Instant::now();
			// For an operator chasing a latency tail (`-l lineage-rpc=debug`): which step waited.
			// Opening and dropping a state pin and unpin it under the state database's lock,
			// which a block import holds while it commits.
			if done - started > SLOW_QUERY {
				log::debug!(
					target: "lineage-rpc",
					"slow native query {name}: state opened in {:?}, ran in {:?}, dropped in {:?}",
					opened - started,
					ran - opened,
					done - ran,
				);
			}
			if let Some(answer) = answer {
				self.native.count(Path::Native);
				return Ok(answer);
			}
		}
		let answer = runtime(&self.client.runtime_api(), at).map_err(runtime_error)?;
		self.native.count(Path::Wasm);
		Ok(answer)
	}
}

/// `ask!(self, at, Api::function(args...))`: the runtime API function `function` of the client
/// trait `Api` with `args`, at block `at`, through [`Lineage::query`]: natively
/// (`Runtime::function`, the runtime's own implementation) or through the client. One call
/// site makes both calls, so they cannot name different functions or pass different arguments
/// (each `Runtime::function` name belongs to one Lineage API).
macro_rules! ask {
	($self:ident, $at:expr, $api:ident::$function:ident($($arg:expr),* $(,)?)) => {
		$self.query(
			stringify!($function),
			$at,
			|| Runtime::$function($(Clone::clone(&$arg)),*),
			|api, at| $api::$function(api, at, $(Clone::clone(&$arg)),*),
		)
	};
}

/// An invalid-params (-32602) error with `message`.
fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS_CODE, message.into(), None::<()>)
}

/// A runtime API call failed (for example `at` names a block the node does not have).
fn runtime_error(error: ApiError) -> ErrorObjectOwned {
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

/// What the client must offer for every Lineage method.
pub trait LineageClient:
	ProvideRuntimeApi<Block, Api: Apis>
	+ CallApiAt<Block>
	+ HeaderBackend<Block>
	+ Send
	+ Sync
	+ 'static
{
}

impl<C> LineageClient for C where
	C: ProvideRuntimeApi<Block, Api: Apis>
		+ CallApiAt<Block>
		+ HeaderBackend<Block>
		+ Send
		+ Sync
		+ 'static
{
}

/// The four Lineage runtime APIs, as the client calls them.
pub trait Apis:
	DatasetsRuntimeApi<Block, AccountId, Balance, BlockNumber>
	+ ModelsRuntimeApi<Block, AccountId, Balance, BlockNumber>
	+ InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>
	+ AttributionRuntimeApi<Block, AccountId, Balance>
{
}

impl<A> Apis for A where
	A: DatasetsRuntimeApi<Block, AccountId, Balance, BlockNumber>
		+ ModelsRuntimeApi<Block, AccountId, Balance, BlockNumber>
		+ InferenceRuntimeApi<Block, AccountId, Balance, BlockNumber>
		+ AttributionRuntimeApi<Block, AccountId, Balance>
{
}

impl<C: LineageClient> DatasetsApiServer for Lineage<C> {
	fn dataset(&self, dataset_id: DatasetId, at: Option<H256>) -> RpcResult<Option<Dataset>> {
		let dataset = ask!(self, at, DatasetsRuntimeApi::dataset(dataset_id))?;
		Ok(dataset.map(Into::into))
	}

	fn dataset_count(&self, at: Option<H256>) -> RpcResult<DatasetId> {
		ask!(self, at, DatasetsRuntimeApi::dataset_count())
	}

	fn contribution(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<Option<Contribution>> {
		let contribution = ask!(self, at, DatasetsRuntimeApi::contribution(contribution_id))?;
		Ok(contribution.map(Into::into))
	}

	fn content_owner(
		&self,
		content_hash: H256,
		at: Option<H256>,
	) -> RpcResult<Option<ContentOwner>> {
		let owner = ask!(self, at, DatasetsRuntimeApi::content_owner(content_hash))?;
		Ok(owner.map(Into::into))
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
		let owners = ask!(self, at, DatasetsRuntimeApi::content_owners(content_hashes))?;
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
		let (contributions, next) =
			ask!(self, at, DatasetsRuntimeApi::account_contributions(who, start_after, limit))?;
		Ok(ContributionPage { contributions, next })
	}

	fn contribution_proof(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<InclusionProof> {
		let proof = ask!(self, at, DatasetsRuntimeApi::contribution_proof(contribution_id))?;
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
		let snapshot = ask!(self, at, DatasetsRuntimeApi::snapshot(dataset_id, index))?;
		Ok(snapshot.map(|s| Snapshot::of(dataset_id, s)))
	}

	fn pending_commit(
		&self,
		account_ss58: String,
		commitment: H256,
		at: Option<H256>,
	) -> RpcResult<Option<BlockNumber>> {
		let who = account(&account_ss58)?;
		ask!(self, at, DatasetsRuntimeApi::pending_commit(who, commitment))
	}
}

impl<C: LineageClient> ModelsApiServer for Lineage<C> {
	fn model(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<Option<Model>> {
		let model = ask!(self, at, ModelsRuntimeApi::model(model_id))?;
		Ok(model.map(Into::into))
	}

	fn version(
		&self,
		model_id: ModelId,
		number: VersionNumber,
		at: Option<H256>,
	) -> RpcResult<Option<ModelVersion>> {
		let version = ask!(self, at, ModelsRuntimeApi::version(model_id, number))?;
		Ok(version.map(Into::into))
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
		let (models, next) =
			ask!(self, at, ModelsRuntimeApi::models_of(owner, start_after, limit))?;
		Ok(ModelPage { models, next })
	}

	fn model_ids(
		&self,
		start: Option<ModelId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ModelPage> {
		let limit = page_size(limit)?;
		let start = start.unwrap_or_default();
		let (models, next) = ask!(self, at, ModelsRuntimeApi::model_ids(start, limit))?;
		Ok(ModelPage { models, next })
	}
}

impl<C: LineageClient> InferenceApiServer for Lineage<C> {
	fn authorization(
		&self,
		consumer: String,
		model_id: ModelId,
		at: Option<H256>,
	) -> RpcResult<Option<Authorization>> {
		let consumer = account(&consumer)?;
		let authorization = ask!(self, at, InferenceRuntimeApi::authorization(consumer, model_id))?;
		Ok(authorization.map(Into::into))
	}

	fn inference(
		&self,
		inference_id: InferenceId,
		at: Option<H256>,
	) -> RpcResult<Option<Inference>> {
		let inference = ask!(self, at, InferenceRuntimeApi::inference(inference_id))?;
		Ok(inference.map(Into::into))
	}

	fn operator_bond(
		&self,
		model_id: ModelId,
		operator: String,
		at: Option<H256>,
	) -> RpcResult<Option<OperatorBond>> {
		let operator = account(&operator)?;
		let bond = ask!(self, at, InferenceRuntimeApi::operator_bond(model_id, operator))?;
		Ok(bond.map(|(amount, last_attributed)| OperatorBond {
			amount: amount.to_string(),
			last_attributed,
		}))
	}
}

impl<C: LineageClient> AttributionApiServer for Lineage<C> {
	fn pending_rewards(&self, who: String, at: Option<H256>) -> RpcResult<String> {
		let who = account(&who)?;
		let pending = ask!(self, at, AttributionRuntimeApi::pending_rewards(who))?;
		Ok(pending.to_string())
	}

	fn earnings(&self, who: String, at: Option<H256>) -> RpcResult<Earnings> {
		let who = account(&who)?;
		let earnings = ask!(self, at, AttributionRuntimeApi::earnings(who))?;
		Ok(earnings.into())
	}

	fn contribution_earnings(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<String> {
		let earned = ask!(self, at, AttributionRuntimeApi::contribution_earnings(contribution_id))?;
		Ok(earned.to_string())
	}

	fn model_revenue(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<ModelRevenue> {
		let revenue = ask!(self, at, AttributionRuntimeApi::model_revenue(model_id))?;
		Ok(revenue.into())
	}

	fn disputes(&self, filter: Option<DisputeFilter>, at: Option<H256>) -> RpcResult<Vec<Dispute>> {
		let DisputeFilter { inference_id, model_id } = filter.unwrap_or_default();
		let disputes = ask!(self, at, InferenceRuntimeApi::disputes(inference_id, model_id))?;
		Ok(disputes.into_iter().map(Into::into).collect())
	}
}
