//! Types shared by the Lineage runtime, its pallets, the node and tools: ids, the vocabulary of
//! datasets, contributions and models, the traits through which the pallets see each other, the
//! Merkle tree of dataset commitments, and the types the runtime APIs return.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod fenwick;
pub mod merkle;
pub mod traits;
pub mod voucher;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// An account on Lineage: the public key of an sr25519/ed25519/ecdsa signer.
pub type AccountId = <<Signature as sp_runtime::traits::Verify>::Signer as sp_runtime::traits::IdentifyAccount>::AccountId;
/// The signature scheme of transactions.
pub type Signature = sp_runtime::MultiSignature;
/// Balance of an account, in plancks (10^-12 LIN).
pub type Balance = u128;
/// Index of a transaction of an account.
pub type Nonce = u32;
/// A block number.
pub type BlockNumber = u32;
/// A hash of some data used by the chain (blocks, tries).
pub type Hash = sp_core::H256;

/// Identifies a dataset ("datanet"); assigned from 0 upwards.
pub type DatasetId = u32;
/// Identifies a contribution, across all datasets; assigned from 0 upwards.
pub type ContributionId = u64;
/// Identifies a model; assigned from 0 upwards.
pub type ModelId = u32;
/// Identifies a metered inference; assigned from 0 upwards.
pub type InferenceId = u64;
/// The sha2-256 hash of a record's content. The content itself stays off-chain.
pub type ContentHash = H256;
/// Identifies a snapshot of a dataset: its snapshots are numbered from 0 upwards.
pub type SnapshotIndex = u32;
/// The contributions of a dataset accepted between two consecutive snapshots: epoch `e` holds
/// those accepted after snapshot `e - 1` was taken and up to snapshot `e`, so snapshot `k` covers
/// epochs `0..=k`. The epoch after the last snapshot is open: its contributions earn nothing until
/// a snapshot closes it and a model version names that snapshot or a later one.
pub type Epoch = u32;
/// Identifies a version of a model: its versions are numbered from 0 (the one it was registered
/// with) upwards.
pub type VersionNumber = u32;

/// Who decides whether a contribution counts.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum CurationPolicy {
	/// Contributions are accepted as soon as they are submitted.
	Open,
	/// Contributions wait for the owner or a curator to accept or reject them.
	Curated,
}

/// Whether a dataset takes new contributions.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DatasetStatus {
	/// Takes contributions; models may be registered on it.
	Active,
	/// Refuses new contributions and new models; accepted contributions keep earning.
	Frozen,
}

/// Where a contribution is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ContributionStatus {
	/// Submitted to a curated dataset, waiting for review.
	Pending,
	/// Counts: it is in the dataset's Merkle commitment and earns rewards.
	Accepted,
	/// Withdrawn by its contributor: earns no more; still in the commitment, still owned. Its
	/// deposit stays held (and slashable) for the unbonding period.
	Withdrawn,
	/// Its deposit was slashed (the content was found to be bad): earns no more; still in the
	/// commitment, still owned.
	Slashed,
}

/// Whether a model can be used.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ModelStatus {
	/// Inferences may be recorded.
	Active,
	/// Temporarily refuses inferences.
	Paused,
	/// Permanently refuses inferences; its deposit has been returned.
	Retired,
}

/// How each inference fee of a model is shared. The four parts sum to exactly 100%.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct RevenueSplit {
	/// The data contributors' share.
	pub contributors: Perbill,
	/// The model owner's share.
	pub owner: Perbill,
	/// The compute provider's share: the operator that recorded the inference (the owner, for
	/// an inference the consumer paid directly).
	pub operator: Perbill,
	/// The protocol's share, paid to the treasury account.
	pub protocol: Perbill,
}

impl RevenueSplit {
	/// Whether the four parts sum to exactly 100%.
	pub fn is_complete(&self) -> bool {
		let total = u64::from(self.contributors.deconstruct())
			+ u64::from(self.owner.deconstruct())
			+ u64::from(self.operator.deconstruct())
			+ u64::from(self.protocol.deconstruct());
		total == u64::from(Perbill::one().deconstruct())
	}
}

/// `n` weights that sum to exactly 100%: equal parts, the rounding remainder on the first.
/// (For models trained on several datasets equally; `n = 0` gives none.)
pub fn equal_shares(n: u32) -> Vec<Perbill> {
	if n == 0 {
		return Vec::new();
	}
	let whole = Perbill::one().deconstruct();
	let share = whole / n;
	let first = whole - share * (n - 1);
	(0..n).map(|i| Perbill::from_parts(if i == 0 { first } else { share })).collect()
}

