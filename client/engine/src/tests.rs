//! Tests: tokeniser cases, hand-worked examples, a comparison with a naive reference on random
//! inputs, the evidence encoding, determinism and verification.

use std::collections::{BTreeMap, BTreeSet};

use crate::*;

fn record(contribution_id: u64, content: &str) -> Record {
	Record { contribution_id, content: content.as_bytes().to_vec() }
}

fn build(records: Vec<Record>) -> Index {
	Index::build(records).expect("test inputs are far below the size limit")
}

fn params(min_tokens: u32) -> Params {
	Params { min_tokens, ..Params::default() }
}

fn token_strings(text: &str) -> Vec<String> {
	tokenize(text).into_iter().map(|token| token.text).collect()
}

fn span(start: u32, end: u32, contribution_id: u64, offset: u32) -> EvidenceSpan {
	EvidenceSpan {
		output_token_start: start,
		output_token_end: end,
		contribution_id,
		record_token_offset: offset,
	}
}

fn ppb(parts: u32) -> Perbill {
	Perbill::from_parts(parts)
}

// ---------------------------------------------------------------------------------------------
// Tokeniser

#[test]
fn tokenizer_splits_words_and_punctuation_and_lowercases() {
	let tokens = tokenize("Hello, World! don't stop-now");
	let strings: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
	assert_eq!(strings, ["hello", ",", "world", "!", "don", "'", "t", "stop", "-", "now"]);
	assert_eq!(tokens[0].byte_range, 0..5);
	assert_eq!(tokens[1].byte_range, 5..6);
	assert_eq!(tokens[2].byte_range, 7..12);
	assert_eq!(tokens[3].byte_range, 12..13);
}

#[test]
fn tokenizer_handles_unicode_letters_digits_and_case() {
	assert_eq!(token_strings("Straße ÜBER Café"), ["straße", "über", "café"]);
	// Final sigma: `str::to_lowercase` on the whole run.
	assert_eq!(token_strings("ΟΔΟΣ"), ["\u{3bf}\u{3b4}\u{3bf}\u{3c2}"]);
	// Dotted capital I lowercases to i + combining dot; it stays one token.
	assert_eq!(token_strings("İstanbul"), ["i\u{307}stanbul"]);
	// Other scripts' digits and letters are alphanumeric; runs without spaces are one token.
	assert_eq!(token_strings("abc123 ٣٤ 日本語のテキスト"), ["abc123", "٣٤", "日本語のテキスト"]);
	assert_eq!(token_strings("x²+Ⅻ"), ["x²", "+", "ⅻ"]);
	// Symbols, emoji and combining marks are tokens of their own; no normalisation.
	assert_eq!(token_strings("ok👍e\u{301}"), ["ok", "👍", "e", "\u{301}"]);
	// Byte ranges refer to the original text, before lowercasing.
	let tokens = tokenize("ÄB c");
	assert_eq!(tokens[0].text, "äb");
	assert_eq!(tokens[0].byte_range, 0..3);
	assert_eq!(tokens[1].byte_range, 4..5);
}

#[test]
fn tokenizer_whitespace_only_separates() {
	assert!(tokenize("").is_empty());
	assert!(tokenize(" \t\n\r\u{000B}\u{000C}\u{00A0}\u{2003}\u{3000}").is_empty());
	assert_eq!(token_strings("a\u{00A0}b\u{3000}c\n\nd"), ["a", "b", "c", "d"]);
	// Control characters other than whitespace are punctuation tokens.
	assert_eq!(token_strings("a\u{0}b"), ["a", "\u{0}", "b"]);
}

#[test]
fn records_are_decoded_lossily() {
	let index = build(vec![Record {
		contribution_id: 1,
		content: vec![b'a', b'b', 0xFF, b' ', b'c', b'd', 0xC3],
	}]);
	// "ab", U+FFFD, "cd", U+FFFD
	assert_eq!(index.len_tokens(), 4);
	let attribution = attribute(&index, "ab \u{FFFD} cd", &params(3));
	assert_eq!(attribution.matched_tokens, BTreeMap::from([(1, 3 * MICRO_TOKENS_PER_TOKEN)]));
}

