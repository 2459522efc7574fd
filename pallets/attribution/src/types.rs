//! The types pallet-attribution stores.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
pub use lineage_primitives::{
	ContributionId, DatasetId, Epoch, InferenceId, ModelId, ModelRevenue, SnapshotIndex,
};
use sp_core::U256;

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// Fixed-point scale of reward accumulators: amounts are kept in units of 10^-18 planck, so
/// pro-rata rewards lose less than one planck per position over the life of the chain.
pub const PRECISION: u128 = 1_000_000_000_000_000_000;

/// The reward accounts of one dataset.
///
/// Rewards per unit are kept per epoch, in a growable Fenwick tree of [`EpochNode`]s (see
/// [`lineage_primitives::fenwick`]): a credit for a model version that names snapshot `k` adds
/// `amount * PRECISION / units of epochs 0..=k` at `k`, and the reward per unit of epoch `e` is
/// `reward_per_unit` (the sum of everything added) minus what was added below `e`. A position of
/// `u` units in epoch `e` has earned `u * (reward per unit of e - its value at entry)`. What the
/// integer division leaves is kept in `carry` and added to the next credit, so
/// `credited * PRECISION == carry + claimed * PRECISION + what all positions hold` exactly.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RewardPool<Balance> {
	/// The accepted units of the dataset's contributions, in all epochs.
	pub units: u128,
	/// How many epochs the tree has (nodes `1..=epochs`): the dataset's snapshots plus its open
	/// epoch, once it has had a contribution or a snapshot.
	pub epochs: u32,
	/// Everything added to the per-epoch rewards per unit, scaled by `PRECISION`: the reward per
	/// unit of epoch 0.
	pub reward_per_unit: U256,
	/// Scaled remainder of past credits, not yet assigned to any unit.
	pub carry: U256,
	/// Plancks credited to the dataset's contributors, ever.
	pub credited: Balance,
	/// Plancks claimed from this pool, ever.
	pub claimed: Balance,
}

/// A node of a dataset's epoch tree: the sums, over the epochs it covers, of the accepted units
/// and of the rewards per unit added at those epochs' snapshots.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EpochNode {
	pub units: u128,
	pub reward_per_unit: U256,
}

/// An account's stake in one epoch of one dataset's rewards.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Position {
	/// The units of the account's accepted contributions in the epoch.
	pub units: u128,
	/// `units * reward per unit of the epoch` when the position was last settled (scaled).
	pub reward_debt: U256,
	/// Earned and not yet claimed (scaled); whole plancks of it are claimable.
	pub accrued: U256,
}

/// Lifetime figures of the whole pallet, for the conservation checks.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Totals<Balance> {
	/// All fees paid into the pot.
	pub fees: Balance,
	/// All that was sent on from the pot to the treasury.
	pub to_treasury: Balance,
	/// All that was claimed from the pot.
	pub claimed: Balance,
}

/// What a claim did, for its weight: the positions it settled and the epoch nodes their rewards
/// per unit read (each charged at its worst case, the rest refunded).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ClaimWork {
	pub positions: u32,
	pub epoch_nodes: u32,
}
