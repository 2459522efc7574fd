//! The macros of this crate (see the crate docs).

/// The mock runtime of the Lineage pallets' unit tests (see the crate docs). Call it in a
/// pallet's `mock.rs` after `use crate as pallet_<name>;`; the calling crate needs
/// `frame-system`, `pallet-balances`, `sp-io` and the four Lineage pallets (as dev-dependencies).
///
/// It defines `Test`, its pallets (`System`, `Balances`, `Datasets`, `Models`, `Inference`,
/// `Attribution`), `new_test_ext()`, `test(f)` (runs `f`, then checks every pallet's
/// invariants), `check_invariants()`, `sign(who, message)` (a voucher signature the mock accepts)
/// and `LineageSetup` (see [`impl_benchmark_setup!`]); and brings the values of [`crate::mock`]
/// into scope.
#[macro_export]
macro_rules! construct_lineage_mock {
	() => {
		pub use $crate::mock::*;
		use $crate::reexport::{
			frame_support::{
				self, derive_impl, parameter_types,
				traits::{ConstU128, ConstU32, ConstU64},
				PalletId,
			},
			sp_runtime::{self, BuildStorage, Perbill},
		};

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

		parameter_types! {
			pub const TreasuryAccount: AccountId = TREASURY;
			pub const RejectSlash: Perbill = Perbill::from_percent(REJECT_SLASH_PERCENT);
			pub const MinContributorShare: Perbill =
				Perbill::from_percent(MIN_CONTRIBUTOR_SHARE_PERCENT);
			pub const DisputeSlash: Perbill = Perbill::from_percent(DISPUTE_SLASH_PERCENT);
			pub const AttributionPalletId: PalletId = PalletId(*b"lin/attr");
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
			type MaxSettlePerBlock = ConstU32<16>;
			type SlashOrigin = frame_system::EnsureRoot<AccountId>;
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
			type ModelDeposit = ConstU128<MODEL_DEPOSIT>;
			type MinContributorShare = MinContributorShare;
			type MaxNameLen = ConstU32<32>;
			type MaxModelDatasets = ConstU32<MAX_MODEL_DATASETS>;
			type MaxOperators = ConstU32<MAX_OPERATORS>;
			type MaxVersions = ConstU32<MAX_VERSIONS>;
			type FeeChangeDelay = ConstU64<FEE_CHANGE_DELAY>;
			type Datasets = Datasets;
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = LineageSetup;
			type WeightInfo = ();
		}

		impl pallet_inference::Config for Test {
			type Currency = Balances;
			type RuntimeHoldReason = RuntimeHoldReason;
			type Models = Models;
			type Contributions = Datasets;
			type Distributor = Attribution;
			type Signature = sp_runtime::testing::TestSignature;
			type Signer = sp_runtime::testing::UintAuthorityId;
			type DisputeOrigin = frame_system::EnsureRoot<AccountId>;
			type Operators = Models;
			type MaxBatch = ConstU32<MAX_BATCH>;
			type MaxAttributions = ConstU32<MAX_ATTRIBUTIONS>;
			type MaxBatchAttributions = ConstU32<MAX_BATCH_ATTRIBUTIONS>;
			type MaxModelDatasets = ConstU32<MAX_MODEL_DATASETS>;
			type MaxAcceptedOperators = ConstU32<{ MAX_OPERATORS + 1 }>;
			type RetentionPeriod = ConstU64<RETENTION>;
			type MaxPrunePerBlock = ConstU32<50>;
			type AuthorizationDeposit = ConstU128<AUTHORIZATION_DEPOSIT>;
			type OperatorBond = ConstU128<OPERATOR_BOND>;
			type ChallengeBond = ConstU128<CHALLENGE_BOND>;
			type ChallengePeriod = ConstU64<CHALLENGE_PERIOD>;
			type DisputeTimeout = ConstU64<DISPUTE_TIMEOUT>;
			type DisputeSlash = DisputeSlash;
			type TreasuryAccount = TreasuryAccount;
			type MaxOpenDisputes = ConstU32<MAX_OPEN_DISPUTES>;
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = LineageSetup;
			type WeightInfo = ();
		}

		impl pallet_attribution::Config for Test {
			type Currency = Balances;
			type PalletId = AttributionPalletId;
			type TreasuryAccount = TreasuryAccount;
			type Contributions = Datasets;
			type MaxPositionsPerAccount = ConstU32<MAX_POSITIONS>;
			type MaxEpochs = ConstU32<{ MAX_SNAPSHOTS + 1 }>;
			type WeightInfo = ();
		}

		/// A voucher signature the mock runtime accepts: `who` signed exactly `message`.
		pub fn sign(who: AccountId, message: &[u8]) -> sp_runtime::testing::TestSignature {
			sp_runtime::testing::TestSignature(who, message.to_vec())
		}

		$crate::impl_benchmark_setup! {
			runtime: Test,
			funds: INITIAL_BALANCE,
			account: |index: u32| -> AccountId { 10_000 + u64::from(index) },
			consumer: |index: u32| -> AccountId { 1_000_000 + u64::from(index) },
			sign: |who: &AccountId, message: &[u8]| -> sp_runtime::testing::TestSignature {
				sign(*who, message)
			},
		}

		/// Genesis: [`EVERYONE`] funded, [`POOR`] nearly broke, the treasury and the attribution
		/// pot alive; block 1.
		pub fn new_test_ext() -> sp_io::TestExternalities {
			let mut storage =
				frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
			pallet_balances::GenesisConfig::<Test> {
				balances: EVERYONE
					.into_iter()
					.map(|who| (who, INITIAL_BALANCE))
					.chain([(POOR, POOR_BALANCE), (TREASURY, ED)])
					.collect(),
				..Default::default()
			}
			.assimilate_storage(&mut storage)
			.unwrap();
			pallet_attribution::GenesisConfig::<Test>::default()
				.assimilate_storage(&mut storage)
				.unwrap();
			let mut ext = sp_io::TestExternalities::new(storage);
			ext.execute_with(|| System::set_block_number(1));
			ext
		}

		/// Runs a test, then checks the invariants of every Lineage pallet.
		pub fn test(f: impl FnOnce()) {
			new_test_ext().execute_with(|| {
				f();
				check_invariants();
			});
		}

		/// Every Lineage pallet's `try_state` invariants.
		pub fn check_invariants() {
			Datasets::do_try_state().expect("datasets invariants");
			Models::do_try_state().expect("models invariants");
			Inference::do_try_state().expect("inference invariants");
			Attribution::do_try_state().expect("attribution invariants");
		}
	};
}

