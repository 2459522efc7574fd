//! The Merkle commitment of each dataset's accepted contributions.

use crate::*;
use frame_support::pallet_prelude::*;
use lineage_primitives::{merkle, ContributionLeaf, ContributionProof};

impl<T: Config> Pallet<T> {
	/// The leaf committing to an accepted contribution.
	pub fn leaf_of(
		contribution_id: ContributionId,
		contribution: &Contribution<T>,
	) -> ContributionLeaf<T::AccountId> {
		ContributionLeaf {
			contribution_id,
			dataset_id: contribution.dataset_id,
			contributor: contribution.contributor.clone(),
			content_hash: contribution.content_hash,
			units: contribution.units,
		}
	}

	/// Appends a contribution to its dataset's commitment (read from storage by the caller, who
	/// writes it back: a batch reads and writes it once) in O(log n), storing the nodes
	/// [`MerkleNodes`] keeps; returns its leaf index, the new root and how many nodes it stored
	/// (for the weight refund).
	pub(crate) fn append_leaf(
		commitment: &mut Commitment,
		contribution_id: ContributionId,
		contribution: &Contribution<T>,
	) -> Result<(u64, sp_core::H256, u32), DispatchError> {
		let dataset_id = contribution.dataset_id;
		let leaf = Self::leaf_of(contribution_id, contribution).hash();
		let mut stored = 0u32;
		let leaf_index = commitment
			.frontier
			.append_storing(leaf, |at, hash| {
				stored = stored.saturating_add(1);
				MerkleNodes::<T>::insert(dataset_id, at, hash)
			})
			.ok_or(Error::<T>::Overflow)?;
		commitment.root = commitment.frontier.root();
		Ok((leaf_index, commitment.root, stored))
	}

	/// The leaf hashes of a dataset's commitment, in order (for the invariant checks).
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub(crate) fn leaves_of(
		dataset_id: DatasetId,
		leaf_count: u64,
	) -> Option<alloc::vec::Vec<sp_core::H256>> {
		(0..leaf_count).map(|index| MerkleNodes::<T>::get(dataset_id, (0, index))).collect()
	}

	/// The inclusion proof of an accepted (or since withdrawn) contribution against its dataset's
	/// current root, from the stored subtree roots: at most 2·⌈log2 n⌉ reads (for the runtime API).
	pub fn contribution_proof(
		contribution_id: ContributionId,
	) -> Option<ContributionProof<T::AccountId>> {
		let contribution = Contributions::<T>::get(contribution_id)?;
		let leaf_index = contribution.leaf_index?;
		let commitment = Commitments::<T>::get(contribution.dataset_id);
		let leaf_count = commitment.frontier.leaf_count;
		let dataset_id = contribution.dataset_id;
		let proof = merkle::inclusion_proof_from_nodes(leaf_count, leaf_index, |at| {
			MerkleNodes::<T>::get(dataset_id, at)
		})?;
		Some(ContributionProof {
			leaf: Self::leaf_of(contribution_id, &contribution),
			leaf_index,
			leaf_count,
			proof,
			root: commitment.root,
		})
	}
}
