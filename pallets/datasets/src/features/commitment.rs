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
	/// [`MerkleNodes`] keeps; returns its leaf index, the new root and what the append did (for
	/// the weight charged after dispatch).
	pub(crate) fn append_leaf(
		commitment: &mut Commitment,
		contribution_id: ContributionId,
		contribution: &Contribution<T>,
	) -> Result<(u64, sp_core::H256, AppendWork), DispatchError> {
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
		let root_peaks = commitment.frontier.peaks.len() as u32;
		Ok((
			leaf_index,
			commitment.root,
			AppendWork { appends: 1, stored_nodes: stored, root_peaks },
		))
	}

	/// The weight of hashing the roots of `work`'s appends: the `merkle_root` benchmark's fixed
	/// part once per root, its part per peak once per peak (its weight is linear in the peaks).
	pub(crate) fn roots_weight(work: AppendWork) -> Weight {
		let per_root = T::WeightInfo::merkle_root(0);
		let per_peak = T::WeightInfo::merkle_root(1).saturating_sub(per_root);
		per_root
			.saturating_mul(u64::from(work.appends))
			.saturating_add(per_peak.saturating_mul(u64::from(work.root_peaks)))
	}

	/// The most [`Self::roots_weight`] of `appends` appends can be: every root hashed from the
	/// most peaks a commitment can have.
	pub(crate) fn max_roots_weight(appends: u32) -> Weight {
		T::WeightInfo::merkle_root(merkle::MAX_PEAKS).saturating_mul(u64::from(appends))
	}

	/// What a call that appends one leaf charges, `weight_of_nodes` being its benchmark's weight
	/// for the nodes stored: the append's worst case before dispatch (`work` is `None`), what it
	/// did after.
	fn single_append_weight(
		weight_of_nodes: impl Fn(u32) -> Weight,
		work: Option<AppendWork>,
	) -> Weight {
		match work {
			None => weight_of_nodes(MAX_MERKLE_WRITES).saturating_add(Self::max_roots_weight(1)),
			Some(work) => {
				weight_of_nodes(work.stored_nodes).saturating_add(Self::roots_weight(work))
			},
		}
	}

	/// What `contribute` charges: see [`Self::single_append_weight`].
	pub fn contribute_weight(metadata_len: u32, work: Option<AppendWork>) -> Weight {
		Self::single_append_weight(|nodes| T::WeightInfo::contribute(metadata_len, nodes), work)
	}

	/// What accepting a contribution in review charges: see [`Self::single_append_weight`].
	pub fn review_accept_weight(work: Option<AppendWork>) -> Weight {
		Self::single_append_weight(T::WeightInfo::review_accept, work)
	}

	/// What a batch of `records` records charges: before dispatch (`work` is `None`) the most
	/// nodes `records` appends can store and every root from the most peaks; after, what its
	/// appends did.
	///
	/// The `contribute_batch` benchmark appends to a commitment whose first append stores
	/// [`MAX_MERKLE_WRITES`] nodes and each later one its leaf, plus a subtree root every
	/// 2^(UNSTORED_LEVELS + 1) leaves and fewer above. Its fit charges about
	/// `MAX_MERKLE_WRITES + records - 2` nodes: the per-record slope of 1 + 2^-UNSTORED_LEVELS
	/// writes is rounded down to an integer. `records` appends store at most
	/// [`max_batch_nodes`] nodes; the difference is charged on top, and what the appends did not
	/// store is refunded. Its roots are charged here, by their peaks, although the benchmark's
	/// fit holds them too (about 5 peaks each there): an over-charge of a few hashes a record.
	pub fn contribute_batch_weight(records: u32, work: Option<AppendWork>) -> Weight {
		let most = max_batch_nodes(records);
		let in_fit = MAX_MERKLE_WRITES.saturating_sub(2).saturating_add(records);
		let charged = T::WeightInfo::contribute_batch(records)
			.saturating_add(T::DbWeight::get().writes(u64::from(most.saturating_sub(in_fit))));
		match work {
			None => charged.saturating_add(Self::max_roots_weight(records)),
			Some(work) => charged
				.saturating_sub(
					T::DbWeight::get().writes(u64::from(most.saturating_sub(work.stored_nodes))),
				)
				.saturating_add(Self::roots_weight(work)),
		}
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
	/// current root, from the stored subtree roots: at most 2·⌈log2 n⌉ + `MAX_EXTRA_PROOF_READS`
	/// reads (for the runtime API).
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
