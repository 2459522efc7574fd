//! First-in first-out queues of things that fall due in order: commitments (all expire
//! `RevealWindow` blocks after they are made) and the deposits of withdrawn contributions (all
//! unbond `UnbondingPeriod` blocks after the withdrawal). `on_idle` settles what is due, oldest
//! first, with the block's spare weight; the owners can always settle theirs with a call, so the
//! queues only save them the trouble.
//!
//! An item whose subject was settled another way (a revealed or cancelled commitment, a deposit
//! released by call or slashed) is skipped when it reaches the front.

use crate::*;
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::*,
	storage::{StorageMap, StorageValue},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

/// A queue kept in the storage map `Items` (by position) and the bounds `Bounds`.
pub(crate) struct Fifo<Item, Items, Bounds>(PhantomData<(Item, Items, Bounds)>);

impl<Item, Items, Bounds> Fifo<Item, Items, Bounds>
where
	Item: codec::FullCodec,
	Items: StorageMap<u64, Item, Query = Option<Item>>,
	Bounds: StorageValue<QueueBounds, Query = QueueBounds>,
{
	/// Appends `item`.
	pub(crate) fn push(item: Item) -> Result<(), DispatchError> {
		let mut bounds = Bounds::get();
		Items::insert(bounds.tail, item);
		bounds.tail = bounds.tail.checked_add(1).ok_or(DispatchError::Exhausted)?;
		Bounds::put(bounds);
		Ok(())
	}

	/// Settles items from the front while `take` lets another be read and `settle` finds the
	/// front item due (settling it, or skipping it if it was settled another way). Stops at the
	/// first item not due yet. Returns how many items it removed.
	pub(crate) fn settle_front(
		mut take: impl FnMut() -> bool,
		mut settle: impl FnMut(Item) -> bool,
	) -> u32 {
		let mut bounds = Bounds::get();
		let mut removed = 0u32;
		while bounds.head < bounds.tail && take() {
			if let Some(item) = Items::get(bounds.head) {
				if !settle(item) {
					break;
				}
				Items::remove(bounds.head);
			}
			bounds.head = bounds.head.saturating_add(1);
			removed = removed.saturating_add(1);
		}
		if removed > 0 {
			Bounds::put(bounds);
		}
		removed
	}
}

pub(crate) type CommitFifo<T> =
	Fifo<(AccountIdOf<T>, sp_core::H256, BlockNumberFor<T>), CommitQueue<T>, CommitQueueBounds<T>>;
pub(crate) type UnbondingFifo<T> =
	Fifo<(ContributionId, BlockNumberFor<T>), UnbondingQueue<T>, UnbondingQueueBounds<T>>;

impl<T: Config> Pallet<T> {
	/// The weight of settling one queue item: the same work as the call that settles it by
	/// hand, and the queue's own read and write.
	fn settle_weight(call: Weight) -> Weight {
		call.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}

	/// Returns expired commitments' and unbonded contributions' deposits, oldest first, within
	/// `limit` and `MaxSettlePerBlock` items read per queue (`on_idle`); returns the weight used.
	pub(crate) fn settle_due(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let mut meter = WeightMeter::with_limit(limit);
		// Reading the two queues' bounds.
		if meter.try_consume(T::DbWeight::get().reads(2)).is_err() {
			return Weight::zero();
		}
		// Every item read counts against its queue's budget, settled or not.
		let mut budget = T::MaxSettlePerBlock::get();
		let commit_weight = Self::settle_weight(T::WeightInfo::cancel_commitment());
		CommitFifo::<T>::settle_front(
			|| {
				let ok = budget > 0 && meter.try_consume(commit_weight).is_ok();
				budget = budget.saturating_sub(1);
				ok
			},
			|(who, commitment, committed_at)| {
				if committed_at.saturating_add(T::RevealWindow::get()) >= now {
					return false;
				}
				Self::expire_commitment(&who, commitment, committed_at);
				true
			},
		);
		let mut budget = T::MaxSettlePerBlock::get();
		let release_weight = Self::settle_weight(T::WeightInfo::release_deposit());
		UnbondingFifo::<T>::settle_front(
			|| {
				let ok = budget > 0 && meter.try_consume(release_weight).is_ok();
				budget = budget.saturating_sub(1);
				ok
			},
			|(contribution_id, until)| {
				if until > now {
					return false;
				}
				Self::release_if_unbonded(contribution_id, until);
				true
			},
		);
		meter.consumed()
	}
}
