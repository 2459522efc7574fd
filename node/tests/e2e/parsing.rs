//! The user commands' parsing of amounts, percentages and hashes (pure functions, no node).

use lineage_node::client::commands::{hash_or_digest, parse_amount, parse_percent};

#[test]
fn amounts_parse_in_lin_or_plancks() {
	assert_eq!(parse_amount("1LIN").unwrap(), 1_000_000_000_000);
	assert_eq!(parse_amount("0.5 lin").unwrap(), 500_000_000_000);
	assert_eq!(parse_amount("12.000000000001LIN").unwrap(), 12_000_000_000_001);
	assert_eq!(parse_amount("250").unwrap(), 250);
	for bad in ["", "1.5", "LIN", "1.0000000000001LIN", "-1", "x LIN", "1e3"] {
		assert!(parse_amount(bad).is_err(), "{bad}");
	}
}

#[test]
fn percentages_parse_to_perbill() {
	assert_eq!(parse_percent("60").unwrap(), sp_runtime::Perbill::from_percent(60));
	assert_eq!(parse_percent("12.5%").unwrap(), sp_runtime::Perbill::from_parts(125_000_000));
	assert_eq!(parse_percent("100").unwrap(), sp_runtime::Perbill::one());
	for bad in ["101", "-1", "abc", "1.00000001", ""] {
		assert!(parse_percent(bad).is_err(), "{bad}");
	}
}

#[test]
fn hashes_are_taken_as_given_or_digested() {
	let hex = format!("0x{}", "ab".repeat(32));
	assert_eq!(hash_or_digest(&hex), sp_core::H256::repeat_byte(0xab));
	assert_eq!(hash_or_digest("req-1"), lineage_primitives::merkle::sha256(b"req-1"));
}
