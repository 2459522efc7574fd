//! The JSON the Lineage RPC methods answer with, and its conversion from the runtime APIs' types.

use crate::accounts::ss58;
use lineage_primitives::{
	AccountEarnings, AccountId, AttributionMethod, AuthorizationDetails, Balance, BlockNumber,
	ContributionDetails, ContributionId, ContributionProof, ContributionStatus, DatasetDetails,
	DatasetId, DisputeDetails, InferenceDetails, InferenceId, ModelDetails, ModelId,
	ModelVersionDetails, RevenueSplit, SnapshotDetails, SnapshotIndex, VersionNumber,
};
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// Text where the bytes are UTF-8, else 0x-hex.
fn text(bytes: Vec<u8>) -> String {
	String::from_utf8(bytes).unwrap_or_else(|e| format!("0x{}", hex::encode(e.into_bytes())))
}

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
	/// How many snapshots it has (the number of its open epoch).
	pub snapshot_count: u32,
}

impl From<DatasetDetails<AccountId, Balance>> for Dataset {
	fn from(d: DatasetDetails<AccountId, Balance>) -> Self {
		Self {
			id: d.id,
			owner: ss58(&d.owner),
			name: text(d.name),
			description: text(d.description),
			license: text(d.license),
			policy: format!("{:?}", d.policy),
			status: format!("{:?}", d.status),
			deposit: d.deposit.to_string(),
			accepted_units: d.accepted_units.to_string(),
			accepted_count: d.accepted_count,
			pending_count: d.pending_count,
			curators: d.curators.iter().map(ss58).collect(),
			merkle_root: d.merkle_root,
			leaf_count: d.leaf_count,
			snapshot_count: d.snapshot_count,
		}
	}
}

/// A contribution, as `datasets_contribution` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
	pub id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: String,
	pub content_hash: H256,
	/// As declared while pending, as accepted afterwards.
	pub units: u64,
	/// The metadata, as UTF-8 where it is, else 0x-hex.
	pub metadata: String,
	/// `Pending`, `Accepted`, `Withdrawn` or `Slashed`.
	pub status: String,
	/// Still held from the contributor.
	pub deposit: String,
	pub submitted_at: BlockNumber,
	pub leaf_index: Option<u64>,
	/// The epoch it was accepted in: snapshots from this index on cover it.
	pub epoch: Option<u32>,
	/// For a withdrawn contribution whose deposit unbonds: the block it can be released from.
	pub unbonding_until: Option<BlockNumber>,
}

impl From<ContributionDetails<AccountId, Balance, BlockNumber>> for Contribution {
	fn from(c: ContributionDetails<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			id: c.id,
			dataset_id: c.dataset_id,
			contributor: ss58(&c.contributor),
			content_hash: c.content_hash,
			units: c.units,
			metadata: text(c.metadata),
			status: status_name(c.status).into(),
			deposit: c.deposit.to_string(),
			submitted_at: c.submitted_at,
			leaf_index: c.leaf_index,
			epoch: c.epoch,
			unbonding_until: c.unbonding_until,
		}
	}
}

/// The name a contribution status has in JSON.
pub fn status_name(status: ContributionStatus) -> &'static str {
	match status {
		ContributionStatus::Pending => "Pending",
		ContributionStatus::Accepted => "Accepted",
		ContributionStatus::Withdrawn => "Withdrawn",
		ContributionStatus::Slashed => "Slashed",
	}
}

/// Who owns a content hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentOwner {
	pub owner: String,
	pub contribution_id: ContributionId,
}

impl From<(AccountId, ContributionId)> for ContentOwner {
	fn from((owner, contribution_id): (AccountId, ContributionId)) -> Self {
		Self { owner: ss58(&owner), contribution_id }
	}
}

/// A page of ids, and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionPage {
	pub contributions: Vec<ContributionId>,
	/// Pass as `startAfter` for the next page; absent on the last page.
	pub next: Option<ContributionId>,
}

/// A snapshot of a dataset, as `datasets_snapshot` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
	pub dataset_id: DatasetId,
	pub index: SnapshotIndex,
	/// The contributions with a leaf index below this are in it.
	pub leaf_count: u64,
	pub root: H256,
	pub taken_at: BlockNumber,
}

impl Snapshot {
	/// The JSON of snapshot `s` of dataset `dataset_id`.
	pub fn of(dataset_id: DatasetId, s: SnapshotDetails<BlockNumber>) -> Self {
		Self {
			dataset_id,
			index: s.index,
			leaf_count: s.leaf_count,
			root: s.root,
			taken_at: s.taken_at,
		}
	}
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

impl From<ContributionProof<AccountId>> for InclusionProof {
	fn from(p: ContributionProof<AccountId>) -> Self {
		Self {
			contribution_id: p.leaf.contribution_id,
			dataset_id: p.leaf.dataset_id,
			contributor: ss58(&p.leaf.contributor),
			content_hash: p.leaf.content_hash,
			units: p.leaf.units,
			leaf_hash: p.leaf.hash(),
			leaf_index: p.leaf_index,
			leaf_count: p.leaf_count,
			proof: p.proof,
			root: p.root,
		}
	}
}

/// How a model's fees are shared, in parts per billion (summing to 1,000,000,000).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Split {
	pub contributors: u32,
	pub owner: u32,
	pub operator: u32,
	pub protocol: u32,
}

