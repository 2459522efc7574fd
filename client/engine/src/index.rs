//! The suffix-array index over the token streams of all records.
//!
//! See the crate documentation ("Index") for the layout and its guarantees.

use core::{cmp::Ordering, fmt, ops::Range};
use std::collections::{BTreeMap, HashMap};

use libsais::SuffixArrayConstruction;

use crate::tokenizer::for_each_token;

/// Token id of the record separator. Token ids of vocabulary words start at 1, so the separator
/// sorts before every word and never equals a token of an output.
pub(crate) const SEPARATOR: i32 = 0;

/// Token id given to output tokens that are not in the vocabulary. It is negative, so it never
/// equals a token of the indexed text and no match can contain it.
pub(crate) const UNKNOWN_TOKEN: i32 = -1;

/// The largest number of token positions (record tokens plus one separator per record) an index
/// can hold: the suffix array stores positions as `i32`.
pub const MAX_INDEX_POSITIONS: u64 = i32::MAX as u64;

/// One record of a dataset: the bytes of one contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
	/// The id of the contribution these bytes belong to.
	pub contribution_id: u64,
	/// The contribution's content. Decoded as UTF-8 lossily (invalid sequences become U+FFFD)
	/// before tokenising.
	pub content: Vec<u8>,
}

/// A record that [`Index::build`] did not index because an earlier record had the same
/// contribution id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SkippedDuplicate {
	/// The contribution id that appeared more than once.
	pub contribution_id: u64,
	/// The position of the skipped record in the `Vec<Record>` given to [`Index::build`].
	pub record_position: usize,
	/// The position of the record that was kept (the first one with this id).
	pub kept_record_position: usize,
}

/// Why an index could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
	/// The records have more tokens (plus one separator per record) than
	/// [`MAX_INDEX_POSITIONS`].
	TooManyTokens {
		/// The limit that was exceeded.
		limit: u64,
	},
	/// The suffix-array library reported an error.
	SuffixArray {
		/// The library's description of the error.
		message: String,
	},
}

impl fmt::Display for BuildError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			BuildError::TooManyTokens { limit } => write!(
				f,
				"the records have more than {limit} token positions (tokens plus one separator per record)"
			),
			BuildError::SuffixArray { message } => {
				write!(f, "suffix array construction failed: {message}")
			},
		}
	}
}

impl std::error::Error for BuildError {}

/// Where a contribution's record contains a matched token sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanOccurrence {
	/// The contribution whose record contains the sequence.
	pub contribution_id: u64,
	/// The token offset, inside that record, of the first (lowest-offset) occurrence.
	pub record_token_offset: u32,
}

/// A suffix-array index over the tokens of a set of records.
///
/// Built once with [`Index::build`]; read-only afterwards (`Send + Sync`).
pub struct Index {
	/// All records' token ids, each record followed by [`SEPARATOR`].
	tokens: Vec<i32>,
	/// The suffix array of `tokens`: every position, sorted by the token sequence starting there.
	suffix_array: Vec<i32>,
	/// `bucket_starts[t]..bucket_starts[t + 1]` is the range of `suffix_array` whose suffixes
	/// start with token id `t`; `len() == vocabulary.len() + 2`.
	bucket_starts: Vec<u32>,
	/// Token string to token id (`1..=vocabulary.len()`, in byte-wise lexicographic order).
	vocabulary: HashMap<Box<str>, i32>,
	/// For each kept record, the position of its first token in `tokens` (ascending).
	record_token_starts: Vec<u32>,
	/// For each kept record, its contribution id (all distinct).
	record_contribution_ids: Vec<u64>,
	/// Records not indexed because their contribution id was already present.
	skipped_duplicates: Vec<SkippedDuplicate>,
	/// Total bytes of record content given to `build`, including skipped duplicates.
	input_bytes: u64,
}

impl fmt::Debug for Index {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.debug_struct("Index")
			.field("records", &self.record_contribution_ids.len())
			.field("tokens", &self.len_tokens())
			.field("vocabulary", &self.vocabulary.len())
			.field("skipped_duplicates", &self.skipped_duplicates)
			.field("memory_bytes", &self.memory_bytes())
			.finish()
	}
}

