//! Runtime API of the datasets pallet, served by the node as `datasets_*` JSON-RPC methods.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use lineage_primitives::{
	ContentHash, ContributionDetails, ContributionId, ContributionProof, DatasetDetails, DatasetId,
	Hash, SnapshotDetails, SnapshotIndex,
};

sp_api::decl_runtime_apis! {
	/// Reads datasets, contributions and the Merkle commitments of datasets.
	pub trait DatasetsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A dataset, with its curators and commitment root.
		fn dataset(dataset_id: DatasetId) -> Option<DatasetDetails<AccountId, Balance>>;
		/// The number of datasets created so far (their ids are `0..count`).
		fn dataset_count() -> DatasetId;
		/// A contribution.
		fn contribution(
			contribution_id: ContributionId,
		) -> Option<ContributionDetails<AccountId, Balance, BlockNumber>>;
		/// Who owns a content hash, and through which contribution.
		fn content_owner(content_hash: ContentHash) -> Option<(AccountId, ContributionId)>;
		/// Who owns each of up to 1000 content hashes, in order.
		fn content_owners(content_hashes: Vec<ContentHash>) -> Vec<Option<(AccountId, ContributionId)>>;
		/// Snapshot `index` of a dataset.
		fn snapshot(dataset_id: DatasetId, index: SnapshotIndex) -> Option<SnapshotDetails<BlockNumber>>;
		/// When an account made a commitment that waits to be revealed.
		fn pending_commit(account: AccountId, commitment: Hash) -> Option<BlockNumber>;
		/// A page of an account's contribution ids, after `start_after`, and the cursor of the
		/// next page if there is one.
		fn account_contributions(
			account: AccountId,
			start_after: Option<ContributionId>,
			limit: u32,
		) -> (Vec<ContributionId>, Option<ContributionId>);
		/// The inclusion proof of an accepted contribution against its dataset's current root.
		fn contribution_proof(contribution_id: ContributionId) -> Option<ContributionProof<AccountId>>;
	}
}