impl From<RevenueSplit> for Split {
	fn from(s: RevenueSplit) -> Self {
		Self {
			contributors: s.contributors.deconstruct(),
			owner: s.owner.deconstruct(),
			operator: s.operator.deconstruct(),
			protocol: s.protocol.deconstruct(),
		}
	}
}

/// A dataset of a model and its weight, in parts per billion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelDataset {
	pub dataset_id: DatasetId,
	pub weight: u32,
}

/// The snapshot a model version names for one of its datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSnapshot {
	pub dataset_id: DatasetId,
	pub snapshot: SnapshotIndex,
	pub leaf_count: u64,
}

/// A version of a model: what it was trained on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelVersion {
	pub number: VersionNumber,
	pub version_hash: H256,
	pub snapshots: Vec<VersionSnapshot>,
	pub published_at: BlockNumber,
}

impl From<ModelVersionDetails<BlockNumber>> for ModelVersion {
	fn from(v: ModelVersionDetails<BlockNumber>) -> Self {
		Self {
			number: v.number,
			version_hash: v.version_hash,
			snapshots: v
				.snapshots
				.into_iter()
				.map(|(dataset_id, snapshot, leaf_count)| VersionSnapshot {
					dataset_id,
					snapshot,
					leaf_count,
				})
				.collect(),
			published_at: v.published_at,
		}
	}
}

/// An announced fee increase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingFee {
	pub fee: String,
	/// The first block it applies in.
	pub effective_at: BlockNumber,
}

/// A model, as `models_model` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
	pub id: ModelId,
	pub owner: String,
	pub name: String,
	/// The version inferences are charged against.
	pub current_version: ModelVersion,
	/// The versions kept on record, oldest first.
	pub versions: Vec<ModelVersion>,
	pub datasets: Vec<ModelDataset>,
	/// The fee in force.
	pub fee_per_inference: String,
	/// An announced increase, not in force yet.
	pub pending_fee: Option<PendingFee>,
	pub split: Split,
	/// `Active`, `Paused` or `Retired`.
	pub status: String,
	pub operators: Vec<String>,
	pub deposit: String,
}

impl From<ModelDetails<AccountId, Balance, BlockNumber>> for Model {
	fn from(m: ModelDetails<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			id: m.id,
			owner: ss58(&m.owner),
			name: text(m.name),
			current_version: m.current_version.into(),
			versions: m.versions.into_iter().map(Into::into).collect(),
			datasets: m
				.datasets
				.into_iter()
				.map(|(dataset_id, weight)| ModelDataset {
					dataset_id,
					weight: weight.deconstruct(),
				})
				.collect(),
			fee_per_inference: m.fee_per_inference.to_string(),
			pending_fee: m
				.pending_fee
				.map(|p| PendingFee { fee: p.fee.to_string(), effective_at: p.effective_at }),
			split: m.split.into(),
			status: format!("{:?}", m.status),
			operators: m.operators.iter().map(ss58).collect(),
			deposit: m.deposit.to_string(),
		}
	}
}

/// A page of model ids, and where the next one starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelPage {
	pub models: Vec<ModelId>,
	/// Where the next page starts (for `modelsOf`: pass as `startAfter`); absent on the last.
	pub next: Option<ModelId>,
}

/// A consumer's authorisation of a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {
	/// Still on hold and chargeable.
	pub remaining: String,
	pub spent: String,
	pub max_fee_per_inference: String,
	pub deposit: String,
	/// The only accounts that may charge it.
	pub operators: Vec<String>,
}

impl From<AuthorizationDetails<AccountId, Balance>> for Authorization {
	fn from(a: AuthorizationDetails<AccountId, Balance>) -> Self {
		Self {
			remaining: a.remaining.to_string(),
			spent: a.spent.to_string(),
			max_fee_per_inference: a.max_fee_per_inference.to_string(),
			deposit: a.deposit.to_string(),
			operators: a.operators.iter().map(ss58).collect(),
		}
	}
}

/// How an inference's attribution was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Method {
	/// No method is claimed.
	Unspecified,
	/// Span matching (`lineage attribute`), with spans of at least `minTokens` tokens.
	#[serde(rename_all = "camelCase")]
	SpanMatchV1 { min_tokens: u32 },
}

impl From<AttributionMethod> for Method {
	fn from(m: AttributionMethod) -> Self {
		match m {
			AttributionMethod::Unspecified => Self::Unspecified,
			AttributionMethod::SpanMatchV1 { min_tokens } => Self::SpanMatchV1 { min_tokens },
		}
	}
}

