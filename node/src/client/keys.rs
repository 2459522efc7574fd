//! The signing key of a user command: `--suri` (a secret URI such as `//Alice`, a mnemonic or a
//! 0x seed) or `--key-file` (a file holding one).

use super::{ClientError, Result};
use lineage_runtime::AccountId;
use sp_core::{crypto::Ss58Codec, sr25519, Pair};
use std::path::Path;

/// An sr25519 key pair from a secret URI.
pub fn pair_from_suri(suri: &str) -> Result<sr25519::Pair> {
	sr25519::Pair::from_string(suri.trim(), None).map_err(|e| {
		ClientError::new(format!(
			"invalid secret URI ({e:?}): use a dev key such as //Alice, a mnemonic, or a 0x seed"
		))
	})
}

/// An sr25519 key pair from a file holding a secret URI.
pub fn pair_from_file(path: &Path) -> Result<sr25519::Pair> {
	let suri = std::fs::read_to_string(path)
		.map_err(|e| ClientError::new(format!("cannot read key file {}: {e}", path.display())))?;
	pair_from_suri(&suri)
}

/// The account of a key pair.
pub fn account_of(pair: &sr25519::Pair) -> AccountId {
	AccountId::from(pair.public())
}

/// An account from an SS58 address, or from a secret URI such as `//Alice` (handy on dev chains).
pub fn parse_account(text: &str) -> Result<AccountId> {
	if let Ok(account) = AccountId::from_ss58check(text.trim()) {
		return Ok(account);
	}
	if text.trim_start().starts_with("//") {
		return pair_from_suri(text).map(|p| account_of(&p));
	}
	Err(ClientError::new(format!("'{text}' is not an SS58 address (nor a dev key such as //Bob)")))
}

/// An account in SS58 form with Lineage's prefix.
pub fn ss58(account: &AccountId) -> String {
	use sp_core::crypto::Ss58AddressFormat;
	account.to_ss58check_with_version(Ss58AddressFormat::custom(lineage_runtime::SS58_PREFIX))
}
