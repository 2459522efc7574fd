//! The evidence document and its canonical (SCALE) encoding.
//!
//! See the crate documentation ("Evidence document") for the byte layout.

use core::fmt;

use codec::{Decode, DecodeAll, Encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The only evidence format version this crate produces and accepts.
pub const EVIDENCE_VERSION: u8 = 1;

/// SHA2-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
	Sha256::digest(bytes).into()
}

/// The attribution method an evidence document was produced with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum AttributionMethod {
	/// Span matching, version 1 (this crate): maximal spans of at least `min_tokens` tokens.
	#[codec(index = 0)]
	#[serde(rename_all = "camelCase")]
	SpanMatchV1 {
		/// The effective minimum span length in tokens (the requested value, at least 1).
		min_tokens: u32,
	},
}

/// One (span, contribution) pair: the output tokens `output_token_start..output_token_end` occur
/// in the contribution's record starting at token `record_token_offset`.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceSpan {
	/// Index of the span's first output token.
	pub output_token_start: u32,
	/// Index one past the span's last output token.
	pub output_token_end: u32,
	/// The contribution whose record contains the span.
	pub contribution_id: u64,
	/// The lowest token offset in that record at which the span occurs.
	pub record_token_offset: u32,
}

impl EvidenceSpan {
	/// The canonical sort key: (start, end, contribution id).
	fn sort_key(&self) -> (u32, u32, u64) {
		(self.output_token_start, self.output_token_end, self.contribution_id)
	}
}

/// The evidence document: everything needed to check an attribution by recomputing it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evidence {
	/// Format version, [`EVIDENCE_VERSION`] (1).
	pub version: u8,
	/// The method and its parameters.
	pub method: AttributionMethod,
	/// SHA2-256 of the output's UTF-8 bytes (JSON: `0x`-prefixed lower-case hex).
	#[serde(with = "hex_hash")]
	pub output_hash: [u8; 32],
	/// Every (span, contribution) pair, sorted by (start, end, contribution id), without
	/// duplicates.
	pub spans: Vec<EvidenceSpan>,
}

/// Why bytes are not a canonical evidence document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceDecodeError {
	/// The bytes are not a SCALE encoding of [`Evidence`] (or have trailing bytes).
	Malformed {
		/// The decoder's description of the problem.
		message: String,
	},
	/// The version is not [`EVIDENCE_VERSION`].
	UnsupportedVersion {
		/// The version found.
		version: u8,
	},
	/// A span has `output_token_start >= output_token_end`.
	EmptySpan {
		/// Position of the span in `spans`.
		position: usize,
	},
	/// A span does not sort strictly after the one before it.
	UnsortedSpans {
		/// Position of the out-of-order span in `spans`.
		position: usize,
	},
	/// The bytes decode, but re-encoding gives different bytes.
	NonCanonical,
}

impl fmt::Display for EvidenceDecodeError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			EvidenceDecodeError::Malformed { message } => {
				write!(f, "not a SCALE-encoded evidence document: {message}")
			},
			EvidenceDecodeError::UnsupportedVersion { version } => {
				write!(f, "unsupported evidence version {version} (expected {EVIDENCE_VERSION})")
			},
			EvidenceDecodeError::EmptySpan { position } => {
				write!(f, "span {position} is empty (start >= end)")
			},
			EvidenceDecodeError::UnsortedSpans { position } => write!(
				f,
				"span {position} does not sort strictly after the previous one by (start, end, contribution id)"
			),
			EvidenceDecodeError::NonCanonical => {
				write!(f, "the bytes decode but are not the canonical encoding")
			},
		}
	}
}

impl std::error::Error for EvidenceDecodeError {}

impl Evidence {
	/// The canonical bytes: the SCALE encoding of this document.
	pub fn canonical_bytes(&self) -> Vec<u8> {
		self.encode()
	}

	/// SHA2-256 of [`Evidence::canonical_bytes`].
	pub fn hash(&self) -> [u8; 32] {
		sha256(&self.canonical_bytes())
	}

	/// Decodes canonical bytes, checking that they are exactly what
	/// [`Evidence::canonical_bytes`] would produce for a well-formed document: version 1,
	/// non-empty spans in strictly increasing (start, end, contribution id) order, no trailing
	/// bytes.
	///
	/// # Errors
	///
	/// An [`EvidenceDecodeError`] saying which rule the bytes break.
	pub fn decode_canonical(bytes: &[u8]) -> Result<Evidence, EvidenceDecodeError> {
		let evidence = Evidence::decode_all(&mut &bytes[..])
			.map_err(|error| EvidenceDecodeError::Malformed { message: error.to_string() })?;
		if evidence.version != EVIDENCE_VERSION {
			return Err(EvidenceDecodeError::UnsupportedVersion { version: evidence.version });
		}
		for (position, span) in evidence.spans.iter().enumerate() {
			if span.output_token_start >= span.output_token_end {
				return Err(EvidenceDecodeError::EmptySpan { position });
			}
			if let Some(previous) = position.checked_sub(1).and_then(|p| evidence.spans.get(p)) {
				if previous.sort_key() >= span.sort_key() {
					return Err(EvidenceDecodeError::UnsortedSpans { position });
				}
			}
		}
		if evidence.canonical_bytes() != bytes {
			return Err(EvidenceDecodeError::NonCanonical);
		}
		Ok(evidence)
	}
}

/// Serde helpers: a 32-byte hash as a `0x`-prefixed lower-case hex string.
pub(crate) mod hex_hash {
	use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

	/// Serialises `hash` as `0x` followed by 64 lower-case hex digits.
	pub fn serialize<S: Serializer>(hash: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&format!("0x{}", hex::encode(hash)))
	}

	/// Parses 64 hex digits, with or without a `0x` prefix.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
		let text = String::deserialize(deserializer)?;
		let digits = text.strip_prefix("0x").unwrap_or(&text);
		let mut hash = [0u8; 32];
		hex::decode_to_slice(digits, &mut hash).map_err(D::Error::custom)?;
		Ok(hash)
	}
}
