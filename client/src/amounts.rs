//! Amounts, percentages and hashes as people write them.

use crate::{ClientError, Result};
use lineage_runtime::Balance;
use sp_runtime::Perbill;

/// An amount: `12.5LIN` (or `12.5 LIN`) in LIN, or a plain integer in plancks.
pub fn parse_amount(text: &str) -> Result<Balance> {
	let text = text.trim();
	let lower = text.to_ascii_lowercase();
	let bad = || {
		ClientError::new(format!(
			"'{text}' is not an amount: write LIN with the unit (12.5LIN) or plancks as an integer"
		))
	};
	let Some(number) = lower.strip_suffix("lin") else {
		return text.parse::<u128>().map_err(|_| bad());
	};
	let number = number.trim();
	let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
	let decimals = usize::from(lineage_runtime::TOKEN_DECIMALS);
	if fraction.len() > decimals || (whole.is_empty() && fraction.is_empty()) {
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u128 = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<decimals$}").parse().map_err(|_| bad())?
	};
	whole.checked_mul(lineage_runtime::UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// A percentage (`60`, `12.5`, `33.333333333`) as a Perbill.
pub fn parse_percent(text: &str) -> Result<Perbill> {
	let text = text.trim().trim_end_matches('%');
	let bad = || ClientError::new(format!("'{text}' is not a percentage between 0 and 100"));
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	if fraction.len() > 7 {
		return Err(bad());
	}
	let whole: u32 = whole.parse().map_err(|_| bad())?;
	let fraction: u32 = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<7}").parse().map_err(|_| bad())?
	};
	let parts =
		whole.checked_mul(10_000_000).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
	if parts > 1_000_000_000 {
		return Err(bad());
	}
	Ok(Perbill::from_parts(parts))
}

/// A 32-byte hash: `0x` and 64 hex digits, or else the sha2-256 of the given text.
pub fn hash_or_digest(text: &str) -> sp_core::H256 {
	let digits = text.strip_prefix("0x").unwrap_or("");
	match hex::decode(digits) {
		Ok(bytes) if bytes.len() == 32 => sp_core::H256::from_slice(&bytes),
		_ => lineage_primitives::merkle::sha256(text.as_bytes()),
	}
}

/// A number of plancks shown in LIN (12 decimals), for people.
pub fn format_lin(amount: Balance) -> String {
	let unit = lineage_runtime::UNIT;
	let whole = amount / unit;
	let fraction = amount % unit;
	if fraction == 0 {
		format!("{whole} LIN")
	} else {
		let digits = format!("{fraction:012}");
		format!("{whole}.{} LIN", digits.trim_end_matches('0'))
	}
}

/// Plancks from a decimal string as the RPC reports them (0 if it is not one).
pub fn plancks(text: &str) -> Balance {
	text.parse().unwrap_or_default()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_percentages_and_hashes_parse_as_people_write_them() {
		assert_eq!(parse_amount("12.5LIN").unwrap(), 12_500_000_000_000);
		assert_eq!(parse_amount("0.000000000001 lin").unwrap(), 1);
		assert_eq!(parse_amount("42").unwrap(), 42);
		assert!(parse_amount("1.0000000000001LIN").is_err());
		assert!(parse_amount("LIN").is_err());
		assert!(parse_amount("-1").is_err());
		assert!(parse_amount("340282366920938463463374607431768211455LIN").is_err());
		assert_eq!(parse_percent("60").unwrap(), Perbill::from_percent(60));
		assert_eq!(parse_percent("12.5%").unwrap(), Perbill::from_parts(125_000_000));
		assert!(parse_percent("100.1").is_err());
		assert!(parse_percent("abc").is_err());
		let h = sp_core::H256::repeat_byte(0xab);
		assert_eq!(hash_or_digest(&format!("{h:?}")), h);
		assert_eq!(hash_or_digest("req-1"), lineage_primitives::merkle::sha256(b"req-1"));
		assert_eq!(format_lin(1_500_000_000_000), "1.5 LIN");
		assert_eq!(format_lin(3 * lineage_runtime::UNIT), "3 LIN");
	}
}
