//! Each dataset's epoch tree: the units and rewards per unit of its epochs in a growable Fenwick
//! tree (see [`lineage_primitives::fenwick`] and [`RewardPool`]).

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::pallet_prelude::*;
use lineage_primitives::fenwick;
use sp_core::U256;

/// Nodes read during one operation, so that each is read from storage once.
#[derive(Default)]
pub(crate) struct NodeCache(BTreeMap<(DatasetId, u64), EpochNode>);

impl NodeCache {
	pub(crate) fn get<T: Config>(&mut self, dataset_id: DatasetId, node: u64) -> &EpochNode {
		self.0.entry((dataset_id, node)).or_insert_with(|| EpochNodes::<T>::get(dataset_id, node))
	}

	/// How many distinct nodes were read from storage.
	pub(crate) fn len(&self) -> u32 {
		self.0.len() as u32
	}
}

impl<T: Config> Pallet<T> {
	/// Grows the tree of `dataset_id` to `epochs` epochs (each new epoch starts empty: its node
	/// is the sum of the nodes below it that it covers).
	pub(crate) fn grow_epochs(
		dataset_id: DatasetId,
		pool: &mut RewardPool<BalanceOf<T>>,
		epochs: u32,
	) -> DispatchResult {
		while pool.epochs < epochs {
			let node = fenwick::node_of(pool.epochs);
			let mut sum = EpochNode::default();
			for child in fenwick::children(node) {
				let child = EpochNodes::<T>::get(dataset_id, child);
				sum.units = sum.units.checked_add(child.units).ok_or(Error::<T>::Overflow)?;
				sum.reward_per_unit = sum
					.reward_per_unit
					.checked_add(child.reward_per_unit)
					.ok_or(Error::<T>::Overflow)?;
			}
			if sum != EpochNode::default() {
				EpochNodes::<T>::insert(dataset_id, node, sum);
			}
			pool.epochs = pool.epochs.checked_add(1).ok_or(Error::<T>::Overflow)?;
		}
		Ok(())
	}

	/// The accepted units of epochs `0..=epoch`.
	pub(crate) fn units_up_to(
		dataset_id: DatasetId,
		epoch: Epoch,
		cache: &mut NodeCache,
	) -> Result<u128, DispatchError> {
		fenwick::prefix_nodes(epoch).try_fold(0u128, |sum, node| {
			sum.checked_add(cache.get::<T>(dataset_id, node).units)
				.ok_or_else(|| Error::<T>::Overflow.into())
		})
	}

	/// The reward per unit (scaled) of epoch `epoch`: everything added at it and above.
	pub(crate) fn reward_per_unit_of(
		dataset_id: DatasetId,
		pool: &RewardPool<BalanceOf<T>>,
		epoch: Epoch,
		cache: &mut NodeCache,
	) -> Result<U256, DispatchError> {
		let Some(below) = epoch.checked_sub(1) else { return Ok(pool.reward_per_unit) };
		let added_below = fenwick::prefix_nodes(below).try_fold(U256::zero(), |sum, node| {
			sum.checked_add(cache.get::<T>(dataset_id, node).reward_per_unit)
				.ok_or(Error::<T>::Overflow)
		})?;
		pool.reward_per_unit.checked_sub(added_below).ok_or_else(|| Error::<T>::Overflow.into())
	}

	/// Adds `units` (or removes them, if `add` is false) to epoch `epoch`'s units.
	pub(crate) fn change_epoch_units(
		dataset_id: DatasetId,
		pool: &RewardPool<BalanceOf<T>>,
		epoch: Epoch,
		units: u128,
		add: bool,
	) -> DispatchResult {
		for node in fenwick::update_nodes(epoch, pool.epochs) {
			EpochNodes::<T>::try_mutate(dataset_id, node, |n| {
				n.units = if add { n.units.checked_add(units) } else { n.units.checked_sub(units) }
					.ok_or(Error::<T>::Overflow)?;
				Ok::<_, DispatchError>(())
			})?;
		}
		Ok(())
	}

	/// Adds `per_unit` (scaled) to the reward per unit of epochs `0..=snapshot`.
	pub(crate) fn add_reward_per_unit(
		dataset_id: DatasetId,
		pool: &mut RewardPool<BalanceOf<T>>,
		snapshot: SnapshotIndex,
		per_unit: U256,
	) -> DispatchResult {
		for node in fenwick::update_nodes(snapshot, pool.epochs) {
			EpochNodes::<T>::try_mutate(dataset_id, node, |n| {
				n.reward_per_unit =
					n.reward_per_unit.checked_add(per_unit).ok_or(Error::<T>::Overflow)?;
				Ok::<_, DispatchError>(())
			})?;
		}
		pool.reward_per_unit =
			pool.reward_per_unit.checked_add(per_unit).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// A snapshot of `dataset_id` opened epoch `new_epoch`: the tree grows to hold it, so that
	/// later credits and queries touch only nodes up to the number of epochs.
	pub fn do_open_epoch(dataset_id: DatasetId, new_epoch: Epoch) -> DispatchResult {
		let mut pool = RewardPools::<T>::get(dataset_id);
		Self::grow_epochs(dataset_id, &mut pool, new_epoch.saturating_add(1))?;
		RewardPools::<T>::insert(dataset_id, pool);
		Ok(())
	}
}
