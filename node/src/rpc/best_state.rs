//! The best block's state, opened once per block for the Lineage RPC methods instead of once per
//! request.
//!
//! Opening a block's state (`state_at`) pins it in the state database, and dropping it unpins it;
//! both take the state database's write lock, which a block import holds while it commits its
//! trie changes. A query that opened its state during a commit waited for it: under the load
//! benchmark's transfers, a probe timing each native query found `state_at` taking 2.4–30 ms in
//! the slowest requests (the query itself, and the merge of its trie cache on drop, stayed under
//! 6 ms), which is where the Lineage methods' p99 tail over `system_health` came from.
//!
//! [`follow_best_block`] opens each new best block's state as the import notification arrives,
//! off the request path; queries at that block share it ([`BestState::at`]). A query at any other
//! block, or before the task has caught up with a new best block, opens its own state as before,
//! so every answer is still the state of the block asked for.

use std::sync::{Arc, Mutex, PoisonError};

use futures::StreamExt;
use lineage_runtime::opaque::Block;
use sc_client_api::BlockchainEvents;
use sp_api::CallApiAt;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Opts, PrometheusError, Registry, U64,
};

/// The most states of one block kept open. A state serves one query at a time (the client's
/// state type is not `Sync`), so this is how many queries run at once without opening a state:
/// the RPC server runs them on the node's worker threads, one per core.
const MAX_OPEN: usize = 8;

/// Open states of the best block, each lent to one query at a time.
pub struct BestState<S> {
	held: Mutex<Held<S>>,
	/// `lineage_rpc_query_states_total`'s two samples (`lent`, `opened`), resolved once.
	counted: Option<[Counter<U64>; 2]>,
}

struct Held<S> {
	/// The block whose states `idle` are.
	hash: Option<H256>,
	/// Open states of `hash`, not lent.
	idle: Vec<S>,
	/// States of blocks no longer the best, given back after `hash` changed: dropped by the
	/// task at the next best block, so that no request waits for the unpinning.
	retired: Vec<S>,
}

impl<S> Default for BestState<S> {
	fn default() -> Self {
		Self {
			held: Mutex::new(Held { hash: None, idle: Vec::new(), retired: Vec::new() }),
			counted: None,
		}
	}
}

impl<S> BestState<S> {
	/// Nothing open yet; counts in `registry`, if there is one, the states native queries were
	/// lent and those they had to open (`lineage_rpc_query_states_total{state=lent|opened}`).
	pub fn new(registry: Option<&Registry>) -> Result<Self, PrometheusError> {
		let counted = registry
			.map(|registry| {
				register(
					CounterVec::new(
						Opts::new(
							"lineage_rpc_query_states_total",
							"States of blocks the Lineage RPC queries read: lent (the best \
							 block's, opened ahead once per block) or opened for the query",
						),
						&["state"],
					)?,
					registry,
				)
			})
			.transpose()?
			.map(|states| ["lent", "opened"].map(|label| states.with_label_values(&[label])));
		Ok(Self { counted, ..Self::default() })
	}

	fn lock(&self) -> std::sync::MutexGuard<'_, Held<S>> {
		self.held.lock().unwrap_or_else(PoisonError::into_inner)
	}

	/// Lends an open state of block `hash` if this holds one; `None` otherwise (the query opens
	/// its own). Give it back with [`Self::give_back`].
	pub fn lend(&self, hash: H256) -> Option<S> {
		let lent = {
			let mut held = self.lock();
			if held.hash == Some(hash) {
				held.idle.pop()
			} else {
				None
			}
		};
		if let Some([lent_count, opened_count]) = &self.counted {
			if lent.is_some() { lent_count } else { opened_count }.inc();
		}
		lent
	}

	/// Takes back a state of block `hash` after a query, lent or opened by the query: kept for
	/// the next query if `hash` is still the best block, else kept to be dropped at the next
	/// best block. Returns it if there is no room (the caller drops it).
	pub fn give_back(&self, hash: H256, state: S) -> Option<S> {
		let mut held = self.lock();
		let current = held.hash == Some(hash);
		let shelf = if current { &mut held.idle } else { &mut held.retired };
		if shelf.len() < MAX_OPEN {
			shelf.push(state);
			None
		} else {
			Some(state)
		}
	}

	/// Block `hash` is the best now, with `opened` states of it: lends those from now on, and
	/// hands back every state of the blocks before, for the caller to drop outside the lock.
	pub fn replace(&self, hash: H256, opened: Vec<S>) -> Vec<S> {
		let mut held = self.lock();
		held.hash = Some(hash);
		let mut previous = std::mem::replace(&mut held.idle, opened);
		previous.append(&mut held.retired);
		previous
	}
}

