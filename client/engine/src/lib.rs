//! # Lineage attribution engine: deterministic span-match attribution
//!
//! Given the records of a dataset (each the bytes of one contribution, identified by a `u64`
//! contribution id) and a model output (text), this crate finds which records the output
//! copies from, Infini-gram style (suffix-array longest match), and turns that into an
//! attribution vector ([`Attribution::entries`]) plus an [`Evidence`] document that anyone
//! holding the same records can recompute and compare byte for byte ([`verify`]).
//!
//! It is a pure library: no I/O, no async, no chain access, no randomness, no floating point.
//! Every rule below is part of the specification; a change to any of them changes results and
//! must bump [`EVIDENCE_VERSION`] / the [`AttributionMethod`].
//!
//! ```
//! use lineage_attribution_engine::{attribute, verify, Index, Params, Record};
//!
//! let records = vec![
//!     Record { contribution_id: 7, content: b"the quick brown fox jumps over the lazy dog".to_vec() },
//!     Record { contribution_id: 9, content: b"an entirely different record".to_vec() },
//! ];
//! let index = Index::build(records).expect("small input");
//! let output = "Story: The quick brown fox jumps over the lazy dog!";
//! let attribution = attribute(&index, output, &Params::default());
//! // 12 output tokens ("story", ":", 9 copied words, "!"); 9 of them come from contribution 7.
//! assert_eq!(attribution.output_tokens, 12);
//! assert_eq!(attribution.entries.len(), 1);
//! assert_eq!(attribution.entries[0].0, 7);
//! assert_eq!(attribution.entries[0].1.deconstruct(), 750_000_000); // 9 / 12
//! let claim_hash = attribution.evidence.hash();
//! assert!(verify(&index, output, &Params::default(), &attribution.entries, &claim_hash).is_ok());
//! ```
//!
//! ## 1. Tokeniser
//!
//! [`tokenize`] splits a `&str` into tokens, scanning Unicode scalar values left to right:
//!
//! * a maximal run of characters for which [`char::is_alphanumeric`] is true (Unicode
//!   `Alphabetic` or `Numeric`: letters of every script, digits, `²`, `Ⅻ`, …) is one token; its
//!   string is the run lowercased with [`str::to_lowercase`] applied to the whole run (so
//!   context rules such as the Greek final sigma apply within the run; lowercasing may yield
//!   characters that are not alphanumeric, e.g. `İ` → `i̇`, and they stay in the token);
//! * every other character that is not [`char::is_whitespace`] (punctuation, symbols, emoji,
//!   control characters, combining marks, U+FFFD) is a token on its own, unchanged;
//! * whitespace separates tokens and is never part of one.
//!
//! No Unicode normalisation is applied: precomposed `é` (one alphabetic char) and `e` + U+0301
//! (a letter, then a combining mark, which is its own token) tokenise differently. Each
//! [`Token`] carries its string and its byte range in the original text. The Unicode tables
//! are those of the Rust standard library the crate is compiled with. Record content is
//! decoded with [`String::from_utf8_lossy`] (each invalid sequence becomes one U+FFFD token);
//! outputs are `&str` and need no decoding.
//!
//! ## 2. Index
//!
//! [`Index::build`] takes `Vec<`[`Record`]`>`. Records are processed in the given order; a
//! record whose contribution id was already seen is **not** indexed and is listed in
//! [`Index::skipped_duplicates`] (the first record with an id wins). Empty records and
//! records without tokens are indexed as empty.
//!
//! * **Vocabulary.** Distinct token strings get dense ids `1..=V` in byte-wise lexicographic
//!   order of their UTF-8 strings, so ids do not depend on record order. Output tokens that are
//!   not in the vocabulary can never match.
//! * **Token stream.** The records' token ids are concatenated, each record followed by the
//!   separator id `0`. The separator never occurs in an output's token sequence, so no match
//!   can contain it and no match crosses from one record into the next.
//! * **Suffix array.** The stream is indexed with a suffix array built by the
//!   [`libsais`](https://crates.io/crates/libsais) crate (bindings to Ilya Grebnov's libsais,
//!   the fastest published SA-IS implementation, actively maintained), run single-threaded
//!   without OpenMP. It was chosen because it sorts **integer alphabets** (`i32` texts with an
//!   alphabet of any size) directly and in linear time, so the token-id sequence is indexed
//!   as-is: matches are whole tokens by construction, with no byte encoding and no
//!   token-boundary filtering. The byte-oriented crates (`suffix`, `cdivsufsort`,
//!   `suffix_array`, `divsufsort`) would need a byte encoding of token ids plus boundary
//!   checks and several times more suffixes (one per byte instead of one per token). The
//!   pure-Rust integer-alphabet crates on crates.io (`sa-is`, `sa-ord`, `sais_drum`) are
//!   single-release projects with little use. The wrapper crate is young, but the C library
//!   under it is mature and widely used, and this crate's tests check every match against a
//!   naive reference. Positions are `i32`, so an index holds at most
//!   [`MAX_INDEX_POSITIONS`] (2³¹ − 1) tokens plus separators; more is a
//!   [`BuildError::TooManyTokens`].
//! * **Buckets.** A table of `V + 2` offsets gives, for each token id, the suffix-array range
//!   of suffixes starting with it, so every search starts inside the first token's bucket.
//! * **Memory.** [`Index::memory_bytes`] counts the token stream and suffix array (4 bytes per
//!   token each), the bucket table, the per-record tables and the vocabulary hash table and
//!   strings: about 8 bytes per token, i.e. about 2.2 bytes per input byte for text averaging
//!   3.8 bytes per token (the benchmark corpus).
//!
//! ## 3. Span finding
//!
//! Let `out[0..n)` be the output's token sequence (at most [`MAX_OUTPUT_TOKENS`] tokens; any
//! beyond are ignored) and `min = max(min_tokens, 1)`. A range `[a, b)` **occurs** if the
//! token sequence `out[a..b)` appears contiguously inside some indexed record. A **maximal
//! span** is an occurring range with `b − a ≥ min` that is not strictly contained in another
//! occurring range (any containing occurring range is longer, hence also ≥ `min`).
//!
//! Write `M(i)` for the length of the longest prefix of `out[i..n)` that occurs and
//! `e(i) = i + M(i)`. Since `out[i+1..e(i))` occurs wherever `out[i..e(i))` does, `e` never
//! decreases. Hence the maximal spans are exactly the ranges `[i, e(i))` with `M(i) ≥ min`
//! and (`i = 0` or `e(i) > e(i − 1)`): the leftmost start of each distinct end, kept when
//! it is long enough. Their starts and their ends are both strictly increasing.
//!
//! The scan (greedy left-to-right longest match) computes exactly this set:
//!
//! 1. at position `j` (starting at 0) compute `M(j)` with one binary search of `out[j..n)`
//!    in the suffix array (the longest prefix shared with the suffixes adjacent to its
//!    insertion point). If `M(j) < min`, move to `j + 1`;
//! 2. otherwise record the span `[j, E)` with `E = e(j)`. If `E = n` stop. Otherwise find the
//!    **next position that can yield a span not contained in an earlier one**: the smallest
//!    `k` in `(j, E]` with `k + M(k) > E`, i.e. whose match extends past `E` (this condition
//!    is monotone in `k`, so `k` is found by binary search; positions between `j` and `k`
//!    have `e = E` and only yield contained ranges). If `M(k) ≥ min`, `[k, e(k))` is the next
//!    span: repeat step 2 from `k`; otherwise continue with step 1 at `k + 1`.
//!
//! The scan keeps the invariant `e(j − 1) < j + min` whenever it is at step 1, which is why
//! `M(j) ≥ min` suffices there. The test suite checks the result against a naive quadratic
//! definition on hundreds of random cases.
//!
//! **Overlaps.** Maximal spans may overlap (`a b c` in one record and `b c d` in another, for
//! the output `a b c d`, gives `[0,3)` and `[1,4)` with `min = 3`); all of them are kept.
//!
//! ## 4. Assignment
//!
//! Each span is assigned to every distinct contribution whose record contains its exact token
//! sequence (all occurrences, from the span's suffix-array range). For each (span,
//! contribution) the evidence records the **lowest** token offset in that record at which the
//! span starts.
//!
//! Matched tokens are counted in fixed point, [`MICRO_TOKENS_PER_TOKEN`] = 1 000 000 units per
//! output token. The sorted set of all span starts and ends cuts the output into elementary
//! intervals `[a, b)`. The contributions assigned to any span containing `[a, b)` share its
//! `L · 1 000 000` units (`L = b − a`): with `k` such contributions each gets
//! `⌊L · 1 000 000 / k⌋`, and the remaining `L · 1 000 000 mod k` units go one each to the
//! lowest contribution ids in ascending order. When spans do not overlap the intervals are
//! the spans themselves, so a span of `L` tokens over `k` contributions gives each `L / k`
//! tokens. Every output token is counted at most once per contribution, and the units handed
//! out never exceed `1 000 000` per covered output token. [`Attribution::matched_tokens`]
//! holds these totals for every matched contribution.
//!
//! ## 5. Weights
//!
//! A contribution's weight is its matched units over all output units, as a [`Perbill`]
//! rounded down: exactly `⌊units · 10⁹ / (n · 10⁶)⌋` parts per billion ([`weight_of`]). The
//! weights sum to at most 100%; the unmatched part of the output is left to the chain's
//! pro-rata payout. Zero weights are dropped, then the top `max_attributions` by weight are
//! kept (ties: lower contribution id first) and [`Attribution::entries`] is sorted by
//! contribution id. An output with no tokens or no spans gives no entries.
//!
//! ## 6. Evidence document
//!
//! [`Evidence`] = `{ version: 1, method: SpanMatchV1 { min_tokens }, output_hash, spans }`,
//! where `min_tokens` is the effective minimum (`max(min_tokens, 1)`), `output_hash` is
//! SHA2-256 of the output's UTF-8 bytes and `spans` lists every (span, contribution) pair as
//! an [`EvidenceSpan`], sorted by (`output_token_start`, `output_token_end`,
//! `contribution_id`), before the top-k cut. Its **canonical encoding** is its SCALE encoding
//! (`parity-scale-codec`), which is:
//!
//! | bytes | field |
//! |---|---|
//! | 1 | `version`, `0x01` |
//! | 1 | method variant index, `0x00` = `SpanMatchV1` |
//! | 4 | `min_tokens`, `u32` little-endian |
//! | 32 | `output_hash` |
//! | 1–5 | number of spans, SCALE compact integer |
//! | 20 per span | `output_token_start` `u32` LE, `output_token_end` `u32` LE, `contribution_id` `u64` LE, `record_token_offset` `u32` LE |
//!
//! [`Evidence::canonical_bytes`] produces it, [`Evidence::hash`] is SHA2-256 of it, and
//! [`Evidence::decode_canonical`] accepts only bytes that re-encode identically (version 1,
//! non-empty strictly sorted spans, no trailing bytes). With serde the document is JSON in
//! camelCase, `outputHash` as `0x`-prefixed hex:
//! `{"version":1,"method":{"spanMatchV1":{"minTokens":8}},"outputHash":"0x…","spans":[{"outputTokenStart":0,"outputTokenEnd":9,"contributionId":7,"recordTokenOffset":0}]}`.
//!
//! ## 7. Verification and determinism
//!
//! [`verify`] recomputes the attribution and returns `Ok(())` or every [`Difference`]
//! (missing, unexpected or different entries, evidence hash mismatch); [`verify_evidence`]
//! compares a whole claimed document (version, method, output hash, each span). Results
//! depend only on the set of (contribution id, content) pairs, the output and the parameters:
//! not on record order (when ids are distinct), hash-map seeds, the machine or the thread.
//!
//! ## Cost
//!
//! Building is linear: tokenising, one hash lookup per token, a sort of the vocabulary and
//! libsais. Attributing an output of `n` tokens costs about one suffix-array binary search per
//! output position outside spans, a logarithmic number per span, plus one per reported
//! occurrence; see the crate README for measured figures.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod attribution;
mod evidence;
mod index;
mod spans;
mod tokenizer;

#[cfg(test)]
mod tests;

pub use attribution::{
	attribute, verify, verify_evidence, weight_of, Attribution, Difference, Params,
	DEFAULT_MAX_ATTRIBUTIONS, DEFAULT_MIN_TOKENS, MICRO_TOKENS_PER_TOKEN,
};
pub use evidence::{
	sha256, AttributionMethod, Evidence, EvidenceDecodeError, EvidenceSpan, EVIDENCE_VERSION,
};
pub use index::{BuildError, Index, Record, SkippedDuplicate, SpanOccurrence, MAX_INDEX_POSITIONS};
pub use sp_arithmetic::Perbill;
pub use spans::{find_spans, MatchedSpan, MAX_OUTPUT_TOKENS};
pub use tokenizer::{tokenize, Token};
