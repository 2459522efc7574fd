//! The tokeniser: Unicode-aware, deterministic, allocation-free on its hot path.
//!
//! See the crate documentation ("Tokeniser") for the exact rule.

use core::ops::Range;

/// One token of a text: its normalised string and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Token {
	/// The token's string: a lowercased alphanumeric run, or a single other character.
	pub text: String,
	/// The byte range of the token in the original text (before lowercasing).
	pub byte_range: Range<usize>,
}

/// Splits `text` into tokens (see the crate documentation, "Tokeniser").
///
/// Tokens are maximal runs of `char::is_alphanumeric` characters, lowercased with
/// `str::to_lowercase`, and every other non-whitespace character on its own. Whitespace
/// (`char::is_whitespace`) only separates tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
	let mut tokens = Vec::new();
	let mut lowercase_buffer = String::new();
	for_each_token(text, &mut lowercase_buffer, |token, byte_range| {
		tokens.push(Token { text: token.to_owned(), byte_range })
	});
	tokens
}

/// Calls `emit(token, byte_range)` for every token of `text`, in order.
///
/// `lowercase_buffer` is scratch space reused between calls so that ASCII tokens containing
/// upper-case letters are lowercased without allocating; tokens that are already lower case are
/// passed as slices of `text`.
pub(crate) fn for_each_token<F>(text: &str, lowercase_buffer: &mut String, mut emit: F)
where
	F: FnMut(&str, Range<usize>),
{
	let mut chars = text.char_indices().peekable();
	while let Some((start, first)) = chars.next() {
		let mut end = start + first.len_utf8();
		if first.is_alphanumeric() {
			let mut all_ascii = first.is_ascii();
			let mut has_ascii_upper = first.is_ascii_uppercase();
			while let Some(&(position, next)) = chars.peek() {
				if !next.is_alphanumeric() {
					break;
				}
				all_ascii &= next.is_ascii();
				has_ascii_upper |= next.is_ascii_uppercase();
				end = position + next.len_utf8();
				chars.next();
			}
			// `start` and `end` come from `char_indices` and `len_utf8`, so both are char
			// boundaries of `text` and the slice cannot panic.
			let run = &text[start..end];
			if all_ascii {
				if has_ascii_upper {
					// For ASCII, `str::to_lowercase` is exactly `to_ascii_lowercase`.
					lowercase_buffer.clear();
					lowercase_buffer.push_str(run);
					lowercase_buffer.make_ascii_lowercase();
					emit(lowercase_buffer.as_str(), start..end);
				} else {
					emit(run, start..end);
				}
			} else {
				// Non-ASCII runs use the full Unicode mapping, including context-dependent rules
				// such as the final sigma, applied to the run as a whole.
				let lowered = run.to_lowercase();
				emit(lowered.as_str(), start..end);
			}
		} else if !first.is_whitespace() {
			// Char boundaries as above.
			emit(&text[start..end], start..end);
		}
	}
}
