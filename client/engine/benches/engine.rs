//! Benchmarks of the attribution engine (Criterion, single-threaded).
//!
//! What is measured, for a synthetic corpus of 10 MB and of 100 MB:
//!
//! * `index_build/<size>`: [`Index::build`] over the whole corpus, reported as throughput in
//!   MB/s (decimal megabytes of record content per second);
//! * `attribute_2000_tokens/<size>`: [`attribute`] of a 2,000-token output against that index,
//!   half of it copied from several records in spans of 10–60 tokens, half random words.
//!
//! It also prints, once per size, the index's token and vocabulary counts and
//! [`Index::memory_bytes`] per input byte, and what the attribution found.
//!
//! The corpus is generated deterministically from a fixed seed: random words from a vocabulary
//! of 50,000 distinct lower-case words drawn with Zipf-like frequencies (`1 / rank`), some
//! capitalised, some followed by `,` or `.`, in records of 1–4 KB. It is generated once per run.
//!
//! Run everything (about 70 seconds on this two-core machine, data generation included):
//!
//! ```text
//! CARGO_TARGET_DIR=$HOME/.cache/lineage/target cargo bench -p lineage-attribution-engine
//! ```
//!
//! Quick mode, only the 10 MB corpus (used by CI):
//!
//! ```text
//! LINEAGE_ENGINE_BENCH_QUICK=1 cargo bench -p lineage-attribution-engine
//! ```

use std::{hint::black_box, time::Duration};

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use lineage_attribution_engine::{attribute, tokenize, Index, Params, Record};

/// Environment variable selecting quick mode (10 MB only).
const QUICK_MODE_VARIABLE: &str = "LINEAGE_ENGINE_BENCH_QUICK";
/// Distinct words in the synthetic vocabulary.
const VOCABULARY_WORDS: usize = 50_000;
/// Seed of everything random in the corpus and the outputs.
const SEED: u64 = 0x11e4_a9e0;
/// Output length for the attribution benchmark.
const OUTPUT_TOKENS: usize = 2_000;

/// A deterministic synthetic corpus generator.
struct Corpus {
	rng: fastrand::Rng,
	words: Vec<String>,
	/// Cumulative Zipf weights, `cumulative[r] = sum_{i <= r} 1 / (i + 1)`.
	cumulative: Vec<f64>,
}

impl Corpus {
	fn new(seed: u64) -> Corpus {
		let mut rng = fastrand::Rng::with_seed(seed);
		let mut seen = std::collections::HashSet::new();
		let mut words = Vec::with_capacity(VOCABULARY_WORDS);
		while words.len() < VOCABULARY_WORDS {
			// Lengths 2..=11, shorter words more likely, as in natural language.
			let length = 2 + rng.usize(0..5) + rng.usize(0..6);
			let word: String = (0..length).map(|_| rng.lowercase()).collect();
			if seen.insert(word.clone()) {
				words.push(word);
			}
		}
		// Shorter words get the high ranks (frequent words are short).
		words.sort_by_key(|word| word.len());
		let mut total = 0.0;
		let cumulative = (0..VOCABULARY_WORDS)
			.map(|rank| {
				total += 1.0 / (rank as f64 + 1.0);
				total
			})
			.collect();
		Corpus { rng, words, cumulative }
	}

	fn random_word(&mut self) -> &str {
		let total = self.cumulative.last().copied().unwrap_or(1.0);
		let target = self.rng.f64() * total;
		let rank = self.cumulative.partition_point(|&weight| weight < target);
		&self.words[rank.min(VOCABULARY_WORDS - 1)]
	}

	/// One record of `target_bytes` or slightly more.
	fn record_text(&mut self, target_bytes: usize) -> String {
		let mut text = String::with_capacity(target_bytes + 16);
		while text.len() < target_bytes {
			let capitalise = self.rng.u8(0..20) == 0;
			let punctuation = match self.rng.u8(0..24) {
				0 => ",",
				1 => ".",
				_ => "",
			};
			let word = self.random_word().to_owned();
			if capitalise {
				let mut letters = word.chars();
				if let Some(first) = letters.next() {
					text.extend(first.to_uppercase());
					text.push_str(letters.as_str());
				}
			} else {
				text.push_str(&word);
			}
			text.push_str(punctuation);
			text.push(' ');
		}
		text
	}

