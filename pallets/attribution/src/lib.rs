//! # Attribution pallet: Proof-of-Attribution payouts
//!
//! Splits every inference fee between the data contributors the inference is attributed to, the
//! model owner and the protocol, and lets everyone claim what they earned. Anyone can recompute
//! every payout from the chain: the events of each block carry every part.
//!
//! ## The payout rule
//! For each inference fee `F` of model `m`:
//! 1. the `protocol` share of `F` goes to the treasury account; the `owner` share is credited to
//!    the model owner's claimable rewards; the `contributors` share `C` goes to data contributors:
//! 2. each explicit attribution entry (contribution `c`, weight `w`) in the inference record gets
//!    `C·w`, credited to `c`'s contributor (event `ContributionCredited`);
//! 3. the rest of `C` is split across `m`'s datasets by the model's dataset weights, and inside a
//!    dataset pro rata to the accepted units of its contributions at that moment (event
//!    `DatasetCredited`);
//! 4. a dataset with no accepted units sends its part to the treasury. All rounding is down and
//!    the dust goes to the treasury: `to_contributors + to_owner + to_protocol == F` exactly
//!    (event `InferenceAttributed`; see *Rounding* below for fractions inside a dataset).
//!
//! ## Cost independent of the number of contributors
//! Step 3 costs O(number of the model's datasets): each dataset has a [`RewardPool`] with a
//! fixed-point reward-per-unit accumulator, and each (account, dataset) a [`Position`] with its
//! units and a reward debt, settled whenever its units change (a contribution is accepted or
//! withdrawn, through [`lineage_primitives::traits::ContributionObserver`]). Claiming settles the
//! caller's positions: O(datasets the account has positions in), at most
//! [`Config::MaxPositionsPerAccount`].
//!
//! ## Rounding
//! Every split of a fee into plancks (the three shares, each attribution entry, each dataset's
//! part) rounds down, and the plancks left over go to the treasury (rule 4). Inside a dataset the
//! pro-rata rewards are kept in units of 10^-18 planck ([`PRECISION`]): nothing credited to a
//! dataset is sent elsewhere. Only whole plancks are claimable, so an account may see up to one
//! planck per position less than the exact real-number figure, the fraction staying in its
//! position until it adds up. A position without units (its contributions withdrawn) earns
//! nothing more: once it holds less than a planck, that fraction goes back to the dataset's pool
//! (shared out with its next credit) and the position is removed, freeing the account's slot.
//! Nothing is created or lost: the pot always holds at least everything claimable, and every
//! pool's books balance to the 10^-18 planck (checked by `try_state`).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// Sets up what the benchmarks need from other pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates `n` datasets, each with one accepted contribution of `who` (so `who` has a
	/// position in each), and returns them.
	fn positions_for(who: &AccountId, n: u32) -> alloc::vec::Vec<DatasetId>;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use lineage_primitives::traits::ContributionsProvider;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees and rewards are paid in.
		type Currency: Inspect<Self::AccountId> + Mutate<Self::AccountId>;

		/// Derives the pot account, which holds every fee until it is claimed.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the protocol share, rounding dust and parts of datasets without units.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// Where contributions are read from (pallet-datasets).
		type Contributions: ContributionsProvider<Self::AccountId>;

		/// The most datasets an account may hold reward positions in (bounds `claim_rewards`).
		#[pallet::constant]
		type MaxPositionsPerAccount: Get<u32>;

		/// Gives accounts positions for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The reward accumulator of each dataset.
	#[pallet::storage]
	pub type RewardPools<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, RewardPool<BalanceOf<T>>, ValueQuery>;

	/// Each account's position in each dataset it has accepted contributions in (or unclaimed
	/// rewards from).
	#[pallet::storage]
	pub type Positions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, DatasetId, Position>;

	/// How many positions each account has.
	#[pallet::storage]
	pub type PositionCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Rewards credited directly (owner shares, explicit attribution) and not yet claimed.
	#[pallet::storage]
	pub type Claimable<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// What each account has claimed, ever.
	#[pallet::storage]
	pub type Claimed<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// What each contribution earned through explicit attribution, ever.
	#[pallet::storage]
	pub type ContributionEarnings<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, BalanceOf<T>, ValueQuery>;

	/// Each model's fees and where they went, ever.
	#[pallet::storage]
	pub type ModelRevenues<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, ModelRevenue<BalanceOf<T>>, ValueQuery>;

	/// The pallet's lifetime figures.
	#[pallet::storage]
	pub type LifetimeTotals<T: Config> = StorageValue<_, Totals<BalanceOf<T>>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The pot must exist before the first fee, however small, is paid into it.
			let pot = Pallet::<T>::pot();
			let minimum = T::Currency::minimum_balance();
			if T::Currency::balance(&pot) < minimum {
				let _ = T::Currency::mint_into(&pot, minimum);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The fee of an inference was split; the three parts sum to `fee`.
		InferenceAttributed {
			inference_id: InferenceId,
			model_id: ModelId,
			fee: BalanceOf<T>,
			to_contributors: BalanceOf<T>,
			to_owner: BalanceOf<T>,
			to_protocol: BalanceOf<T>,
		},
		/// A contribution's contributor was credited through explicit attribution.
		ContributionCredited {
			inference_id: InferenceId,
			contribution_id: ContributionId,
			contributor: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A dataset's contributors were credited `amount`, pro rata to `units` accepted units.
		DatasetCredited {
			inference_id: InferenceId,
			dataset_id: DatasetId,
			amount: BalanceOf<T>,
			units: u128,
		},
		/// An account claimed its rewards.
		RewardsClaimed { who: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has nothing to claim.
		NothingToClaim,
		/// The account has reward positions in `MaxPositionsPerAccount` datasets already.
		TooManyPositions,
		/// An attributed contribution does not exist.
		UnknownContribution,
		/// The account has no reward position in the dataset (units removed that were never
		/// added: the datasets pallet and this one are out of step).
		UnknownPosition,
		/// An amount would overflow.
		Overflow,
		/// The pot cannot pay (it holds less than the books say: should never happen).
		PotExhausted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pays the caller everything it can claim: owner shares, explicit attribution credits
		/// and the whole plancks of its pro-rata rewards in every dataset.
		///
		/// - Origin: any signed account.
		/// - Pays from the pot (which stays alive); refused with `NothingToClaim` if there is
		///   nothing.
		/// - Emits `RewardsClaimed`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::claim_rewards(T::MaxPositionsPerAccount::get()))]
		pub fn claim_rewards(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let positions = Self::do_claim(&who)?;
			Ok(Some(T::WeightInfo::claim_rewards(positions)).into())
		}
	}
}
