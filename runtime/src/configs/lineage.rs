//! Configuration of the Lineage pallets: datasets, models, inference metering, attribution.

use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
	PalletId,
};
use sp_runtime::Perbill;

use super::TreasuryAccount;
use crate::{
	Attribution, Balance, Balances, BlockNumber, Datasets, Models, Runtime, RuntimeHoldReason,
	Signature, DAYS, HOURS, MILLI_UNIT, UNIT,
};

/// The most snapshots a dataset may have. Every walk up a dataset's epoch tree is bounded by its
/// logarithm (17 nodes), and the weights are measured at it.
pub const MAX_SNAPSHOTS: u32 = 65_535;

parameter_types! {
	/// Held while a dataset exists.
	pub const DatasetDeposit: Balance = 10 * UNIT;
	/// Held per contribution until it is rejected, or withdrawn and unbonded.
	pub const ContributionDeposit: Balance = 100 * MILLI_UNIT;
	/// Held per byte of contribution metadata.
	pub const DepositPerByte: Balance = MILLI_UNIT;
	/// Held per unit a contribution claims: units are staked, so a share of pro-rata payouts
	/// costs the same per unit for everyone (10^6 units hold 1,000 LIN).
	pub const DepositPerUnit: Balance = MILLI_UNIT;
	/// Held per commitment until it is revealed, cancelled or expires.
	pub const CommitDeposit: Balance = 10 * MILLI_UNIT;
	/// How long a commitment may wait for its reveal.
	pub const RevealWindow: BlockNumber = HOURS;
	/// How long the deposit of a withdrawn contribution stays held, and slashable.
	pub const UnbondingPeriod: BlockNumber = 7 * DAYS;
	/// How long a rejected hash stays reserved for its contributor.
	pub const ReclaimWindow: BlockNumber = 7 * DAYS;
	/// Paid to the treasury for each new snapshot of a dataset.
	pub const SnapshotFee: Balance = 100 * MILLI_UNIT;
	/// The part of a rejected (or withdrawn while pending) contribution's deposit that goes to the
	/// treasury.
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	/// Held while a model is registered and not retired.
	pub const ModelDeposit: Balance = 50 * UNIT;
	/// Every model gives data contributors at least this share of each fee.
	pub const MinContributorShare: Perbill = Perbill::from_percent(20);
	/// A fee increase comes into force this long after it is announced.
	pub const FeeChangeDelay: BlockNumber = DAYS;
	/// Held per consumer authorisation of a model, until it is revoked.
	pub const AuthorizationDeposit: Balance = 100 * MILLI_UNIT;
	/// Inference summaries and request ids are kept this long, for disputes and replay checks;
	/// no voucher may live longer.
	pub const InferenceRetention: BlockNumber = 30 * DAYS;
	/// Held from each operator that records explicit attribution for a model.
	pub const OperatorBond: Balance = 100 * UNIT;
	/// Held from whoever challenges an inference's attribution.
	pub const ChallengeBond: Balance = 10 * UNIT;
	/// How long an inference may be challenged.
	pub const ChallengePeriod: BlockNumber = 7 * DAYS;
	/// How long a dispute may stay open before both bonds return.
	pub const DisputeTimeout: BlockNumber = 14 * DAYS;
	/// The part of an operator's bond an upheld dispute slashes.
	pub const DisputeSlash: Perbill = Perbill::from_percent(50);
	/// Derives the attribution pot, which holds fees until they are claimed.
	pub const AttributionPalletId: PalletId = PalletId(*b"lin/attr");
}

impl pallet_datasets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = DatasetDeposit;
	type ContributionDeposit = ContributionDeposit;
	type DepositPerByte = DepositPerByte;
	type DepositPerUnit = DepositPerUnit;
	type MaxUnitsPerContribution = ConstU64<1_000_000>;
	type CommitDeposit = CommitDeposit;
	type RevealWindow = RevealWindow;
	type UnbondingPeriod = UnbondingPeriod;
	type ReclaimWindow = ReclaimWindow;
	type SnapshotFee = SnapshotFee;
	type MaxSnapshots = ConstU32<MAX_SNAPSHOTS>;
	type MaxSettlePerBlock = ConstU32<128>;
	type SlashOrigin = super::governance::RootOrCouncilMajority;
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
	type FeeChangeDelay = FeeChangeDelay;
	type Datasets = Datasets;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LineageSetup;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
}

impl pallet_inference::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Contributions = Datasets;
	type Distributor = Attribution;
	type Signature = Signature;
	type Signer = <Signature as sp_runtime::traits::Verify>::Signer;
	type DisputeOrigin = super::governance::RootOrCouncilMajority;
	type Operators = Models;
	type MaxBatch = ConstU32<128>;
	type MaxAttributions = ConstU32<32>;
	type MaxBatchAttributions = ConstU32<1024>;
	type MaxModelDatasets = <Runtime as pallet_models::Config>::MaxModelDatasets;
	type MaxAcceptedOperators = ConstU32<17>;
	type RetentionPeriod = InferenceRetention;
	type MaxPrunePerBlock = ConstU32<500>;
	type AuthorizationDeposit = AuthorizationDeposit;
	type OperatorBond = OperatorBond;
	type ChallengeBond = ChallengeBond;
	type ChallengePeriod = ChallengePeriod;
	type DisputeTimeout = DisputeTimeout;
	type DisputeSlash = DisputeSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxOpenDisputes = ConstU32<256>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::LineageSetup;
	type WeightInfo = pallet_inference::weights::SubstrateWeight<Runtime>;
}

impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type PalletId = AttributionPalletId;
	type TreasuryAccount = TreasuryAccount;
	type Contributions = Datasets;
	/// A claim settles every position of its account, each reading up to 16 epoch nodes (one per
	/// set bit of its epoch, below 65,536): 120 keep the largest claim's proof within 5 MiB
	/// (`the_largest_calls_fit_in_a_block`; 128 would need 5.3 MiB).
	type MaxPositionsPerAccount = ConstU32<120>;
	type MaxEpochs = ConstU32<{ MAX_SNAPSHOTS + 1 }>;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
}
