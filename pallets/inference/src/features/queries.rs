//! Read-only queries served through the `InferenceApi` runtime API.

use crate::*;
use frame_system::pallet_prelude::BlockNumberFor;
use lineage_primitives::{AuthorizationDetails, InferenceDetails};

impl<T: Config> Pallet<T> {
	/// A consumer's authorisation of a model.
	pub fn authorization(
		consumer: T::AccountId,
		model_id: ModelId,
	) -> Option<AuthorizationDetails<BalanceOf<T>>> {
		Authorizations::<T>::get(consumer, model_id).map(|a| AuthorizationDetails {
			remaining: a.remaining,
			spent: a.spent,
			max_fee_per_inference: a.max_fee_per_inference,
			deposit: a.deposit,
		})
	}

	/// An inference, while it is within the retention period.
	pub fn inference(
		inference_id: InferenceId,
	) -> Option<InferenceDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Inferences::<T>::get(inference_id).map(|s| InferenceDetails {
			id: inference_id,
			model_id: s.model_id,
			consumer: s.consumer,
			fee: s.fee,
			request_hash: s.request_hash,
			output_hash: s.output_hash,
			recorded_at: s.recorded_at,
		})
	}
}
