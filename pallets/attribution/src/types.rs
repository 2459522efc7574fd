//! The types pallet-attribution stores.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
pub use lineage_primitives::{ContributionId, DatasetId, InferenceId, ModelId, ModelRevenue};
use sp_core::U256;

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// Fixed-point scale of reward accumulators: amounts are kept in units of 10^-18 planck, so
/// pro-rata rewards lose less than one planck per position over the life of the chain.
pub const PRECISION: u128 = 1_000_000_000_000_000_000;

/// The reward accumulator of one dataset.
///
/// `reward_per_unit` grows by `amount * PRECISION / units` each time the dataset is credited;
/// a position of `u` units has earned `u * (reward_per_unit - reward_per_unit at entry)`.
/// What the integer division leaves is kept in `carry` and added to the next credit, so
/// `credited * PRECISION == carry + claimed * PRECISION + what all positions hold` exactly.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RewardPool<Balance> {
	/// The accepted units of the dataset's contributions (the sum of its positions' units).
	pub units: u128,
	/// Rewards per unit since the dataset was created, scaled by `PRECISION`.
	pub reward_per_unit: U256,
	/// Scaled remainder of past credits, not yet assigned to any unit.
	pub carry: U256,
	/// Plancks credited to the dataset's contributors, ever.
	pub credited: Balance,
	/// Plancks claimed from this pool, ever.
	pub claimed: Balance,
}

/// An account's stake in one dataset's rewards.
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Position {
	/// The units of the account's accepted contributions in the dataset.
	pub units: u128,
	/// `units * reward_per_unit` when the position was last settled (scaled).
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
