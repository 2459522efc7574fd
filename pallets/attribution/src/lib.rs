//! # Attribution pallet: Proof-of-Attribution payouts
//!
//! Splits every inference fee between the data contributors the inference is attributed to, the
//! model owner, the operator that ran it and the protocol, and lets everyone claim what they
//! earned. Anyone can recompute every payout from the chain: the events of each block carry every
//! part.
//!
//! ## The payout rule
//! For each inference fee `F` of model `m`, served by version `v` and recorded by operator `o`:
//! 1. the `owner` share of `F` is credited to the model owner, the `operator` share to `o` (to
//!    the owner, for an inference the consumer paid directly), the `protocol` share goes to the
//!    treasury account, and the `contributors` share `C` goes to data contributors:
//! 2. each explicit attribution entry (contribution `c`, weight `w`) gets `C·w`, credited to
//!    `c`'s contributor (event `ContributionCredited`). The inference pallet admits only
//!    accepted contributions inside `v`'s snapshots, owned by none of the model owner, its
//!    operators and the consumer;
//! 3. the rest of `C` is split across `m`'s datasets by the model's dataset weights, and inside a
//!    dataset pro rata to the accepted units of the contributions inside the snapshot `v` names
//!    for it (event `DatasetCredited`). Contributions accepted after that snapshot earn nothing
//!    from `v`; they earn once a newer version names a later snapshot;
//! 4. a dataset with no accepted units in that snapshot sends its part to the treasury. All
//!    rounding is down and the dust goes to the treasury: `to_contributors + to_owner +
//!    to_operator + to_protocol == F` exactly (event `InferenceAttributed`; see *Rounding* below
//!    for fractions inside a dataset).
//!
//! ## Cost independent of the number of contributors
//! Step 3 costs O(model datasets × log(snapshots of a dataset)) storage accesses, whatever the
//! number of contributors: each dataset has a [`RewardPool`] and a growable Fenwick tree over its
//! epochs (the contributions accepted between two consecutive snapshots) holding the units and
//! the rewards per unit of each epoch ([`EpochNode`], [`lineage_primitives::fenwick`]). Crediting
//! snapshot `k` reads the units of epochs `0..=k` and adds to the reward per unit of all of them
//! with O(log n) nodes each. Each (account, dataset, epoch) has a [`Position`] with its units and
//! a reward debt, settled when its units change (a contribution is accepted, withdrawn or slashed,
//! through [`lineage_primitives::traits::ContributionObserver`]). A batch of inferences credits
//! each dataset once, with the sum of its parts. Claiming settles the caller's positions:
//! O(positions × log n), at most [`Config::MaxPositionsPerAccount`] positions.
//!
//! ## Rounding
//! Every split of a fee into plancks (the four shares, each attribution entry, each dataset's
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

		/// The most reward positions (dataset epochs) an account may hold (bounds
		/// `claim_rewards`).
		#[pallet::constant]
		type MaxPositionsPerAccount: Get<u32>;

		/// The most epochs a dataset can have: its datasets pallet's `MaxSnapshots` plus the open
		/// epoch. It bounds every walk up an epoch tree (the weights are measured at it).
		#[pallet::constant]
		type MaxEpochs: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The reward accounts of each dataset.
	#[pallet::storage]
	pub type RewardPools<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, RewardPool<BalanceOf<T>>, ValueQuery>;

	/// The nodes of each dataset's epoch tree (units and rewards per unit per epoch), by node
	/// number (epoch `e` is node `e + 1`).
	#[pallet::storage]
	pub type EpochNodes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, u64, EpochNode, ValueQuery>;

	/// Each account's position in each epoch of each dataset it has accepted contributions in (or
	/// unclaimed rewards from).
	#[pallet::storage]
	pub type Positions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		(DatasetId, Epoch),
		Position,
	>;

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
		/// The fee of an inference was split; the four parts sum to `fee`.
		InferenceAttributed {
			inference_id: InferenceId,
			model_id: ModelId,
			fee: BalanceOf<T>,
			to_contributors: BalanceOf<T>,
			to_owner: BalanceOf<T>,
			to_operator: BalanceOf<T>,
			to_protocol: BalanceOf<T>,
		},
		/// A contribution's contributor was credited through explicit attribution.
		ContributionCredited {
			inference_id: InferenceId,
			contribution_id: ContributionId,
			contributor: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// The contributions of a dataset inside its snapshot `snapshot` (epochs `0..=snapshot`)
		/// were credited `amount`, pro rata to their `units` accepted units: the sum of the
		/// dataset's parts of the inferences `first_inference..=last_inference` (one batch).
		DatasetCredited {
			first_inference: InferenceId,
			last_inference: InferenceId,
			dataset_id: DatasetId,
			snapshot: SnapshotIndex,
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
		/// The account has `MaxPositionsPerAccount` reward positions (dataset epochs) already.
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
		/// - Charged for `MaxPositionsPerAccount` positions, each reading the most epoch nodes;
		///   what the caller's positions and their epochs did not need is refunded.
		/// - Emits `RewardsClaimed`.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::claim_weight(
			T::MaxPositionsPerAccount::get(),
			Pallet::<T>::max_claim_node_reads(),
		))]
		pub fn claim_rewards(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let work = Self::do_claim(&who)?;
			Ok(Some(Self::claim_weight(work.positions, work.epoch_nodes)).into())
		}
	}
}
