//! The append-only Merkle commitment of a dataset's accepted contributions.
//!
//! The tree is the one of RFC 6962/9162 (Certificate Transparency) with sha2-256:
//! - a leaf is `sha256(0x00 || leaf data)`, an inner node `sha256(0x01 || left || right)`, so a
//!   leaf can never be passed off as an inner node (domain separation);
//! - the root of `n > 1` leaves is `node(root(first k), root(rest))` where `k` is the largest power
//!   of two below `n`; the root of no leaves is `sha256("")`.
//!
//! On chain a dataset keeps only its [`MerkleFrontier`]: the roots of the perfect subtrees
//! ("peaks") that make up the tree, one per set bit of the leaf count, O(log n) hashes. Appending
//! a leaf merges equal-sized peaks like a binary counter (O(log n) hashes, amortised O(1)), and the
//! root is the right-to-left fold of the peaks (O(log n)).
//!
//! Inclusion proofs are RFC 9162 audit paths: [`inclusion_proof`] builds one from the list of
//! leaf hashes, and [`verify_inclusion`] checks it against a root with nothing but the hashes.
//!
//! A chain that keeps the leaves and the root of every complete perfect subtree above
//! [`UNSTORED_LEVELS`] (a [`NodeIndex`]), as [`MerkleFrontier::append_storing`] reports them
//! (amortised 1 + 2^-UNSTORED_LEVELS per leaf), builds the proof of any leaf with
//! [`inclusion_proof_from_nodes`] in at most 2·⌈log2 n⌉ + [`MAX_EXTRA_PROOF_READS`] reads instead
//! of reading every leaf: the roots of the small subtrees it needs are hashed again from their
//! leaves.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sha2::{Digest, Sha256};
use sp_core::{ConstU32, H256};
use sp_runtime::BoundedVec;

/// Prefix of a leaf hash.
pub const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an inner node hash.
pub const NODE_PREFIX: u8 = 0x01;
/// The most peaks a frontier can have: one per bit of the `u64` leaf count.
pub const MAX_PEAKS: u32 = 64;
/// The levels above the leaves whose subtree roots are not stored (levels `1..=UNSTORED_LEVELS`):
/// a proof hashes them again from at most `2^UNSTORED_LEVELS` leaves each. Storing them would
/// cost a second storage write per leaf (a perfect subtree root per leaf, amortised); without
/// them an append stores the leaf and one root per 16 leaves, and a proof reads at most
/// [`MAX_EXTRA_PROOF_READS`] more nodes.
pub const UNSTORED_LEVELS: u32 = 4;
/// How many more nodes a proof may read than the 2·⌈log2 n⌉ of a tree storing every level: each
/// of the path's perfect siblings at a level `l <= UNSTORED_LEVELS` reads its `2^l` leaves
/// instead of one node, and so does each perfect part of its one imperfect sibling.
pub const MAX_EXTRA_PROOF_READS: u32 = 2 * ((2 << UNSTORED_LEVELS) - 2 - UNSTORED_LEVELS);
/// The most nodes one append can store: the leaf and the root of every perfect subtree it
/// completes above [`UNSTORED_LEVELS`] (a leaf count of `u64` has at most 63 trailing ones).
pub const MAX_NODES_PER_APPEND: u32 = MAX_PEAKS - UNSTORED_LEVELS;

/// Whether the roots of level `level` are stored: the leaves and the levels above
/// [`UNSTORED_LEVELS`].
pub fn is_stored_level(level: u32) -> bool {
	level == 0 || level > UNSTORED_LEVELS
}

/// sha2-256 of `data`.
pub fn sha256(data: &[u8]) -> H256 {
	H256(Sha256::digest(data).into())
}

/// The hash of a leaf holding `data`.
pub fn leaf_hash(data: &[u8]) -> H256 {
	let mut hasher = Sha256::new();
	hasher.update([LEAF_PREFIX]);
	hasher.update(data);
	H256(hasher.finalize().into())
}

/// The hash of an inner node with children `left` and `right`.
pub fn node_hash(left: &H256, right: &H256) -> H256 {
	let mut hasher = Sha256::new();
	hasher.update([NODE_PREFIX]);
	hasher.update(left.as_bytes());
	hasher.update(right.as_bytes());
	H256(hasher.finalize().into())
}

/// The root of a tree with no leaves.
pub fn empty_root() -> H256 {
	sha256(&[])
}

