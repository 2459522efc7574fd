//! Assignment of spans to contributions, weights, and verification.
//!
//! See the crate documentation ("Assignment", "Weights", "Verification") for the rules.

use core::fmt;
use std::collections::BTreeMap;

use sp_arithmetic::Perbill;

use crate::{
	evidence::{sha256, AttributionMethod, Evidence, EvidenceSpan, EVIDENCE_VERSION},
	index::Index,
	spans::{effective_min_tokens, output_token_ids, spans_with_occurrences, MatchedSpan},
};

/// Default minimum span length in tokens.
pub const DEFAULT_MIN_TOKENS: u32 = 8;

/// Default number of contributions kept in [`Attribution::entries`].
pub const DEFAULT_MAX_ATTRIBUTIONS: u32 = 32;

/// Fixed-point unit of [`Attribution::matched_tokens`]: one output token is this many units.
pub const MICRO_TOKENS_PER_TOKEN: u64 = 1_000_000;

/// Parameters of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
	/// Minimum span length in tokens (0 is treated as 1). Default [`DEFAULT_MIN_TOKENS`].
	pub min_tokens: u32,
	/// How many contributions to keep, by weight. Default [`DEFAULT_MAX_ATTRIBUTIONS`].
	pub max_attributions: u32,
}

impl Default for Params {
	fn default() -> Self {
		Params { min_tokens: DEFAULT_MIN_TOKENS, max_attributions: DEFAULT_MAX_ATTRIBUTIONS }
	}
}

/// The result of [`attribute`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
	/// The top `max_attributions` contributions by weight (ties: lower contribution id
	/// first), sorted by contribution id. Weights are matched tokens / output tokens, rounded
	/// down, so they sum to at most 100%; zero weights are left out.
	pub entries: Vec<(u64, Perbill)>,
	/// The evidence document (all spans and contributions, before the top-k cut).
	pub evidence: Evidence,
	/// Every contribution's matched output tokens before the top-k cut, in millionths of a
	/// token ([`MICRO_TOKENS_PER_TOKEN`] units); only contributions with a match appear.
	pub matched_tokens: BTreeMap<u64, u64>,
	/// The number of output tokens (the weights' denominator).
	pub output_tokens: u32,
}

/// Attributes `output` to the records of `index` (see the crate documentation).
pub fn attribute(index: &Index, output: &str, params: &Params) -> Attribution {
	let min_tokens = effective_min_tokens(params.min_tokens);
	let output_ids = output_token_ids(index, output);
	// `output_token_ids` keeps at most `u32::MAX` tokens.
	let output_tokens = u32::try_from(output_ids.len()).unwrap_or(u32::MAX);
	let spans = spans_with_occurrences(index, &output_ids, min_tokens);
	let matched_tokens = matched_micro_tokens(&spans);
	let entries = weights(&matched_tokens, output_tokens, params.max_attributions);
	let evidence = Evidence {
		version: EVIDENCE_VERSION,
		method: AttributionMethod::SpanMatchV1 { min_tokens },
		output_hash: sha256(output.as_bytes()),
		spans: evidence_spans(&spans),
	};
	Attribution { entries, evidence, matched_tokens, output_tokens }
}

/// The evidence spans of `spans`: one per (span, contribution), already in canonical order
/// because spans are sorted by start (with strictly increasing ends) and occurrences by
/// contribution id.
fn evidence_spans(spans: &[MatchedSpan]) -> Vec<EvidenceSpan> {
	spans
		.iter()
		.flat_map(|span| {
			span.occurrences.iter().map(move |occurrence| EvidenceSpan {
				output_token_start: span.output_token_start,
				output_token_end: span.output_token_end,
				contribution_id: occurrence.contribution_id,
				record_token_offset: occurrence.record_token_offset,
			})
		})
		.collect()
}