// ---------------------------------------------------------------------------------------------
// Hand-worked examples

#[test]
fn single_contribution_example() {
	let index = build(vec![
		record(7, "the quick brown fox jumps over the lazy dog"),
		record(9, "an entirely different record"),
	]);
	let output = "Story: The quick brown fox jumps over the lazy dog!";
	let attribution = attribute(&index, output, &Params::default());
	assert_eq!(attribution.output_tokens, 12);
	assert_eq!(attribution.entries, vec![(7, ppb(750_000_000))]);
	assert_eq!(attribution.matched_tokens, BTreeMap::from([(7, 9_000_000)]));
	assert_eq!(attribution.evidence.spans, vec![span(2, 11, 7, 0)]);
	assert_eq!(attribution.evidence.method, AttributionMethod::SpanMatchV1 { min_tokens: 8 });
	assert_eq!(attribution.evidence.output_hash, sha256(output.as_bytes()));
}

#[test]
fn shared_span_is_split_equally() {
	let index = build(vec![
		record(1, "alpha beta gamma delta epsilon"),
		record(2, "zeta alpha beta gamma delta epsilon eta"),
		record(3, "unrelated words here"),
	]);
	let attribution =
		attribute(&index, "alpha beta gamma delta epsilon and more words", &params(5));
	assert_eq!(attribution.output_tokens, 8);
	assert_eq!(attribution.matched_tokens, BTreeMap::from([(1, 2_500_000), (2, 2_500_000)]));
	// 2.5 / 8 = 31.25%
	assert_eq!(attribution.entries, vec![(1, ppb(312_500_000)), (2, ppb(312_500_000))]);
	assert_eq!(attribution.evidence.spans, vec![span(0, 5, 1, 0), span(0, 5, 2, 1)]);
}

#[test]
fn split_remainder_goes_to_lowest_ids() {
	let shared = "one two three four five six seven eight";
	let index = build(vec![record(30, shared), record(10, shared), record(20, shared)]);
	let attribution = attribute(&index, &format!("{shared} nine ten"), &Params::default());
	// 8 tokens = 8_000_000 units over 3: 2_666_666 each, remainder 2 to ids 10 and 20.
	assert_eq!(
		attribution.matched_tokens,
		BTreeMap::from([(10, 2_666_667), (20, 2_666_667), (30, 2_666_666)])
	);
	// 2_666_667 * 1000 / 10 output tokens
	assert_eq!(
		attribution.entries,
		vec![(10, ppb(266_666_700)), (20, ppb(266_666_700)), (30, ppb(266_666_600))]
	);
}

#[test]
fn overlapping_spans_share_their_overlap() {
	let index = build(vec![record(10, "a b c"), record(20, "b c d")]);
	let attribution = attribute(&index, "a b c d", &params(3));
	assert_eq!(attribution.evidence.spans, vec![span(0, 3, 10, 0), span(1, 4, 20, 0)]);
	// [0,1) -> 10; [1,3) shared -> 1 token each; [3,4) -> 20.
	assert_eq!(attribution.matched_tokens, BTreeMap::from([(10, 2_000_000), (20, 2_000_000)]));
	assert_eq!(attribution.entries, vec![(10, ppb(500_000_000)), (20, ppb(500_000_000))]);
}

#[test]
fn contained_spans_are_not_reported() {
	let index = build(vec![record(1, "x y z w v u"), record(2, "y z w")]);
	let spans = find_spans(&index, "x y z w v u", 3);
	assert_eq!(spans.len(), 1);
	assert_eq!((spans[0].output_token_start, spans[0].output_token_end), (0, 6));
	assert_eq!(
		spans[0].occurrences,
		vec![SpanOccurrence { contribution_id: 1, record_token_offset: 0 }]
	);
	let attribution = attribute(&index, "x y z w v u", &params(3));
	assert_eq!(attribution.entries, vec![(1, Perbill::one())]);
}

