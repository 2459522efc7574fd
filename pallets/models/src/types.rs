//! The types pallet-models takes and stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{
	DatasetId, ModelId, ModelStatus, PendingFee, RevenueSplit, SnapshotIndex, VersionNumber,
};
use sp_runtime::Perbill;

use crate::Config;

pub(crate) type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub(crate) type BalanceOf<T> = <<T as Config>::Currency as Inspect<AccountIdOf<T>>>::Balance;

/// A model's name.
pub type ModelName<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
/// The datasets a model was trained on, with weights summing to 100%.
pub type ModelDatasets<T> = BoundedVec<(DatasetId, Perbill), <T as Config>::MaxModelDatasets>;
/// The accounts, besides the owner, that may record a model's inferences.
pub type Operators<T> = BoundedVec<AccountIdOf<T>, <T as Config>::MaxOperators>;
/// For each dataset of a model, in the order of its terms, the snapshot a version was trained
/// on and that snapshot's leaf count.
pub type VersionSnapshots<T> = BoundedVec<(SnapshotIndex, u64), <T as Config>::MaxModelDatasets>;
/// What a registration says of each dataset: its id, its weight, and the snapshot the model was
/// trained on (`None`: a snapshot at the dataset's current leaf count).
pub type DatasetChoices<T> = BoundedVec<DatasetChoice, <T as Config>::MaxModelDatasets>;
/// What a new version says of each of the model's datasets, in the order of its terms: the
/// snapshot it was trained on, or `None` for one at the current leaf count. Empty: `None` for
/// every dataset.
pub type SnapshotChoices<T> = BoundedVec<Option<SnapshotIndex>, <T as Config>::MaxModelDatasets>;

/// One dataset a model is registered on.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DatasetChoice {
	pub dataset_id: DatasetId,
	/// Its share of the contributors' part left after explicit attribution; more than 0%.
	pub weight: Perbill,
	/// The snapshot the model was trained on; `None` takes one at the current leaf count (the
	/// latest, if nothing was accepted since).
	pub snapshot: Option<SnapshotIndex>,
}

/// One version of a model: what it was trained on.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ModelVersion<T: Config> {
	pub number: VersionNumber,
	/// A hash of the weights or of a release manifest.
	pub version_hash: sp_core::H256,
	/// The snapshot of each dataset it was trained on, in the order of the model's datasets.
	pub snapshots: VersionSnapshots<T>,
	pub published_at: BlockNumberFor<T>,
}

/// A registered model. Its `datasets` and `split` are its terms: fixed at registration.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Model<T: Config> {
	pub owner: AccountIdOf<T>,
	pub name: ModelName<T>,
	pub datasets: ModelDatasets<T>,
	/// What each inference costs the consumer (unless a pending increase has come into force).
	pub fee_per_inference: BalanceOf<T>,
	/// An announced fee increase and the block it comes into force in.
	pub pending_fee: Option<PendingFee<BalanceOf<T>, BlockNumberFor<T>>>,
	pub split: RevenueSplit,
	pub status: ModelStatus,
	pub operators: Operators<T>,
	/// Held from the owner until the model is retired.
	pub deposit: BalanceOf<T>,
	pub registered_at: BlockNumberFor<T>,
	/// The version inferences are charged against (also in the version history).
	pub current: ModelVersion<T>,
}

impl<T: Config> Model<T> {
	/// The fee in force at block `now`: an announced increase counts from its block on.
	pub fn fee_at(&self, now: BlockNumberFor<T>) -> BalanceOf<T> {
		match self.pending_fee {
			Some(pending) if now >= pending.effective_at => pending.fee,
			_ => self.fee_per_inference,
		}
	}
}
