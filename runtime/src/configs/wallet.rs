//! What wallets expect of a Substrate chain: batches (`pallet-utility`), proxies (`pallet-proxy`)
//! and multisig accounts (`pallet-multisig`), configured as on Polkadot so that polkadot.js Apps,
//! Talisman and SubWallet offer them as usual.

use super::*;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::InstanceFilter;
use scale_info::TypeInfo;

use crate::{OriginCaller, RuntimeCall};

/// The deposit for keeping `items` storage items of `bytes` bytes in all: 0.1 LIN per item and
/// 0.01 mLIN per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 100 * MILLI_UNIT + bytes as Balance * 10 * MICRO_UNIT
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	// One storage item; key size 32, value size 8.
	pub const ProxyDepositBase: Balance = deposit(1, 40);
	// Each proxy: an account (32 bytes) and a proxy type (1 byte).
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const AnnouncementDepositBase: Balance = deposit(1, 48);
	// Each announcement: an account, a call hash and a block number (32 + 32 + 4 bytes).
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
	// One storage item; key size 32, value size 16.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	// Each signatory: 32 bytes.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

/// What a proxy may do for the account that appointed it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Anything but moving balances.
	NonTransfer,
	/// Council, membership, treasury and whitelist calls.
	Governance,
	/// A validator's session keys and candidacy.
	Validator,
	/// Datasets, contributions, models, inference and claims, but no transfers: a curator's or an
	/// operator's hot key.
	Lineage,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(call, RuntimeCall::Balances(..)),
			ProxyType::Governance => matches!(
				call,
				RuntimeCall::Council(..)
					| RuntimeCall::CouncilMembership(..)
					| RuntimeCall::Treasury(..)
					| RuntimeCall::Whitelist(..)
					| RuntimeCall::Utility(..)
			),
			ProxyType::Validator => matches!(
				call,
				RuntimeCall::Session(..)
					| RuntimeCall::CollatorSelection(..)
					| RuntimeCall::Utility(..)
			),
			ProxyType::Lineage => matches!(
				call,
				RuntimeCall::Datasets(..)
					| RuntimeCall::Models(..)
					| RuntimeCall::Inference(..)
					| RuntimeCall::Attribution(..)
					| RuntimeCall::Utility(..)
			),
			ProxyType::CancelProxy => matches!(
				call,
				RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					| RuntimeCall::Utility(..)
			),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}