#[test]
fn min_tokens_is_inclusive_and_zero_means_one() {
	let index = build(vec![record(1, "a b c d")]);
	assert_eq!(attribute(&index, "a b c d", &params(4)).entries, vec![(1, Perbill::one())]);
	assert!(attribute(&index, "a b c d", &params(5)).entries.is_empty());
	let with_zero = attribute(&index, "z a q", &params(0));
	assert_eq!(with_zero.evidence.method, AttributionMethod::SpanMatchV1 { min_tokens: 1 });
	assert_eq!(with_zero.evidence.spans, vec![span(1, 2, 1, 0)]);
	assert_eq!(with_zero, attribute(&index, "z a q", &params(1)));
}

#[test]
fn first_occurrence_offset_is_the_lowest() {
	let index = build(vec![record(5, "k p q r s p q r s"), record(6, "p q r s")]);
	let attribution = attribute(&index, "p q r s", &params(4));
	assert_eq!(attribution.evidence.spans, vec![span(0, 4, 5, 1), span(0, 4, 6, 0)]);
}

#[test]
fn matches_never_cross_records() {
	let index = build(vec![record(1, "a b c"), record(2, "d e f")]);
	assert!(find_spans(&index, "a b c d e f", 4).is_empty());
	let spans: Vec<(u32, u32)> = find_spans(&index, "a b c d e f", 3)
		.iter()
		.map(|span| (span.output_token_start, span.output_token_end))
		.collect();
	assert_eq!(spans, [(0, 3), (3, 6)]);
}

#[test]
fn case_insensitive_and_unknown_tokens_break_matches() {
	let index = build(vec![record(1, "The Quick BROWN fox")]);
	assert_eq!(attribute(&index, "the quick brown FOX", &params(4)).entries.len(), 1);
	// "zzz" is not in the vocabulary: no span can contain it.
	assert!(attribute(&index, "the quick zzz brown fox", &params(3)).entries.is_empty());
}

#[test]
fn top_k_keeps_heaviest_with_ties_to_lower_ids() {
	let index = build(vec![
		record(4, "a b c d e f"),
		record(3, "g h i"),
		record(2, "j k l"),
		record(1, "m n"),
	]);
	let output = "a b c d e f g h i j k l m n";
	let full = attribute(&index, output, &Params { min_tokens: 2, max_attributions: 32 });
	assert_eq!(full.entries.len(), 4);
	let top = attribute(&index, output, &Params { min_tokens: 2, max_attributions: 2 });
	// Weights: 4 -> 6/14, 3 and 2 -> 3/14 each (tie: id 2 wins), 1 -> 2/14.
	assert_eq!(top.entries, vec![(2, ppb(214_285_714)), (4, ppb(428_571_428))]);
	assert_eq!(top.matched_tokens, full.matched_tokens);
	assert_eq!(top.evidence, full.evidence);
	assert!(attribute(&index, output, &Params { min_tokens: 2, max_attributions: 0 })
		.entries
		.is_empty());
}

#[test]
fn empty_outputs_and_indexes_give_empty_attributions() {
	let index = build(vec![record(1, "a b c d e f g h i j")]);
	for output in ["", "   \n\t", "nothing in common here at all, really, not one bit"] {
		let attribution = attribute(&index, output, &Params::default());
		assert!(attribution.entries.is_empty());
		assert!(attribution.matched_tokens.is_empty());
		assert!(attribution.evidence.spans.is_empty());
		assert_eq!(attribution.output_tokens as usize, tokenize(output).len());
	}
	for records in [vec![], vec![record(1, "")], vec![record(1, "  "), record(2, "")]] {
		let empty = build(records);
		assert_eq!(empty.len_tokens(), 0);
		assert!(attribute(&empty, "a b c d e f g h i j", &params(1)).entries.is_empty());
		assert!(attribute(&empty, "", &params(1)).entries.is_empty());
	}
}

