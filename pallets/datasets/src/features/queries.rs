//! Read-only queries served through the `DatasetsApi` runtime API.

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::{ContributionDetails, DatasetDetails, SnapshotDetails};

impl<T: Config> Pallet<T> {
	/// A dataset with its curators and commitment.
	pub fn dataset_details(
		dataset_id: DatasetId,
	) -> Option<DatasetDetails<T::AccountId, BalanceOf<T>>> {
		let dataset = Datasets::<T>::get(dataset_id)?;
		let commitment = Commitments::<T>::get(dataset_id);
		Some(DatasetDetails {
			id: dataset_id,
			owner: dataset.owner,
			name: dataset.name.into_inner(),
			description: dataset.description.into_inner(),
			license: dataset.license.into_inner(),
			policy: dataset.policy,
			status: dataset.status,
			deposit: dataset.deposit,
			accepted_units: dataset.accepted_units,
			accepted_count: dataset.accepted_count,
			pending_count: dataset.pending_count,
			curators: Curators::<T>::iter_key_prefix(dataset_id)
				.take(T::MaxCurators::get() as usize)
				.collect(),
			merkle_root: commitment.root,
			leaf_count: commitment.frontier.leaf_count,
			snapshot_count: dataset.snapshot_count,
		})
	}

	/// How many datasets were created (their ids are `0..count`).
	pub fn dataset_count() -> DatasetId {
		NextDatasetId::<T>::get()
	}

	/// A contribution.
	pub fn contribution_details(
		contribution_id: ContributionId,
	) -> Option<ContributionDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let c = Contributions::<T>::get(contribution_id)?;
		Some(ContributionDetails {
			id: contribution_id,
			dataset_id: c.dataset_id,
			contributor: c.contributor,
			content_hash: c.content_hash,
			units: c.units,
			metadata: c.metadata.into_inner(),
			status: c.status,
			deposit: c.deposit,
			submitted_at: c.submitted_at,
			leaf_index: c.leaf_index,
			epoch: c.epoch,
			unbonding_until: c.unbonding_until,
		})
	}

	/// Snapshot `index` of a dataset.
	pub fn snapshot_details(
		dataset_id: DatasetId,
		index: SnapshotIndex,
	) -> Option<SnapshotDetails<BlockNumberFor<T>>> {
		Snapshots::<T>::get(dataset_id, index).map(|s| SnapshotDetails {
			index,
			leaf_count: s.leaf_count,
			root: s.root,
			taken_at: s.taken_at,
		})
	}

	/// Who owns each of up to 1000 content hashes (for a client checking a batch of records in
	/// one round trip); the rest are not looked up.
	pub fn content_owners(
		content_hashes: Vec<ContentHash>,
	) -> Vec<Option<(T::AccountId, ContributionId)>> {
		content_hashes.into_iter().take(1000).map(Self::content_owner).collect()
	}

	/// When `account` made `commitment`, if it is still waiting to be revealed.
	pub fn pending_commit(
		account: T::AccountId,
		commitment: sp_core::H256,
	) -> Option<BlockNumberFor<T>> {
		PendingCommits::<T>::get(account, commitment).map(|c| c.committed_at)
	}

	/// Who owns a content hash, and through which contribution.
	pub fn content_owner(content_hash: ContentHash) -> Option<(T::AccountId, ContributionId)> {
		ContentOwners::<T>::get(content_hash).map(|o| (o.owner, o.contribution_id))
	}

	/// Up to `limit` (at most 1000) of an account's contribution ids, in storage order, starting
	/// after `start_after` (the last id of the previous page), with the id to pass for the next
	/// page, if any.
	pub fn account_contributions(
		account: T::AccountId,
		start_after: Option<ContributionId>,
		limit: u32,
	) -> (Vec<ContributionId>, Option<ContributionId>) {
		const MAX_PAGE: u32 = 1000;
		let limit = limit.min(MAX_PAGE) as usize;
		let mut iter = match start_after {
			Some(last) => AccountContributions::<T>::iter_key_prefix_from(
				&account,
				AccountContributions::<T>::hashed_key_for(&account, last),
			),
			None => AccountContributions::<T>::iter_key_prefix(&account),
		};
		let page: Vec<_> = iter.by_ref().take(limit).collect();
		let next = if iter.next().is_some() { page.last().copied() } else { None };
		(page, next)
	}
}
