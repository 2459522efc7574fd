//! Read-only queries served through the `InferenceApi` runtime API.

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::{AuthorizationDetails, DisputeDetails, InferenceDetails};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// A consumer's authorisation of a model.
	pub fn authorization(
		consumer: T::AccountId,
		model_id: ModelId,
	) -> Option<AuthorizationDetails<T::AccountId, BalanceOf<T>>> {
		Authorizations::<T>::get(consumer, model_id).map(|a| AuthorizationDetails {
			remaining: a.remaining,
			spent: a.spent,
			max_fee_per_inference: a.max_fee_per_inference,
			deposit: a.deposit,
			operators: a.operators.into_inner(),
		})
	}

	/// An inference, while it is within the retention period.
	pub fn inference(
		inference_id: InferenceId,
	) -> Option<InferenceDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Inferences::<T>::get(inference_id).map(|s| InferenceDetails {
			id: inference_id,
			model_id: s.model_id,
			version: s.version,
			consumer: s.consumer,
			operator: s.operator,
			fee: s.fee,
			request_hash: s.request_hash,
			output_hash: s.output_hash,
			method: s.method,
			evidence_hash: s.evidence_hash,
			recorded_at: s.recorded_at,
		})
	}

	/// The open disputes, optionally only those about one inference or one model (at most
	/// `MaxOpenDisputes` are open).
	pub fn disputes(
		inference_id: Option<InferenceId>,
		model_id: Option<ModelId>,
	) -> Vec<DisputeDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let details = |(id, d): (InferenceId, DisputeOf<T>)| DisputeDetails {
			inference_id: id,
			model_id: d.model_id,
			operator: d.operator,
			challenger: d.challenger,
			bond: d.bond,
			evidence_uri_hash: d.evidence_uri_hash,
			opened_at: d.opened_at,
			expires_after: d.opened_at.saturating_add(T::DisputeTimeout::get()),
		};
		match inference_id {
			Some(id) => Disputes::<T>::get(id)
				.map(|d| (id, d))
				.into_iter()
				.filter(|(_, d)| model_id.is_none_or(|m| d.model_id == m))
				.map(details)
				.collect(),
			None => Disputes::<T>::iter()
				.take(T::MaxOpenDisputes::get() as usize)
				.filter(|(_, d)| model_id.is_none_or(|m| d.model_id == m))
				.map(details)
				.collect(),
		}
	}

	/// An account's operator bond for a model: what is held and the last block it recorded
	/// attributed inferences in.
	pub fn operator_bond(
		model_id: ModelId,
		operator: T::AccountId,
	) -> Option<(BalanceOf<T>, Option<BlockNumberFor<T>>)> {
		OperatorBonds::<T>::get(model_id, operator).map(|b| (b.amount, b.last_attributed))
	}
}