#[test]
fn duplicate_contribution_ids_keep_the_first_and_are_reported() {
	let index = build(vec![record(1, "a b c d"), record(2, "e f g h"), record(1, "e f g h")]);
	assert_eq!(
		index.skipped_duplicates(),
		&[SkippedDuplicate { contribution_id: 1, record_position: 2, kept_record_position: 0 }]
	);
	assert_eq!(index.len_records(), 2);
	assert_eq!(index.contribution_ids(), &[1, 2]);
	let attribution = attribute(&index, "e f g h", &params(4));
	assert_eq!(attribution.entries, vec![(2, Perbill::one())]);
}

#[test]
fn index_can_be_shared_between_threads() {
	fn assert_send_sync<T: Send + Sync>() {}
	assert_send_sync::<Index>();
	assert_send_sync::<Attribution>();
}

#[test]
fn index_reports_sizes() {
	let index = build(vec![record(1, "a b c a"), record(2, "b, c!")]);
	assert_eq!(index.len_tokens(), 8);
	assert_eq!(index.vocabulary_len(), 5);
	assert_eq!(index.input_bytes(), 12);
	// Two 4-byte arrays over 10 positions at least.
	assert!(index.memory_bytes() >= 80);
}

// ---------------------------------------------------------------------------------------------
// Naive reference comparison

/// The naive reference: every record's token list scanned directly.
struct Reference {
	/// (contribution id, tokens) of the kept records (first of each id).
	records: Vec<(u64, Vec<String>)>,
}

impl Reference {
	fn new(records: &[Record]) -> Reference {
		let mut seen = BTreeSet::new();
		let records = records
			.iter()
			.filter(|record| seen.insert(record.contribution_id))
			.map(|record| {
				(record.contribution_id, token_strings(&String::from_utf8_lossy(&record.content)))
			})
			.collect();
		Reference { records }
	}

	fn first_offset(haystack: &[String], needle: &[String]) -> Option<u32> {
		if needle.is_empty() || needle.len() > haystack.len() {
			return None;
		}
		(0..=haystack.len() - needle.len())
			.find(|&start| haystack[start..start + needle.len()] == *needle)
			.map(|start| start as u32)
	}

	fn occurs(&self, needle: &[String]) -> bool {
		self.records.iter().any(|(_, tokens)| Self::first_offset(tokens, needle).is_some())
	}

	/// Maximal spans by definition: every occurring range of length >= min, minus those
	/// strictly inside another.
	fn spans(&self, output: &[String], min_tokens: usize) -> Vec<(usize, usize)> {
		let min_tokens = min_tokens.max(1);
		let mut occurring = Vec::new();
		for start in 0..output.len() {
			for end in start + min_tokens..=output.len() {
				if self.occurs(&output[start..end]) {
					occurring.push((start, end));
				}
			}
		}
		occurring
			.iter()
			.copied()
			.filter(|&(start, end)| {
				!occurring.iter().any(|&(other_start, other_end)| {
					other_start <= start
						&& end <= other_end
						&& (other_start, other_end) != (start, end)
				})
			})
			.collect()
	}

	fn occurrences(&self, needle: &[String]) -> Vec<(u64, u32)> {
		let mut found: Vec<(u64, u32)> = self
			.records
			.iter()
			.filter_map(|(id, tokens)| {
				Self::first_offset(tokens, needle).map(|offset| (*id, offset))
			})
			.collect();
		found.sort_unstable();
		found
	}

	/// Matched units by brute force over elementary intervals.
	fn matched(&self, output: &[String], spans: &[(usize, usize)]) -> BTreeMap<u64, u64> {
		let mut points: Vec<usize> = spans.iter().flat_map(|&(start, end)| [start, end]).collect();
		points.sort_unstable();
		points.dedup();
		let mut matched = BTreeMap::new();
		for pair in points.windows(2) {
			let (start, end) = (pair[0], pair[1]);
			let mut ids = BTreeSet::new();
			for &(span_start, span_end) in spans {
				if span_start <= start && end <= span_end {
					ids.extend(self.occurrences(&output[span_start..span_end]).iter().map(|o| o.0));
				}
			}
			if ids.is_empty() {
				continue;
			}
			let units = (end - start) as u64 * MICRO_TOKENS_PER_TOKEN;
			let count = ids.len() as u64;
			for (rank, id) in ids.into_iter().enumerate() {
				let extra = if (rank as u64) < units % count { 1 } else { 0 };
				*matched.entry(id).or_insert(0) += units / count + extra;
			}
		}
		matched
	}
}