/// The append-only state of a tree: its leaf count and the roots of its perfect subtrees, largest
/// (leftmost) first. Peak `i` covers `2^b` leaves where `b` is the `i`-th highest set bit of
/// `leaf_count`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct MerkleFrontier {
	/// How many leaves the tree has.
	pub leaf_count: u64,
	/// The peaks, largest first; there are exactly `leaf_count.count_ones()` of them.
	pub peaks: BoundedVec<H256, ConstU32<MAX_PEAKS>>,
}

/// A node of the tree that is the root of a perfect subtree: `(level, index)` covers the leaves
/// `index·2^level ..= (index+1)·2^level - 1`; level 0 are the leaves themselves.
pub type NodeIndex = (u8, u64);

impl MerkleFrontier {
	/// Appends a leaf hash; returns the index of the new leaf.
	///
	/// Returns `None` (and changes nothing) only if the tree already holds `u64::MAX` leaves.
	pub fn append(&mut self, leaf: H256) -> Option<u64> {
		self.append_storing(leaf, |_, _| {})
	}

	/// Appends a leaf hash like [`Self::append`], and reports to `store` the leaf (level 0) and
	/// every perfect subtree the leaf completes above [`UNSTORED_LEVELS`], with its root: what
	/// [`inclusion_proof_from_nodes`] reads. One report, plus one per trailing one bit of the old
	/// leaf count beyond the first `UNSTORED_LEVELS`: at most [`MAX_NODES_PER_APPEND`], amortised
	/// 1 + 2^-UNSTORED_LEVELS per leaf.
	pub fn append_storing(
		&mut self,
		leaf: H256,
		mut store: impl FnMut(NodeIndex, H256),
	) -> Option<u64> {
		let index = self.leaf_count;
		let new_count = index.checked_add(1)?;
		let mut peaks = self.peaks.clone().into_inner();
		// Merge with the peaks of equal size: one per trailing one bit of the old count.
		let mut node = leaf;
		store((0, index), leaf);
		for level in 1..=index.trailing_ones() {
			let left = peaks.pop()?;
			node = node_hash(&left, &node);
			// `level <= 64`, and a shift by 64 cannot happen: 64 trailing ones is u64::MAX.
			if is_stored_level(level) {
				store((level as u8, index.checked_shr(level)?), node);
			}
		}
		peaks.push(node);
		// At most 64 peaks can exist for a u64 count, so this always fits.
		self.peaks = BoundedVec::try_from(peaks).ok()?;
		self.leaf_count = new_count;
		Some(index)
	}

	/// The root of the tree.
	pub fn root(&self) -> H256 {
		let mut peaks = self.peaks.iter().rev();
		match peaks.next() {
			None => empty_root(),
			Some(last) => peaks.fold(*last, |acc, peak| node_hash(peak, &acc)),
		}
	}
}

/// The largest power of two strictly below `n` (for `n >= 2`).
fn split_point(n: usize) -> usize {
	debug_assert!(n >= 2);
	let mut k = 1usize;
	while k << 1 < n {
		k <<= 1;
	}
	k
}

/// The root of the tree over `leaves` (leaf hashes, in order).
pub fn root_of(leaves: &[H256]) -> H256 {
	match leaves {
		[] => empty_root(),
		[single] => *single,
		_ => {
			let (left, right) = leaves.split_at(split_point(leaves.len()));
			node_hash(&root_of(left), &root_of(right))
		},
	}
}

/// The audit path proving that leaf `index` is in the tree over `leaves`, innermost sibling first.
/// `None` if `index` is out of range.
pub fn inclusion_proof(leaves: &[H256], index: u64) -> Option<Vec<H256>> {
	let index = usize::try_from(index).ok()?;
	if index >= leaves.len() {
		return None;
	}
	let mut path = Vec::new();
	audit_path(leaves, index, &mut path);
	Some(path)
}

fn audit_path(leaves: &[H256], index: usize, path: &mut Vec<H256>) {
	let n = leaves.len();
	if n <= 1 {
		return;
	}
	let k = split_point(n);
	let (left, right) = leaves.split_at(k);
	if index < k {
		audit_path(left, index, path);
		path.push(root_of(right));
	} else {
		audit_path(right, index - k, path);
		path.push(root_of(left));
	}
}

