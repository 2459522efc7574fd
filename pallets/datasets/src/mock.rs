//! A mock runtime for the unit tests: System, Balances and Datasets.

use crate as pallet_datasets;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32},
};
use lineage_primitives::{traits::ContributionObserver, ContributionId, DatasetId};
use sp_runtime::{BuildStorage, DispatchResult, Perbill};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datasets: pallet_datasets,
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
pub const DATASET_DEPOSIT: Balance = 100;
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
pub const DEPOSIT_PER_BYTE: Balance = 1;

parameter_types! {
	pub const DatasetDeposit: Balance = DATASET_DEPOSIT;
	pub const ContributionDeposit: Balance = CONTRIBUTION_DEPOSIT;
	pub const DepositPerByte: Balance = DEPOSIT_PER_BYTE;
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	pub const TreasuryAccount: AccountId = TREASURY;
}

/// What the observer was told, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observed {
	Accepted(DatasetId, ContributionId, AccountId, u64),
	Withdrawn(DatasetId, ContributionId, AccountId, u64),
}

thread_local! {
	pub static OBSERVED: RefCell<Vec<Observed>> = const { RefCell::new(Vec::new()) };
	pub static OBSERVER_FAILS: RefCell<bool> = const { RefCell::new(false) };
}

/// Records every notification; refuses them all while `OBSERVER_FAILS` is set.
pub struct RecordingObserver;

impl RecordingObserver {
	fn record(notification: Observed) -> DispatchResult {
		if OBSERVER_FAILS.with(|f| *f.borrow()) {
			return Err("observer refuses".into());
		}
		OBSERVED.with(|o| o.borrow_mut().push(notification));
		Ok(())
	}
}

impl ContributionObserver<AccountId> for RecordingObserver {
	fn on_contribution_accepted(
		dataset_id: DatasetId,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult {
		Self::record(Observed::Accepted(dataset_id, contribution_id, *contributor, units))
	}
	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult {
		Self::record(Observed::Withdrawn(dataset_id, contribution_id, *contributor, units))
	}
}

pub fn observed() -> Vec<Observed> {
	OBSERVED.with(|o| o.borrow().clone())
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = DatasetDeposit;
	type ContributionDeposit = ContributionDeposit;
	type DepositPerByte = DepositPerByte;
	type RejectSlash = RejectSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxNameLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<128>;
	type MaxLicenseLen = ConstU32<32>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxBatch = ConstU32<8>;
	type MaxCurators = ConstU32<3>;
	type ContributionObserver = RecordingObserver;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const POOR: AccountId = 5;
pub const INITIAL_BALANCE: Balance = 10_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
			(DAVE, INITIAL_BALANCE),
			(POOR, 15),
			(TREASURY, 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		OBSERVED.with(|o| o.borrow_mut().clear());
		OBSERVER_FAILS.with(|f| *f.borrow_mut() = false);
	});
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Datasets::do_try_state().expect("invariants hold");
	});
}