/// Splits the output tokens covered by spans among contributions.
///
/// The span boundaries cut the output into elementary intervals. Each interval `[a, b)` is
/// covered by the spans containing it; the contributions of those spans share its
/// `(b - a) * MICRO_TOKENS_PER_TOKEN` units equally, the remainder going one unit each to the
/// lowest contribution ids. Each output token is thus counted at most once in total.
pub(crate) fn matched_micro_tokens(spans: &[MatchedSpan]) -> BTreeMap<u64, u64> {
	let mut matched = BTreeMap::new();
	let mut boundaries: Vec<u32> =
		spans.iter().flat_map(|span| [span.output_token_start, span.output_token_end]).collect();
	boundaries.sort_unstable();
	boundaries.dedup();
	let mut sharers: Vec<u64> = Vec::new();
	for pair in boundaries.windows(2) {
		let &[interval_start, interval_end] = pair else { continue };
		// Spans are sorted by start and their ends strictly increase, so the spans covering
		// the interval are a contiguous run: those ending at or after `interval_end` form a
		// suffix, those starting at or before `interval_start` a prefix.
		let first = spans.partition_point(|span| span.output_token_end < interval_end);
		let last = spans.partition_point(|span| span.output_token_start <= interval_start);
		sharers.clear();
		for span in spans.get(first..last).unwrap_or(&[]) {
			sharers.extend(span.occurrences.iter().map(|occurrence| occurrence.contribution_id));
		}
		sharers.sort_unstable();
		sharers.dedup();
		share_equally(
			u64::from(interval_end - interval_start) * MICRO_TOKENS_PER_TOKEN,
			&sharers,
			&mut matched,
		);
	}
	matched
}

/// Adds `units / k` to each of the `k` ascending `contribution_ids`, plus one unit to each of
/// the first `units % k`.
pub(crate) fn share_equally(units: u64, contribution_ids: &[u64], into: &mut BTreeMap<u64, u64>) {
	let count = contribution_ids.len() as u64;
	if count == 0 {
		return;
	}
	let share = units / count;
	let remainder = units % count;
	for (rank, &contribution_id) in contribution_ids.iter().enumerate() {
		let extra = u64::from((rank as u64) < remainder);
		*into.entry(contribution_id).or_insert(0) += share + extra;
	}
}

/// The weight of `matched_micro_tokens` out of `output_tokens` tokens: exactly
/// `floor(matched_micro_tokens * 10^9 / (output_tokens * 10^6))` parts per billion.
pub fn weight_of(matched_micro_tokens: u64, output_tokens: u32) -> Perbill {
	if output_tokens == 0 {
		return Perbill::zero();
	}
	let parts = u128::from(matched_micro_tokens) * 1_000_000_000
		/ (u128::from(output_tokens) * u128::from(MICRO_TOKENS_PER_TOKEN));
	Perbill::from_parts(u32::try_from(parts.min(1_000_000_000)).unwrap_or(1_000_000_000))
}

/// The top `max_attributions` non-zero weights (ties: lower id first), sorted by id.
fn weights(
	matched_tokens: &BTreeMap<u64, u64>,
	output_tokens: u32,
	max_attributions: u32,
) -> Vec<(u64, Perbill)> {
	let mut entries: Vec<(u64, Perbill)> = matched_tokens
		.iter()
		.map(|(&contribution_id, &matched)| (contribution_id, weight_of(matched, output_tokens)))
		.filter(|(_, weight)| !weight.is_zero())
		.collect();
	entries.sort_unstable_by(|left, right| right.1.cmp(&left.1).then(left.0.cmp(&right.0)));
	entries.truncate(usize::try_from(max_attributions).unwrap_or(usize::MAX));
	entries.sort_unstable_by_key(|&(contribution_id, _)| contribution_id);
	entries
}

