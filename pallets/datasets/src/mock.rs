//! A mock runtime for the unit tests: System, Balances and Datasets, with an observer that
//! records what it is told (the other Lineage pallets' tests run the whole stack, from
//! `lineage-testing`; its values are the ones used here).

use crate as pallet_datasets;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use lineage_primitives::{traits::ContributionObserver, ContributionId, DatasetId, Epoch};
pub use lineage_testing::mock::{
	AccountId, Balance, ALICE, BOB, CHARLIE, COMMIT_DEPOSIT, CONTRIBUTION_DEPOSIT, DATASET_DEPOSIT,
	DAVE, DEPOSIT_PER_BYTE, DEPOSIT_PER_UNIT, ED, EVE, INITIAL_BALANCE, MAX_UNITS, POOR,
	POOR_BALANCE, RECLAIM_WINDOW, REJECT_SLASH_PERCENT, REVEAL_WINDOW, SNAPSHOT_FEE, TREASURY,
	UNBONDING_PERIOD,
};
use sp_runtime::{BuildStorage, DispatchResult, Perbill};

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
	// What the `()` weights price storage with, so that the calls' weights add up in tests.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Snapshots a dataset may have in these tests (few, to test the limit).
pub const MAX_SNAPSHOTS: u32 = 3;
/// Due items `on_idle` settles per block in these tests (few, to test the limit).
pub const MAX_SETTLE: u32 = 3;

parameter_types! {
	pub const RejectSlash: Perbill = Perbill::from_percent(REJECT_SLASH_PERCENT);
	pub const TreasuryAccount: AccountId = TREASURY;
}

/// What the observer was told, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observed {
	Accepted(DatasetId, Epoch, ContributionId, AccountId, u64),
	Withdrawn(DatasetId, Epoch, ContributionId, AccountId, u64),
	EpochOpened(DatasetId, Epoch),
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
	fn can_accept(_: DatasetId, _: Epoch, _: &AccountId) -> DispatchResult {
		if OBSERVER_FAILS.with(|f| *f.borrow()) {
			return Err("observer refuses".into());
		}
		Ok(())
	}
	fn on_contribution_accepted(
		dataset_id: DatasetId,
		epoch: Epoch,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult {
		Self::record(Observed::Accepted(dataset_id, epoch, contribution_id, *contributor, units))
	}
	fn on_contribution_withdrawn(
		dataset_id: DatasetId,
		epoch: Epoch,
		contribution_id: ContributionId,
		contributor: &AccountId,
		units: u64,
	) -> DispatchResult {
		Self::record(Observed::Withdrawn(dataset_id, epoch, contribution_id, *contributor, units))
	}
	fn on_epoch_opened(dataset_id: DatasetId, new_epoch: Epoch) -> DispatchResult {
		Self::record(Observed::EpochOpened(dataset_id, new_epoch))
	}
}

pub fn observed() -> Vec<Observed> {
	OBSERVED.with(|o| o.borrow().clone())
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = ConstU128<DATASET_DEPOSIT>;
	type ContributionDeposit = ConstU128<CONTRIBUTION_DEPOSIT>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type DepositPerUnit = ConstU128<DEPOSIT_PER_UNIT>;
	type MaxUnitsPerContribution = ConstU64<MAX_UNITS>;
	type CommitDeposit = ConstU128<COMMIT_DEPOSIT>;
	type RevealWindow = ConstU64<REVEAL_WINDOW>;
	type UnbondingPeriod = ConstU64<UNBONDING_PERIOD>;
	type ReclaimWindow = ConstU64<RECLAIM_WINDOW>;
	type SnapshotFee = ConstU128<SNAPSHOT_FEE>;
	type MaxSnapshots = ConstU32<MAX_SNAPSHOTS>;
	type MaxSettlePerBlock = ConstU32<MAX_SETTLE>;
	type SlashOrigin = frame_system::EnsureRoot<AccountId>;
	type RejectSlash = RejectSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxNameLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<32>;
	type MaxMetadataLen = ConstU32<32>;
	type MaxBatch = ConstU32<8>;
	type MaxCurators = ConstU32<4>;
	type ContributionObserver = RecordingObserver;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, EVE]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.chain([(POOR, POOR_BALANCE), (TREASURY, ED)])
			.collect(),
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
