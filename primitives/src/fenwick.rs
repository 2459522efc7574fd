//! Index arithmetic of a growable Fenwick (binary indexed) tree over epochs.
//!
//! The reward accumulators of a dataset are kept per epoch (the contributions accepted between two
//! consecutive snapshots). A payout for a model version that names snapshot `k` credits every epoch
//! `0..=k`, pro rata to their units: a prefix. Two Fenwick trees over epochs make that cheap:
//! one holds the units per epoch (a prefix sum gives the units of `0..=k`), the other the reward
//! per unit added at each snapshot (adding at `k` credits the prefix `0..=k`; the reward per unit
//! of epoch `e` is the sum of what was added at `e` and above, i.e. the total minus the prefix
//! sum below `e`). Each read or update touches O(log n) nodes for `n` epochs.
//!
//! Epoch `e` is node `e + 1` (nodes are numbered from 1). Node `i` holds the sum over the epochs
//! of nodes `(i - lowbit(i)) + 1 ..= i`. The tree grows by one epoch at each snapshot: the new
//! node starts as the sum of the nodes [`children`] names, so updates and queries only ever
//! touch nodes up to the current number of epochs.
//!
//! These functions only compute which nodes to touch; the caller keeps the nodes (in storage).

/// The lowest set bit of `i`.
fn lowbit(i: u64) -> u64 {
	i & i.wrapping_neg()
}

/// The node of epoch `epoch`.
pub fn node_of(epoch: u32) -> u64 {
	u64::from(epoch) + 1
}

/// The nodes whose values sum to the prefix of epochs `0..=epoch`, in any order.
pub fn prefix_nodes(epoch: u32) -> impl Iterator<Item = u64> {
	let mut i = node_of(epoch);
	core::iter::from_fn(move || {
		(i > 0).then(|| {
			let node = i;
			i -= lowbit(i);
			node
		})
	})
}

/// The most nodes [`prefix_nodes`] returns for any epoch below `epochs`: one per set bit of its
/// node `epoch + 1`, at most `floor(log2(epochs + 1))`.
pub fn max_prefix_nodes(epochs: u32) -> u32 {
	// Nodes are `u64`, so the node of the last `u32` epoch has 32 bits set.
	(u64::from(epochs) + 1).ilog2()
}

/// The nodes that must change when the value of epoch `epoch` changes, in a tree of `epochs`
/// epochs (nodes `1..=epochs`). Empty if `epoch` is not in the tree.
pub fn update_nodes(epoch: u32, epochs: u32) -> impl Iterator<Item = u64> {
	let size = u64::from(epochs);
	let mut i = node_of(epoch);
	core::iter::from_fn(move || {
		(i <= size).then(|| {
			let node = i;
			i = i.saturating_add(lowbit(i));
			node
		})
	})
}

/// The nodes whose values sum to the new node `node` when the tree grows to `node` nodes (the
/// epoch it stands for starts empty): the roots of the ranges it covers, below itself.
pub fn children(node: u64) -> impl Iterator<Item = u64> {
	let bottom = node.saturating_sub(lowbit(node));
	let mut j = node.saturating_sub(1);
	core::iter::from_fn(move || {
		(j > bottom).then(|| {
			let child = j;
			j -= lowbit(j);
			child
		})
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::{collections::BTreeMap, vec, vec::Vec};

	/// A tree of u128 values in a map, grown and updated only through the functions above.
	#[derive(Default)]
	struct Tree {
		nodes: BTreeMap<u64, u128>,
		epochs: u32,
	}

	impl Tree {
		fn grow(&mut self) {
			self.epochs += 1;
			let node = node_of(self.epochs - 1);
			let sum = children(node).map(|c| self.nodes.get(&c).copied().unwrap_or(0)).sum();
			self.nodes.insert(node, sum);
		}
		fn add(&mut self, epoch: u32, value: u128) {
			for node in update_nodes(epoch, self.epochs) {
				*self.nodes.entry(node).or_default() += value;
			}
		}
		fn prefix(&self, epoch: u32) -> u128 {
			prefix_nodes(epoch).map(|n| self.nodes.get(&n).copied().unwrap_or(0)).sum()
		}
	}

	/// Random growth and updates, checked against plain per-epoch sums after every step; and the
	/// number of nodes touched stays within the logarithm of the number of epochs.
	#[test]
	fn matches_a_naive_prefix_sum() {
		let mut seed: u64 = 0x5eed;
		let mut next = move |bound: u64| {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			seed % bound
		};
		for _ in 0..20 {
			let mut tree = Tree::default();
			let mut naive: Vec<u128> = vec![];
			tree.grow();
			naive.push(0);
			for _ in 0..400 {
				if next(4) == 0 {
					tree.grow();
					naive.push(0);
				} else {
					let epoch = next(naive.len() as u64) as u32;
					let value = u128::from(next(1_000));
					tree.add(epoch, value);
					naive[epoch as usize] += value;
				}
				for epoch in 0..naive.len() {
					let expected: u128 = naive[..=epoch].iter().sum();
					assert_eq!(tree.prefix(epoch as u32), expected);
				}
			}
			// No node beyond the current size was ever written.
			assert!(tree.nodes.keys().all(|n| *n <= u64::from(tree.epochs)));
		}
	}

	/// The closed form agrees with a search over every epoch of every tree up to 2,100 epochs.
	#[test]
	fn max_prefix_nodes_is_the_longest_prefix_walk() {
		for epochs in 0u32..=2_100 {
			let longest = (0..epochs).map(|e| prefix_nodes(e).count() as u32).max().unwrap_or(0);
			assert_eq!(max_prefix_nodes(epochs), longest, "{epochs} epochs");
		}
		assert_eq!(max_prefix_nodes(u32::MAX), 32);
	}

	#[test]
	fn paths_are_logarithmic() {
		for epochs in [1u32, 2, 3, 1000, 1 << 20] {
			let bound = 64 - u64::from(epochs).leading_zeros() as usize + 1;
			for epoch in [0, epochs / 2, epochs - 1] {
				assert!(prefix_nodes(epoch).count() <= bound);
				assert!(update_nodes(epoch, epochs).count() <= bound);
				assert!(children(node_of(epoch)).count() <= bound);
			}
		}
		// The largest epochs do not overflow.
		assert_eq!(update_nodes(u32::MAX - 1, u32::MAX).count(), 1);
		assert_eq!(prefix_nodes(u32::MAX - 1).count(), 32);
		assert_eq!(prefix_nodes(u32::MAX).count(), 1);
		// An epoch outside the tree has nothing to update.
		assert_eq!(update_nodes(5, 5).count(), 0);
	}
}