impl Index {
	/// Builds the index over `records`.
	///
	/// Records keep their order; when several records have the same contribution id, only the
	/// first is indexed and every later one is listed in [`Index::skipped_duplicates`]. Empty
	/// records, records without tokens and invalid UTF-8 are accepted. Apart from which
	/// duplicate is kept, attributions do not depend on the order of `records`.
	///
	/// # Errors
	///
	/// [`BuildError::TooManyTokens`] when the records hold more than [`MAX_INDEX_POSITIONS`]
	/// token positions, [`BuildError::SuffixArray`] if the suffix-array library fails.
	pub fn build(records: Vec<Record>) -> Result<Index, BuildError> {
		let input_bytes: u64 = records.iter().map(|record| record.content.len() as u64).sum();
		let mut first_position_of_id: HashMap<u64, usize> = HashMap::with_capacity(records.len());
		let mut skipped_duplicates = Vec::new();
		let mut record_token_starts = Vec::with_capacity(records.len());
		let mut record_contribution_ids = Vec::with_capacity(records.len());

		// Provisional ids in order of first appearance; remapped to sorted order below so the
		// ids do not depend on record order.
		let mut provisional_vocabulary: HashMap<Box<str>, i32> = HashMap::new();
		let mut tokens: Vec<i32> = Vec::with_capacity(estimate_token_count(input_bytes));
		let mut lowercase_buffer = String::new();
		let mut too_many_positions = false;

		for (record_position, record) in records.into_iter().enumerate() {
			if let Some(&kept_record_position) = first_position_of_id.get(&record.contribution_id) {
				skipped_duplicates.push(SkippedDuplicate {
					contribution_id: record.contribution_id,
					record_position,
					kept_record_position,
				});
				continue;
			}
			first_position_of_id.insert(record.contribution_id, record_position);
			if tokens.len() as u64 >= MAX_INDEX_POSITIONS {
				return Err(BuildError::TooManyTokens { limit: MAX_INDEX_POSITIONS });
			}
			record_token_starts.push(tokens.len() as u32);
			record_contribution_ids.push(record.contribution_id);

			let text = String::from_utf8_lossy(&record.content);
			for_each_token(&text, &mut lowercase_buffer, |token, _| {
				if too_many_positions {
					return;
				}
				let id = match provisional_vocabulary.get(token) {
					Some(&id) => id,
					None => {
						// Ids stay below the number of positions, itself bounded by i32::MAX.
						let id = provisional_vocabulary.len() as i32 + 1;
						provisional_vocabulary.insert(token.into(), id);
						id
					},
				};
				tokens.push(id);
				too_many_positions |= tokens.len() as u64 >= MAX_INDEX_POSITIONS;
			});
			// Stop before the separator could take the stream past the limit.
			if too_many_positions {
				return Err(BuildError::TooManyTokens { limit: MAX_INDEX_POSITIONS });
			}
			tokens.push(SEPARATOR);
		}
		tokens.shrink_to_fit();

		let vocabulary = sort_vocabulary(provisional_vocabulary, &mut tokens);
		let suffix_array = build_suffix_array(&mut tokens)?;
		let bucket_starts = bucket_starts(&tokens, vocabulary.len());

		Ok(Index {
			tokens,
			suffix_array,
			bucket_starts,
			vocabulary,
			record_token_starts,
			record_contribution_ids,
			skipped_duplicates,
			input_bytes,
		})
	}

	/// An estimate of the heap bytes this index holds: the capacities of its arrays, the
	/// vocabulary's hash table (its buckets, each an entry plus one control byte) and the
	/// vocabulary's strings. Allocator overhead is not included.
	pub fn memory_bytes(&self) -> usize {
		use core::mem::size_of;
		// The standard hash table keeps its load at most 7/8 in a power-of-two bucket count.
		let vocabulary_buckets = match self.vocabulary.capacity() {
			0 => 0,
			capacity => (capacity.saturating_mul(8) / 7).max(4).next_power_of_two(),
		};
		let vocabulary_table = vocabulary_buckets * (size_of::<(Box<str>, i32)>() + 1);
		let vocabulary_strings: usize = self.vocabulary.keys().map(|word| word.len()).sum();
		self.tokens.capacity() * size_of::<i32>()
			+ self.suffix_array.capacity() * size_of::<i32>()
			+ self.bucket_starts.capacity() * size_of::<u32>()
			+ vocabulary_table
			+ vocabulary_strings
			+ self.record_token_starts.capacity() * size_of::<u32>()
			+ self.record_contribution_ids.capacity() * size_of::<u64>()
			+ self.skipped_duplicates.capacity() * size_of::<SkippedDuplicate>()
	}

	/// The number of tokens indexed (record tokens only, separators not counted).
	pub fn len_tokens(&self) -> usize {
		self.tokens.len() - self.record_contribution_ids.len()
	}

	/// The number of records indexed (duplicates skipped).
	pub fn len_records(&self) -> usize {
		self.record_contribution_ids.len()
	}

	/// The number of distinct token strings in the indexed records.
	pub fn vocabulary_len(&self) -> usize {
		self.vocabulary.len()
	}

