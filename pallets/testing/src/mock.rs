//! The values of the mock runtime: small enough that tests can reason about every planck, and
//! the same for every pallet's tests.

/// Accounts in the mock runtime.
pub type AccountId = u64;
/// Balances in the mock runtime.
pub type Balance = u128;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const FERDIE: AccountId = 6;
/// An account with too little to pay most deposits.
pub const POOR: AccountId = 7;
/// The treasury account.
pub const TREASURY: AccountId = 99;
/// Everyone the tests use, funded with [`INITIAL_BALANCE`] (but [`POOR`]).
pub const EVERYONE: [AccountId; 6] = [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE];

pub const INITIAL_BALANCE: Balance = 1_000_000_000;
pub const POOR_BALANCE: Balance = 120;
pub const ED: Balance = 1;

pub const DATASET_DEPOSIT: Balance = 100;
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
pub const DEPOSIT_PER_BYTE: Balance = 1;
pub const DEPOSIT_PER_UNIT: Balance = 1;
pub const MAX_UNITS: u64 = 1_000_000;
pub const COMMIT_DEPOSIT: Balance = 5;
pub const REVEAL_WINDOW: u64 = 20;
pub const UNBONDING_PERIOD: u64 = 30;
pub const RECLAIM_WINDOW: u64 = 40;
pub const SNAPSHOT_FEE: Balance = 3;
pub const MAX_SNAPSHOTS: u32 = 1_000;
pub const REJECT_SLASH_PERCENT: u32 = 50;

pub const MODEL_DEPOSIT: Balance = 500;
pub const MIN_CONTRIBUTOR_SHARE_PERCENT: u32 = 10;
pub const FEE_CHANGE_DELAY: u64 = 10;
pub const MAX_MODEL_DATASETS: u32 = 4;
pub const MAX_OPERATORS: u32 = 3;
pub const MAX_VERSIONS: u32 = 4;

pub const AUTHORIZATION_DEPOSIT: Balance = 2;
pub const RETENTION: u64 = 100;
pub const MAX_BATCH: u32 = 8;
pub const MAX_ATTRIBUTIONS: u32 = 4;
pub const MAX_BATCH_ATTRIBUTIONS: u32 = 16;
pub const OPERATOR_BOND: Balance = 1_000;
pub const CHALLENGE_BOND: Balance = 200;
pub const CHALLENGE_PERIOD: u64 = 50;
pub const DISPUTE_TIMEOUT: u64 = 60;
pub const DISPUTE_SLASH_PERCENT: u32 = 50;
pub const MAX_OPEN_DISPUTES: u32 = 4;

pub const MAX_POSITIONS: u32 = 8;
