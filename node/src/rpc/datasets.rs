//! `datasets_*`: datasets, contributions, content ownership and inclusion proofs.
//!
//! Hashes are 0x-prefixed hex, accounts SS58 strings, amounts decimal strings.

use std::sync::Arc;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use lineage_primitives::{
	ContributionDetails, ContributionId, ContributionStatus, CurationPolicy, DatasetDetails,
	DatasetId, DatasetStatus,
};
use lineage_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use pallet_datasets_runtime_api::DatasetsApi as DatasetsRuntimeApi;
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;

use super::{at_or_best, invalid_params, parse_account, runtime_error, ss58};

/// A dataset, as `datasets_dataset` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
	pub id: DatasetId,
	pub owner: String,
	pub name: String,
	pub description: String,
	pub license: String,
	/// `Open` or `Curated`.
	pub policy: String,
	/// `Active` or `Frozen`.
	pub status: String,
	pub deposit: String,
	pub accepted_units: String,
	pub accepted_count: u64,
	pub pending_count: u64,
	pub curators: Vec<String>,
	pub merkle_root: H256,
	pub leaf_count: u64,
}

/// A contribution, as `datasets_contribution` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
	pub id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: String,
	pub content_hash: H256,
	pub units: u64,
	/// The metadata, as UTF-8 where it is, else 0x-hex.
	pub metadata: String,
	/// `Pending`, `Accepted` or `Withdrawn`.
	pub status: String,
	pub deposit: String,
	pub submitted_at: BlockNumber,
	pub leaf_index: Option<u64>,
}

/// Who owns a content hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentOwner {
	pub owner: String,
	pub contribution_id: ContributionId,
}

/// A page of an account's contributions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionPage {
	pub contributions: Vec<ContributionId>,
	/// Pass as `startAfter` for the next page; absent on the last page.
	pub next: Option<ContributionId>,
}

/// An inclusion proof, as `datasets_contributionProof` reports it: verify it with
/// `lineage_primitives::merkle::verify_inclusion(root, leafHash, leafIndex, leafCount, proof)`,
/// after recomputing `leafHash` from the leaf fields (and `contentHash` from the content).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InclusionProof {
	pub contribution_id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: String,
	pub content_hash: H256,
	pub units: u64,
	/// `sha256(0x00 || SCALE(contributionId, datasetId, contributor, contentHash, units))`.
	pub leaf_hash: H256,
	pub leaf_index: u64,
	pub leaf_count: u64,
	/// Sibling hashes, innermost first.
	pub proof: Vec<H256>,
	/// The dataset's Merkle root at the queried block.
	pub root: H256,
}

/// Datasets, contributions and their commitments.
#[rpc(client, server, namespace = "datasets")]
pub trait DatasetsApi<BlockHash> {
	/// A dataset, or null if there is none with this id.
	#[method(name = "dataset")]
	fn dataset(&self, dataset_id: DatasetId, at: Option<BlockHash>) -> RpcResult<Option<Dataset>>;