/// The digest a commitment seals for a batch of contributions: the blake2-256 of their content
/// hashes, one after the other. (A single contribution's digest is its content hash.)
pub fn batch_digest(content_hashes: &[ContentHash]) -> H256 {
	let mut bytes = Vec::with_capacity(content_hashes.len().saturating_mul(32));
	for hash in content_hashes {
		bytes.extend_from_slice(hash.as_bytes());
	}
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes)
}

/// The commitment a contributor makes before revealing a contribution (or a batch):
/// `blake2_256(digest ‖ SCALE(account) ‖ salt)`. The account in it means a watcher cannot reuse
/// it; the secret salt means it reveals nothing about the content until the reveal.
pub fn contribution_commitment<AccountId: Encode>(
	digest: &H256,
	account: &AccountId,
	salt: &[u8; 32],
) -> H256 {
	let mut bytes = digest.as_bytes().to_vec();
	account.encode_to(&mut bytes);
	bytes.extend_from_slice(salt);
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes)
}

/// What a dataset's Merkle leaf commits to for an accepted contribution. Anyone holding the
/// content can recompute `content_hash` and, with the other fields, the leaf.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionLeaf<AccountId> {
	pub contribution_id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: AccountId,
	pub content_hash: ContentHash,
	pub units: u64,
}

impl<AccountId: Encode> ContributionLeaf<AccountId> {
	/// The leaf hash: `sha256(0x00 || SCALE(self))`.
	pub fn hash(&self) -> H256 {
		merkle::leaf_hash(&self.encode())
	}
}

/// A dataset, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DatasetDetails<AccountId, Balance> {
	pub id: DatasetId,
	pub owner: AccountId,
	pub name: Vec<u8>,
	pub description: Vec<u8>,
	pub license: Vec<u8>,
	pub policy: CurationPolicy,
	pub status: DatasetStatus,
	pub deposit: Balance,
	pub accepted_units: u128,
	pub accepted_count: u64,
	pub pending_count: u64,
	pub curators: Vec<AccountId>,
	/// The root of the Merkle commitment of its accepted contributions.
	pub merkle_root: H256,
	/// How many leaves that commitment has.
	pub leaf_count: u64,
	/// How many snapshots it has (the open epoch's number).
	pub snapshot_count: u32,
}

/// A snapshot of a dataset: its Merkle commitment at one moment. A model version trained on the
/// dataset names one; only the contributions it covers (leaf index below `leaf_count`) earn from
/// that version's inferences.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct SnapshotDetails<BlockNumber> {
	pub index: SnapshotIndex,
	/// How many leaves the commitment had.
	pub leaf_count: u64,
	/// Its root then.
	pub root: H256,
	/// The block it was taken in.
	pub taken_at: BlockNumber,
}

/// A contribution, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionDetails<AccountId, Balance, BlockNumber> {
	pub id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: AccountId,
	pub content_hash: ContentHash,
	/// The units it counts with: as declared while pending, as accepted afterwards.
	pub units: u64,
	pub metadata: Vec<u8>,
	pub status: ContributionStatus,
	/// Still held from the contributor (while pending, accepted or unbonding).
	pub deposit: Balance,
	pub submitted_at: BlockNumber,
	/// Its position in the dataset's Merkle commitment, once accepted.
	pub leaf_index: Option<u64>,
	/// The epoch it was accepted in: the snapshots from this one on cover it.
	pub epoch: Option<Epoch>,
	/// For a withdrawn contribution whose deposit is still held: the block from which it can be
	/// released.
	pub unbonding_until: Option<BlockNumber>,
}

/// Everything needed to check, with [`merkle::verify_inclusion`] alone, that a contribution is
/// committed to by its dataset's on-chain root.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionProof<AccountId> {
	pub leaf: ContributionLeaf<AccountId>,
	pub leaf_index: u64,
	pub leaf_count: u64,
	/// The audit path, innermost sibling first.
	pub proof: Vec<H256>,
	/// The dataset's root at the queried block.
	pub root: H256,
}

/// One version of a model, as the runtime API reports it: for each of the model's datasets (in
/// the order of its terms) the snapshot it was trained on.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelVersionDetails<BlockNumber> {
	pub number: VersionNumber,
	pub version_hash: H256,
	/// `(dataset, snapshot, leaf count of the snapshot)`, one per dataset of the model.
	pub snapshots: Vec<(DatasetId, SnapshotIndex, u64)>,
	pub published_at: BlockNumber,
}

/// A fee increase that waits for its announcement delay.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct PendingFee<Balance, BlockNumber> {
	/// The new fee.
	pub fee: Balance,
	/// The first block it applies in.
	pub effective_at: BlockNumber,
}