/// Keeps `best` lending states of `client`'s best block: opens them at start and again at each
/// import notification of a new best block, as many as the node has cores (each query borrows
/// one). Runs for the node's lifetime (a service task).
pub async fn follow_best_block<C>(client: Arc<C>, best: Arc<BestState<C::StateBackend>>)
where
	C: CallApiAt<Block> + HeaderBackend<Block> + BlockchainEvents<Block>,
{
	let states = std::thread::available_parallelism().map_or(2, |n| n.get()).min(MAX_OPEN);
	let open = |hash: H256| {
		let opened: Result<Vec<_>, _> =
			(0..states).map(|_| CallApiAt::state_at(&*client, hash)).collect();
		match opened {
			// The previous states are dropped here, on this task, not in a request.
			Ok(opened) => drop(best.replace(hash, opened)),
			// Not readable (pruned, say): queries open their own state, as without this task.
			Err(e) => log::debug!(target: "lineage-rpc", "cannot open the state of {hash:?}: {e}"),
		}
	};
	let mut imports = client.import_notification_stream();
	open(client.info().best_hash);
	while let Some(imported) = imports.next().await {
		if imported.is_new_best {
			open(imported.hash);
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn lends_states_of_the_best_block_only() {
		let best = BestState::<&str>::default();
		let (first, second) = (H256::repeat_byte(1), H256::repeat_byte(2));
		assert!(best.lend(first).is_none(), "nothing open before the first block");

		assert!(best.replace(first, vec!["first a", "first b"]).is_empty());
		assert!(best.lend(second).is_none(), "a query at another block opens its own state");
		let a = best.lend(first).expect("open");
		let b = best.lend(first).expect("open");
		assert!(best.lend(first).is_none(), "both lent: a third concurrent query opens its own");
		assert_eq!(best.give_back(first, a), None);
		assert_eq!(best.lend(first), Some(a), "given back, lent again");
		assert_eq!(best.give_back(first, a), None);

		// A new best block while `b` is lent: the idle state is handed back at once, and `b`,
		// given back afterwards, at the block after.
		let mut dropped = best.replace(second, vec!["second"]);
		assert_eq!(dropped, vec![a]);
		assert_eq!(best.give_back(first, b), None);
		assert!(best.lend(first).is_none(), "a retired state is never lent");
		assert_eq!(best.lend(second), Some("second"));
		dropped = best.replace(H256::repeat_byte(3), vec![]);
		assert_eq!(dropped, vec![b]);
	}

	#[test]
	fn keeps_at_most_max_open_states() {
		let best = BestState::<u32>::default();
		let hash = H256::repeat_byte(1);
		best.replace(hash, vec![]);
		for state in 0..MAX_OPEN as u32 {
			assert_eq!(best.give_back(hash, state), None);
		}
		assert_eq!(best.give_back(hash, 99), Some(99), "no room: the caller drops it");
		// Retired ones are bounded too.
		for state in 0..MAX_OPEN as u32 {
			assert_eq!(best.give_back(H256::zero(), state), None);
		}
		assert_eq!(best.give_back(H256::zero(), 98), Some(98));
	}
}