/// The audit path of leaf `index` in a tree of `leaf_count` leaves, read from the roots of its
/// perfect subtrees (as [`MerkleFrontier::append_storing`] reports them) through `node`; the same
/// path as [`inclusion_proof`] over all leaves. `None` if `index` is out of range or a node it
/// needs is missing.
///
/// It reads at most 2·⌈log2 n⌉ + [`MAX_EXTRA_PROOF_READS`] nodes: one per level of the path, plus,
/// for the one sibling that is not a perfect subtree (the right part of the first split the leaf
/// falls left of; every range after it is perfect), one per perfect subtree it is made of; a
/// perfect subtree whose root is not stored is hashed from its leaves.
pub fn inclusion_proof_from_nodes(
	leaf_count: u64,
	index: u64,
	node: impl Fn(NodeIndex) -> Option<H256>,
) -> Option<Vec<H256>> {
	if index >= leaf_count {
		return None;
	}
	// The path from the root down, as (start, end) ranges; pushed innermost first at the end.
	let mut siblings = Vec::new();
	let (mut start, mut end) = (0u64, leaf_count);
	while end - start > 1 {
		let k = largest_power_of_two_below(end - start);
		let middle = start + k;
		if index < middle {
			siblings.push(range_root(middle, end, &node)?);
			end = middle;
		} else {
			siblings.push(range_root(start, middle, &node)?);
			start = middle;
		}
	}
	siblings.reverse();
	Some(siblings)
}

/// The largest power of two strictly below `n` (`n >= 2`).
fn largest_power_of_two_below(n: u64) -> u64 {
	1u64 << (63 - (n - 1).leading_zeros())
}

/// The root of the subtree over the leaves `start..end` of an RFC 6962 tree, from stored perfect
/// subtree roots. Every such range starts at a multiple of its largest power-of-two part, so a
/// perfect range is a perfect subtree: read if its level is stored, else split in halves down to
/// the leaves.
fn range_root(start: u64, end: u64, node: &impl Fn(NodeIndex) -> Option<H256>) -> Option<H256> {
	let n = end.checked_sub(start).filter(|n| *n > 0)?;
	let level = n.trailing_zeros();
	if n.is_power_of_two() && is_stored_level(level) {
		return node((level as u8, start >> level));
	}
	let middle = start + largest_power_of_two_below(n);
	Some(node_hash(&range_root(start, middle, node)?, &range_root(middle, end, node)?))
}

/// Checks that `leaf` (a leaf hash) is leaf number `index` of a tree of `leaf_count` leaves with
/// root `root`, given its audit path (RFC 9162, section 2.1.3.2).
pub fn verify_inclusion(
	root: &H256,
	leaf: &H256,
	index: u64,
	leaf_count: u64,
	proof: &[H256],
) -> bool {
	if index >= leaf_count {
		return false;
	}
	let (mut f_n, mut s_n) = (index, leaf_count - 1);
	let mut r = *leaf;
	for p in proof {
		if s_n == 0 {
			return false;
		}
		if f_n & 1 == 1 || f_n == s_n {
			r = node_hash(p, &r);
			if f_n & 1 == 0 {
				while f_n & 1 == 0 && f_n != 0 {
					f_n >>= 1;
					s_n >>= 1;
				}
			}
		} else {
			r = node_hash(&r, p);
		}
		f_n >>= 1;
		s_n >>= 1;
	}
	s_n == 0 && r == *root
}

#[cfg(test)]
mod tests {
	use super::*;

	fn leaves(n: usize) -> Vec<H256> {
		(0..n).map(|i| leaf_hash(&(i as u64).to_le_bytes())).collect()
	}

	#[test]
	fn hashes_are_domain_separated_sha256() {
		// sha256("") is the well-known e3b0c442...
		assert_eq!(
			hex::encode(empty_root()),
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		);
		// A leaf hash is not the plain hash of its data, and differs from a node over the same bytes.
		let data = [7u8; 64];
		assert_ne!(leaf_hash(&data), sha256(&data));
		let (l, r) = (H256::from_slice(&data[..32]), H256::from_slice(&data[32..]));
		assert_ne!(leaf_hash(&data), node_hash(&l, &r));
		assert_eq!(node_hash(&l, &r), sha256(&[&[NODE_PREFIX][..], &data[..]].concat()));
	}

	#[test]
	fn frontier_root_matches_full_tree_for_every_size() {
		let all = leaves(70);
		let mut frontier = MerkleFrontier::default();
		assert_eq!(frontier.root(), root_of(&[]));
		for (i, leaf) in all.iter().enumerate() {
			assert_eq!(frontier.append(*leaf), Some(i as u64));
			assert_eq!(frontier.root(), root_of(&all[..=i]), "size {}", i + 1);
			assert_eq!(frontier.peaks.len() as u32, frontier.leaf_count.count_ones());
		}
	}

