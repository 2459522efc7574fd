//! Bonded disputes about the attribution operators record (see the crate docs).

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use lineage_primitives::traits::{ModelsProvider, OperatorRegistry};
use sp_runtime::{traits::Saturating, Perbill};

impl<T: Config> Pallet<T> {
	/// Holds `OperatorBond` from `operator` for `model_id` (see `bond_operator`).
	pub fn do_bond_operator(operator: &T::AccountId, model_id: ModelId) -> DispatchResult {
		let terms = T::Models::model_terms(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.can_meter(operator), Error::<T>::NotOperator);
		ensure!(!OperatorBonds::<T>::contains_key(model_id, operator), Error::<T>::AlreadyBonded);
		let amount = T::OperatorBond::get();
		T::Currency::hold(&HoldReason::OperatorBond.into(), operator, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		OperatorBonds::<T>::insert(
			model_id,
			operator,
			OperatorBondOf::<T> { amount, last_attributed: None, disputes: 0 },
		);
		Self::deposit_event(Event::OperatorBonded { model_id, operator: operator.clone(), amount });
		Ok(())
	}

	/// Returns `operator`'s bond for `model_id` once nothing it recorded can still be disputed
	/// (see `unbond_operator`).
	pub fn do_unbond_operator(operator: &T::AccountId, model_id: ModelId) -> DispatchResult {
		let bond = OperatorBonds::<T>::get(model_id, operator).ok_or(Error::<T>::NoOperatorBond)?;
		let now = frame_system::Pallet::<T>::block_number();
		let at_stake = bond
			.last_attributed
			.is_some_and(|last| now <= last.saturating_add(T::ChallengePeriod::get()));
		ensure!(!at_stake && bond.disputes == 0, Error::<T>::BondStillAtStake);
		T::Currency::release(
			&HoldReason::OperatorBond.into(),
			operator,
			bond.amount,
			Precision::Exact,
		)?;
		OperatorBonds::<T>::remove(model_id, operator);
		Self::deposit_event(Event::OperatorUnbonded {
			model_id,
			operator: operator.clone(),
			amount: bond.amount,
		});
		Ok(())
	}

	/// `operator` records explicit attribution for `model_id` now: it must be bonded, and its
	/// bond stays at stake for `ChallengePeriod` from now.
	pub(crate) fn note_attributed(operator: &T::AccountId, model_id: ModelId) -> DispatchResult {
		OperatorBonds::<T>::try_mutate(model_id, operator, |bond| {
			let bond = bond.as_mut().ok_or(Error::<T>::NoOperatorBond)?;
			bond.last_attributed = Some(frame_system::Pallet::<T>::block_number());
			Ok(())
		})
	}

	/// Opens a dispute about `inference_id` (see `challenge`).
	pub fn do_challenge(
		challenger: &T::AccountId,
		inference_id: InferenceId,
		evidence_uri_hash: sp_core::H256,
	) -> DispatchResult {
		let summary = Inferences::<T>::get(inference_id).ok_or(Error::<T>::UnknownInference)?;
		ensure!(summary.disputable, Error::<T>::NothingToDispute);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now <= summary.recorded_at.saturating_add(T::ChallengePeriod::get()),
			Error::<T>::ChallengePeriodOver
		);
		ensure!(!Disputes::<T>::contains_key(inference_id), Error::<T>::AlreadyDisputed);
		let open = OpenDisputes::<T>::get();
		ensure!(open < T::MaxOpenDisputes::get(), Error::<T>::TooManyDisputes);
		OperatorBonds::<T>::try_mutate(summary.model_id, &summary.operator, |bond| {
			// Attributed inferences are recorded only by bonded accounts, whose bonds stay while
			// they can be challenged.
			let bond = bond.as_mut().ok_or(Error::<T>::NoOperatorBond)?;
			bond.disputes = bond.disputes.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		let bond = T::ChallengeBond::get();
		T::Currency::hold(&HoldReason::ChallengeBond.into(), challenger, bond)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Disputes::<T>::insert(
			inference_id,
			DisputeOf::<T> {
				model_id: summary.model_id,
				operator: summary.operator.clone(),
				challenger: challenger.clone(),
				bond,
				evidence_uri_hash,
				opened_at: now,
			},
		);
		OpenDisputes::<T>::put(open.saturating_add(1));
		Self::deposit_event(Event::Challenged {
			inference_id,
			model_id: summary.model_id,
			operator: summary.operator,
			challenger: challenger.clone(),
			evidence_uri_hash,
		});
		Ok(())
	}

	/// Decides the dispute about `inference_id` (see `resolve_dispute`).
	pub fn do_resolve_dispute(inference_id: InferenceId, upheld: bool) -> DispatchResult {
		let dispute = Self::close_dispute(inference_id)?;
		let (operator, challenger) = (&dispute.operator, &dispute.challenger);
		if upheld {
			let mut bond = OperatorBonds::<T>::get(dispute.model_id, operator)
				.ok_or(Error::<T>::NoOperatorBond)?;
			let slashed = T::DisputeSlash::get().mul_floor(bond.amount);
			let to_challenger = Perbill::from_percent(50).mul_floor(slashed);
			let to_treasury = slashed.saturating_sub(to_challenger);
			let reason = HoldReason::OperatorBond.into();
			for (to, amount) in
				[(challenger, to_challenger), (&T::TreasuryAccount::get(), to_treasury)]
			{
				T::Currency::transfer_on_hold(
					&reason,
					operator,
					to,
					amount,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)?;
			}
			bond.amount = bond.amount.saturating_sub(slashed);
			OperatorBonds::<T>::insert(dispute.model_id, operator, bond);
			T::Currency::release(
				&HoldReason::ChallengeBond.into(),
				challenger,
				dispute.bond,
				Precision::Exact,
			)?;
			T::Operators::remove_operator(dispute.model_id, operator)?;
			Self::deposit_event(Event::DisputeUpheld {
				inference_id,
				operator: operator.clone(),
				challenger: challenger.clone(),
				to_challenger,
				to_treasury,
			});
		} else {
			T::Currency::transfer_on_hold(
				&HoldReason::ChallengeBond.into(),
				challenger,
				operator,
				dispute.bond,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
			Self::deposit_event(Event::DisputeRejected {
				inference_id,
				operator: operator.clone(),
				challenger: challenger.clone(),
				amount: dispute.bond,
			});
		}
		Ok(())
	}

	/// Ends a dispute left open for `DisputeTimeout` blocks (see `expire_dispute`).
	pub fn do_expire_dispute(inference_id: InferenceId) -> DispatchResult {
		let dispute = Disputes::<T>::get(inference_id).ok_or(Error::<T>::UnknownDispute)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now > dispute.opened_at.saturating_add(T::DisputeTimeout::get()),
			Error::<T>::DisputeNotExpired
		);
		let dispute = Self::close_dispute(inference_id)?;
		T::Currency::release(
			&HoldReason::ChallengeBond.into(),
			&dispute.challenger,
			dispute.bond,
			Precision::Exact,
		)?;
		Self::deposit_event(Event::DisputeExpired { inference_id });
		Ok(())
	}

	/// Removes the open dispute about `inference_id` and its count on the operator's bond.
	fn close_dispute(inference_id: InferenceId) -> Result<DisputeOf<T>, DispatchError> {
		let dispute = Disputes::<T>::take(inference_id).ok_or(Error::<T>::UnknownDispute)?;
		OpenDisputes::<T>::mutate(|open| *open = open.saturating_sub(1));
		OperatorBonds::<T>::mutate(dispute.model_id, &dispute.operator, |bond| {
			if let Some(bond) = bond {
				bond.disputes = bond.disputes.saturating_sub(1);
			}
		});
		Ok(dispute)
	}
}
