//! Forgetting inferences once their retention period is over.

use crate::*;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Removes expired inferences, oldest first, within `limit` and `MaxPrunePerBlock`; returns
	/// the weight used.
	pub(crate) fn prune_expired(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let mut meter = WeightMeter::with_limit(limit);
		let base = T::WeightInfo::prune(0);
		let per_item = T::WeightInfo::prune(1).saturating_sub(base);
		if meter.try_consume(base).is_err() {
			return Weight::zero();
		}
		let next = NextInferenceId::<T>::get();
		let mut oldest = OldestInference::<T>::get();
		let start = oldest;
		for _ in 0..T::MaxPrunePerBlock::get() {
			if oldest >= next || !meter.can_consume(per_item) {
				break;
			}
			if let Some(summary) = Inferences::<T>::get(oldest) {
				if summary.recorded_at.saturating_add(T::RetentionPeriod::get()) > now {
					break;
				}
				Inferences::<T>::remove(oldest);
				Requests::<T>::remove((&summary.consumer, summary.model_id, summary.request_hash));
			}
			meter.consume(per_item);
			oldest = oldest.saturating_add(1);
		}
		if oldest != start {
			OldestInference::<T>::put(oldest);
		}
		meter.consumed()
	}
}