/// Random words over a tiny vocabulary (with case and Unicode variants of the same token)
/// so that matches of every length are frequent.
const WORDS: &[&str] = &["a", "b", "c", "A", "B", "ça", "ÇA", ",", "d"];

fn random_text(rng: &mut fastrand::Rng, max_words: usize) -> String {
	let count = rng.usize(0..=max_words);
	let mut text = String::new();
	for _ in 0..count {
		text.push_str(WORDS[rng.usize(0..WORDS.len())]);
		text.push_str([" ", " ", "\n", "  "][rng.usize(0..4)]);
	}
	text
}

/// Sizes of a random case.
#[derive(Clone, Copy)]
struct CaseShape {
	/// Most words in a record.
	record_words: usize,
	/// Most pieces (copied or random) in the output.
	output_pieces: usize,
	/// Largest `min_tokens`.
	min_tokens: u32,
}

/// Small cases: matches of every length everywhere.
const SMALL: CaseShape = CaseShape { record_words: 30, output_pieces: 4, min_tokens: 5 };
/// Larger cases: bigger suffix-array buckets and longer spans.
const LARGE: CaseShape = CaseShape { record_words: 400, output_pieces: 8, min_tokens: 10 };

fn random_case(rng: &mut fastrand::Rng, shape: CaseShape) -> (Vec<Record>, String, u32) {
	let record_count = rng.usize(0..=6);
	let mut records: Vec<Record> = (0..record_count)
		.map(|_| {
			let mut content = random_text(rng, shape.record_words).into_bytes();
			if rng.u8(0..10) == 0 {
				content.push(0xFF);
			}
			Record { contribution_id: rng.u64(0..8), content }
		})
		.collect();
	if rng.bool() {
		records.push(Record { contribution_id: 99, content: Vec::new() });
	}
	// The output mixes random words with pieces copied from records.
	let mut output = String::new();
	for _ in 0..rng.usize(0..=shape.output_pieces) {
		if rng.bool() && !records.is_empty() {
			let source =
				String::from_utf8_lossy(&records[rng.usize(0..records.len())].content).into_owned();
			let words: Vec<&str> = source.split_whitespace().collect();
			if !words.is_empty() {
				let start = rng.usize(0..words.len());
				let end = rng.usize(start..=words.len());
				output.push_str(&words[start..end].join(" "));
				output.push(' ');
			}
		} else {
			output.push_str(&random_text(rng, 8));
		}
	}
	(records, output, rng.u32(0..=shape.min_tokens))
}

