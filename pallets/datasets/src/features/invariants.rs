//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use lineage_primitives::merkle;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks that every stored count, sum, commitment, snapshot, queue and deposit agrees with
	/// the records.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		#[derive(Default)]
		struct Tally {
			accepted_units: u128,
			accepted_count: u64,
			pending_count: u64,
			leaves: u64,
			/// Leaf index and epoch of each contribution with a leaf.
			epochs: alloc::vec::Vec<(u64, Epoch)>,
		}
		let mut tallies: BTreeMap<DatasetId, Tally> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut per_account: BTreeMap<T::AccountId, u64> = BTreeMap::new();
		let next_contribution = NextContributionId::<T>::get();
		let unbonding_queued: BTreeSet<_> = UnbondingQueue::<T>::iter_values().collect();

		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < next_contribution, "contribution id beyond NextContributionId");
			ensure!(Datasets::<T>::contains_key(c.dataset_id), "contribution of unknown dataset");
			ensure!(c.units > 0, "contribution with zero units");
			ensure!(
				c.units <= T::MaxUnitsPerContribution::get(),
				"contribution above the unit cap"
			);
			let owner = ContentOwners::<T>::get(c.content_hash).ok_or("content hash not owned")?;
			ensure!(
				owner.contribution_id == id && owner.owner == c.contributor,
				"content owner does not match the contribution"
			);
			ensure!(
				!Reservations::<T>::contains_key(c.content_hash),
				"an owned content hash is also reserved"
			);
			ensure!(
				AccountContributions::<T>::contains_key(&c.contributor, id),
				"contribution missing from its account's index"
			);
			per_account.entry(c.contributor.clone()).or_default().saturating_accrue(1);
			held.entry(c.contributor.clone())
				.or_insert_with(Zero::zero)
				.saturating_accrue(c.deposit);
			let tally = tallies.entry(c.dataset_id).or_default();
			match c.status {
				ContributionStatus::Pending => {
					ensure!(c.leaf_index.is_none() && c.epoch.is_none(), "pending with a leaf");
					tally.pending_count.saturating_accrue(1);
				},
				ContributionStatus::Accepted => {
					ensure!(c.unbonding_until.is_none(), "accepted contribution unbonding");
					tally.accepted_units.saturating_accrue(u128::from(c.units));
					tally.accepted_count.saturating_accrue(1);
				},
				ContributionStatus::Withdrawn => ensure!(
					c.deposit.is_zero() == c.unbonding_until.is_none(),
					"a withdrawn contribution holds a deposit exactly while it unbonds"
				),
				ContributionStatus::Slashed => ensure!(
					c.deposit.is_zero() && c.unbonding_until.is_none(),
					"slashed contribution still holds a deposit"
				),
			}
			if let Some(until) = c.unbonding_until {
				ensure!(unbonding_queued.contains(&(id, until)), "unbonding deposit not queued");
			}
			ensure!(c.leaf_index.is_some() == c.epoch.is_some(), "leaf without epoch");
			if let (Some(index), Some(epoch)) = (c.leaf_index, c.epoch) {
				tally.leaves.saturating_accrue(1);
				tally.epochs.push((index, epoch));
				let leaf = MerkleNodes::<T>::get(c.dataset_id, (0, index)).ok_or("missing leaf")?;
				ensure!(
					leaf == Self::leaf_of(id, &c).hash(),
					"leaf does not commit to contribution"
				);
			}
		}
		ensure!(
			ContentOwners::<T>::iter_values()
				.all(|o| Contributions::<T>::contains_key(o.contribution_id)),
			"content owner of a removed contribution"
		);

		let next_dataset = NextDatasetId::<T>::get();
		let mut dataset_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, d) in Datasets::<T>::iter() {
			ensure!(id < next_dataset, "dataset id beyond NextDatasetId");
			let tally = tallies.remove(&id).unwrap_or_default();
			ensure!(d.accepted_units == tally.accepted_units, "accepted units do not match");
			ensure!(d.accepted_count == tally.accepted_count, "accepted count does not match");
			ensure!(d.pending_count == tally.pending_count, "pending count does not match");
			ensure!(
				u64::from(d.curator_count) == Curators::<T>::iter_key_prefix(id).count() as u64,
				"curator count does not match"
			);
			let commitment = Commitments::<T>::get(id);
			ensure!(commitment.frontier.leaf_count == tally.leaves, "leaf count does not match");
			let leaves =
				Self::leaves_of(id, commitment.frontier.leaf_count).ok_or("missing leaf")?;
			Self::check_subtree_nodes(id, &leaves)?;
			ensure!(commitment.root == commitment.frontier.root(), "root does not match frontier");
			ensure!(commitment.root == merkle::root_of(&leaves), "root does not match leaves");
			Self::check_snapshots(id, &d, &leaves, &tally.epochs)?;
			dataset_deposits
				.entry(d.owner.clone())
				.or_insert_with(Zero::zero)
				.saturating_accrue(d.deposit);
		}
		ensure!(tallies.is_empty(), "contributions of unknown datasets");
		ensure!(
			Snapshots::<T>::iter_keys().all(|(d, _)| Datasets::<T>::contains_key(d)),
			"snapshot of an unknown dataset"
		);

		for (who, count) in ContributionCount::<T>::iter() {
			ensure!(per_account.remove(&who).unwrap_or(0) == count, "contribution count mismatch");
		}
		ensure!(per_account.is_empty(), "account without a contribution count");
		for (who, amount) in held {
			let on_hold =
				T::Currency::balance_on_hold(&HoldReason::ContributionDeposit.into(), &who);
			ensure!(on_hold == amount, "contribution deposits on hold do not match the records");
		}
		for (who, amount) in dataset_deposits {
			let on_hold = T::Currency::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who);
			ensure!(on_hold == amount, "dataset deposits on hold do not match the records");
		}
		Self::check_commits()
	}

	/// Every stored node of a dataset's commitment is the root of a complete perfect subtree of
	/// its leaves, and every such root of a stored level is stored (nodes of the levels
	/// `1..=UNSTORED_LEVELS`, which runtimes before spec 304 stored, may remain).
	fn check_subtree_nodes(
		dataset_id: DatasetId,
		leaves: &[sp_core::H256],
	) -> Result<(), sp_runtime::TryRuntimeError> {
		let mut nodes: BTreeMap<_, _> = MerkleNodes::<T>::iter_prefix(dataset_id).collect();
		let mut roots = leaves.to_vec();
		let mut level = 0u8;
		loop {
			for (index, root) in roots.iter().enumerate() {
				match nodes.remove(&(level, index as u64)) {
					Some(stored) => ensure!(stored == *root, "subtree node is not its root"),
					None => ensure!(!merkle::is_stored_level(level.into()), "missing subtree node"),
				}
			}
			if roots.len() < 2 {
				break;
			}
			roots = roots
				.chunks_exact(2)
				.filter_map(|pair| match pair {
					[left, right] => Some(merkle::node_hash(left, right)),
					_ => None,
				})
				.collect();
			level = level.saturating_add(1);
		}
		ensure!(nodes.is_empty(), "stray subtree nodes");
		Ok(())
	}

	/// Snapshots are numbered without gaps, never shrink, each commits to the leaves it counts,
	/// and each contribution's epoch is the one its leaf falls in.
	fn check_snapshots(
		dataset_id: DatasetId,
		dataset: &Dataset<T>,
		leaves: &[sp_core::H256],
		epochs: &[(u64, Epoch)],
	) -> Result<(), sp_runtime::TryRuntimeError> {
		let snapshots: alloc::vec::Vec<_> = (0..dataset.snapshot_count)
			.map(|i| Snapshots::<T>::get(dataset_id, i))
			.collect::<Option<_>>()
			.ok_or("missing snapshot")?;
		ensure!(
			Snapshots::<T>::iter_key_prefix(dataset_id).count() == snapshots.len(),
			"snapshot beyond the snapshot count"
		);
		let mut previous = 0u64;
		for snapshot in &snapshots {
			ensure!(snapshot.leaf_count >= previous, "a snapshot has fewer leaves than the last");
			let covered = usize::try_from(snapshot.leaf_count).map_err(|_| "leaf count")?;
			let prefix = leaves.get(..covered).ok_or("snapshot beyond the leaves")?;
			ensure!(snapshot.root == merkle::root_of(prefix), "snapshot root does not match");
			previous = snapshot.leaf_count;
		}
		for (leaf_index, epoch) in epochs {
			ensure!(*epoch <= dataset.snapshot_count, "epoch beyond the open epoch");
			let first = match epoch.checked_sub(1) {
				Some(before) => snapshots.get(before as usize).map(|s| s.leaf_count).unwrap_or(0),
				None => 0,
			};
			let end = snapshots.get(*epoch as usize).map(|s| s.leaf_count).unwrap_or(u64::MAX);
			ensure!(*leaf_index >= first && *leaf_index < end, "leaf outside its epoch");
		}
		Ok(())
	}

	/// Every pending commitment holds its deposit and is queued for expiry; queues are in order.
	fn check_commits() -> Result<(), sp_runtime::TryRuntimeError> {
		let queued: BTreeSet<_> = CommitQueue::<T>::iter_values().collect();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (who, commitment, pending) in PendingCommits::<T>::iter() {
			ensure!(
				queued.contains(&(who.clone(), commitment, pending.committed_at)),
				"commitment not queued for expiry"
			);
			deposits.entry(who).or_insert_with(Zero::zero).saturating_accrue(pending.deposit);
		}
		for (who, amount) in deposits {
			let on_hold = T::Currency::balance_on_hold(&HoldReason::CommitDeposit.into(), &who);
			ensure!(on_hold == amount, "commitment deposits on hold do not match the records");
		}
		let commits = CommitQueueBounds::<T>::get();
		ensure!(
			CommitQueue::<T>::iter_keys().all(|k| k >= commits.head && k < commits.tail),
			"commitment queue item outside its bounds"
		);
		let unbonding = UnbondingQueueBounds::<T>::get();
		ensure!(
			UnbondingQueue::<T>::iter_keys().all(|k| k >= unbonding.head && k < unbonding.tail),
			"unbonding queue item outside its bounds"
		);
		Ok(())
	}
}