	/// The total bytes of record content that were given to [`Index::build`] (skipped
	/// duplicates included).
	pub fn input_bytes(&self) -> u64 {
		self.input_bytes
	}

	/// The records [`Index::build`] skipped because their contribution id was already present,
	/// in input order.
	pub fn skipped_duplicates(&self) -> &[SkippedDuplicate] {
		&self.skipped_duplicates
	}

	/// The contribution ids of the indexed records, in input order.
	pub fn contribution_ids(&self) -> &[u64] {
		&self.record_contribution_ids
	}

	/// The token id of an output token; tokens absent from the vocabulary get
	/// [`UNKNOWN_TOKEN`].
	pub(crate) fn token_id(&self, token: &str) -> i32 {
		self.vocabulary.get(token).copied().unwrap_or(UNKNOWN_TOKEN)
	}

	/// The token id at `position`, or the separator past the end (never reached: the text ends
	/// with a separator and no pattern contains one).
	#[inline]
	fn token_at(&self, position: usize) -> i32 {
		self.tokens.get(position).copied().unwrap_or(SEPARATOR)
	}

	/// The text position of the suffix at `rank` in the suffix array.
	#[inline]
	fn suffix_at(&self, rank: usize) -> usize {
		// Entries are positions in `tokens`, hence non-negative.
		self.suffix_array.get(rank).map_or(usize::MAX, |&position| position as usize)
	}

	/// The suffix-array range of the suffixes starting with token id `token`, or `None` for
	/// the separator, unknown tokens and ids outside the vocabulary.
	fn bucket(&self, token: i32) -> Option<Range<usize>> {
		if token <= SEPARATOR {
			return None;
		}
		let token = token as usize;
		let start = *self.bucket_starts.get(token)? as usize;
		let end = *self.bucket_starts.get(token + 1)? as usize;
		(start < end).then_some(start..end)
	}

	/// Compares the first `pattern.len()` tokens of the suffix at `position` with `pattern`,
	/// assuming the first `known_equal` tokens are equal. Returns the ordering of the suffix's
	/// prefix relative to `pattern` (`Equal` when the suffix starts with `pattern`) and the
	/// length of their longest common prefix.
	#[inline]
	fn compare_suffix(
		&self,
		position: usize,
		pattern: &[i32],
		known_equal: usize,
	) -> (Ordering, usize) {
		let mut depth = known_equal;
		while let Some(&wanted) = pattern.get(depth) {
			let found = self.token_at(position.saturating_add(depth));
			if found != wanted {
				return (found.cmp(&wanted), depth);
			}
			depth += 1;
		}
		(Ordering::Equal, depth)
	}

	/// Binary search over `bucket` (whose suffixes all share `pattern[0]`) for the first rank
	/// whose suffix is not before `pattern` (`Less`), or, with `past_equal`, the first rank
	/// whose suffix is after it (`Greater`, comparing only `pattern.len()` tokens). Returns the
	/// rank and the longest common prefix of `pattern` with the suffixes just before and at
	/// that rank (0 when that neighbour is outside the bucket).
	///
	/// Uses the classic "min(lcp(lo), lcp(hi))" skip so comparisons resume where the bounds
	/// already agree with the pattern.
	fn search_bucket(
		&self,
		bucket: Range<usize>,
		pattern: &[i32],
		past_equal: bool,
	) -> (usize, usize, usize) {
		let (mut low, mut high) = (bucket.start, bucket.end);
		// Every suffix in the bucket shares the first token with the pattern.
		let (mut lcp_low, mut lcp_high) = (1usize, 1usize);
		let (mut low_moved, mut high_moved) = (false, false);
		while low < high {
			let middle = low + (high - low) / 2;
			let known_equal = lcp_low.min(lcp_high);
			let (ordering, lcp) = self.compare_suffix(self.suffix_at(middle), pattern, known_equal);
			let goes_right = match ordering {
				Ordering::Less => true,
				Ordering::Equal => past_equal,
				Ordering::Greater => false,
			};
			if goes_right {
				low = middle + 1;
				lcp_low = lcp;
				low_moved = true;
			} else {
				high = middle;
				lcp_high = lcp;
				high_moved = true;
			}
		}
		(low, if low_moved { lcp_low } else { 0 }, if high_moved { lcp_high } else { 0 })
	}

	/// The length of the longest prefix of `pattern` that occurs somewhere in the records.
	pub(crate) fn longest_prefix_len(&self, pattern: &[i32]) -> usize {
		let Some(&first) = pattern.first() else { return 0 };
		let Some(bucket) = self.bucket(first) else { return 0 };
		let (_, lcp_before, lcp_at) = self.search_bucket(bucket, pattern, false);
		// The suffix sharing the longest prefix with the pattern is adjacent to the pattern's
		// insertion point; at least one neighbour is inside the non-empty bucket.
		lcp_before.max(lcp_at).max(1)
	}

