//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use lineage_primitives::merkle;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks that every stored count, sum, commitment and deposit agrees with the records.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		#[derive(Default)]
		struct Tally {
			accepted_units: u128,
			accepted_count: u64,
			pending_count: u64,
			leaves: u64,
		}
		let mut tallies: BTreeMap<DatasetId, Tally> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut per_account: BTreeMap<T::AccountId, u64> = BTreeMap::new();
		let next_contribution = NextContributionId::<T>::get();

		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < next_contribution, "contribution id beyond NextContributionId");
			ensure!(Datasets::<T>::contains_key(c.dataset_id), "contribution of unknown dataset");
			ensure!(c.units > 0, "contribution with zero units");
			let owner = ContentOwners::<T>::get(c.content_hash).ok_or("content hash not owned")?;
			ensure!(
				owner.contribution_id == id && owner.owner == c.contributor,
				"content owner does not match the contribution"
			);
			ensure!(
				AccountContributions::<T>::contains_key(&c.contributor, id),
				"contribution missing from its account's index"
			);
			per_account.entry(c.contributor.clone()).or_default().saturating_accrue(1);
			let held_by = held.entry(c.contributor.clone()).or_insert_with(Zero::zero);
			held_by.saturating_accrue(c.deposit);
			let tally = tallies.entry(c.dataset_id).or_default();
			match c.status {
				ContributionStatus::Pending => {
					ensure!(c.leaf_index.is_none(), "pending contribution with a leaf");
					tally.pending_count.saturating_accrue(1);
				},
				ContributionStatus::Accepted => {
					tally.accepted_units.saturating_accrue(u128::from(c.units));
					tally.accepted_count.saturating_accrue(1);
				},
				ContributionStatus::Withdrawn => {
					ensure!(c.deposit.is_zero(), "withdrawn contribution still holds a deposit")
				},
			}
			if let Some(index) = c.leaf_index {
				tally.leaves.saturating_accrue(1);
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
			// One node per complete perfect subtree, each the hash of its two children.
			let nodes: BTreeMap<_, _> = MerkleNodes::<T>::iter_prefix(id).collect();
			let expected: u64 = (0..64).map(|level| tally.leaves >> level).sum();
			ensure!(nodes.len() as u64 == expected, "stray or missing subtree nodes");
			for (&(level, index), hash) in nodes.iter().filter(|((level, _), _)| *level > 0) {
				let child = |i| nodes.get(&(level - 1, i)).ok_or("subtree node without children");
				let (left, right) = (
					child(index.saturating_mul(2))?,
					child(index.saturating_mul(2).saturating_add(1))?,
				);
				ensure!(
					*hash == merkle::node_hash(left, right),
					"subtree node is not its children's hash"
				);
			}
			ensure!(commitment.root == commitment.frontier.root(), "root does not match frontier");
			ensure!(commitment.root == merkle::root_of(&leaves), "root does not match leaves");
			dataset_deposits
				.entry(d.owner.clone())
				.or_insert_with(Zero::zero)
				.saturating_accrue(d.deposit);
		}
		ensure!(tallies.is_empty(), "contributions of unknown datasets");

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
		Ok(())
	}
}
