//! # Datasets pallet
//!
//! Datasets ("datanets") and the contributions that make them up, identified by the sha2-256 hash
//! of their content; the content itself stays off-chain.
//!
//! - **Ownership, by commit-reveal.** The first on-chain record of a content hash is its proof of
//!   ownership: the same hash is refused everywhere afterwards ([`Error::DuplicateContent`]). A
//!   pending `contribute` would show its hash to everyone watching the transaction pool, so a
//!   contribution is made in two steps: [`Pallet::commit`] a salted commitment
//!   `blake2_256(digest ‖ account ‖ salt)` (the digest is the content hash, or for a batch the
//!   blake2-256 of its hashes in order), then reveal it with `contribute`/`contribute_batch` at
//!   least one block later and within [`Config::RevealWindow`]. A watcher who copies a reveal
//!   from the pool needs a commitment of its own a block old, by which time the reveal it copied
//!   is in. A commitment holds [`Config::CommitDeposit`], returned on reveal, cancellation or
//!   expiry. The one contribution that needs no commitment is a rejected contributor taking back
//!   its own reserved hash, which nobody else can take.
//! - **Hashes that were never accepted go free.** Rejecting or withdrawing a pending contribution
//!   frees its hash. After a rejection the hash is reserved for its contributor for
//!   [`Config::ReclaimWindow`] blocks, so a reviewer who saw the content cannot take it.
//!   Withdrawing a pending contribution costs the same [`Config::RejectSlash`] as a rejection, so
//!   a curated queue cannot be spammed for free. Accepted contributions keep their hash, even
//!   once withdrawn.
//! - **Units cost stake.** A contribution claims units (its weight in pro-rata payouts), at most
//!   [`Config::MaxUnitsPerContribution`], and holds [`Config::DepositPerUnit`] for each on top of
//!   the base deposit. In a curated dataset the reviewer accepts at most the units declared, and
//!   the deposit of the rest is returned.
//! - **Leaving takes time.** Withdrawing an accepted contribution stops its rewards at once, but
//!   its deposit stays held, and slashable by [`Config::SlashOrigin`], for
//!   [`Config::UnbondingPeriod`] blocks, then comes back by [`Pallet::release_deposit`] or
//!   automatically (`on_idle`). A flash contribution around a metering batch locks its capital
//!   for the whole period.
//! - **Curation.** An `Open` dataset accepts contributions at once. A `Curated` one keeps them
//!   pending until its owner or one of its curators reviews them.
//! - **Commitment.** Every dataset keeps an append-only Merkle commitment (RFC 6962 tree, sha2-256,
//!   see [`lineage_primitives::merkle`]) of its accepted contributions: on chain only its O(log n)
//!   frontier and root, updated in O(log n) on each accept, plus the roots of its complete
//!   perfect subtrees (amortised two hashes per accepted contribution), from which the inclusion
//!   proof of any contribution is built in at most 2·⌈log2 n⌉ reads
//!   ([`Pallet::contribution_proof`]).
//! - **Snapshots.** Anyone may [`Pallet::snapshot_dataset`] for [`Config::SnapshotFee`]: it
//!   records the commitment's current leaf count and root as the dataset's next snapshot. Model
//!   versions name the snapshots they were trained on, and pay only the contributions inside
//!   them. The contributions accepted between two snapshots form an epoch
//!   ([`lineage_primitives::Epoch`]).
//! - **Deposits.** Creating a dataset holds [`Config::DatasetDeposit`]; a contribution holds
//!   [`Config::ContributionDeposit`], [`Config::DepositPerByte`] per metadata byte and
//!   [`Config::DepositPerUnit`] per unit.
//! - **Hooks.** Other pallets read contributions through
//!   [`lineage_primitives::traits::ContributionsProvider`], take snapshots through
//!   [`lineage_primitives::traits::DatasetSnapshots`], and are told when one starts or stops
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

		/// Held per unit a contribution claims, on top of `ContributionDeposit`.
		#[pallet::constant]
		type DepositPerUnit: Get<BalanceOf<Self>>;

		/// The most units one contribution may claim.
		#[pallet::constant]
		type MaxUnitsPerContribution: Get<u64>;

		/// Held for each commitment until it is revealed, cancelled or expires.
		#[pallet::constant]
		type CommitDeposit: Get<BalanceOf<Self>>;

		/// How many blocks after its commitment a contribution may be revealed (from the next
		/// block on).
		#[pallet::constant]
		type RevealWindow: Get<BlockNumberFor<Self>>;

		/// How long the deposit of a withdrawn accepted contribution stays held (and slashable).
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// How long the hash of a rejected contribution stays reserved for its contributor.
		#[pallet::constant]
		type ReclaimWindow: Get<BlockNumberFor<Self>>;

		/// Paid to the treasury for each new snapshot.
		#[pallet::constant]
		type SnapshotFee: Get<BalanceOf<Self>>;

		/// The most snapshots a dataset may have.
		#[pallet::constant]
		type MaxSnapshots: Get<u32>;

		/// The most due commitments and unbonded deposits `on_idle` settles in a block.
		#[pallet::constant]
		type MaxSettlePerBlock: Get<u32>;

		/// May slash the deposit of an accepted or unbonding contribution (bad content).
		type SlashOrigin: EnsureOrigin<Self::RuntimeOrigin>;

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
		/// The deposit of a commitment to a contribution.
		CommitDeposit,
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
	/// (level, index): the leaf hashes (level 0) and the levels above `merkle::UNSTORED_LEVELS`
	/// (amortised 1 + 1/16 per accepted contribution); any inclusion proof is built from at most
	/// 2·⌈log2 n⌉ + `merkle::MAX_EXTRA_PROOF_READS` of them. Runtimes before spec 304 also stored
	/// levels 1 to 4: those nodes stay, correct and unread.
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

	/// The snapshots of each dataset, by index.
	#[pallet::storage]
	pub type Snapshots<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Twox64Concat,
		SnapshotIndex,
		Snapshot<BlockNumberFor<T>>,
	>;

	/// The commitments of each account that wait to be revealed.
	#[pallet::storage]
	pub type PendingCommits<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Identity,
		sp_core::H256,
		PendingCommit<T>,
	>;

	/// Commitments in the order they expire (all live `RevealWindow` blocks): the account, the
	/// commitment, and the block it was made in. Revealed or cancelled ones are skipped.
	#[pallet::storage]
	pub type CommitQueue<T: Config> =
		StorageMap<_, Twox64Concat, u64, (T::AccountId, sp_core::H256, BlockNumberFor<T>)>;

	/// The bounds of `CommitQueue`.
	#[pallet::storage]
	pub type CommitQueueBounds<T> = StorageValue<_, QueueBounds, ValueQuery>;

	/// Withdrawn contributions in the order their deposits unbond, with that block.
	#[pallet::storage]
	pub type UnbondingQueue<T: Config> =
		StorageMap<_, Twox64Concat, u64, (ContributionId, BlockNumberFor<T>)>;

	/// The bounds of `UnbondingQueue`.
	#[pallet::storage]
	pub type UnbondingQueueBounds<T> = StorageValue<_, QueueBounds, ValueQuery>;

	/// Content hashes freed by a rejection and kept for their rejected contributor.
	#[pallet::storage]
	pub type Reservations<T: Config> = StorageMap<_, Blake2_128Concat, ContentHash, Reservation<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was created.
		DatasetCreated { dataset_id: DatasetId, owner: T::AccountId, policy: CurationPolicy },
		/// A commitment to a contribution (or a batch) was made.
		Committed { who: T::AccountId, commitment: sp_core::H256 },
		/// A commitment ended unrevealed (cancelled or expired); its deposit was returned.
		CommitmentDropped { who: T::AccountId, commitment: sp_core::H256, expired: bool },
		/// A contribution was recorded (accepted at once in an open dataset, else pending).
		ContributionSubmitted {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			content_hash: ContentHash,
			units: u64,
		},
		/// A contribution was accepted, with `units`, into epoch `epoch`, and appended to its
		/// dataset's commitment.
		ContributionAccepted {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			reviewer: Option<T::AccountId>,
			units: u64,
			epoch: Epoch,
			leaf_index: u64,
			merkle_root: sp_core::H256,
		},
		/// A pending contribution was rejected: `slashed` went to the treasury, the rest of the
		/// deposit was returned and the content hash is reserved for the contributor until
		/// `reserved_until`.
		ContributionRejected {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			reviewer: T::AccountId,
			slashed: BalanceOf<T>,
			reserved_until: BlockNumberFor<T>,
		},
		/// A contribution was withdrawn by its contributor. A pending one paid `slashed` and its
		/// hash is free; an accepted one earns no more and its deposit unbonds until
		/// `unbonding_until`.
		ContributionWithdrawn {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			slashed: BalanceOf<T>,
			unbonding_until: Option<BlockNumberFor<T>>,
		},
		/// The deposit of a withdrawn contribution came back to its contributor.
		DepositReleased {
			contribution_id: ContributionId,
			contributor: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// The deposit of a contribution was slashed to the treasury; it earns no more.
		ContributionSlashed {
			contribution_id: ContributionId,
			dataset_id: DatasetId,
			contributor: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A snapshot of a dataset was taken: model versions may name it.
		SnapshotTaken {
			dataset_id: DatasetId,
			index: SnapshotIndex,
			leaf_count: u64,
			root: sp_core::H256,
			by: T::AccountId,
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
		/// A contribution claims more than `MaxUnitsPerContribution` units, or a reviewer
		/// accepts more units than were declared.
		TooManyUnits,
		/// A batch must carry at least one record.
		EmptyBatch,
		/// Only pending contributions can be reviewed.
		NotPending,
		/// The contribution is already withdrawn or slashed.
		AlreadyWithdrawn,
		/// The account is already a curator of this dataset.
		AlreadyCurator,
		/// The account is not a curator of this dataset.
		UnknownCurator,
		/// The dataset has `MaxCurators` curators already.
		TooManyCurators,
		/// The dataset already has this status.
		StatusUnchanged,
		/// The account cannot afford the deposit or fee.
		InsufficientBalance,
		/// No dataset or contribution ids are left.
		NoIdsLeft,
		/// A count or sum would overflow.
		Overflow,
		/// No commitment of the caller matches this reveal (commit first, then reveal with the
		/// same content, account and salt).
		NoCommitment,
		/// The commitment was made in this block: reveal from the next block on.
		CommitmentNotMature,
		/// The commitment is older than `RevealWindow` blocks: commit again.
		CommitmentExpired,
		/// The caller already has this commitment.
		DuplicateCommitment,
		/// The content hash was rejected recently and is reserved for its contributor.
		ContentReserved,
		/// The contribution has no deposit left to release.
		NothingToRelease,
		/// The contribution's deposit is still unbonding.
		StillUnbonding,
		/// The contribution cannot be slashed (pending, or its deposit is gone).
		NotSlashable,
		/// The dataset has `MaxSnapshots` snapshots already.
		TooManySnapshots,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Returns the deposits of expired commitments and of unbonded contributions, oldest
		/// first, with the block's spare weight.
		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::settle_due(now, remaining_weight)
		}

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

		/// Reveals a committed contribution: the sha2-256 `content_hash` of a record's content,
		/// the `units` it claims (weighting its rewards) and free-form `metadata`.
		///
		/// - Origin: the account that committed to `blake2_256(content_hash ‖ account ‖ salt)`
		///   at least one block and at most `RevealWindow` blocks ago; it becomes the contributor
		///   and the owner of the hash. (A rejected contributor taking back its reserved hash
		///   needs no commitment.)
		/// - Refused if the hash is already recorded or reserved for someone else, the dataset is
		///   frozen or unknown, or `units` is 0 or above `MaxUnitsPerContribution`.
		/// - Holds `ContributionDeposit + DepositPerByte * metadata + DepositPerUnit * units`;
		///   returns the commitment's deposit.
		/// - Open datasets accept it at once (appending it to the commitment); curated ones keep
		///   it pending.
		/// - Emits `ContributionSubmitted`, and `ContributionAccepted` when accepted at once.
		/// - Charged for the most an append can store and hash; refunded down to what it did.
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::contribute_weight(metadata.len() as u32, None))]
		pub fn contribute(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			content_hash: ContentHash,
			units: u64,
			metadata: ContributionMetadata<T>,
			salt: Salt,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let metadata_len = metadata.len() as u32;
			let (_, work) =
				Self::do_contribute(&who, dataset_id, content_hash, units, metadata, salt)?;
			Ok(Some(Self::contribute_weight(metadata_len, Some(work))).into())
		}

		/// Reveals a committed batch of up to `MaxBatch` contributions (content hash, units) to
		/// one dataset, all or nothing: one refused record refuses the batch.
		///
		/// - Origin: the account that committed to `blake2_256(blake2_256(hash_1 ‖ … ‖ hash_n) ‖
		///   account ‖ salt)` at least one block and at most `RevealWindow` blocks ago.
		/// - Holds `ContributionDeposit + DepositPerUnit * units` per record. Same rules and
		///   events as `contribute`.
		/// - Charged for the most `items` appends can store and hash; refunded down to what they
		///   did.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::contribute_batch_weight(items.len() as u32, None))]
		pub fn contribute_batch(
			origin: OriginFor<T>,
			dataset_id: DatasetId,
			items: BatchOf<T>,
			salt: Salt,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let records = items.len() as u32;
			let work = Self::do_contribute_batch(&who, dataset_id, items, salt)?;
			Ok(Some(Self::contribute_batch_weight(records, Some(work))).into())
		}

		/// Accepts (with the units it counts with) or rejects a pending contribution.
		///
		/// - Origin: the owner or a curator of the contribution's dataset.
		/// - Accept: the contribution counts with `units` (at most those declared; the deposit of
		///   the rest is returned), in the dataset's open epoch, and is appended to its
		///   commitment; emits `ContributionAccepted`.
		/// - Reject: `RejectSlash` of its deposit goes to the treasury, the rest is returned, the
		///   contribution is removed and its content hash reserved for the contributor for
		///   `ReclaimWindow`; emits `ContributionRejected`.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::review_accept_weight(None).max(T::WeightInfo::review_reject()))]
		pub fn review_contribution(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
			decision: ReviewDecision,
		) -> DispatchResultWithPostInfo {
			let reviewer = ensure_signed(origin)?;
			let actual = match Self::do_review(&reviewer, contribution_id, decision)? {
				Some(work) => Self::review_accept_weight(Some(work)),
				None => T::WeightInfo::review_reject(),
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
		/// - Pending: `RejectSlash` of its deposit goes to the treasury, the rest is returned, and
		///   its content hash is free again.
		/// - Accepted: it stops earning at once (rewards already earned stay claimable) and its
		///   metadata is erased; its deposit stays held for `UnbondingPeriod`, then comes back
		///   (`release_deposit`, or automatically). The ownership of the content hash and its
		///   leaf in the commitment stay.
		/// - Emits `ContributionWithdrawn`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_pending().max(T::WeightInfo::withdraw_accepted()))]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let was_pending = Self::do_withdraw(&who, contribution_id)?;
			let actual = if was_pending {
				T::WeightInfo::withdraw_pending()
			} else {
				T::WeightInfo::withdraw_accepted()
			};
			Ok(Some(actual).into())
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

		/// Commits to a contribution, or a batch, to be revealed from the next block on and
		/// within `RevealWindow` blocks: `commitment = blake2_256(digest ‖ account ‖ salt)`, with
		/// the content hash as digest (or, for `contribute_batch`, the blake2-256 of its content
		/// hashes one after the other), the caller's SCALE-encoded account and a secret 32-byte
		/// salt.
		///
		/// - Origin: any signed account.
		/// - Holds `CommitDeposit`, returned on reveal, `cancel_commitment` or expiry.
		/// - Emits `Committed`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::commit())]
		pub fn commit(origin: OriginFor<T>, commitment: sp_core::H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(&who, commitment)
		}

		/// Drops one of the caller's unrevealed commitments and returns its deposit.
		///
		/// - Origin: the account that committed.
		/// - Emits `CommitmentDropped`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_commitment())]
		pub fn cancel_commitment(
			origin: OriginFor<T>,
			commitment: sp_core::H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_commitment(&who, commitment)
		}

		/// Records the dataset's current Merkle leaf count and root as its next snapshot, for
		/// model versions to name. Nothing is recorded (and nothing paid) if the latest snapshot
		/// has the same leaf count.
		///
		/// - Origin: any signed account; pays `SnapshotFee` to the treasury.
		/// - Opens a new epoch: contributions accepted from now on are outside the snapshot.
		/// - Emits `SnapshotTaken`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::snapshot_dataset())]
		pub fn snapshot_dataset(origin: OriginFor<T>, dataset_id: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_snapshot(&who, dataset_id).map(|_| ())
		}

		/// Returns the deposit of a withdrawn contribution to its contributor once its
		/// `UnbondingPeriod` is over (`on_idle` does the same by itself when blocks have room).
		///
		/// - Origin: any signed account.
		/// - Emits `DepositReleased`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::release_deposit())]
		pub fn release_deposit(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_deposit(contribution_id)
		}

		/// Slashes the whole deposit of an accepted or unbonding contribution to the treasury,
		/// for content found to be bad; an accepted one stops earning.
		///
		/// - Origin: `SlashOrigin` (governance).
		/// - Emits `ContributionSlashed`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::slash_contribution())]
		pub fn slash_contribution(
			origin: OriginFor<T>,
			contribution_id: ContributionId,
		) -> DispatchResult {
			T::SlashOrigin::ensure_origin(origin)?;
			Self::do_slash(contribution_id)
		}
	}
}

/// The most Merkle nodes one append stores: the leaf and one subtree root per trailing one bit of
/// the leaf count above the unstored levels. Charged before dispatch; what an append did not store
/// is refunded.
pub const MAX_MERKLE_WRITES: u32 = lineage_primitives::merkle::MAX_NODES_PER_APPEND;

/// The most nodes `records` consecutive appends store: each its leaf, and at each stored level
/// `l` one root per 2^l leaves plus one (where the run straddles a boundary), at most
/// [`MAX_MERKLE_WRITES`] - 1 levels: `records + records / 2^UNSTORED_LEVELS + MAX_MERKLE_WRITES`
/// bounds it (the sum of records / 2^l over the stored levels is below records /
/// 2^UNSTORED_LEVELS).
pub fn max_batch_nodes(records: u32) -> u32 {
	records
		.saturating_add(records.div_ceil(1 << lineage_primitives::merkle::UNSTORED_LEVELS))
		.saturating_add(MAX_MERKLE_WRITES)
}
