//! The method definitions: `*ApiServer` traits the node implements, `*ApiClient` traits any
//! jsonrpsee client (`WsClient`, `HttpClient`) gets.

use crate::types::*;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use lineage_primitives::{
	BlockNumber, ContributionId, DatasetId, InferenceId, ModelId, SnapshotIndex, VersionNumber,
};
use sp_core::H256;

/// Datasets, contributions, snapshots and their commitments.
#[rpc(client, server, namespace = "datasets")]
pub trait DatasetsApi {
	/// A dataset, or null if there is none with this id.
	#[method(name = "dataset")]
	fn dataset(&self, dataset_id: DatasetId, at: Option<H256>) -> RpcResult<Option<Dataset>>;

	/// How many datasets were created (their ids are 0 up to this, exclusive).
	#[method(name = "datasetCount")]
	fn dataset_count(&self, at: Option<H256>) -> RpcResult<DatasetId>;

	/// A contribution, or null if there is none with this id (rejected ones are removed).
	#[method(name = "contribution")]
	fn contribution(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<Option<Contribution>>;

	/// Who owns a content hash (0x + 64 hex digits), or null.
	#[method(name = "contentOwner")]
	fn content_owner(
		&self,
		content_hash: H256,
		at: Option<H256>,
	) -> RpcResult<Option<ContentOwner>>;

	/// Who owns each of up to 1000 content hashes, in order (null where nobody does): one round
	/// trip for a batch of records.
	#[method(name = "contentOwners")]
	fn content_owners(
		&self,
		content_hashes: Vec<H256>,
		at: Option<H256>,
	) -> RpcResult<Vec<Option<ContentOwner>>>;

	/// Up to `limit` (default 100, at most 1000) contribution ids of `account` (SS58), after
	/// `startAfter`.
	#[method(name = "accountContributions")]
	fn account_contributions(
		&self,
		account: String,
		start_after: Option<ContributionId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ContributionPage>;

	/// The inclusion proof of an accepted contribution against its dataset's root; an error if
	/// the contribution does not exist or was never accepted.
	#[method(name = "contributionProof")]
	fn contribution_proof(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<InclusionProof>;

	/// Snapshot `index` of a dataset, or null.
	#[method(name = "snapshot")]
	fn snapshot(
		&self,
		dataset_id: DatasetId,
		index: SnapshotIndex,
		at: Option<H256>,
	) -> RpcResult<Option<Snapshot>>;

	/// The block in which `account` (SS58) made `commitment`, if it still waits to be revealed.
	#[method(name = "pendingCommit")]
	fn pending_commit(
		&self,
		account: String,
		commitment: H256,
		at: Option<H256>,
	) -> RpcResult<Option<BlockNumber>>;
}

/// Models, their versions and fees.
#[rpc(client, server, namespace = "models")]
pub trait ModelsApi {
	/// A model with its terms, fee, announced fee increase and kept versions, or null.
	#[method(name = "model")]
	fn model(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<Option<Model>>;

	/// Version `number` of a model while it is kept, or null.
	#[method(name = "version")]
	fn version(
		&self,
		model_id: ModelId,
		number: VersionNumber,
		at: Option<H256>,
	) -> RpcResult<Option<ModelVersion>>;

	/// Up to `limit` (default 100, at most 1000) model ids of `owner` (SS58), after `startAfter`.
	#[method(name = "modelsOf")]
	fn models_of(
		&self,
		owner: String,
		start_after: Option<ModelId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ModelPage>;

	/// Up to `limit` (default 100, at most 1000) model ids from `start` on.
	#[method(name = "modelIds")]
	fn model_ids(
		&self,
		start: Option<ModelId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ModelPage>;
}

/// Authorisations, recorded inferences and operator bonds.
#[rpc(client, server, namespace = "inference")]
pub trait InferenceApi {
	/// `consumer`'s (SS58) authorisation of a model, or null.
	#[method(name = "authorization")]
	fn authorization(
		&self,
		consumer: String,
		model_id: ModelId,
		at: Option<H256>,
	) -> RpcResult<Option<Authorization>>;

	/// A recorded inference within the retention period, or null.
	#[method(name = "inference")]
	fn inference(
		&self,
		inference_id: InferenceId,
		at: Option<H256>,
	) -> RpcResult<Option<Inference>>;

	/// `operator`'s (SS58) bond for a model, or null.
	#[method(name = "operatorBond")]
	fn operator_bond(
		&self,
		model_id: ModelId,
		operator: String,
		at: Option<H256>,
	) -> RpcResult<Option<OperatorBond>>;
}

/// Earnings and revenue of Proof-of-Attribution payouts, and disputes about attribution.
#[rpc(client, server, namespace = "attribution")]
pub trait AttributionApi {
	/// What `account` (SS58) can claim now, in plancks, as a decimal string.
	#[method(name = "pendingRewards")]
	fn pending_rewards(&self, account: String, at: Option<H256>) -> RpcResult<String>;

	/// What `account` (SS58) can claim, has claimed and has earned, with the per-dataset part.
	#[method(name = "earnings")]
	fn earnings(&self, account: String, at: Option<H256>) -> RpcResult<Earnings>;

	/// What a contribution earned through explicit attribution, ever (0 for unknown ids).
	#[method(name = "contributionEarnings")]
	fn contribution_earnings(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<String>;

	/// A model's fees and where they went, ever (zeros for unknown ids).
	#[method(name = "modelRevenue")]
	fn model_revenue(&self, model_id: ModelId, at: Option<H256>) -> RpcResult<ModelRevenue>;

	/// The open disputes: all of them, or those about one inference or one model
	/// (`{"inferenceId": 7}`, `{"modelId": 2}`).
	#[method(name = "disputes")]
	fn disputes(&self, filter: Option<DisputeFilter>, at: Option<H256>) -> RpcResult<Vec<Dispute>>;
}
