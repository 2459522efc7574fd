//! A mock runtime for the unit tests: System, Balances, Datasets (the real pallet) and Models.

use crate as pallet_models;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
};
use sp_runtime::{BuildStorage, Perbill};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datasets: pallet_datasets,
		Models: pallet_models,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

pub const TREASURY: AccountId = 99;
pub const MODEL_DEPOSIT: Balance = 500;

parameter_types! {
	pub const TreasuryAccount: AccountId = TREASURY;
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	pub const MinContributorShare: Perbill = Perbill::from_percent(30);
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = ConstU128<100>;
	type ContributionDeposit = ConstU128<10>;
	type DepositPerByte = ConstU128<1>;
	type RejectSlash = RejectSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxNameLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<32>;
	type MaxMetadataLen = ConstU32<32>;
	type MaxBatch = ConstU32<8>;
	type MaxCurators = ConstU32<4>;
	type ContributionObserver = ();
	type WeightInfo = ();
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelDeposit = ConstU128<MODEL_DEPOSIT>;
	type MinContributorShare = MinContributorShare;
	type MaxNameLen = ConstU32<32>;
	type MaxModelDatasets = ConstU32<4>;
	type MaxOperators = ConstU32<3>;
	type MaxVersions = ConstU32<3>;
	type Datasets = Datasets;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DatasetFactory;
	type WeightInfo = ();
}

/// Creates open datasets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct DatasetFactory;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for DatasetFactory {
	fn create_dataset(owner: &AccountId) -> lineage_primitives::DatasetId {
		Datasets::do_create_dataset(
			*owner,
			Default::default(),
			Default::default(),
			Default::default(),
			lineage_primitives::CurationPolicy::Open,
		)
		.expect("the benchmark funds the owner")
	}
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const POOR: AccountId = 5;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, 10_000),
			(BOB, 10_000),
			(CHARLIE, 10_000),
			(POOR, 120),
			(TREASURY, 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Models::do_try_state().expect("invariants hold");
	});
}
