//! The types pallet-datasets stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{
	merkle::MerkleFrontier, ContentHash, ContributionId, ContributionStatus, CurationPolicy,
	DatasetId, DatasetStatus, Epoch, SnapshotIndex,
};

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// A dataset's name.
pub type DatasetName<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
/// A dataset's description.
pub type DatasetDescription<T> = BoundedVec<u8, <T as Config>::MaxDescriptionLen>;
/// A dataset's license (an SPDX identifier or a URL, as the owner chooses).
pub type DatasetLicense<T> = BoundedVec<u8, <T as Config>::MaxLicenseLen>;
/// What a contributor says about a contribution (a media type, a URL, a short note).
pub type ContributionMetadata<T> = BoundedVec<u8, <T as Config>::MaxMetadataLen>;
/// The records of one `contribute_batch`: content hash and units of each.
pub type BatchOf<T> = BoundedVec<(ContentHash, u64), <T as Config>::MaxBatch>;
/// A contribution to record: its content hash, units, metadata and the deposit held for it.
pub(crate) type NewContribution<T> = (ContentHash, u64, ContributionMetadata<T>, BalanceOf<T>);
/// The secret a contributor mixes into a commitment, so that it reveals nothing about the
/// content before the reveal.
pub type Salt = [u8; 32];

/// What appends to a commitment did, for the weight they are charged after dispatch: the nodes
/// they stored, and the peaks each new root was hashed from.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct AppendWork {
	/// How many leaves were appended (one root computed after each).
	pub appends: u32,
	/// How many nodes they stored (leaves and subtree roots).
	pub stored_nodes: u32,
	/// The peaks of the commitment after each append, summed: what hashing each root took.
	pub root_peaks: u32,
}

impl AppendWork {
	/// The work of `self` and then `other`.
	pub fn and(self, other: AppendWork) -> AppendWork {
		AppendWork {
			appends: self.appends.saturating_add(other.appends),
			stored_nodes: self.stored_nodes.saturating_add(other.stored_nodes),
			root_peaks: self.root_peaks.saturating_add(other.root_peaks),
		}
	}
}

/// A dataset ("datanet").
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Dataset<T: Config> {
	/// Who created it: may curate, freeze and appoint curators.
	pub owner: AccountIdOf<T>,
	pub name: DatasetName<T>,
	pub description: DatasetDescription<T>,
	pub license: DatasetLicense<T>,
	pub policy: CurationPolicy,
	pub status: DatasetStatus,
	/// Held from the owner while the dataset exists.
	pub deposit: BalanceOf<T>,
	pub created_at: BlockNumberFor<T>,
	/// Sum of the units of the accepted, not withdrawn, contributions.
	pub accepted_units: u128,
	/// How many accepted, not withdrawn, contributions it has.
	pub accepted_count: u64,
	/// How many contributions wait for review.
	pub pending_count: u64,
	/// How many curators it has (bounded by `MaxCurators`).
	pub curator_count: u32,
	/// How many snapshots it has; also the number of its open epoch.
	pub snapshot_count: u32,
}

/// A contribution: one record, identified by the sha2-256 hash of its content.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Contribution<T: Config> {
	pub dataset_id: DatasetId,
	pub contributor: AccountIdOf<T>,
	pub content_hash: ContentHash,
	/// Size or record count it counts with (its share of rewards): as declared while pending, as
	/// accepted afterwards. Each unit holds `DepositPerUnit`.
	pub units: u64,
	pub metadata: ContributionMetadata<T>,
	pub status: ContributionStatus,
	/// Held from the contributor until it is rejected, or withdrawn and unbonded, or slashed.
	pub deposit: BalanceOf<T>,
	pub submitted_at: BlockNumberFor<T>,
	/// Its leaf in the dataset's Merkle commitment, set when accepted.
	pub leaf_index: Option<u64>,
	/// The epoch it was accepted in (the dataset's snapshot count then), set when accepted.
	pub epoch: Option<Epoch>,
	/// Once withdrawn: the block from which its still held deposit can be released.
	pub unbonding_until: Option<BlockNumberFor<T>>,
}

/// Who first recorded a content hash, and in which contribution.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ContentOwner<T: Config> {
	pub owner: AccountIdOf<T>,
	pub contribution_id: ContributionId,
}

/// The Merkle commitment of a dataset's accepted contributions: the frontier (O(log n) hashes)
/// and the root it folds to.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Commitment {
	pub frontier: MerkleFrontier,
	pub root: sp_core::H256,
}

impl Default for Commitment {
	/// The commitment of no contributions: the root of the empty tree.
	fn default() -> Self {
		Self { frontier: MerkleFrontier::default(), root: lineage_primitives::merkle::empty_root() }
	}
}

/// A snapshot of a dataset's commitment, which model versions name as what they were trained on.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Snapshot<BlockNumber> {
	/// How many leaves the commitment had: the contributions with a lower leaf index are in it.
	pub leaf_count: u64,
	/// The commitment's root then.
	pub root: sp_core::H256,
	pub taken_at: BlockNumber,
}

/// A contributor's sealed claim to content it will reveal: `blake2_256(digest ‖ account ‖
/// salt)`, where `digest` is the content hash (or, for a batch, the blake2-256 of its content
/// hashes one after the other).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct PendingCommit<T: Config> {
	pub committed_at: BlockNumberFor<T>,
	/// Held until it is revealed, cancelled or expires.
	pub deposit: BalanceOf<T>,
}

/// A content hash freed by a rejection, kept for the rejected contributor for a while, so that a
/// reviewer who saw the content cannot take it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Reservation<T: Config> {
	pub holder: AccountIdOf<T>,
	/// The first block in which anyone may take the hash.
	pub until: BlockNumberFor<T>,
}

/// What a reviewer decides about a pending contribution.
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
pub enum ReviewDecision {
	/// It counts, with `units` (at least 1, at most the units declared); the deposit for the
	/// units not accepted is returned.
	Accept { units: u64 },
	/// It does not count: `RejectSlash` of its deposit goes to the treasury and its hash is freed
	/// (kept for its contributor for `ReclaimWindow`).
	Reject,
}

/// The head and tail of a first-in first-out queue kept in a storage map: items `head..tail`.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct QueueBounds {
	pub head: u64,
	pub tail: u64,
}
