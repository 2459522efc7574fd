//! A mock runtime with the whole Lineage stack: Datasets, Models, Inference and Attribution
//! wired together as in the real runtime.

use crate as pallet_attribution;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
	PalletId,
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
		Inference: pallet_inference,
		Attribution: pallet_attribution,
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
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

pub const ED: Balance = 1;
pub const TREASURY: AccountId = 99;
pub const CONTRIBUTION_DEPOSIT: Balance = 10;

parameter_types! {
	pub const TreasuryAccount: AccountId = TREASURY;
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	pub const MinContributorShare: Perbill = Perbill::from_percent(10);
	pub const AttributionPalletId: PalletId = PalletId(*b"lin/attr");
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DatasetDeposit = ConstU128<100>;
	type ContributionDeposit = ConstU128<CONTRIBUTION_DEPOSIT>;
	type DepositPerByte = ConstU128<1>;
	type RejectSlash = RejectSlash;
	type TreasuryAccount = TreasuryAccount;
	type MaxNameLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<32>;
	type MaxMetadataLen = ConstU32<32>;
	type MaxBatch = ConstU32<16>;
	type MaxCurators = ConstU32<4>;
	type ContributionObserver = Attribution;
	type WeightInfo = ();
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelDeposit = ConstU128<500>;
	type MinContributorShare = MinContributorShare;
	type MaxNameLen = ConstU32<32>;
	type MaxModelDatasets = ConstU32<4>;
	type MaxOperators = ConstU32<4>;
	type MaxVersions = ConstU32<4>;
	type Datasets = Datasets;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
	type WeightInfo = ();
}

impl pallet_inference::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Contributions = Datasets;
	type Distributor = Attribution;
	type MaxBatch = ConstU32<16>;
	type MaxAttributions = ConstU32<8>;
	type RetentionPeriod = ConstU64<100>;
	type MaxPrunePerBlock = ConstU32<50>;
	type AuthorizationDeposit = ConstU128<3>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
	type WeightInfo = ();
}

impl pallet_attribution::Config for Test {
	type Currency = Balances;
	type PalletId = AttributionPalletId;
	type TreasuryAccount = TreasuryAccount;
	type Contributions = Datasets;
	type MaxPositionsPerAccount = ConstU32<8>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
	type WeightInfo = ();
}

/// Creates datasets, contributions and models for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkSetup {
	fn fund(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 1_000_000_000);
	}

	fn dataset(owner: &AccountId) -> lineage_primitives::DatasetId {
		Self::fund(owner);
		Datasets::do_create_dataset(
			*owner,
			Default::default(),
			Default::default(),
			Default::default(),
			lineage_primitives::CurationPolicy::Open,
		)
		.expect("funded")
	}

	fn contribution(who: &AccountId, dataset: lineage_primitives::DatasetId, n: u64) -> u64 {
		Self::fund(who);
		let hash = lineage_primitives::merkle::sha256(&n.to_le_bytes());
		Datasets::do_contribute(who, dataset, hash, 10, Default::default()).expect("funded")
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_models::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn create_dataset(owner: &AccountId) -> lineage_primitives::DatasetId {
		Self::dataset(owner)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_attribution::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn positions_for(who: &AccountId, n: u32) -> Vec<lineage_primitives::DatasetId> {
		(0..n)
			.map(|i| {
				let dataset = Self::dataset(&1000);
				Self::contribution(who, dataset, u64::from(i) + 1_000_000);
				dataset
			})
			.collect()
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_inference::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn model_with_contributors(
		owner: &AccountId,
		contributors: u32,
		attributions: u32,
	) -> (lineage_primitives::ModelId, Vec<u64>) {
		use frame_support::traits::Get;
		let datasets = <Test as pallet_models::Config>::MaxModelDatasets::get();
		let ids: Vec<_> = (0..datasets).map(|_| Self::dataset(owner)).collect();
		let mut contributions = Vec::new();
		for c in 0..contributors.max(attributions) {
			let who = 10_000 + u64::from(c);
			contributions.push(Self::contribution(&who, ids[0], u64::from(c)));
		}
		let weights: Vec<_> =
			ids.iter().copied().zip(lineage_primitives::equal_shares(datasets)).collect();
		Self::fund(owner);
		let model = Models::do_register(
			*owner,
			Default::default(),
			Default::default(),
			weights.try_into().expect("within MaxModelDatasets"),
			1_000,
			lineage_primitives::RevenueSplit {
				contributors: Perbill::from_percent(70),
				owner: Perbill::from_percent(20),
				protocol: Perbill::from_percent(10),
			},
		)
		.expect("valid terms");
		contributions.truncate(attributions as usize);
		(model, contributions)
	}
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const FERDIE: AccountId = 6;
pub const INITIAL_BALANCE: Balance = 1_000_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.chain([(TREASURY, ED)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_attribution::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the invariants of every Lineage pallet.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		check_invariants();
	});
}

pub fn check_invariants() {
	Datasets::do_try_state().expect("datasets invariants");
	Models::do_try_state().expect("models invariants");
	Inference::do_try_state().expect("inference invariants");
	Attribution::do_try_state().expect("attribution invariants");
}
