//! The types pallet-models stores.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
pub use lineage_primitives::{DatasetId, ModelId, ModelStatus, RevenueSplit};
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
/// A model's published versions, oldest first, with the block each was published in.
pub type VersionHistory<T> =
	BoundedVec<(sp_core::H256, BlockNumberFor<T>), <T as Config>::MaxVersions>;

/// A registered model. Its `datasets` and `split` are its terms: fixed at registration.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Model<T: Config> {
	pub owner: AccountIdOf<T>,
	pub name: ModelName<T>,
	/// The current version (a hash of the weights or of a release manifest).
	pub version_hash: sp_core::H256,
	pub datasets: ModelDatasets<T>,
	/// What each inference costs the consumer.
	pub fee_per_inference: BalanceOf<T>,
	pub split: RevenueSplit,
	pub status: ModelStatus,
	pub operators: Operators<T>,
	/// Held from the owner until the model is retired.
	pub deposit: BalanceOf<T>,
	pub registered_at: BlockNumberFor<T>,
}