/// One way a claimed attribution differs from the recomputed one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
	/// The claim lists this contribution more than once.
	DuplicateClaimedEntry {
		/// The repeated contribution id.
		contribution_id: u64,
	},
	/// The recomputation has this contribution but the claim does not.
	MissingEntry {
		/// The contribution id.
		contribution_id: u64,
		/// Its recomputed weight.
		expected_weight: Perbill,
	},
	/// The claim has this contribution but the recomputation does not.
	UnexpectedEntry {
		/// The contribution id.
		contribution_id: u64,
		/// The weight claimed for it.
		claimed_weight: Perbill,
	},
	/// Both have the contribution with different weights.
	WeightMismatch {
		/// The contribution id.
		contribution_id: u64,
		/// The weight claimed for it.
		claimed_weight: Perbill,
		/// Its recomputed weight.
		expected_weight: Perbill,
	},
	/// The claimed evidence hash is not the hash of the recomputed evidence.
	EvidenceHashMismatch {
		/// The claimed hash.
		claimed: [u8; 32],
		/// The recomputed evidence's hash.
		expected: [u8; 32],
	},
	/// The claimed evidence's version differs.
	VersionMismatch {
		/// The claimed version.
		claimed: u8,
		/// The recomputed version.
		expected: u8,
	},
	/// The claimed evidence names another method or other parameters.
	MethodMismatch {
		/// The claimed method.
		claimed: AttributionMethod,
		/// The recomputed method.
		expected: AttributionMethod,
	},
	/// The claimed evidence's output hash is not the hash of the given output.
	OutputHashMismatch {
		/// The claimed output hash.
		claimed: [u8; 32],
		/// SHA2-256 of the given output.
		expected: [u8; 32],
	},
	/// The recomputed evidence has this span but the claimed one does not.
	MissingSpan(EvidenceSpan),
	/// The claimed evidence has this span but the recomputed one does not.
	UnexpectedSpan(EvidenceSpan),
}

impl fmt::Display for Difference {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let span_text = |span: &EvidenceSpan| {
			format!(
				"output tokens {}..{} in contribution {} at record token {}",
				span.output_token_start,
				span.output_token_end,
				span.contribution_id,
				span.record_token_offset
			)
		};
		match self {
			Difference::DuplicateClaimedEntry { contribution_id } => {
				write!(f, "contribution {contribution_id}: listed more than once in the claim")
			},
			Difference::MissingEntry { contribution_id, expected_weight } => write!(
				f,
				"contribution {contribution_id}: missing from the claim (expected {} ppb)",
				expected_weight.deconstruct()
			),
			Difference::UnexpectedEntry { contribution_id, claimed_weight } => write!(
				f,
				"contribution {contribution_id}: claimed {} ppb but not in the recomputed attribution",
				claimed_weight.deconstruct()
			),
			Difference::WeightMismatch { contribution_id, claimed_weight, expected_weight } => {
				write!(
					f,
					"contribution {contribution_id}: claimed {} ppb, recomputed {} ppb",
					claimed_weight.deconstruct(),
					expected_weight.deconstruct()
				)
			},
			Difference::EvidenceHashMismatch { claimed, expected } => write!(
				f,
				"evidence hash: claimed 0x{}, recomputed 0x{}",
				hex::encode(claimed),
				hex::encode(expected)
			),
			Difference::VersionMismatch { claimed, expected } => {
				write!(f, "evidence version: claimed {claimed}, recomputed {expected}")
			},
			Difference::MethodMismatch { claimed, expected } => {
				write!(f, "method: claimed {claimed:?}, recomputed {expected:?}")
			},
			Difference::OutputHashMismatch { claimed, expected } => write!(
				f,
				"output hash: claimed 0x{}, the given output hashes to 0x{}",
				hex::encode(claimed),
				hex::encode(expected)
			),
			Difference::MissingSpan(span) => {
				write!(f, "span missing from the claim: {}", span_text(span))
			},
			Difference::UnexpectedSpan(span) => {
				write!(f, "span not in the recomputed evidence: {}", span_text(span))
			},
		}
	}
}

/// Recomputes the attribution of `output` and compares it with a claim made of entries and
/// an evidence hash.
///
/// # Errors
///
/// Every [`Difference`]: entry differences in contribution-id order (duplicates in the claim
/// first), then an evidence hash mismatch. A wrong output or wrong parameters show up as an
/// evidence hash mismatch (the output hash and method are inside the evidence); use
/// [`verify_evidence`] with the claimed document to see which part differs.
pub fn verify(
	index: &Index,
	output: &str,
	params: &Params,
	claimed_entries: &[(u64, Perbill)],
	claimed_evidence_hash: &[u8; 32],
) -> Result<(), Vec<Difference>> {
	let recomputed = attribute(index, output, params);
	let mut differences = entry_differences(&recomputed.entries, claimed_entries);
	let expected = recomputed.evidence.hash();
	if &expected != claimed_evidence_hash {
		differences
			.push(Difference::EvidenceHashMismatch { claimed: *claimed_evidence_hash, expected });
	}
	if differences.is_empty() {
		Ok(())
	} else {
		Err(differences)
	}
}

