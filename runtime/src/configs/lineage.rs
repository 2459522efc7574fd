//! Configuration of the Lineage pallets: datasets, models, inference metering, attribution.

use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::Perbill;

use super::TreasuryAccount;
use crate::{
	Attribution, Balance, Balances, BlockNumber, Datasets, Models, Runtime, RuntimeHoldReason,
	DAYS, MILLI_UNIT, UNIT,
};

parameter_types! {
	/// Held while a dataset exists.
	pub const DatasetDeposit: Balance = 10 * UNIT;
	/// Held per contribution until it is withdrawn or rejected.
	pub const ContributionDeposit: Balance = 100 * MILLI_UNIT;
	/// Held per byte of contribution metadata.
	pub const DepositPerByte: Balance = MILLI_UNIT;
	/// The part of a rejected contribution's deposit that goes to the treasury.
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	/// Held while a model is registered and not retired.
	pub const ModelDeposit: Balance = 50 * UNIT;
	/// Every model gives data contributors at least this share of each fee.
	pub const MinContributorShare: Perbill = Perbill::from_percent(20);
	/// Held per consumer authorisation of a model, until it is revoked.
	pub const AuthorizationDeposit: Balance = 100 * MILLI_UNIT;
	/// Inference summaries and request ids are kept this long, for disputes and replay checks.
	pub const InferenceRetention: BlockNumber = 30 * DAYS;
	/// Derives the attribution pot, which holds fees until they are claimed.
	pub const AttributionPalletId: PalletId = PalletId(*b"lin/attr");
}

impl pallet_datasets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = DatasetDeposit;
	type ContributionDeposit = ContributionDeposit;
	type DepositPerByte = DepositPerByte;
	type RejectSlash = RejectSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxNameLen = ConstU32<64>;
	type MaxDescriptionLen = ConstU32<512>;
	type MaxLicenseLen = ConstU32<64>;
	type MaxMetadataLen = ConstU32<256>;
	type MaxBatch = ConstU32<256>;
	type MaxCurators = ConstU32<16>;
	type ContributionObserver = Attribution;
	type WeightInfo = pallet_datasets::weights::SubstrateWeight<Runtime>;
}

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelDeposit = ModelDeposit;
	type MinContributorShare = MinContributorShare;
	type MaxNameLen = ConstU32<64>;
	type MaxModelDatasets = ConstU32<16>;
	type MaxOperators = ConstU32<16>;
	type MaxVersions = ConstU32<32>;
	type Datasets = Datasets;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LineageBenchmarkSetup;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
}

impl pallet_inference::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Contributions = Datasets;
	type Distributor = Attribution;
	type MaxBatch = ConstU32<128>;
	type MaxAttributions = ConstU32<32>;
	type RetentionPeriod = InferenceRetention;
	type MaxPrunePerBlock = ConstU32<500>;
	type AuthorizationDeposit = AuthorizationDeposit;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LineageBenchmarkSetup;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
}

impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type PalletId = AttributionPalletId;
	type TreasuryAccount = TreasuryAccount;
	type Contributions = Datasets;
	type MaxPositionsPerAccount = ConstU32<256>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LineageBenchmarkSetup;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
}