/// Runs `cases` random cases of `shape` against the naive reference; returns how many had at
/// least one span.
fn compare_with_reference(seed: u64, cases: usize, shape: CaseShape) -> usize {
	let mut rng = fastrand::Rng::with_seed(seed);
	let mut cases_with_spans = 0;
	for case in 0..cases {
		let (records, output, min_tokens) = random_case(&mut rng, shape);
		let reference = Reference::new(&records);
		let index = build(records);
		let output_tokens = token_strings(&output);

		let expected_spans = reference.spans(&output_tokens, min_tokens as usize);
		let found = find_spans(&index, &output, min_tokens);
		let found_ranges: Vec<(usize, usize)> = found
			.iter()
			.map(|span| (span.output_token_start as usize, span.output_token_end as usize))
			.collect();
		assert_eq!(found_ranges, expected_spans, "case {case}: spans of {output:?}");
		for span in &found {
			let needle =
				&output_tokens[span.output_token_start as usize..span.output_token_end as usize];
			let occurrences: Vec<(u64, u32)> = span
				.occurrences
				.iter()
				.map(|occurrence| (occurrence.contribution_id, occurrence.record_token_offset))
				.collect();
			assert_eq!(occurrences, reference.occurrences(needle), "case {case}");
		}

		let attribution = attribute(&index, &output, &params(min_tokens));
		let expected_matched = reference.matched(&output_tokens, &expected_spans);
		assert_eq!(attribution.matched_tokens, expected_matched, "case {case}: {output:?}");
		assert_eq!(attribution.output_tokens as usize, output_tokens.len());
		let total: u64 = expected_matched.values().sum();
		assert!(total <= output_tokens.len() as u64 * MICRO_TOKENS_PER_TOKEN);

		let mut expected_entries: Vec<(u64, Perbill)> = expected_matched
			.iter()
			.map(|(&id, &units)| (id, weight_of(units, output_tokens.len() as u32)))
			.filter(|(_, weight)| !weight.is_zero())
			.collect();
		expected_entries.sort_by_key(|&(id, weight)| (core::cmp::Reverse(weight), id));
		expected_entries.truncate(DEFAULT_MAX_ATTRIBUTIONS as usize);
		expected_entries.sort_by_key(|&(id, _)| id);
		assert_eq!(attribution.entries, expected_entries, "case {case}");
		let weight_sum: u64 =
			attribution.entries.iter().map(|(_, weight)| u64::from(weight.deconstruct())).sum();
		assert!(weight_sum <= 1_000_000_000);
		cases_with_spans += usize::from(!found.is_empty());
	}
	cases_with_spans
}

#[test]
fn span_finding_and_counts_match_the_naive_reference() {
	let with_spans = compare_with_reference(0x5eed_1a7e, 2_000, SMALL);
	assert!(with_spans > 800, "the generator should produce matches often ({with_spans})");
}

#[test]
fn span_finding_matches_the_naive_reference_on_larger_texts() {
	let with_spans = compare_with_reference(0xb16_7e47, 150, LARGE);
	assert!(with_spans > 75, "the generator should produce matches often ({with_spans})");
}

#[test]
fn shuffled_records_give_identical_results() {
	let mut rng = fastrand::Rng::with_seed(42);
	for _ in 0..100 {
		let (records, output, min_tokens) = random_case(&mut rng, SMALL);
		// Distinct ids, so that "first record wins" does not depend on order.
		let mut seen = BTreeSet::new();
		let records: Vec<Record> =
			records.into_iter().filter(|record| seen.insert(record.contribution_id)).collect();
		let mut shuffled = records.clone();
		rng.shuffle(&mut shuffled);
		let original = attribute(&build(records), &output, &params(min_tokens));
		let reordered = attribute(&build(shuffled), &output, &params(min_tokens));
		assert_eq!(original, reordered);
		assert_eq!(original.evidence.hash(), reordered.evidence.hash());
	}
}

// ---------------------------------------------------------------------------------------------
// Evidence

#[test]
fn evidence_canonical_bytes_have_the_documented_layout() {
	let evidence = Evidence {
		version: 1,
		method: AttributionMethod::SpanMatchV1 { min_tokens: 8 },
		output_hash: [0xAB; 32],
		spans: vec![span(1, 9, 0x0102_0304_0506_0708, 3)],
	};
	let mut expected = vec![1u8, 0, 8, 0, 0, 0];
	expected.extend([0xAB; 32]);
	expected.push(4); // compact(1)
	expected.extend([1, 0, 0, 0, 9, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 3, 0, 0, 0]);
	assert_eq!(evidence.canonical_bytes(), expected);
	assert_eq!(evidence.hash(), sha256(&expected));
	assert_eq!(Evidence::decode_canonical(&expected), Ok(evidence));
}

