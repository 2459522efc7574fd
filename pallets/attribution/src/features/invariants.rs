//! Invariants checked by `try_state` (try-runtime) and by the tests: nothing created, nothing lost.

use crate::{features::epochs::NodeCache, *};
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::Inspect};
use lineage_primitives::{fenwick, traits::ContributionsProvider};
use sp_core::U256;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// - every pool's books balance exactly: `credited = carry + claimed + held by positions`;
	/// - every epoch tree holds exactly its positions' units, per epoch and per node, and no node
	///   beyond its epochs; its reward nodes sum to the pool's total;
	/// - every pool's units are its dataset's accepted units;
	/// - the pot holds at least everything claimable plus its existential deposit;
	/// - the fees in equal what went to contributors, owners, operators and the treasury, per
	///   model and in all, and the pot holds exactly what came in, less what went out (plus any
	///   gifts).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let precision = U256::from(PRECISION);
		let to_u256 = |b: BalanceOf<T>| -> U256 {
			let v: u128 = b.unique_saturated_into();
			U256::from(v)
		};
		// Per dataset: units per epoch and scaled accrued rewards of its positions.
		let mut held: BTreeMap<DatasetId, (BTreeMap<Epoch, u128>, U256)> = BTreeMap::new();
		let mut counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut cache = NodeCache::default();
		for (who, (dataset_id, epoch), position) in Positions::<T>::iter() {
			let accrued = Self::settled_accrued(dataset_id, epoch, &position, &mut cache)
				.map_err(|_| "position ahead of its pool")?;
			let entry = held.entry(dataset_id).or_default();
			entry.0.entry(epoch).or_default().saturating_accrue(position.units);
			entry.1 = entry.1.saturating_add(accrued);
			let count = counts.entry(who).or_default();
			*count = count.saturating_add(1);
		}
		for (who, count) in PositionCount::<T>::iter() {
			ensure!(count > 0, "an empty position count is stored");
			ensure!(counts.remove(&who) == Some(count), "position count mismatch");
		}
		ensure!(counts.is_empty(), "positions without a count");

		let mut outstanding = U256::zero();
		for (dataset_id, pool) in RewardPools::<T>::iter() {
			let (units, accrued) = held.remove(&dataset_id).unwrap_or_default();
			Self::check_tree(dataset_id, &pool, &units)?;
			let accepted = T::Contributions::dataset(dataset_id).map(|d| d.accepted_units);
			ensure!(accepted.unwrap_or(0) == pool.units, "pool units differ from the dataset");
			ensure!(
				to_u256(pool.credited).saturating_mul(precision)
					== pool
						.carry
						.saturating_add(to_u256(pool.claimed).saturating_mul(precision))
						.saturating_add(accrued),
				"pool books do not balance"
			);
			outstanding =
				outstanding.saturating_add(to_u256(pool.credited.saturating_sub(pool.claimed)));
		}
		ensure!(held.is_empty(), "positions in a dataset without a pool");
		ensure!(
			EpochNodes::<T>::iter_keys().all(|(d, _)| RewardPools::<T>::contains_key(d)),
			"epoch nodes of a dataset without a pool"
		);

		for (_, amount) in Claimable::<T>::iter() {
			outstanding = outstanding.saturating_add(to_u256(amount));
		}
		let pot = to_u256(T::Currency::balance(&Self::pot()));
		let minimum = to_u256(T::Currency::minimum_balance());
		ensure!(
			pot >= outstanding.saturating_add(minimum),
			"the pot holds less than what is claimable"
		);

		let totals = LifetimeTotals::<T>::get();
		let mut fees = BalanceOf::<T>::zero();
		for (_, revenue) in ModelRevenues::<T>::iter() {
			ensure!(
				revenue
					.contributors
					.saturating_add(revenue.owner)
					.saturating_add(revenue.operators)
					.saturating_add(revenue.protocol)
					== revenue.fees,
				"a model's revenue parts do not sum to its fees"
			);
			fees = fees.saturating_add(revenue.fees);
		}
		ensure!(fees == totals.fees, "lifetime fees differ from the models' fees");
		let net = to_u256(totals.fees).saturating_add(minimum);
		let out = to_u256(totals.to_treasury).saturating_add(to_u256(totals.claimed));
		ensure!(net >= out && pot >= net.saturating_sub(out), "the pot lost money");
		Ok(())
	}

	/// The tree's unit nodes are the sums of the positions' units over the epochs they cover,
	/// nothing is stored beyond its epochs, and its reward nodes add up to the pool's total.
	fn check_tree(
		dataset_id: DatasetId,
		pool: &RewardPool<BalanceOf<T>>,
		units: &BTreeMap<Epoch, u128>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(
			units.keys().all(|epoch| *epoch < pool.epochs),
			"a position in an epoch beyond the tree"
		);
		ensure!(
			units.values().fold(0u128, |sum, u| sum.saturating_add(*u)) == pool.units,
			"pool units differ from its positions"
		);
		for (node, value) in EpochNodes::<T>::iter_prefix(dataset_id) {
			ensure!(node >= 1 && node <= u64::from(pool.epochs), "a node beyond the tree");
			let lowest = node.saturating_sub(node & node.wrapping_neg());
			let expected: u128 = units
				.range((lowest as u32)..(node as u32))
				.fold(0u128, |sum, (_, u)| sum.saturating_add(*u));
			ensure!(value.units == expected, "an epoch node's units do not match its positions");
		}
		let reward_total = match pool.epochs.checked_sub(1) {
			Some(last) => fenwick::prefix_nodes(last).fold(U256::zero(), |sum, node| {
				sum.saturating_add(EpochNodes::<T>::get(dataset_id, node).reward_per_unit)
			}),
			None => U256::zero(),
		};
		ensure!(
			reward_total == pool.reward_per_unit,
			"the epoch tree's rewards differ from the pool's total"
		);
		Ok(())
	}
}
