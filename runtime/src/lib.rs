//! The Lineage runtime.
//!
//! A solo chain with Aura block production and GRANDPA finality that records who contributed which
//! data, which models were built on it, every inference of a model, and who was paid how much for
//! it (Proof of Attribution).
//!
//! Validators join and leave through sessions and bonded candidacy (`configs::validators`); a
//! council governs upgrades, the treasury, the validator set and disputes (`configs::governance`);
//! utility, proxy and multisig serve wallets (`configs::wallet`).
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`/`impl_runtime_apis` expand to large amounts of code.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use lineage_primitives::{AccountId, Balance, BlockNumber, Hash, Nonce, Signature};
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's concrete extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime version. `spec_version` must be bumped for every runtime upgrade.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("lineage"),
	impl_name: alloc::borrow::Cow::Borrowed("lineage-node"),
	authoring_version: 1,
	spec_version: 305,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

/// The same runtime one `spec_version` later: what the runtime-upgrade test upgrades a chain to
/// (feature `upgrade-test`; `runtime_version` needs literals, hence the second constant).
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("lineage"),
	impl_name: alloc::borrow::Cow::Borrowed("lineage-node"),
	authoring_version: 1,
	spec_version: 306,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 3,
	system_version: 1,
};

/// Block time. It can not change once the chain has started: Aura's slot duration derives from it.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration, in milliseconds.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Time measured in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// The token, LIN, has 12 decimals: 1 LIN = 10^12 plancks.
pub const TOKEN_SYMBOL: &str = "LIN";
pub const TOKEN_DECIMALS: u8 = 12;
/// The generic Substrate SS58 address prefix.
pub const SS58_PREFIX: u16 = 42;

pub const UNIT: Balance = 1_000_000_000_000;
pub const MILLI_UNIT: Balance = 1_000_000_000;
pub const MICRO_UNIT: Balance = 1_000_000;

/// The least balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The transaction extensions, in the order clients must encode them. All are standard FRAME
/// extensions, so generic clients (polkadot.js, subxt, substrate-interface) need no custom types.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations run on a runtime upgrade, besides the pallets' own.
#[allow(unused_parens)]
type Migrations = ();

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Who validates. Authorship, collator selection and session come before Aura and GRANDPA:
	// a session rotation in a block's `on_initialize` hands them the new keys first.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;

	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(23)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(24)]
	pub type Offences = pallet_offences;

	// Who decides: sudo on development chains only; the council, its treasury and parameters.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(30)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(31)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(32)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(33)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(34)]
	pub type Whitelist = pallet_whitelist;

	#[runtime::pallet_index(35)]
	pub type Parameters = pallet_parameters;

	// What wallets expect.
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(41)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(42)]
	pub type Multisig = pallet_multisig;

	// Lineage: who contributed which data, which models were built on it, every inference and
	// who was paid for it.
	#[runtime::pallet_index(10)]
	pub type Datasets = pallet_datasets;

	#[runtime::pallet_index(11)]
	pub type Models = pallet_models;

	#[runtime::pallet_index(12)]
	pub type Inference = pallet_inference;

	#[runtime::pallet_index(13)]
	pub type Attribution = pallet_attribution;
}
