//! Charging for inferences: operator-metered batches and direct payments.

use crate::*;
use alloc::collections::BTreeSet;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use lineage_primitives::{
	traits::{ContributionsProvider, FeeDistributor, InferenceFee, ModelTerms, ModelsProvider},
	ContributionStatus, ModelStatus,
};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Zero},
	Perbill,
};

type TermsOf<T> = ModelTerms<AccountIdOf<T>, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	pub fn do_record_inferences(
		operator: &T::AccountId,
		model_id: ModelId,
		records: InferenceBatch<T>,
	) -> DispatchResult {
		ensure!(!records.is_empty(), Error::<T>::EmptyBatch);
		let terms = Self::active_terms(model_id)?;
		ensure!(T::Models::can_meter(model_id, operator), Error::<T>::NotOperator);
		let fee = terms.fee_per_inference;
		let reason = HoldReason::InferenceAllowance.into();
		let pot = T::Distributor::pot_account();
		Self::prune_on_write(records.len() as u32);

		for record in records {
			let consumer = &record.consumer;
			let mut authorization =
				Authorizations::<T>::get(consumer, model_id).ok_or(Error::<T>::NotAuthorized)?;
			ensure!(fee <= authorization.max_fee_per_inference, Error::<T>::FeeAboveLimit);
			authorization.remaining =
				authorization.remaining.checked_sub(&fee).ok_or(Error::<T>::AllowanceExhausted)?;
			authorization.spent =
				authorization.spent.checked_add(&fee).ok_or(Error::<T>::Overflow)?;
			Self::check_request(consumer, model_id, &record.request_hash)?;
			Self::check_attribution(&terms, &record.attribution)?;

			if !fee.is_zero() {
				T::Currency::transfer_on_hold(
					&reason,
					consumer,
					&pot,
					fee,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			}
			Authorizations::<T>::insert(consumer, model_id, authorization);
			Self::settle(
				model_id,
				&terms,
				consumer,
				record.request_hash,
				record.output_hash,
				&record.attribution,
			)?;
		}
		Ok(())
	}

	pub fn do_pay_inference(
		consumer: &T::AccountId,
		model_id: ModelId,
		request_hash: sp_core::H256,
		output_hash: sp_core::H256,
		attribution: Attribution<T>,
	) -> DispatchResult {
		let terms = Self::active_terms(model_id)?;
		Self::prune_on_write(1);
		Self::check_request(consumer, model_id, &request_hash)?;
		Self::check_attribution(&terms, &attribution)?;
		if !terms.fee_per_inference.is_zero() {
			T::Currency::transfer(
				consumer,
				&T::Distributor::pot_account(),
				terms.fee_per_inference,
				Preservation::Preserve,
			)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Self::settle(model_id, &terms, consumer, request_hash, output_hash, &attribution)
	}

	fn active_terms(model_id: ModelId) -> Result<TermsOf<T>, DispatchError> {
		let terms = T::Models::model_terms(model_id).ok_or(Error::<T>::UnknownModel)?;
		ensure!(terms.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		Ok(terms)
	}

	fn check_request(
		consumer: &T::AccountId,
		model_id: ModelId,
		request_hash: &sp_core::H256,
	) -> DispatchResult {
		ensure!(
			!Requests::<T>::contains_key((consumer, model_id, request_hash)),
			Error::<T>::DuplicateRequest
		);
		Ok(())
	}

	/// Each attributed contribution exists, is accepted, is in one of the model's datasets and is
	/// named once; the weights sum to at most 100%.
	fn check_attribution(terms: &TermsOf<T>, attribution: &Attribution<T>) -> DispatchResult {
		let mut total: u64 = 0;
		let mut seen = BTreeSet::new();
		for (contribution_id, weight) in attribution.iter() {
			ensure!(seen.insert(*contribution_id), Error::<T>::DuplicateAttribution);
			let contribution = T::Contributions::contribution(*contribution_id)
				.ok_or(Error::<T>::UnknownContribution)?;
			ensure!(
				contribution.status == ContributionStatus::Accepted,
				Error::<T>::ContributionNotAccepted
			);
			ensure!(
				terms.datasets.iter().any(|(dataset_id, _)| *dataset_id == contribution.dataset_id),
				Error::<T>::ContributionNotInModel
			);
			total = total.saturating_add(u64::from(weight.deconstruct()));
		}
		ensure!(total <= u64::from(Perbill::one().deconstruct()), Error::<T>::AttributionOverWhole);
		Ok(())
	}

	/// Records an inference whose fee is already in the pot, and has it distributed.
	fn settle(
		model_id: ModelId,
		terms: &TermsOf<T>,
		consumer: &T::AccountId,
		request_hash: sp_core::H256,
		output_hash: sp_core::H256,
		attribution: &Attribution<T>,
	) -> DispatchResult {
		let inference_id = NextInferenceId::<T>::get();
		let next_id = inference_id.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
		let fee = terms.fee_per_inference;
		NextInferenceId::<T>::put(next_id);
		Inferences::<T>::insert(
			inference_id,
			InferenceSummary {
				model_id,
				consumer: consumer.clone(),
				fee,
				request_hash,
				output_hash,
				recorded_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Requests::<T>::insert((consumer, model_id, request_hash), inference_id);
		Self::deposit_event(Event::InferenceRecorded {
			inference_id,
			model_id,
			consumer: consumer.clone(),
			fee,
			output_hash,
		});
		T::Distributor::distribute(InferenceFee {
			inference_id,
			model_id,
			terms,
			fee,
			attribution: attribution.as_slice(),
		})?;
		Ok(())
	}
}
