//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Allowances and deposits on hold match the authorisations; requests and summaries match
	/// each other and lie within the pruning window.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		// Per consumer: (allowances, deposits) the authorisations say are on hold.
		let mut held: BTreeMap<T::AccountId, (BalanceOf<T>, BalanceOf<T>)> = BTreeMap::new();
		for (consumer, _, authorization) in Authorizations::<T>::iter() {
			let entry = held.entry(consumer).or_insert_with(|| (Zero::zero(), Zero::zero()));
			entry.0.saturating_accrue(authorization.remaining);
			entry.1.saturating_accrue(authorization.deposit);
		}
		for (consumer, (allowances, deposits)) in held {
			let on_hold =
				|reason: HoldReason| T::Currency::balance_on_hold(&reason.into(), &consumer);
			ensure!(
				on_hold(HoldReason::InferenceAllowance) == allowances,
				"allowances on hold do not match the authorisations"
			);
			ensure!(
				on_hold(HoldReason::AuthorizationDeposit) == deposits,
				"deposits on hold do not match the authorisations"
			);
		}
		let (oldest, next) = (OldestInference::<T>::get(), NextInferenceId::<T>::get());
		ensure!(oldest <= next, "pruning cursor beyond the next inference id");
		let mut summaries = 0u64;
		for (id, summary) in Inferences::<T>::iter() {
			ensure!(id >= oldest && id < next, "inference outside the retention window");
			ensure!(
				Requests::<T>::get((&summary.consumer, summary.model_id, summary.request_hash))
					== Some(id),
				"inference without its request"
			);
			summaries.saturating_accrue(1);
		}
		ensure!(Requests::<T>::iter().count() as u64 == summaries, "request without its inference");
		Ok(())
	}
}