/// A model, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelDetails<AccountId, Balance, BlockNumber> {
	pub id: ModelId,
	pub owner: AccountId,
	pub name: Vec<u8>,
	/// The version inferences are charged against now.
	pub current_version: ModelVersionDetails<BlockNumber>,
	/// The versions kept on record, oldest first (the current one last).
	pub versions: Vec<ModelVersionDetails<BlockNumber>>,
	pub datasets: Vec<(DatasetId, Perbill)>,
	/// The fee in force at the queried block.
	pub fee_per_inference: Balance,
	/// An announced increase, not yet in force.
	pub pending_fee: Option<PendingFee<Balance, BlockNumber>>,
	pub split: RevenueSplit,
	pub status: ModelStatus,
	pub operators: Vec<AccountId>,
	pub deposit: Balance,
}

/// A consumer's spending authorisation for one model.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AuthorizationDetails<AccountId, Balance> {
	/// What is still on hold and can be charged.
	pub remaining: Balance,
	/// What has been charged so far.
	pub spent: Balance,
	/// The most one inference may cost.
	pub max_fee_per_inference: Balance,
	/// Held for keeping the authorisation; returned when it is revoked.
	pub deposit: Balance,
	/// The accounts the consumer accepts charges from (each must also still meter the model).
	pub operators: Vec<AccountId>,
}

/// How the explicit attribution of an inference was computed, so that anyone holding the
/// output and the records can recompute it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum AttributionMethod {
	/// No method is claimed: the attribution (if any) is the operator's word.
	#[default]
	Unspecified,
	/// Deterministic span matching of the output against the records (the `lineage-attribution`
	/// engine), with spans of at least `min_tokens` tokens.
	SpanMatchV1 { min_tokens: u32 },
}

/// A recorded inference, kept on chain for the retention period.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InferenceDetails<AccountId, Balance, BlockNumber> {
	pub id: InferenceId,
	pub model_id: ModelId,
	/// The model version that served it (whose snapshots its pro-rata payout went to).
	pub version: VersionNumber,
	pub consumer: AccountId,
	/// Who recorded it and was paid the operator share.
	pub operator: AccountId,
	pub fee: Balance,
	pub request_hash: H256,
	pub output_hash: H256,
	/// How its attribution was computed, and the hash of the canonical evidence.
	pub method: AttributionMethod,
	pub evidence_hash: H256,
	pub recorded_at: BlockNumber,
}

/// An open dispute about the attribution of an inference.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DisputeDetails<AccountId, Balance, BlockNumber> {
	pub inference_id: InferenceId,
	pub model_id: ModelId,
	/// Whose bond is at stake: who recorded the inference.
	pub operator: AccountId,
	pub challenger: AccountId,
	/// The challenger's bond.
	pub bond: Balance,
	pub evidence_uri_hash: H256,
	pub opened_at: BlockNumber,
	/// From the block after this one, anyone may end it unresolved (both bonds return).
	pub expires_after: BlockNumber,
}

/// What an account has earned, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
pub struct AccountEarnings<Balance> {
	/// Claimable now.
	pub pending: Balance,
	/// Claimed so far.
	pub claimed: Balance,
	/// Everything ever earned: `pending + claimed`.
	pub earned: Balance,
	/// The part of `pending` earned pro rata in each dataset (summed over its epochs).
	pub datasets: Vec<(DatasetId, Balance)>,
}

/// The lifetime revenue of a model and where it went.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug, Default)]
pub struct ModelRevenue<Balance> {
	/// All inference fees paid for the model.
	pub fees: Balance,
	/// Credited to data contributors.
	pub contributors: Balance,
	/// Credited to the model owner.
	pub owner: Balance,
	/// Credited to the operators that ran the inferences.
	pub operators: Balance,
	/// Paid to the treasury: the protocol share, rounding dust and parts of datasets that had no
	/// accepted units in the version's snapshot.
	pub protocol: Balance,
	/// How many inferences were paid for.
	pub inferences: u64,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn equal_shares_sum_to_exactly_one() {
		for n in 1..=40u32 {
			let shares = equal_shares(n);
			assert_eq!(shares.len() as u32, n);
			let total: u64 = shares.iter().map(|s| u64::from(s.deconstruct())).sum();
			assert_eq!(total, 1_000_000_000, "n = {n}");
		}
		assert!(equal_shares(0).is_empty());
		assert_eq!(equal_shares(3)[0], Perbill::from_parts(333_333_334));
	}

	#[test]
	fn a_split_is_complete_only_at_exactly_one_hundred_percent() {
		let split = |c, o, x, p| RevenueSplit {
			contributors: Perbill::from_percent(c),
			owner: Perbill::from_percent(o),
			operator: Perbill::from_percent(x),
			protocol: Perbill::from_percent(p),
		};
		assert!(split(70, 15, 5, 10).is_complete());
		assert!(split(100, 0, 0, 0).is_complete());
		assert!(!split(70, 15, 5, 9).is_complete());
		assert!(!split(70, 15, 5, 11).is_complete());
		// Parts that overflow a u32 when added still compare correctly.
		assert!(!split(100, 100, 100, 100).is_complete());
	}
}
