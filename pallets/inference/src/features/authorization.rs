//! Consumers authorising models to charge them, through the operators they accept, and revoking
//! that.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use lineage_primitives::{traits::ModelsProvider, ModelStatus};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Authorises `model_id` to charge `consumer` (see `authorize`).
	pub fn do_authorize(
		consumer: &T::AccountId,
		model_id: ModelId,
		max_total: BalanceOf<T>,
		max_fee_per_inference: BalanceOf<T>,
		operators: Option<AcceptedOperators<T>>,
	) -> DispatchResult {
		ensure!(!max_total.is_zero(), Error::<T>::ZeroAllowance);
		let terms = T::Models::model_terms(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.status != ModelStatus::Retired, Error::<T>::ModelRetired);
		let operators = match operators {
			Some(named) => named,
			None => {
				// The owner and the operators of this moment: nobody added later.
				let mut now: Vec<_> = terms.operators.clone();
				now.insert(0, terms.owner.clone());
				BoundedVec::try_from(now).map_err(|_| Error::<T>::Overflow)?
			},
		};
		ensure!(!operators.is_empty(), Error::<T>::NoOperators);
		let reason = HoldReason::InferenceAllowance.into();
		let mut authorization = match Authorizations::<T>::get(consumer, model_id) {
			Some(authorization) => authorization,
			None => {
				let deposit = T::AuthorizationDeposit::get();
				T::Currency::hold(&HoldReason::AuthorizationDeposit.into(), consumer, deposit)
					.map_err(|_| Error::<T>::InsufficientBalance)?;
				Authorization {
					remaining: Zero::zero(),
					spent: Zero::zero(),
					max_fee_per_inference,
					deposit,
					operators: Default::default(),
				}
			},
		};
		if max_total > authorization.remaining {
			let more = max_total.saturating_sub(authorization.remaining);
			T::Currency::hold(&reason, consumer, more)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		} else {
			let less = authorization.remaining.saturating_sub(max_total);
			T::Currency::release(&reason, consumer, less, Precision::Exact)?;
		}
		authorization.remaining = max_total;
		authorization.max_fee_per_inference = max_fee_per_inference;
		authorization.operators = operators.clone();
		Authorizations::<T>::insert(consumer, model_id, authorization);
		Self::deposit_event(Event::Authorized {
			consumer: consumer.clone(),
			model_id,
			max_total,
			max_fee_per_inference,
			operators,
		});
		Ok(())
	}

	/// Ends `consumer`'s authorisation of `model_id` and releases what is left (see `revoke`).
	pub fn do_revoke(consumer: &T::AccountId, model_id: ModelId) -> DispatchResult {
		let authorization =
			Authorizations::<T>::take(consumer, model_id).ok_or(Error::<T>::NotAuthorized)?;
		T::Currency::release(
			&HoldReason::InferenceAllowance.into(),
			consumer,
			authorization.remaining,
			Precision::Exact,
		)?;
		T::Currency::release(
			&HoldReason::AuthorizationDeposit.into(),
			consumer,
			authorization.deposit,
			Precision::Exact,
		)?;
		Self::deposit_event(Event::Revoked {
			consumer: consumer.clone(),
			model_id,
			released: authorization.remaining,
		});
		Ok(())
	}
}
