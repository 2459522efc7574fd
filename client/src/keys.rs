//! The signing key of a command: `--suri` (a secret URI such as `//Alice`, a mnemonic or a 0x seed)
//! or `--key-file` (a file holding one); and accounts given on the command line.

use crate::{ClientError, Result};
use lineage_runtime::AccountId;
use sp_core::{sr25519, Pair};
use std::path::Path;

pub use lineage_rpc_api::accounts::ss58;

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
	if text.trim_start().starts_with("//") {
		return pair_from_suri(text).map(|p| account_of(&p));
	}
	lineage_rpc_api::accounts::parse_ss58(text)
		.map_err(|e| ClientError::new(format!("{e} (nor a dev key such as //Bob)")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_parse_from_ss58_or_dev_keys() {
		let alice = parse_account("//Alice").unwrap();
		assert_eq!(ss58(&alice), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert_eq!(parse_account(&ss58(&alice)).unwrap(), alice);
		let error = parse_account("alice").unwrap_err();
		assert!(error.0.contains("is not an SS58 account address"), "{error}");
		assert!(pair_from_suri("not a uri at all !!").is_err());
	}
}