	#[test]
	fn proofs_from_stored_subtree_roots_equal_proofs_from_all_leaves() {
		use alloc::collections::BTreeMap;
		// Past 2^7 leaves, so that stored levels and levels hashed again both occur on a path.
		let all = leaves(300);
		let subtree_root = |all: &[H256], (level, index): NodeIndex| {
			let size = 1usize << level;
			let start = index as usize * size;
			root_of(&all[start..start + size])
		};
		let mut frontier = MerkleFrontier::default();
		let mut nodes = BTreeMap::new();
		// The most reads any proof needed beyond 2·depth: the bound is reached, not just kept.
		let mut most_reads = 0;
		for (n, leaf) in all.iter().enumerate() {
			let mut reported = 0;
			frontier.append_storing(*leaf, |at, hash| {
				assert!(nodes.insert(at, hash).is_none(), "{at:?} reported twice");
				assert_eq!(hash, subtree_root(&all, at), "{at:?} is not that subtree's root");
				reported += 1;
			});
			assert!(reported <= MAX_NODES_PER_APPEND);
			let count = n as u64 + 1;
			// Exactly one node per complete perfect subtree of a stored level.
			let expected: u64 =
				(0..64).filter(|level| is_stored_level(*level)).map(|level| count >> level).sum();
			assert_eq!(nodes.len() as u64, expected, "size {count}");
			// ⌈log2 count⌉, the depth of the tree.
			let depth = u64::BITS - count.saturating_sub(1).leading_zeros();
			// Every proof of the small trees, and of some larger ones (each check is O(n) hashes).
			let checked = count <= 80 || count.is_multiple_of(37) || (count + 1) % 64 <= 2;
			for i in (0..count).filter(|_| checked) {
				let reads = core::cell::Cell::new(0u32);
				let proof = inclusion_proof_from_nodes(count, i, |at| {
					reads.set(reads.get() + 1);
					nodes.get(&at).copied()
				});
				assert_eq!(proof, inclusion_proof(&all[..=n], i), "size {count}, leaf {i}");
				most_reads = most_reads.max(reads.get().saturating_sub(2 * depth));
				assert!(
					reads.get() <= 2 * depth + MAX_EXTRA_PROOF_READS,
					"size {count}, leaf {i}: {} reads",
					reads.get()
				);
			}
			assert!(
				inclusion_proof_from_nodes(count, count, |at| nodes.get(&at).copied()).is_none()
			);
		}
		assert!(most_reads > MAX_EXTRA_PROOF_READS / 2, "{most_reads} extra reads at most");
		// A missing node means no proof, not a wrong one.
		nodes.remove(&(0, 3));
		assert!(inclusion_proof_from_nodes(300, 2, |at| nodes.get(&at).copied()).is_none());
		assert!(inclusion_proof_from_nodes(300, 10, |at| nodes.get(&at).copied()).is_none());
		nodes.remove(&(5, 4));
		assert!(inclusion_proof_from_nodes(300, 170, |at| nodes.get(&at).copied()).is_none());
		assert_eq!(largest_power_of_two_below(2), 1);
		assert_eq!(largest_power_of_two_below(5), 4);
		assert_eq!(largest_power_of_two_below(8), 4);
		assert_eq!(largest_power_of_two_below(u64::MAX), 1 << 63);
	}

	#[test]
	fn known_small_trees() {
		let l = leaves(3);
		assert_eq!(root_of(&l[..1]), l[0]);
		assert_eq!(root_of(&l[..2]), node_hash(&l[0], &l[1]));
		assert_eq!(root_of(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
	}

	#[test]
	fn every_proof_verifies_and_tampering_fails() {
		for n in 1..=33usize {
			let all = leaves(n);
			let root = root_of(&all);
			for i in 0..n {
				let proof = inclusion_proof(&all, i as u64).unwrap();
				assert!(
					verify_inclusion(&root, &all[i], i as u64, n as u64, &proof),
					"n={n} i={i}"
				);
				// A different leaf, index, size, root or path does not verify.
				let other = leaf_hash(b"tampered");
				assert!(!verify_inclusion(&root, &other, i as u64, n as u64, &proof));
				if n > 1 {
					let j = (i + 1) % n;
					assert!(!verify_inclusion(&root, &all[i], j as u64, n as u64, &proof));
					let mut bad = proof.clone();
					bad[0] = other;
					assert!(!verify_inclusion(&root, &all[i], i as u64, n as u64, &bad));
					let mut short = proof.clone();
					short.pop();
					assert!(!verify_inclusion(&root, &all[i], i as u64, n as u64, &short));
				}
				let mut long = proof.clone();
				long.push(other);
				assert!(!verify_inclusion(&root, &all[i], i as u64, n as u64, &long));
				assert!(!verify_inclusion(&other, &all[i], i as u64, n as u64, &proof));
			}
			assert!(inclusion_proof(&all, n as u64).is_none());
			assert!(!verify_inclusion(&root, &all[0], n as u64, n as u64, &[]));
		}
	}
}
