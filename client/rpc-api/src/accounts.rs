//! Accounts in JSON: SS58 strings with Lineage's prefix. The one parser the node's RPC and the
//! client share.

use lineage_primitives::AccountId;
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};

/// Lineage's SS58 address prefix (the generic Substrate one).
pub const SS58_PREFIX: u16 = 42;

/// An account in SS58 form with Lineage's prefix.
pub fn ss58(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// An account from its SS58 form (any prefix), or a message saying what is wrong.
pub fn parse_ss58(text: &str) -> Result<AccountId, String> {
	AccountId::from_ss58check(text.trim())
		.map_err(|e| format!("'{text}' is not an SS58 account address: {e:?}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn addresses_round_trip_and_garbage_is_explained() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let account = parse_ss58(alice).unwrap();
		assert_eq!(ss58(&account), alice);
		assert_eq!(parse_ss58(&format!("  {alice}\n")).unwrap(), account);
		let error = parse_ss58("5Grwva-not-an-address").unwrap_err();
		assert!(error.contains("is not an SS58 account address"), "{error}");
		assert!(parse_ss58("").is_err());
	}
}
