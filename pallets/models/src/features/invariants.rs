//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use lineage_primitives::traits::ContributionsProvider;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks ids, owner index, terms, versions (one snapshot per dataset, each existing with the
	/// leaf count recorded), the kept history, and deposits.
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
			ensure!(
				model.datasets.iter().all(|(_, weight)| !weight.is_zero()),
				"a dataset weighted 0%"
			);
			ensure!(
				Versions::<T>::get(id, model.current.number).as_ref() == Some(&model.current),
				"the current version is not in the history"
			);
			for (number, version) in Versions::<T>::iter_prefix(id) {
				ensure!(number == version.number, "a version stored under another number");
				ensure!(
					number <= model.current.number
						&& model.current.number - number < T::MaxVersions::get(),
					"a version outside the kept history"
				);
				ensure!(
					version.snapshots.len() == model.datasets.len(),
					"a version without one snapshot per dataset"
				);
				for ((dataset_id, _), (index, leaf_count)) in
					model.datasets.iter().zip(version.snapshots.iter())
				{
					let snapshot =
						T::Datasets::snapshot(*dataset_id, *index).ok_or("unknown snapshot")?;
					ensure!(snapshot.leaf_count == *leaf_count, "a version's leaf count is wrong");
				}
			}
			if let Some(pending) = model.pending_fee {
				ensure!(pending.fee > model.fee_per_inference, "a pending fee is no increase");
			}
			if model.status == ModelStatus::Retired {
				ensure!(model.deposit.is_zero(), "retired model still holds a deposit");
			}
			deposits
				.entry(model.owner.clone())
				.or_insert_with(Zero::zero)
				.saturating_accrue(model.deposit);
		}
		ensure!(
			Versions::<T>::iter_keys().all(|(id, _)| Models::<T>::contains_key(id)),
			"a version of an unknown model"
		);
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