/// Defines `LineageSetup`, which creates datasets, contributions and models with the real
/// pallets (for tests and benchmarks), and implements the Lineage pallets' `BenchmarkHelper`s
/// with it where the calling crate has the `runtime-benchmarks` feature. Expands where
/// `Balances`, `Datasets` and `Models` name the runtime's pallets and the four Lineage pallet
/// crates are in scope.
///
/// - `runtime`: the runtime type; `funds`: what each account set up is given;
/// - `account(index)`: a distinct account per index (contributors, owners);
/// - `consumer(index)`: a distinct account per index that `sign(who, message)` can sign for
///   with the runtime's voucher signature.
#[macro_export]
macro_rules! impl_benchmark_setup {
	(
		runtime: $runtime:ty,
		funds: $funds:expr,
		account: |$index:ident: u32| -> $account_ty:ty $account:block,
		consumer: |$cindex:ident: u32| -> $consumer_ty:ty $consumer:block,
		sign: |$who:ident: &$who_ty:ty, $message:ident: &[u8]| -> $signature_ty:ty $sign:block,
	) => {
		/// Sets up datasets, contributions and models for tests and benchmarks.
		pub struct LineageSetup;

		#[allow(dead_code)]
		impl LineageSetup {
			/// Account `index`, funded.
			pub fn funded($index: u32) -> $account_ty {
				let who = $account;
				Self::fund(&who);
				who
			}

			/// Gives `who` the set-up's funds.
			pub fn fund(who: &$account_ty) {
				use $crate::reexport::frame_support::traits::fungible::Mutate;
				Balances::set_balance(who, $funds);
			}

			/// An open dataset of `owner` (funded).
			pub fn dataset(owner: &$account_ty) -> $crate::reexport::lineage_primitives::DatasetId {
				Self::fund(owner);
				Datasets::do_create_dataset(
					owner.clone(),
					Default::default(),
					Default::default(),
					Default::default(),
					$crate::reexport::lineage_primitives::CurationPolicy::Open,
				)
				.expect("the owner is funded")
			}

			/// Commits to `content` for `who` (funded), moves to the next block and reveals it as
			/// a contribution of `units` to `dataset`: the real two-step flow.
			pub fn contribute(
				who: &$account_ty,
				dataset: $crate::reexport::lineage_primitives::DatasetId,
				content: $crate::reexport::sp_core::H256,
				units: u64,
			) -> $crate::reexport::lineage_primitives::ContributionId {
				Self::fund(who);
				let salt = [7u8; 32];
				let commitment = $crate::reexport::lineage_primitives::contribution_commitment(
					&content, who, &salt,
				);
				Datasets::do_commit(who, commitment).expect("funded, and a new commitment");
				Self::next_block();
				Datasets::do_contribute(who, dataset, content, units, Default::default(), salt)
					.expect("funded, committed a block ago, and the content is new")
					.0
			}

			/// Moves the block number on by one (reveals need a block between commit and reveal).
			pub fn next_block() {
				use $crate::reexport::sp_runtime::traits::{One, Saturating};
				let now = frame_system::Pallet::<$runtime>::block_number();
				frame_system::Pallet::<$runtime>::set_block_number(now.saturating_add(One::one()));
			}

			/// An open dataset of `owner` with one accepted contribution of `owner` that no
			/// snapshot covers yet.
			pub fn dataset_with_contribution(
				owner: &$account_ty,
			) -> $crate::reexport::lineage_primitives::DatasetId {
				let dataset = Self::dataset(owner);
				Self::contribute(owner, dataset, $crate::content_hash((b"seed", dataset)), 10);
				dataset
			}

			/// Registers a model of `owner` on `datasets` (equal weights, new snapshots), fee 1000
			/// plancks, split 70/15/5/10.
			pub fn model(
				owner: &$account_ty,
				datasets: &[$crate::reexport::lineage_primitives::DatasetId],
			) -> $crate::reexport::lineage_primitives::ModelId {
				use $crate::reexport::sp_runtime::Perbill;
				Self::fund(owner);
				let shares =
					$crate::reexport::lineage_primitives::equal_shares(datasets.len() as u32);
				let choices: $crate::reexport::Vec<_> = datasets
					.iter()
					.zip(shares)
					.map(|(dataset_id, weight)| pallet_models::DatasetChoice {
						dataset_id: *dataset_id,
						weight,
						snapshot: None,
					})
					.collect();
				Models::do_register(
					owner.clone(),
					Default::default(),
					Default::default(),
					choices.try_into().expect("within MaxModelDatasets"),
					1_000u32.into(),
					$crate::reexport::lineage_primitives::RevenueSplit {
						contributors: Perbill::from_percent(70),
						owner: Perbill::from_percent(15),
						operator: Perbill::from_percent(5),
						protocol: Perbill::from_percent(10),
					},
				)
				.expect("valid terms")
			}
		}

		#[cfg(feature = "runtime-benchmarks")]
		impl pallet_models::BenchmarkHelper<$account_ty> for LineageSetup {
			fn create_dataset(
				owner: &$account_ty,
			) -> $crate::reexport::lineage_primitives::DatasetId {
				Self::dataset_with_contribution(owner)
			}

			fn grow_dataset(
				owner: &$account_ty,
				dataset_id: $crate::reexport::lineage_primitives::DatasetId,
			) {
				let seed = frame_system::Pallet::<$runtime>::block_number();
				Self::contribute(
					owner,
					dataset_id,
					$crate::content_hash((b"grow", dataset_id, seed)),
					10,
				);
			}
		}

		#[cfg(feature = "runtime-benchmarks")]
		impl pallet_inference::BenchmarkHelper<$account_ty, $signature_ty> for LineageSetup {
			fn model_with_contributors(
				owner: &$account_ty,
				datasets: u32,
				contributors: u32,
				attributions: u32,
			) -> (
				$crate::reexport::lineage_primitives::ModelId,
				$crate::reexport::Vec<$crate::reexport::lineage_primitives::ContributionId>,
			) {
				use $crate::reexport::frame_support::traits::Get;
				let n =
					datasets.clamp(1, <$runtime as pallet_models::Config>::MaxModelDatasets::get());
				// Every dataset has accepted units, so each inference credits (and writes) every
				// pool: the worst case of the payout.
				let datasets: $crate::reexport::Vec<_> =
					(0..n).map(|_| Self::dataset_with_contribution(owner)).collect();
				let first = datasets.first().copied().unwrap_or_default();
				let mut contributions = $crate::reexport::Vec::new();
				for c in 0..contributors.max(attributions) {
					let who = Self::funded(c);
					contributions.push(Self::contribute(
						&who,
						first,
						$crate::content_hash((b"contributor", first, c)),
						10,
					));
					if c % 1024 == 1023 {
						// Up to 100,000 contributions in one block: keep its event list short.
						frame_system::Pallet::<$runtime>::reset_events();
					}
				}
				// The model's snapshots, taken now, cover every contribution above.
				let model = Self::model(owner, &datasets);
				// The deepest epoch trees a dataset can have: each credit walks the longest path.
				// (Snapshots this many would take minutes to set up; the nodes past the real ones
				// stand for empty epochs, which the walks read and write as they would.)
				let epochs = <$runtime as pallet_attribution::Config>::MaxEpochs::get();
				for dataset in &datasets {
					pallet_attribution::RewardPools::<$runtime>::mutate(dataset, |pool| {
						pool.epochs = pool.epochs.max(epochs)
					});
				}
				contributions.truncate(attributions as usize);
				(model, contributions)
			}

			fn model_with_snapshots(
				owner: &$account_ty,
				snapshots: u32,
				others: u32,
			) -> $crate::reexport::lineage_primitives::ModelId {
				let mine = Self::dataset(owner);
				let other = Self::dataset(owner);
				for (dataset, count) in [(mine, snapshots), (other, others)] {
					for i in 0..count {
						// A contributor per epoch: an account's positions are bounded.
						let who = Self::funded(u32::MAX / 2 + dataset * 100_000 + i);
						Self::contribute(
							&who,
							dataset,
							$crate::content_hash((b"epoch", dataset, i)),
							10,
						);
						Datasets::do_snapshot(owner, dataset).expect("funded, and a new leaf");
					}
				}
				frame_system::Pallet::<$runtime>::reset_events();
				let model = Self::model(owner, &[mine]);
				frame_system::Pallet::<$runtime>::reset_events();
				model
			}

			fn set_operators(
				owner: &$account_ty,
				model_id: $crate::reexport::lineage_primitives::ModelId,
				operators: $crate::reexport::Vec<$account_ty>,
			) {
				Models::do_set_operators(
					owner,
					model_id,
					operators.try_into().expect("within MaxOperators"),
				)
				.expect("the owner's model");
			}

			fn consumer($cindex: u32) -> $consumer_ty {
				let who = $consumer;
				Self::fund(&who);
				who
			}

			fn sign($who: &$who_ty, $message: &[u8]) -> $signature_ty {
				$sign
			}
		}
	};
}
