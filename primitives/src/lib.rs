//! Types shared by the Lineage runtime, its pallets, the node and tools: ids, the vocabulary of
//! datasets, contributions and models, the traits through which the pallets see each other, the
//! Merkle tree of dataset commitments, and the types the runtime APIs return.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod merkle;
pub mod traits;

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
	/// Withdrawn by its contributor: earns no more; still in the commitment, still owned.
	Withdrawn,
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

/// How each inference fee of a model is shared. The three parts sum to exactly 100%.
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
	/// The protocol's share, paid to the treasury account.
	pub protocol: Perbill,
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
		let split = |c, o, p| RevenueSplit {
			contributors: Perbill::from_percent(c),
			owner: Perbill::from_percent(o),
			protocol: Perbill::from_percent(p),
		};
		assert!(split(70, 20, 10).is_complete());
		assert!(split(100, 0, 0).is_complete());
		assert!(!split(70, 20, 9).is_complete());
		assert!(!split(70, 20, 11).is_complete());
	}
}

impl RevenueSplit {
	/// Whether the three parts sum to exactly 100%.
	pub fn is_complete(&self) -> bool {
		let total = u64::from(self.contributors.deconstruct())
			+ u64::from(self.owner.deconstruct())
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
}

/// A contribution, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionDetails<AccountId, Balance, BlockNumber> {
	pub id: ContributionId,
	pub dataset_id: DatasetId,
	pub contributor: AccountId,
	pub content_hash: ContentHash,
	pub units: u64,
	pub metadata: Vec<u8>,
	pub status: ContributionStatus,
	pub deposit: Balance,
	pub submitted_at: BlockNumber,
	/// Its position in the dataset's Merkle commitment, once accepted.
	pub leaf_index: Option<u64>,
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

/// A model, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelDetails<AccountId, Balance, BlockNumber> {
	pub id: ModelId,
	pub owner: AccountId,
	pub name: Vec<u8>,
	pub version_hash: H256,
	/// Earlier and current versions, oldest first, with the block each was published in.
	pub versions: Vec<(H256, BlockNumber)>,
	pub datasets: Vec<(DatasetId, Perbill)>,
	pub fee_per_inference: Balance,
	pub split: RevenueSplit,
	pub status: ModelStatus,
	pub operators: Vec<AccountId>,
	pub deposit: Balance,
}

/// A consumer's spending authorisation for one model.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AuthorizationDetails<Balance> {
	/// What is still on hold and can be charged.
	pub remaining: Balance,
	/// What has been charged so far.
	pub spent: Balance,
	/// The most one inference may cost.
	pub max_fee_per_inference: Balance,
	/// Held for keeping the authorisation; returned when it is revoked.
	pub deposit: Balance,
}

/// A recorded inference, kept on chain for the retention period.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct InferenceDetails<AccountId, Balance, BlockNumber> {
	pub id: InferenceId,
	pub model_id: ModelId,
	pub consumer: AccountId,
	pub fee: Balance,
	pub request_hash: H256,
	pub output_hash: H256,
	pub recorded_at: BlockNumber,
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
	/// The part of `pending` earned through each dataset position (pro-rata rewards).
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
	/// Paid to the treasury: the protocol share, rounding dust and parts of datasets that had no
	/// accepted units.
	pub protocol: Balance,
	/// How many inferences were paid for.
	pub inferences: u64,
}