#[test]
fn evidence_round_trips_through_scale_and_json() {
	let index = build(vec![record(1, "a b c d e"), record(2, "c d e f g"), record(3, "c d e")]);
	let attribution = attribute(&index, "a b c d e f g", &params(3));
	let evidence = attribution.evidence;
	assert_eq!(evidence.spans.len(), 2);
	let bytes = evidence.canonical_bytes();
	assert_eq!(Evidence::decode_canonical(&bytes), Ok(evidence.clone()));

	let json = serde_json::to_string(&evidence).expect("serialisable");
	assert!(json
		.starts_with(r#"{"version":1,"method":{"spanMatchV1":{"minTokens":3}},"outputHash":"0x"#));
	assert!(json.contains(
		r#""outputTokenStart":0,"outputTokenEnd":5,"contributionId":1,"recordTokenOffset":0"#
	));
	let parsed: Evidence = serde_json::from_str(&json).expect("parses back");
	assert_eq!(parsed, evidence);
}

#[test]
fn evidence_decoding_rejects_non_canonical_bytes() {
	let evidence = Evidence {
		version: 1,
		method: AttributionMethod::SpanMatchV1 { min_tokens: 2 },
		output_hash: [7; 32],
		spans: vec![span(0, 2, 5, 0), span(0, 2, 6, 1)],
	};
	let bytes = evidence.canonical_bytes();

	let mut trailing = bytes.clone();
	trailing.push(0);
	assert!(matches!(
		Evidence::decode_canonical(&trailing),
		Err(EvidenceDecodeError::Malformed { .. })
	));
	assert!(matches!(
		Evidence::decode_canonical(&bytes[..bytes.len() - 1]),
		Err(EvidenceDecodeError::Malformed { .. })
	));
	assert!(matches!(Evidence::decode_canonical(&[]), Err(EvidenceDecodeError::Malformed { .. })));

	let mut version = bytes.clone();
	version[0] = 2;
	assert_eq!(
		Evidence::decode_canonical(&version),
		Err(EvidenceDecodeError::UnsupportedVersion { version: 2 })
	);

	let unsorted = Evidence { spans: vec![span(0, 2, 6, 1), span(0, 2, 5, 0)], ..evidence.clone() };
	assert_eq!(
		Evidence::decode_canonical(&unsorted.canonical_bytes()),
		Err(EvidenceDecodeError::UnsortedSpans { position: 1 })
	);
	let repeated = Evidence { spans: vec![span(0, 2, 5, 0), span(0, 2, 5, 0)], ..evidence.clone() };
	assert_eq!(
		Evidence::decode_canonical(&repeated.canonical_bytes()),
		Err(EvidenceDecodeError::UnsortedSpans { position: 1 })
	);
	let empty = Evidence { spans: vec![span(3, 3, 5, 0)], ..evidence.clone() };
	assert_eq!(
		Evidence::decode_canonical(&empty.canonical_bytes()),
		Err(EvidenceDecodeError::EmptySpan { position: 0 })
	);
	// A non-minimal compact length (1 written in two bytes) is refused.
	let mut long_length = bytes[..38].to_vec();
	long_length.extend([0b0000_0101, 0]);
	long_length.extend(&bytes[39..]);
	assert!(Evidence::decode_canonical(&long_length).is_err());
	// Arbitrary bytes never panic.
	let mut rng = fastrand::Rng::with_seed(3);
	for _ in 0..2_000 {
		let length = rng.usize(0..120);
		let junk: Vec<u8> = (0..length).map(|_| rng.u8(..)).collect();
		let _ = Evidence::decode_canonical(&junk);
	}
}

#[test]
fn evidence_hash_tracks_the_record_bytes_that_matter() {
	let output = "one two three four five six seven eight nine ten";
	let source = "intro one two three four five six seven eight nine ten outro";
	let hash_for = |content: &str| {
		let index = build(vec![record(1, content), record(2, "unrelated text")]);
		attribute(&index, output, &Params::default()).evidence.hash()
	};
	let original = hash_for(source);
	// A changed byte inside the copied region changes the spans.
	assert_ne!(hash_for(&source.replace("five", "fire")), original);
	// A token inserted before the copy moves the record offset.
	assert_ne!(hash_for(&format!("extra {source}")), original);
	// Case changes, whitespace changes and edits outside the match do not matter.
	assert_eq!(hash_for(&source.replace("one", "ONE")), original);
	assert_eq!(hash_for(&source.replace(' ', "\n ")), original);
	assert_eq!(hash_for(&source.replace("outro", "finale")), original);
	// The output's bytes are hashed too: a trailing space changes the evidence.
	let index = build(vec![record(1, source)]);
	assert_ne!(
		attribute(&index, output, &Params::default()).evidence.hash(),
		attribute(&index, &format!("{output} "), &Params::default()).evidence.hash()
	);
}

// ---------------------------------------------------------------------------------------------
// Verification

fn verification_fixture() -> (Index, &'static str, Attribution) {
	let index = build(vec![
		record(1, "a b c d e f g h"),
		record(2, "i j k l m n o p"),
		record(3, "q r s t"),
	]);
	let output = "a b c d e f g h i j k l m n o p x y";
	let attribution = attribute(&index, output, &params(4));
	(index, output, attribution)
}

#[test]
fn verify_accepts_the_recomputed_claim() {
	let (index, output, attribution) = verification_fixture();
	assert_eq!(attribution.entries, vec![(1, ppb(444_444_444)), (2, ppb(444_444_444))]);
	let hash = attribution.evidence.hash();
	assert_eq!(verify(&index, output, &params(4), &attribution.entries, &hash), Ok(()));
	assert_eq!(
		verify_evidence(&index, output, &params(4), &attribution.entries, &attribution.evidence),
		Ok(())
	);
}

#[test]
fn verify_reports_entry_and_hash_differences_precisely() {
	let (index, output, attribution) = verification_fixture();
	let hash = attribution.evidence.hash();
	let claimed = vec![(2, ppb(500_000_000)), (3, ppb(10)), (3, ppb(10))];
	let mut wrong_hash = hash;
	wrong_hash[0] ^= 1;
	assert_eq!(
		verify(&index, output, &params(4), &claimed, &wrong_hash),
		Err(vec![
			Difference::DuplicateClaimedEntry { contribution_id: 3 },
			Difference::MissingEntry { contribution_id: 1, expected_weight: ppb(444_444_444) },
			Difference::WeightMismatch {
				contribution_id: 2,
				claimed_weight: ppb(500_000_000),
				expected_weight: ppb(444_444_444),
			},
			Difference::UnexpectedEntry { contribution_id: 3, claimed_weight: ppb(10) },
			Difference::EvidenceHashMismatch { claimed: wrong_hash, expected: hash },
		])
	);
	// Other parameters or another output change the evidence hash.
	assert_eq!(
		verify(&index, output, &params(5), &attribution.entries, &hash),
		Err(vec![Difference::EvidenceHashMismatch {
			claimed: hash,
			expected: attribute(&index, output, &params(5)).evidence.hash(),
		}])
	);
	let messages: Vec<String> = verify(&index, output, &params(4), &claimed, &wrong_hash)
		.unwrap_err()
		.iter()
		.map(ToString::to_string)
		.collect();
	assert_eq!(messages[2], "contribution 2: claimed 500000000 ppb, recomputed 444444444 ppb");
}

#[test]
fn verify_evidence_reports_document_differences() {
	let (index, output, attribution) = verification_fixture();
	let mut claimed = attribution.evidence.clone();
	claimed.output_hash = sha256(b"another output");
	claimed.method = AttributionMethod::SpanMatchV1 { min_tokens: 3 };
	let removed = claimed.spans.remove(0);
	let invented = span(16, 18, 3, 0);
	claimed.spans.push(invented);
	assert_eq!(
		verify_evidence(&index, output, &params(4), &attribution.entries, &claimed),
		Err(vec![
			Difference::MethodMismatch {
				claimed: AttributionMethod::SpanMatchV1 { min_tokens: 3 },
				expected: AttributionMethod::SpanMatchV1 { min_tokens: 4 },
			},
			Difference::OutputHashMismatch {
				claimed: sha256(b"another output"),
				expected: sha256(output.as_bytes()),
			},
			Difference::MissingSpan(removed),
			Difference::UnexpectedSpan(invented),
		])
	);
}
