//! Invariants checked by `try_state` (try-runtime) and after every unit test.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Allowances, deposits and bonds on hold match the authorisations, operator bonds and
	/// disputes; dispute counts match; requests and summaries match each other and lie within
	/// the pruning window.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		struct Held<B> {
			allowances: B,
			deposits: B,
			bonds: B,
			challenges: B,
		}
		let mut held: BTreeMap<T::AccountId, Held<BalanceOf<T>>> = BTreeMap::new();
		fn entry<'a, A: Ord + Clone, B: Zero>(
			held: &'a mut BTreeMap<A, Held<B>>,
			who: &A,
		) -> &'a mut Held<B> {
			held.entry(who.clone()).or_insert_with(|| Held {
				allowances: Zero::zero(),
				deposits: Zero::zero(),
				bonds: Zero::zero(),
				challenges: Zero::zero(),
			})
		}
		for (consumer, _, authorization) in Authorizations::<T>::iter() {
			ensure!(!authorization.operators.is_empty(), "an authorisation accepts no operator");
			let e = entry(&mut held, &consumer);
			e.allowances.saturating_accrue(authorization.remaining);
			e.deposits.saturating_accrue(authorization.deposit);
		}
		let mut disputes_of: BTreeMap<(ModelId, T::AccountId), u32> = BTreeMap::new();
		let mut open = 0u32;
		for (_, dispute) in Disputes::<T>::iter() {
			entry(&mut held, &dispute.challenger).challenges.saturating_accrue(dispute.bond);
			disputes_of.entry((dispute.model_id, dispute.operator)).or_default().saturating_inc();
			open.saturating_inc();
		}
		ensure!(open == OpenDisputes::<T>::get(), "open dispute count does not match");
		ensure!(open <= T::MaxOpenDisputes::get(), "more open disputes than allowed");
		for (model_id, operator, bond) in OperatorBonds::<T>::iter() {
			ensure!(
				disputes_of.remove(&(model_id, operator.clone())).unwrap_or(0) == bond.disputes,
				"a bond's dispute count does not match"
			);
			entry(&mut held, &operator).bonds.saturating_accrue(bond.amount);
		}
		ensure!(disputes_of.is_empty(), "a dispute about an operator without a bond");
		for (who, expected) in held {
			let on_hold = |reason: HoldReason| T::Currency::balance_on_hold(&reason.into(), &who);
			ensure!(
				on_hold(HoldReason::InferenceAllowance) == expected.allowances,
				"allowances on hold do not match the authorisations"
			);
			ensure!(
				on_hold(HoldReason::AuthorizationDeposit) == expected.deposits,
				"deposits on hold do not match the authorisations"
			);
			ensure!(
				on_hold(HoldReason::OperatorBond) == expected.bonds,
				"operator bonds on hold do not match the records"
			);
			ensure!(
				on_hold(HoldReason::ChallengeBond) == expected.challenges,
				"challenge bonds on hold do not match the disputes"
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