	/// Records of 1–4 KB until `total_bytes` of content.
	fn records(&mut self, total_bytes: usize) -> Vec<Record> {
		let mut records = Vec::new();
		let mut bytes = 0;
		let mut contribution_id = 0u64;
		while bytes < total_bytes {
			let size = self.rng.usize(1024..=4096).min(total_bytes - bytes);
			let content = self.record_text(size).into_bytes();
			bytes += content.len();
			records.push(Record { contribution_id, content });
			contribution_id += 1;
		}
		records
	}

	/// A 2,000-token output: alternating pieces copied from random records (10–60 tokens)
	/// and random words (10–60 tokens), 1,000 tokens of each.
	fn output(&mut self, records: &[Record]) -> String {
		let half = OUTPUT_TOKENS / 2;
		let (mut copied, mut random) = (0usize, 0usize);
		let mut tokens: Vec<String> = Vec::with_capacity(OUTPUT_TOKENS);
		while copied < half || random < half {
			if copied < half {
				let source = &records[self.rng.usize(0..records.len())];
				let source_tokens = tokenize(&String::from_utf8_lossy(&source.content));
				let length = self.rng.usize(10..=60).min(half - copied).min(source_tokens.len());
				let start = self.rng.usize(0..=source_tokens.len() - length);
				tokens.extend(source_tokens[start..start + length].iter().map(|t| t.text.clone()));
				copied += length;
			}
			if random < half {
				let length = self.rng.usize(10..=60).min(half - random);
				for _ in 0..length {
					tokens.push(self.random_word().to_owned());
				}
				random += length;
			}
		}
		tokens.join(" ")
	}
}

fn megabytes(bytes: usize) -> String {
	format!("{}MB", bytes / 1_000_000)
}

fn bench_size(criterion: &mut Criterion, corpus: &mut Corpus, records: &[Record], bytes: usize) {
	let label = megabytes(bytes);
	let index = Index::build(records.to_vec()).expect("synthetic corpus fits in an index");
	let output = corpus.output(records);
	let attribution = attribute(&index, &output, &Params::default());
	eprintln!(
		"[{label}] records: {}, input bytes: {}, tokens: {}, vocabulary: {}, memory: {} bytes \
		 = {:.3} bytes per input byte",
		index.len_records(),
		index.input_bytes(),
		index.len_tokens(),
		index.vocabulary_len(),
		index.memory_bytes(),
		index.memory_bytes() as f64 / index.input_bytes() as f64,
	);
	eprintln!(
		"[{label}] output tokens: {}, evidence spans: {}, entries: {}, matched: {:.1} tokens",
		attribution.output_tokens,
		attribution.evidence.spans.len(),
		attribution.entries.len(),
		attribution.matched_tokens.values().sum::<u64>() as f64 / 1e6,
	);

	let mut group = criterion.benchmark_group("index_build");
	group
		.sample_size(10)
		.sampling_mode(SamplingMode::Flat)
		.warm_up_time(Duration::from_millis(500))
		.measurement_time(Duration::from_secs(if bytes > 20_000_000 { 30 } else { 5 }))
		.throughput(Throughput::BytesDecimal(index.input_bytes()));
	group.bench_function(&label, |bencher| {
		bencher.iter_batched(
			|| records.to_vec(),
			|records| black_box(Index::build(records)),
			BatchSize::PerIteration,
		)
	});
	group.finish();

	let mut group = criterion.benchmark_group("attribute_2000_tokens");
	group
		.sample_size(30)
		.warm_up_time(Duration::from_millis(500))
		.measurement_time(Duration::from_secs(3));
	group.bench_function(&label, |bencher| {
		bencher.iter(|| black_box(attribute(&index, black_box(&output), &Params::default())))
	});
	group.finish();
}

fn main() {
	let mut criterion = Criterion::default().configure_from_args();
	let quick = std::env::var(QUICK_MODE_VARIABLE).is_ok_and(|value| value == "1");
	let mut corpus = Corpus::new(SEED);
	let sizes: &[usize] = if quick { &[10_000_000] } else { &[10_000_000, 100_000_000] };
	for &bytes in sizes {
		let records = corpus.records(bytes);
		bench_size(&mut criterion, &mut corpus, &records, bytes);
	}
	criterion.final_summary();
}
