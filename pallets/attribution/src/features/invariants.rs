//! Invariants checked by `try_state` (try-runtime) and by the tests: nothing created, nothing lost.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::Inspect};
use lineage_primitives::traits::ContributionsProvider;
use sp_core::U256;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// - every pool's books balance exactly: `credited = carry + claimed + held by positions`;
	/// - every pool's units are its positions' units and its dataset's accepted units;
	/// - the pot holds at least everything claimable plus its existential deposit;
	/// - the fees in equal what went to contributors, owners and the treasury, per model and in
	///   all, and the pot holds exactly what came in, less what went out (plus any gifts).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let precision = U256::from(PRECISION);
		let to_u256 = |b: BalanceOf<T>| -> U256 {
			let v: u128 = b.unique_saturated_into();
			U256::from(v)
		};
		let mut held: BTreeMap<DatasetId, (u128, U256)> = BTreeMap::new();
		let mut counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (who, dataset_id, position) in Positions::<T>::iter() {
			let pool = RewardPools::<T>::get(dataset_id);
			let mut settled = position.clone();
			Self::settle(&mut settled, &pool).map_err(|_| "position ahead of its pool")?;
			let entry = held.entry(dataset_id).or_insert((0, U256::zero()));
			entry.0 = entry.0.saturating_add(position.units);
			entry.1 = entry.1.saturating_add(settled.accrued);
			let count = counts.entry(who).or_default();
			*count = count.saturating_add(1);
		}
		for (who, count) in PositionCount::<T>::iter() {
			ensure!(counts.remove(&who) == Some(count), "position count mismatch");
		}
		ensure!(counts.is_empty(), "positions without a count");

		let mut outstanding = U256::zero();
		for (dataset_id, pool) in RewardPools::<T>::iter() {
			let (units, accrued) = held.remove(&dataset_id).unwrap_or_default();
			ensure!(pool.units == units, "pool units differ from its positions");
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
				revenue.contributors.saturating_add(revenue.owner).saturating_add(revenue.protocol)
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
}