	/// A contribution, or null if there is none with this id (rejected ones are removed).
	#[method(name = "contribution")]
	fn contribution(
		&self,
		contribution_id: ContributionId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Contribution>>;

	/// Who owns a content hash (0x + 64 hex digits), or null.
	#[method(name = "contentOwner")]
	fn content_owner(
		&self,
		content_hash: H256,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ContentOwner>>;

	/// Up to `limit` (default 100, at most 1000) contribution ids of `account` (SS58), after
	/// `startAfter`.
	#[method(name = "accountContributions")]
	fn account_contributions(
		&self,
		account: String,
		start_after: Option<ContributionId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<ContributionPage>;

	/// The inclusion proof of an accepted contribution against its dataset's root; an error if
	/// the contribution does not exist or was never accepted.
	#[method(name = "contributionProof")]
	fn contribution_proof(
		&self,
		contribution_id: ContributionId,
		at: Option<BlockHash>,
	) -> RpcResult<InclusionProof>;
}

/// Serves `datasets_*` from the runtime's `DatasetsApi`.
pub struct Datasets<C> {
	client: Arc<C>,
}

impl<C> Datasets<C> {
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// Text where the bytes are UTF-8, else 0x-hex.
fn text(bytes: Vec<u8>) -> String {
	String::from_utf8(bytes).unwrap_or_else(|e| format!("0x{}", hex::encode(e.into_bytes())))
}

fn policy(p: CurationPolicy) -> String {
	format!("{p:?}")
}

fn dataset_json(d: DatasetDetails<AccountId, Balance>) -> Dataset {
	Dataset {
		id: d.id,
		owner: ss58(&d.owner),
		name: text(d.name),
		description: text(d.description),
		license: text(d.license),
		policy: policy(d.policy),
		status: match d.status {
			DatasetStatus::Active => "Active".into(),
			DatasetStatus::Frozen => "Frozen".into(),
		},
		deposit: d.deposit.to_string(),
		accepted_units: d.accepted_units.to_string(),
		accepted_count: d.accepted_count,
		pending_count: d.pending_count,
		curators: d.curators.iter().map(ss58).collect(),
		merkle_root: d.merkle_root,
		leaf_count: d.leaf_count,
	}
}

fn contribution_json(c: ContributionDetails<AccountId, Balance, BlockNumber>) -> Contribution {
	Contribution {
		id: c.id,
		dataset_id: c.dataset_id,
		contributor: ss58(&c.contributor),
		content_hash: c.content_hash,
		units: c.units,
		metadata: text(c.metadata),
		status: match c.status {
			ContributionStatus::Pending => "Pending".into(),
			ContributionStatus::Accepted => "Accepted".into(),
			ContributionStatus::Withdrawn => "Withdrawn".into(),
		},
		deposit: c.deposit.to_string(),
		submitted_at: c.submitted_at,
		leaf_index: c.leaf_index,
	}
}

impl<C> DatasetsApiServer<<Block as sp_runtime::traits::Block>::Hash> for Datasets<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DatasetsRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn dataset(&self, dataset_id: DatasetId, at: Option<H256>) -> RpcResult<Option<Dataset>> {
		let at = at_or_best(&*self.client, at);
		let d = self.client.runtime_api().dataset(at, dataset_id).map_err(runtime_error)?;
		Ok(d.map(dataset_json))
	}

	fn contribution(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<Option<Contribution>> {
		let at = at_or_best(&*self.client, at);
		let c =
			self.client.runtime_api().contribution(at, contribution_id).map_err(runtime_error)?;
		Ok(c.map(contribution_json))
	}

	fn content_owner(
		&self,
		content_hash: H256,
		at: Option<H256>,
	) -> RpcResult<Option<ContentOwner>> {
		let at = at_or_best(&*self.client, at);
		let owner =
			self.client.runtime_api().content_owner(at, content_hash).map_err(runtime_error)?;
		Ok(owner.map(|(who, contribution_id)| ContentOwner { owner: ss58(&who), contribution_id }))
	}

	fn account_contributions(
		&self,
		account: String,
		start_after: Option<ContributionId>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<ContributionPage> {
		let account = parse_account(&account)?;
		let limit = limit.unwrap_or(100);
		if limit == 0 || limit > 1000 {
			return Err(invalid_params(format!("limit must be between 1 and 1000, not {limit}")));
		}
		let at = at_or_best(&*self.client, at);
		let (contributions, next) = self
			.client
			.runtime_api()
			.account_contributions(at, account, start_after, limit)
			.map_err(runtime_error)?;
		Ok(ContributionPage { contributions, next })
	}

	fn contribution_proof(
		&self,
		contribution_id: ContributionId,
		at: Option<H256>,
	) -> RpcResult<InclusionProof> {
		let at = at_or_best(&*self.client, at);
		let proof = self
			.client
			.runtime_api()
			.contribution_proof(at, contribution_id)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				invalid_params(format!(
					"contribution {contribution_id} has no inclusion proof: it does not exist, was \
					 rejected, or was never accepted"
				))
			})?;
		Ok(InclusionProof {
			contribution_id: proof.leaf.contribution_id,
			dataset_id: proof.leaf.dataset_id,
			contributor: ss58(&proof.leaf.contributor),
			content_hash: proof.leaf.content_hash,
			units: proof.leaf.units,
			leaf_hash: proof.leaf.hash(),
			leaf_index: proof.leaf_index,
			leaf_count: proof.leaf_count,
			proof: proof.proof,
			root: proof.root,
		})
	}
}