/// A recorded inference, as `inference_inference` reports it (within the retention period).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inference {
	pub id: InferenceId,
	pub model_id: ModelId,
	/// The model version that served it.
	pub version: VersionNumber,
	pub consumer: String,
	/// Who recorded it and was paid the operator share.
	pub operator: String,
	pub fee: String,
	pub request_hash: H256,
	pub output_hash: H256,
	pub method: Method,
	pub evidence_hash: H256,
	pub recorded_at: BlockNumber,
}

impl From<InferenceDetails<AccountId, Balance, BlockNumber>> for Inference {
	fn from(i: InferenceDetails<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			id: i.id,
			model_id: i.model_id,
			version: i.version,
			consumer: ss58(&i.consumer),
			operator: ss58(&i.operator),
			fee: i.fee.to_string(),
			request_hash: i.request_hash,
			output_hash: i.output_hash,
			method: i.method.into(),
			evidence_hash: i.evidence_hash,
			recorded_at: i.recorded_at,
		}
	}
}

/// An operator's bond for a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorBond {
	pub amount: String,
	/// The last block it recorded attributed inferences in.
	pub last_attributed: Option<BlockNumber>,
}

/// An open dispute about an inference's attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dispute {
	pub inference_id: InferenceId,
	pub model_id: ModelId,
	/// Whose bond is at stake.
	pub operator: String,
	pub challenger: String,
	/// The challenger's bond.
	pub bond: String,
	pub evidence_uri_hash: H256,
	pub opened_at: BlockNumber,
	/// From the block after this one, anyone may end it unresolved.
	pub expires_after: BlockNumber,
}

impl From<DisputeDetails<AccountId, Balance, BlockNumber>> for Dispute {
	fn from(d: DisputeDetails<AccountId, Balance, BlockNumber>) -> Self {
		Self {
			inference_id: d.inference_id,
			model_id: d.model_id,
			operator: ss58(&d.operator),
			challenger: ss58(&d.challenger),
			bond: d.bond.to_string(),
			evidence_uri_hash: d.evidence_uri_hash,
			opened_at: d.opened_at,
			expires_after: d.expires_after,
		}
	}
}

/// Which disputes `attribution_disputes` lists: every open one, or those about one inference or
/// one model.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisputeFilter {
	pub inference_id: Option<InferenceId>,
	pub model_id: Option<ModelId>,
}

/// What an account earned, as `attribution_earnings` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Earnings {
	/// Claimable now.
	pub pending: String,
	/// Claimed so far.
	pub claimed: String,
	/// Earned in all: `pending + claimed`.
	pub earned: String,
	/// The pro-rata part of `pending` per dataset.
	pub datasets: Vec<DatasetEarnings>,
}

/// The pro-rata rewards an account can claim from one dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetEarnings {
	pub dataset_id: DatasetId,
	pub pending: String,
}

impl From<AccountEarnings<Balance>> for Earnings {
	fn from(e: AccountEarnings<Balance>) -> Self {
		Self {
			pending: e.pending.to_string(),
			claimed: e.claimed.to_string(),
			earned: e.earned.to_string(),
			datasets: e
				.datasets
				.into_iter()
				.map(|(dataset_id, pending)| DatasetEarnings {
					dataset_id,
					pending: pending.to_string(),
				})
				.collect(),
		}
	}
}

/// A model's lifetime revenue, as `attribution_modelRevenue` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelRevenue {
	pub fees: String,
	pub contributors: String,
	pub owner: String,
	pub operators: String,
	pub protocol: String,
	pub inferences: u64,
}

impl From<lineage_primitives::ModelRevenue<Balance>> for ModelRevenue {
	fn from(r: lineage_primitives::ModelRevenue<Balance>) -> Self {
		Self {
			fees: r.fees.to_string(),
			contributors: r.contributors.to_string(),
			owner: r.owner.to_string(),
			operators: r.operators.to_string(),
			protocol: r.protocol.to_string(),
			inferences: r.inferences,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn json_is_camel_case_with_string_amounts() {
		let earnings = Earnings {
			pending: u128::MAX.to_string(),
			claimed: "0".into(),
			earned: u128::MAX.to_string(),
			datasets: vec![DatasetEarnings { dataset_id: 3, pending: "5".into() }],
		};
		let json = serde_json::to_value(&earnings).unwrap();
		assert_eq!(json["datasets"][0]["datasetId"], 3);
		assert_eq!(json["pending"], u128::MAX.to_string());
		let method = serde_json::to_value(Method::SpanMatchV1 { min_tokens: 8 }).unwrap();
		assert_eq!(method, serde_json::json!({ "kind": "spanMatchV1", "minTokens": 8 }));
		let filter: DisputeFilter = serde_json::from_str(r#"{"modelId": 2}"#).unwrap();
		assert_eq!(filter, DisputeFilter { inference_id: None, model_id: Some(2) });
	}
}
