//! The well-known development keys (`//Alice` … `//Ferdie`, their stashes, `//One`, `//Two`),
//! whose secrets everyone knows: a live network secured by them is secured by nothing. The node
//! refuses to run a chain that is not a development chain when its block authors, its GRANDPA
//! voters or its sudo key are among them, unless `--allow-dev-keys` says it is a test network.

use crate::service::FullClient;
use codec::Decode;
use lineage_runtime::AccountId;
use sc_client_api::StorageProvider;
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::AuraApi;
use sp_consensus_grandpa::GrandpaApi;
use sp_core::{ed25519, sr25519, storage::StorageKey, ByteArray};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Whether `public` (the raw bytes of an sr25519 or ed25519 key, or an account) is a
/// development key.
pub fn is_dev_key(public: &[u8]) -> bool {
	Sr25519Keyring::iter().any(|k| k.public().as_slice() == public)
		|| Ed25519Keyring::iter().any(|k| k.public().as_slice() == public)
}

/// Refuses to run a chain that is not a development chain while its block authors, GRANDPA
/// voters or sudo key at its best block are development keys, unless `allowed`.
pub fn refuse_dev_keys(
	client: &FullClient,
	chain_type: sc_service::ChainType,
	allowed: bool,
) -> Result<(), String> {
	if allowed || chain_type == sc_service::ChainType::Development {
		return Ok(());
	}
	let at = client.chain_info().best_hash;
	let api = client.runtime_api();
	let aura: Vec<sr25519::Public> = api
		.authorities(at)
		.map_err(|e| format!("cannot read the block authors: {e}"))?
		.into_iter()
		.map(Into::into)
		.collect();
	let grandpa: Vec<ed25519::Public> = api
		.grandpa_authorities(at)
		.map_err(|e| format!("cannot read the GRANDPA voters: {e}"))?
		.into_iter()
		.map(|(id, _)| id.into())
		.collect();
	let sudo = decode_sudo(
		client
			.storage(at, &sudo_key_storage())
			.map_err(|e| format!("cannot read the sudo key: {e}"))?
			.map(|data| data.0),
	);
	let found = describe_dev_keys(&aura, &grandpa, sudo.as_ref());
	if found.is_empty() {
		return Ok(());
	}
	Err(format!(
		"this {chain_type:?} chain is secured by well-known development keys, whose secrets \
		 everyone knows: {}. Start a real network from `lineage-node production-spec` with your own \
		 keys, or pass --allow-dev-keys if this is a test network",
		found.join(", ")
	))
}

/// Describes each development key among `aura` (block authors), `grandpa` (finality voters) and
/// `sudo` (the sudo key).
pub fn describe_dev_keys(
	aura: &[sr25519::Public],
	grandpa: &[ed25519::Public],
	sudo: Option<&AccountId>,
) -> Vec<String> {
	let name = |bytes: &[u8]| {
		Sr25519Keyring::iter()
			.find(|k| k.public().as_slice() == bytes)
			.map(|k| format!("//{k:?}"))
			.or_else(|| {
				Ed25519Keyring::iter()
					.find(|k| k.public().as_slice() == bytes)
					.map(|k| format!("//{k:?} (ed25519)"))
			})
	};
	let mut found = Vec::new();
	for key in aura {
		if let Some(dev) = name(key.as_slice()) {
			found.push(format!("the block author key {dev}"));
		}
	}
	for key in grandpa {
		if let Some(dev) = name(key.as_slice()) {
			found.push(format!("the GRANDPA key {dev}"));
		}
	}
	if let Some(dev) = sudo.and_then(|who| name(who.as_slice())) {
		found.push(format!("the sudo key {dev}"));
	}
	found
}

/// The storage key of pallet-sudo's `Key`.
pub fn sudo_key_storage() -> StorageKey {
	StorageKey(frame_support::storage::storage_prefix(b"Sudo", b"Key").to_vec())
}

/// Decodes the sudo key's storage value.
pub fn decode_sudo(value: Option<Vec<u8>>) -> Option<AccountId> {
	value.and_then(|bytes| AccountId::decode(&mut &bytes[..]).ok())
}
