//! Genesis presets: `development` (Alice validates alone), `local_testnet` (Alice, Bob, Charlie
//! and Dave validate) and `production` (no sudo, no development accounts: the operator's
//! validators, council and endowments, see [`production_genesis`]).
//!
//! The node builds its `dev` and `local` chain specs from these, and `lineage-node
//! production-spec` builds a production chain spec from [`production_genesis`] with the keys the
//! operator gives it, so `build-spec` output and the built-in chains always agree.

use crate::{
	configs::{validators::SessionKeyDeposit, TreasuryAccount, ValidatorPot},
	AccountId, Balance, BalancesConfig, CollatorSelectionConfig, CouncilMembershipConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every endowed development account starts with: one million LIN.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The name of the production preset.
pub const PRODUCTION_RUNTIME_PRESET: &str = "production";

/// The bond a validator candidate holds (pallet-collator-selection), at genesis.
pub const CANDIDACY_BOND: Balance = 10_000 * UNIT;

/// How many bonded candidates join the invulnerables, at genesis (governance may change it).
pub const DESIRED_CANDIDATES: u32 = 16;

/// A validator at genesis: its account (the invulnerable collator), and its session keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenesisValidator {
	pub account: AccountId,
	pub aura: AuraId,
	pub grandpa: GrandpaId,
}

/// The genesis of any Lineage chain: `validators` are the invulnerables, with their session keys;
/// `council` the council's members; `endowed` the accounts and balances it starts with; `sudo`
/// the sudo key, if any (development chains only).
///
/// The treasury and the validators' pot start with the existential deposit, so that fees, dust
/// and slashes can always be paid into them; every validator account gets at least the session
/// key deposit.
pub fn lineage_genesis(
	validators: Vec<GenesisValidator>,
	council: Vec<AccountId>,
	endowed: Vec<(AccountId, Balance)>,
	sudo: Option<AccountId>,
) -> Value {
	let mut balances: Vec<(AccountId, Balance)> = endowed;
	for validator in &validators {
		if !balances.iter().any(|(who, _)| who == &validator.account) {
			balances.push((validator.account.clone(), SessionKeyDeposit::get() * 10));
		}
	}
	balances.push((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT));
	balances.push((ValidatorPot::get(), EXISTENTIAL_DEPOSIT));
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		collator_selection: CollatorSelectionConfig {
			invulnerables: validators.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			candidacy_bond: CANDIDACY_BOND,
			desired_candidates: DESIRED_CANDIDATES,
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| {
					(v.account.clone(), v.account, SessionKeys { aura: v.aura, grandpa: v.grandpa })
				})
				.collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().unwrap_or_default(),
		},
		sudo: SudoConfig { key: sudo },
	})
}

/// A development validator: the keyring account with its sr25519 Aura and ed25519 GRANDPA keys.
pub fn dev_validator(keyring: Sr25519Keyring) -> GenesisValidator {
	let ed = match keyring {
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		Sr25519Keyring::Ferdie => Ed25519Keyring::Ferdie,
		_ => Ed25519Keyring::Alice,
	};
	GenesisValidator {
		account: keyring.to_account_id(),
		aura: keyring.public().into(),
		grandpa: ed.public().into(),
	}
}

/// The well-known development accounts (Alice..Ferdie and their stashes), all endowed.
fn dev_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| (k.to_account_id(), ENDOWMENT))
		.collect()
}

/// Alice, Bob and Charlie: the development council.
fn dev_council() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// The `development` preset: Alice is the only validator and the sudo key; Alice, Bob and
/// Charlie are the council.
pub fn development_config_genesis() -> Value {
	lineage_genesis(
		vec![dev_validator(Sr25519Keyring::Alice)],
		dev_council(),
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave validate (GRANDPA keeps finalising
/// with any one of them down); Alice is the sudo key; Alice, Bob and Charlie are the council.
pub fn local_config_genesis() -> Value {
	lineage_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob),
			dev_validator(Sr25519Keyring::Charlie),
			dev_validator(Sr25519Keyring::Dave),
		],
		dev_council(),
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `production` preset: no sudo key and no development account. Its validators, council and
/// endowments are empty here: `lineage-node production-spec` fills them in with the operator's
/// keys ([`production_genesis`]); a chain without validators can not start.
pub fn production_config_genesis() -> Value {
	lineage_genesis(Vec::new(), Vec::new(), Vec::new(), None)
}

/// A production genesis with the operator's validators, council and endowments, and no sudo.
pub fn production_genesis(
	validators: Vec<GenesisValidator>,
	council: Vec<AccountId>,
	endowed: Vec<(AccountId, Balance)>,
) -> Value {
	lineage_genesis(validators, council, endowed, None)
}

/// The JSON patch of the preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		PRODUCTION_RUNTIME_PRESET => production_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PRODUCTION_RUNTIME_PRESET),
	]
}
