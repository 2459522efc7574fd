//! Forgetting inferences once their retention period is over.
//!
//! Two paths remove expired inferences, oldest first: `on_idle`, with the block's spare weight,
//! and every write, which removes up to as many expired inferences as it records (its weight
//! covers that). The second path bounds storage even when blocks are full and `on_idle` gets no
//! weight: expired inferences never pile up faster than they are removed.

use crate::*;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Removes expired inferences, oldest first, within `limit` and `MaxPrunePerBlock`; returns
	/// the weight used (`on_idle`).
	pub(crate) fn prune_expired(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let mut meter = WeightMeter::with_limit(limit);
		let base = T::WeightInfo::prune(0);
		let per_item = T::WeightInfo::prune(1).saturating_sub(base);
		if meter.try_consume(base).is_err() {
			return Weight::zero();
		}
		Self::prune_oldest(now, T::MaxPrunePerBlock::get(), || meter.try_consume(per_item).is_ok());
		meter.consumed()
	}

	/// Removes up to `count` expired inferences, oldest first (on every write; its caller's
	/// weight includes `WeightInfo::prune(count)`, refunded down to what was removed). Returns
	/// how many were removed.
	pub(crate) fn prune_on_write(count: u32) -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		Self::prune_oldest(now, count, || true)
	}

	/// Removes up to `max` expired inferences, oldest first, while `may_take` allows another;
	/// returns how many ids it went past.
	fn prune_oldest(now: BlockNumberFor<T>, max: u32, mut may_take: impl FnMut() -> bool) -> u32 {
		let next = NextInferenceId::<T>::get();
		let mut oldest = OldestInference::<T>::get();
		let start = oldest;
		let mut removed = 0u32;
		for _ in 0..max {
			if oldest >= next || !may_take() {
				break;
			}
			if let Some(summary) = Inferences::<T>::get(oldest) {
				if summary.recorded_at.saturating_add(T::RetentionPeriod::get()) > now {
					break;
				}
				Inferences::<T>::remove(oldest);
				Requests::<T>::remove((&summary.consumer, summary.model_id, summary.request_hash));
			}
			oldest = oldest.saturating_add(1);
			removed = removed.saturating_add(1);
		}
		if oldest != start {
			OldestInference::<T>::put(oldest);
		}
		removed
	}
}