	/// The suffix-array ranks of all suffixes starting with `pattern`.
	fn occurrence_ranks(&self, pattern: &[i32]) -> Range<usize> {
		let Some(&first) = pattern.first() else { return 0..0 };
		let Some(bucket) = self.bucket(first) else { return 0..0 };
		let (start, _, _) = self.search_bucket(bucket.clone(), pattern, false);
		let (end, _, _) = self.search_bucket(start..bucket.end, pattern, true);
		start..end
	}

	/// For every distinct contribution whose record contains `pattern`, the smallest token
	/// offset of an occurrence in that record; sorted by contribution id.
	pub(crate) fn occurrences_by_contribution(&self, pattern: &[i32]) -> Vec<SpanOccurrence> {
		let mut first_offsets: BTreeMap<u64, u32> = BTreeMap::new();
		for rank in self.occurrence_ranks(pattern) {
			let position = self.suffix_at(rank);
			// The record whose start is the last one at or before `position`; the first record
			// starts at 0, so it exists whenever `position` is inside the text.
			let record =
				self.record_token_starts.partition_point(|&start| start as usize <= position);
			let Some(record) = record.checked_sub(1) else { continue };
			let (Some(&record_start), Some(&contribution_id)) =
				(self.record_token_starts.get(record), self.record_contribution_ids.get(record))
			else {
				continue;
			};
			let offset = (position - record_start as usize) as u32;
			first_offsets
				.entry(contribution_id)
				.and_modify(|kept| *kept = (*kept).min(offset))
				.or_insert(offset);
		}
		first_offsets
			.into_iter()
			.map(|(contribution_id, record_token_offset)| SpanOccurrence {
				contribution_id,
				record_token_offset,
			})
			.collect()
	}
}

/// A starting capacity for the token vector: English-like text averages well over four bytes
/// per token, so this rarely reallocates and never over-reserves by much.
fn estimate_token_count(input_bytes: u64) -> usize {
	usize::try_from(input_bytes / 5).unwrap_or(0).min(MAX_INDEX_POSITIONS as usize)
}

/// Renumbers the vocabulary so ids follow the byte-wise order of the token strings (1 is the
/// smallest), rewrites `tokens` accordingly and returns the final vocabulary.
fn sort_vocabulary(
	mut vocabulary: HashMap<Box<str>, i32>,
	tokens: &mut [i32],
) -> HashMap<Box<str>, i32> {
	let mut words: Vec<(&str, i32)> =
		vocabulary.iter().map(|(word, &id)| (word.as_ref(), id)).collect();
	words.sort_unstable_by(|left, right| left.0.cmp(right.0));
	// new_id_of[provisional id] = final id; index 0 (the separator) maps to itself.
	let mut new_id_of = vec![SEPARATOR; words.len() + 1];
	for (rank, &(_, provisional)) in words.iter().enumerate() {
		if let Some(slot) = new_id_of.get_mut(provisional as usize) {
			*slot = rank as i32 + 1;
		}
	}
	drop(words);
	for id in vocabulary.values_mut() {
		*id = new_id_of.get(*id as usize).copied().unwrap_or(SEPARATOR);
	}
	for token in tokens.iter_mut() {
		*token = new_id_of.get(*token as usize).copied().unwrap_or(SEPARATOR);
	}
	vocabulary
}

/// Builds the suffix array of `tokens` with libsais (single-threaded, integer alphabet).
fn build_suffix_array(tokens: &mut [i32]) -> Result<Vec<i32>, BuildError> {
	if tokens.is_empty() {
		return Ok(Vec::new());
	}
	let construction = SuffixArrayConstruction::for_text_mut(tokens).in_owned_buffer32();
	let result = construction
		.single_threaded()
		.run()
		.map_err(|error| BuildError::SuffixArray { message: format!("{error:?}") })?;
	Ok(result.into_vec())
}

/// `bucket_starts[t]` = number of positions holding a token id smaller than `t`, for
/// `t in 0..=vocabulary_len + 1`: the suffix array groups suffixes by their first token.
fn bucket_starts(tokens: &[i32], vocabulary_len: usize) -> Vec<u32> {
	let mut counts = vec![0u32; vocabulary_len + 2];
	for &token in tokens {
		if let Some(count) = counts.get_mut(token as usize + 1) {
			*count += 1;
		}
	}
	let mut running = 0u32;
	for count in counts.iter_mut() {
		running += *count;
		*count = running;
	}
	counts
}