/// Like [`verify`], but compares a whole claimed evidence document, reporting which of its
/// fields and spans differ.
///
/// # Errors
///
/// Every [`Difference`]: entry differences, then version, method and output hash mismatches,
/// then missing and unexpected spans in canonical order.
pub fn verify_evidence(
	index: &Index,
	output: &str,
	params: &Params,
	claimed_entries: &[(u64, Perbill)],
	claimed_evidence: &Evidence,
) -> Result<(), Vec<Difference>> {
	let recomputed = attribute(index, output, params);
	let mut differences = entry_differences(&recomputed.entries, claimed_entries);
	let expected = &recomputed.evidence;
	if claimed_evidence.version != expected.version {
		differences.push(Difference::VersionMismatch {
			claimed: claimed_evidence.version,
			expected: expected.version,
		});
	}
	if claimed_evidence.method != expected.method {
		differences.push(Difference::MethodMismatch {
			claimed: claimed_evidence.method,
			expected: expected.method,
		});
	}
	if claimed_evidence.output_hash != expected.output_hash {
		differences.push(Difference::OutputHashMismatch {
			claimed: claimed_evidence.output_hash,
			expected: expected.output_hash,
		});
	}
	let claimed_spans: std::collections::BTreeSet<&EvidenceSpan> =
		claimed_evidence.spans.iter().collect();
	let expected_spans: std::collections::BTreeSet<&EvidenceSpan> = expected.spans.iter().collect();
	differences.extend(
		expected_spans.difference(&claimed_spans).map(|span| Difference::MissingSpan(**span)),
	);
	differences.extend(
		claimed_spans.difference(&expected_spans).map(|span| Difference::UnexpectedSpan(**span)),
	);
	if differences.is_empty() {
		Ok(())
	} else {
		Err(differences)
	}
}

/// The entry differences between recomputed and claimed entries, by contribution id.
fn entry_differences(recomputed: &[(u64, Perbill)], claimed: &[(u64, Perbill)]) -> Vec<Difference> {
	let mut differences = Vec::new();
	let mut claimed_by_id: BTreeMap<u64, Perbill> = BTreeMap::new();
	let mut duplicates: Vec<u64> = Vec::new();
	for &(contribution_id, weight) in claimed {
		if claimed_by_id.insert(contribution_id, weight).is_some() {
			duplicates.push(contribution_id);
		}
	}
	duplicates.sort_unstable();
	duplicates.dedup();
	differences.extend(
		duplicates
			.into_iter()
			.map(|contribution_id| Difference::DuplicateClaimedEntry { contribution_id }),
	);
	// For duplicated ids the last claimed weight is compared.
	let recomputed_by_id: BTreeMap<u64, Perbill> = recomputed.iter().copied().collect();
	let all_ids: std::collections::BTreeSet<u64> =
		recomputed_by_id.keys().chain(claimed_by_id.keys()).copied().collect();
	for contribution_id in all_ids {
		match (recomputed_by_id.get(&contribution_id), claimed_by_id.get(&contribution_id)) {
			(Some(&expected_weight), None) => {
				differences.push(Difference::MissingEntry { contribution_id, expected_weight })
			},
			(None, Some(&claimed_weight)) => {
				differences.push(Difference::UnexpectedEntry { contribution_id, claimed_weight })
			},
			(Some(&expected_weight), Some(&claimed_weight))
				if expected_weight != claimed_weight =>
			{
				differences.push(Difference::WeightMismatch {
					contribution_id,
					claimed_weight,
					expected_weight,
				})
			},
			_ => {},
		}
	}
	differences
}
