//! # Datasets pallet
//!
//! Datasets ("datanets") and the contributions that make them up, identified by the sha2-256 hash
//! of their content; the content itself stays off-chain.
//!
//! - **Ownership.** The first on-chain record of a content hash is its proof of ownership: the same
//!   hash is refused everywhere afterwards ([`Error::DuplicateContent`]), in any dataset. A
//!   rejected contribution frees its hash; a withdrawn one keeps it.
//! - **Curation.** An `Open` dataset accepts contributions at once. A `Curated` one keeps them
//!   pending until its owner or one of its curators reviews them; a rejection slashes
//!   [`Config::RejectSlash`] of the deposit to the treasury and returns the rest.
//! - **Commitment.** Every dataset keeps an append-only Merkle commitment (RFC 6962 tree, sha2-256,
//!   see [`lineage_primitives::merkle`]) of its accepted contributions: on chain only its O(log n)
//!   frontier and root, updated in O(log n) on each accept, plus the roots of its complete
//!   perfect subtrees (amortised two hashes per accepted contribution), from which the inclusion
//!   proof of any contribution is built in O(log² n) reads ([`Pallet::contribution_proof`]).
//! - **Deposits.** Creating a dataset holds [`Config::DatasetDeposit`]; a contribution holds
//!   [`Config::ContributionDeposit`] plus [`Config::DepositPerByte`] per metadata byte, returned
//!   when it is withdrawn (or, less the slash, rejected).
//! - **Hooks.** Other pallets read contributions through
//!   [`lineage_primitives::traits::ContributionsProvider`] and are told when one starts or stops
//!   counting through [`Config::ContributionObserver`].
//!
//! Calls are thin wrappers; the logic lives in `features/`, one file per capability.
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
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use lineage_primitives::traits::ContributionObserver;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Held from the owner of each dataset.
		#[pallet::constant]
		type DatasetDeposit: Get<BalanceOf<Self>>;

		/// Held from the contributor of each contribution.
		#[pallet::constant]
		type ContributionDeposit: Get<BalanceOf<Self>>;

		/// Held per byte of a contribution's metadata, on top of `ContributionDeposit`.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The part of a rejected contribution's deposit that goes to the treasury.
		#[pallet::constant]
		type RejectSlash: Get<Perbill>;

		/// Receives slashed deposits.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// The longest dataset name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest dataset description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest dataset license, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// The longest contribution metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// The most records one `contribute_batch` may carry.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The most curators a dataset may have.
		#[pallet::constant]
		type MaxCurators: Get<u32>;

		/// Told when a contribution starts or stops counting (the attribution pallet).
		type ContributionObserver: ContributionObserver<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a dataset.
		DatasetDeposit,
		/// The deposit of a contribution.
		ContributionDeposit,
	}

	/// The id the next dataset gets.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Every dataset.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, Dataset<T>>;

	/// The Merkle commitment of each dataset's accepted contributions.
	#[pallet::storage]
	pub type Commitments<T> = StorageMap<_, Twox64Concat, DatasetId, Commitment, ValueQuery>;

	/// The nodes of each dataset's commitment that are roots of complete perfect subtrees, by
	/// (level, index); level 0 are the leaf hashes. Amortised two per accepted contribution; any
	/// inclusion proof is built from O(log² n) of them.
	#[pallet::storage]
	pub type MerkleNodes<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Twox64Concat,
		lineage_primitives::merkle::NodeIndex,
		sp_core::H256,
	>;

	/// The curators of each dataset.
	#[pallet::storage]
	pub type Curators<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Blake2_128Concat, T::AccountId, ()>;

	/// The id the next contribution gets (ids are global across datasets).
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Every contribution on record (rejected ones are removed).
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, Contribution<T>>;

	/// Who owns each content hash: the first to record it, and in which contribution.
	#[pallet::storage]
	pub type ContentOwners<T: Config> =
		StorageMap<_, Blake2_128Concat, ContentHash, ContentOwner<T>>;

	/// The contributions of each account (for paging through them).
	#[pallet::storage]
	pub type AccountContributions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ContributionId, ()>;

	/// How many contributions each account has on record.
	#[pallet::storage]
	pub type ContributionCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was created.
		DatasetCreated { dataset_id: DatasetId, owner: T::AccountId, policy: CurationPolicy },
		/// A contribution was recorded (accepted at once in an open dataset, else pending).
		ContributionSubmitted {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			content_hash: ContentHash,
			units: u64,
		},
		/// A contribution was accepted and appended to its dataset's commitment.
		ContributionAccepted {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			reviewer: Option<T::AccountId>,
			leaf_index: u64,
			merkle_root: sp_core::H256,
		},
		/// A pending contribution was rejected: `slashed` went to the treasury, the rest of the
		/// deposit was returned and the content hash is free again.
		ContributionRejected {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			reviewer: T::AccountId,
			slashed: BalanceOf<T>,
		},
		/// A contribution was withdrawn by its contributor; its deposit was returned.
		ContributionWithdrawn {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
		},
		/// A curator was appointed.
		CuratorAdded { dataset_id: DatasetId, curator: T::AccountId },
		/// A curator was removed.
		CuratorRemoved { dataset_id: DatasetId, curator: T::AccountId },
		/// A dataset was frozen or reactivated.
		DatasetStatusChanged { dataset_id: DatasetId, status: DatasetStatus },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The content hash is already recorded (by this or another account).
		DuplicateContent,
		/// A batch carries the same content hash twice.
		DuplicateInBatch,
		/// There is no dataset with this id.
		UnknownDataset,
		/// There is no contribution with this id.
		UnknownContribution,
		/// Only the dataset's owner may do this.
		NotOwner,
		/// Only the dataset's owner or one of its curators may do this.
		NotCurator,
		/// Only the contribution's contributor may do this.
		NotContributor,
		/// The dataset is frozen and takes no contributions.
		DatasetFrozen,
		/// A contribution must claim at least one unit.
		ZeroUnits,
		/// A batch must carry at least one record.
		EmptyBatch,
		/// Only pending contributions can be reviewed.
		NotPending,
		/// The contribution is already withdrawn.
		AlreadyWithdrawn,
		/// The account is already a curator of this dataset.
		AlreadyCurator,
		/// The account is not a curator of this dataset.
		UnknownCurator,
		/// The dataset has `MaxCurators` curators already.
		TooManyCurators,
		/// The dataset already has this status.
		StatusUnchanged,
		/// The account cannot afford the deposit.
		InsufficientBalance,
		/// No dataset or contribution ids are left.
		NoIdsLeft,
		/// A count or sum would overflow.
		Overflow,
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
		/// Creates a dataset owned by the caller.
		///
		/// - Origin: any signed account; it becomes the owner.
		/// - Holds `DatasetDeposit` from the caller. The new id is the next `u32`, from 0.
		/// - Emits `DatasetCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_dataset())]
		pub fn create_dataset(
			origin: OriginFor<T>,
			name: DatasetName<T>,
			description: DatasetDescription<T>,
			license: DatasetLicense<T>,
			policy: CurationPolicy,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_create_dataset(owner, name, description, license, policy).map(|_| ())
		}

		/// Records a contribution: the sha2-256 `content_hash` of a record's content, the `units`
		/// it claims (weighting its rewards) and free-form `metadata`.
		///
		/// - Origin: any signed account; it becomes the contributor and the owner of the hash.
		/// - Refused if the hash is already recorded anywhere, the dataset is frozen or unknown,
		///   or `units` is 0.
		/// - Holds `ContributionDeposit + DepositPerByte * metadata.len()`.
		/// - Open datasets accept it at once (appending it to the commitment); curated ones keep
		///   it pending.
		/// - Emits `ContributionSubmitted`, and `ContributionAccepted` when accepted at once.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::contribute(metadata.len() as u32))]
		pub fn contribute(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			content_hash: ContentHash,
			units: u64,
			metadata: ContributionMetadata<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_contribute(&who, dataset_id, content_hash, units, metadata).map(|_| ())
		}

		/// Records up to `MaxBatch` contributions (content hash, units) to one dataset, all or
		/// nothing: one refused record refuses the batch.
		///
		/// - Origin: any signed account.
		/// - Holds `ContributionDeposit` per record. Same rules and events as `contribute`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::contribute_batch(items.len() as u32))]
		pub fn contribute_batch(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			items: BatchOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_contribute_batch(&who, dataset_id, items)
		}

		/// Accepts or rejects a pending contribution.
		///
		/// - Origin: the owner or a curator of the contribution's dataset.
		/// - Accept: the contribution counts (units, rewards) and is appended to the dataset's
		///   commitment; emits `ContributionAccepted`.
		/// - Reject: `RejectSlash` of its deposit goes to the treasury, the rest is returned, the
		///   contribution is removed and its content hash freed; emits `ContributionRejected`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::review_accept().max(T::WeightInfo::review_reject()))]
		pub fn review_contribution(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
			accept: bool,
		) -> DispatchResultWithPostInfo {
			let reviewer = ensure_signed(origin)?;
			Self::do_review(&reviewer, contribution_id, accept)?;
			let actual = if accept {
				T::WeightInfo::review_accept()
			} else {
				T::WeightInfo::review_reject()
			};
			Ok(Some(actual).into())
		}

		/// Appoints `who` curator of a dataset.
		///
		/// - Origin: the dataset's owner. At most `MaxCurators` per dataset.
		/// - Emits `CuratorAdded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_curator())]
		pub fn add_curator(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			who: T::AccountId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_add_curator(&owner, dataset_id, who)
		}

		/// Removes curator `who` from a dataset.
		///
		/// - Origin: the dataset's owner.
		/// - Emits `CuratorRemoved`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_curator())]
		pub fn remove_curator(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			who: T::AccountId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_remove_curator(&owner, dataset_id, who)
		}

		/// Withdraws a pending or accepted contribution.
		///
		/// - Origin: the contributor.
		/// - It stops earning (rewards already earned stay claimable), its deposit is returned and
		///   its metadata erased; the ownership of the content hash and its leaf in the commitment
		///   stay.
		/// - Emits `ContributionWithdrawn`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_contribution())]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, contribution_id)
		}

		/// Freezes (`Frozen`: no new contributions or models) or reactivates (`Active`) a dataset.
		///
		/// - Origin: the dataset's owner.
		/// - Emits `DatasetStatusChanged`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_dataset_status())]
		pub fn set_dataset_status(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			status: DatasetStatus,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_status(&owner, dataset_id, status)
		}
	}
}
