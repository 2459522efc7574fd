//! A mock runtime for the unit tests: the real Datasets and Models pallets, and a distributor
//! that records what it is given instead of splitting it.

use crate as pallet_inference;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use lineage_primitives::{
	traits::{FeeBreakdown, FeeDistributor, InferenceFee},
	ContributionId, InferenceId, ModelId,
};
use sp_runtime::{BuildStorage, DispatchError, Perbill};

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
pub const POT: AccountId = 98;
pub const RETENTION: u64 = 10;
pub const AUTHORIZATION_DEPOSIT: Balance = 2;

parameter_types! {
	pub const TreasuryAccount: AccountId = TREASURY;
	pub const RejectSlash: Perbill = Perbill::from_percent(50);
	pub const MinContributorShare: Perbill = Perbill::from_percent(10);
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

/// One distribution the recording distributor was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Distributed {
	pub inference_id: InferenceId,
	pub model_id: ModelId,
	pub fee: Balance,
	pub attribution: Vec<(ContributionId, Perbill)>,
	/// The pot's balance when asked: the fee must already be in it.
	pub pot_balance: Balance,
}

thread_local! {
	pub static DISTRIBUTED: RefCell<Vec<Distributed>> = const { RefCell::new(Vec::new()) };
}

pub fn distributed() -> Vec<Distributed> {
	DISTRIBUTED.with(|d| d.borrow().clone())
}

/// Keeps every fee in the pot and records what it was asked to distribute.
pub struct RecordingDistributor;
impl FeeDistributor<AccountId, Balance> for RecordingDistributor {
	fn pot_account() -> AccountId {
		POT
	}
	fn distribute(
		fee: InferenceFee<'_, AccountId, Balance>,
	) -> Result<FeeBreakdown<Balance>, DispatchError> {
		use frame_support::traits::fungible::Inspect;
		DISTRIBUTED.with(|d| {
			d.borrow_mut().push(Distributed {
				inference_id: fee.inference_id,
				model_id: fee.model_id,
				fee: fee.fee,
				attribution: fee.attribution.to_vec(),
				pot_balance: Balances::balance(&POT),
			})
		});
		Ok(FeeBreakdown { to_contributors: fee.fee, to_owner: 0, to_protocol: 0 })
	}
}

impl pallet_inference::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type Contributions = Datasets;
	type Distributor = RecordingDistributor;
	type MaxBatch = ConstU32<4>;
	type MaxAttributions = ConstU32<3>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type MaxPrunePerBlock = ConstU32<3>;
	type AuthorizationDeposit = ConstU128<AUTHORIZATION_DEPOSIT>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
	type WeightInfo = ();
}

/// Creates datasets, contributions and models for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_models::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn create_dataset(owner: &AccountId) -> lineage_primitives::DatasetId {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(owner, 1_000_000_000);
		Datasets::do_create_dataset(
			*owner,
			Default::default(),
			Default::default(),
			Default::default(),
			lineage_primitives::CurationPolicy::Open,
		)
		.expect("funded")
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn model_with_contributors(
		owner: &AccountId,
		contributors: u32,
		attributions: u32,
	) -> (ModelId, Vec<ContributionId>) {
		use frame_support::traits::fungible::Mutate;
		use frame_support::traits::Get;
		use pallet_models::BenchmarkHelper as _;
		let datasets = <Test as pallet_models::Config>::MaxModelDatasets::get();
		let ids: Vec<_> = (0..datasets).map(|_| Self::create_dataset(owner)).collect();
		// Every dataset has accepted units: each inference credits every pool (the worst case).
		// Content hashes are unique per dataset, so the set-up can be repeated for another model.
		let hash = |dataset: lineage_primitives::DatasetId, n: u64| {
			lineage_primitives::merkle::sha256(&codec::Encode::encode(&(dataset, n)))
		};
		for dataset in &ids {
			Datasets::do_contribute(
				owner,
				*dataset,
				hash(*dataset, u64::MAX),
				10,
				Default::default(),
			)
			.expect("funded");
		}
		let mut contributions = Vec::new();
		for c in 0..contributors.max(attributions) {
			let who = 10_000 + u64::from(c);
			Balances::set_balance(&who, 1_000_000);
			contributions.push(
				Datasets::do_contribute(
					&who,
					ids[0],
					hash(ids[0], c.into()),
					10,
					Default::default(),
				)
				.expect("funded"),
			);
		}
		let weights: Vec<_> =
			ids.iter().copied().zip(lineage_primitives::equal_shares(datasets)).collect();
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

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, 100_000),
			(BOB, 100_000),
			(CHARLIE, 100_000),
			(DAVE, 100),
			(EVE, 100_000),
			(FERDIE, 100_000),
			(TREASURY, 1),
			(POT, 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		DISTRIBUTED.with(|d| d.borrow_mut().clear());
	});
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Inference::do_try_state().expect("invariants hold");
	});
}
