//! Span finding: the maximal output token ranges that occur in the indexed records.
//!
//! See the crate documentation ("Span finding") for the rule and why the skipping below finds
//! exactly the maximal spans.

use core::ops::Range;

use crate::{
	index::{Index, SpanOccurrence},
	tokenizer::for_each_token,
};

/// A maximal span of the output that occurs in the indexed records, with every contribution
/// whose record contains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchedSpan {
	/// Index of the span's first output token.
	pub output_token_start: u32,
	/// Index one past the span's last output token.
	pub output_token_end: u32,
	/// One entry per distinct contribution containing the span, sorted by contribution id,
	/// each with the lowest token offset at which the span starts in that record.
	pub occurrences: Vec<SpanOccurrence>,
}

/// The largest number of output tokens considered; tokens after it are ignored (an output
/// that long is over 4 GiB of text).
pub const MAX_OUTPUT_TOKENS: usize = u32::MAX as usize;

/// Tokenises `output` and maps its tokens to index token ids (unknown tokens never match).
/// Only the first [`MAX_OUTPUT_TOKENS`] tokens are kept.
pub(crate) fn output_token_ids(index: &Index, output: &str) -> Vec<i32> {
	let mut lowercase_buffer = String::new();
	let mut output_ids = Vec::new();
	for_each_token(output, &mut lowercase_buffer, |token, _| {
		if output_ids.len() < MAX_OUTPUT_TOKENS {
			output_ids.push(index.token_id(token));
		}
	});
	output_ids
}

/// The effective minimum span length: `min_tokens`, but at least 1.
pub(crate) fn effective_min_tokens(min_tokens: u32) -> u32 {
	min_tokens.max(1)
}

/// Finds the maximal spans of `output` (see the crate documentation), sorted by start (their
/// ends are then strictly increasing too), with the contributions containing each.
pub fn find_spans(index: &Index, output: &str, min_tokens: u32) -> Vec<MatchedSpan> {
	let output_ids = output_token_ids(index, output);
	spans_with_occurrences(index, &output_ids, effective_min_tokens(min_tokens))
}

/// [`find_spans`] on already-mapped output token ids.
pub(crate) fn spans_with_occurrences(
	index: &Index,
	output_ids: &[i32],
	min_tokens: u32,
) -> Vec<MatchedSpan> {
	maximal_span_ranges(index, output_ids, min_tokens as usize)
		.into_iter()
		.filter_map(|range| {
			let occurrences = index.occurrences_by_contribution(output_ids.get(range.clone())?);
			Some(MatchedSpan {
				// Both bounds are at most `output_ids.len() <= MAX_OUTPUT_TOKENS = u32::MAX`.
				output_token_start: range.start as u32,
				output_token_end: range.end as u32,
				occurrences,
			})
		})
		.collect()
}

/// The maximal spans as output token ranges.
///
/// Write `M(i)` for the length of the longest prefix of `output[i..]` occurring in the index
/// and `e(i) = i + M(i)`. `e` never decreases (`output[i+1..e(i)]` occurs wherever
/// `output[i..e(i)]` does), so `[i, e(i))` is a maximal span exactly when `M(i) >= min` and
/// `e(i) > e(i - 1)` (or `i == 0`). The scan keeps the invariant `e(j - 1) < j + min` at the
/// top of the outer loop, under which a span starts at `j` iff `M(j) >= min`. After a span
/// ending at `end`, the next position whose `e` exceeds `end` is the smallest `k` with
/// `k + M(k) > end`, found by binary search because that condition is monotone in `k`.
pub(crate) fn maximal_span_ranges(
	index: &Index,
	output_ids: &[i32],
	min_tokens: usize,
) -> Vec<Range<usize>> {
	let length = output_ids.len();
	let min_tokens = min_tokens.max(1);
	let longest = |position: usize| -> usize {
		output_ids.get(position..).map_or(0, |rest| index.longest_prefix_len(rest))
	};
	let mut spans = Vec::new();
	let mut position = 0usize;
	while position + min_tokens <= length {
		let matched = longest(position);
		if matched < min_tokens {
			position += 1;
			continue;
		}
		let (mut start, mut end) = (position, position + matched);
		loop {
			spans.push(start..end);
			if end >= length {
				return spans;
			}
			// Smallest k in (start, end + 1] with k + M(k) > end; it holds at k = end + 1.
			let (mut low, mut high) = (start + 1, end + 1);
			let mut matched_at_high = None;
			while low < high {
				let middle = low + (high - low) / 2;
				let matched_at_middle = longest(middle);
				if middle + matched_at_middle > end {
					high = middle;
					matched_at_high = Some(matched_at_middle);
				} else {
					low = middle + 1;
				}
			}
			let next_start = high;
			let next_matched = matched_at_high.unwrap_or_else(|| longest(next_start));
			if next_matched >= min_tokens {
				// e(next_start - 1) = end < e(next_start): a new maximal span.
				start = next_start;
				end = next_start + next_matched;
			} else {
				// e(next_start) < next_start + min: the outer invariant holds after it.
				position = next_start + 1;
				break;
			}
		}
	}
	spans
}
