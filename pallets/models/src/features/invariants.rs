//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks ids, owner index, terms, version history and deposits.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextModelId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, model) in Models::<T>::iter() {
			ensure!(id < next, "model id beyond NextModelId");
			ensure!(
				ModelsByOwner::<T>::contains_key(&model.owner, id),
				"model not indexed by owner"
			);
			ensure!(model.split.is_complete(), "split does not sum to 100%");
			let versions = Versions::<T>::get(id);
			ensure!(
				versions.last().map(|(hash, _)| *hash) == Some(model.version_hash),
				"the current version is not the last published"
			);
			if model.status == ModelStatus::Retired {
				ensure!(model.deposit.is_zero(), "retired model still holds a deposit");
			}
			deposits
				.entry(model.owner.clone())
				.or_insert_with(Zero::zero)
				.saturating_accrue(model.deposit);
		}
		ensure!(
			ModelsByOwner::<T>::iter_keys()
				.all(|(owner, id)| { Models::<T>::get(id).is_some_and(|m| m.owner == owner) }),
			"owner index names a model of someone else"
		);
		for (owner, amount) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &owner);
			ensure!(held == amount, "model deposits on hold do not match the records");
		}
		Ok(())
	}
}
