//! The types pallet-datasets stores.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{
	merkle::MerkleFrontier, ContentHash, ContributionId, ContributionStatus, CurationPolicy,
	DatasetId, DatasetStatus,
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
	/// Size or record count the contributor claims; weights its share of rewards.
	pub units: u64,
	pub metadata: ContributionMetadata<T>,
	pub status: ContributionStatus,
	/// Held from the contributor until the contribution is rejected or withdrawn.
	pub deposit: BalanceOf<T>,
	pub submitted_at: BlockNumberFor<T>,
	/// Its leaf in the dataset's Merkle commitment, set when accepted.
	pub leaf_index: Option<u64>,
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
