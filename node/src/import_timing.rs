//! How long each block takes to import, logged by the node itself when `LINEAGE_IMPORT_TIMES` is
//! set (to anything but `0`): one line per block the import queue imports, at `info` under the
//! target `lineage::import`.
//!
//! The load benchmark (`scripts/benchmark.sh load`) sets it for `import-blocks` to time each block
//! of the chain it built against the weight the block declared. It used to read the import
//! queue's and the client's `trace` lines instead, but any `trace` directive raises the node's
//! global log level, which the runtime reads: every `log::trace!` in the runtime then formats its
//! message and hands it across the wasm boundary to be thrown away, which made the import it
//! measured 15% slower. These lines are logged at `info`, the level a validator runs at.
//!
//! The line reads `block #N (0xhash) with E extrinsics: verified in V µs, imported in I µs`:
//! V is the consensus verifier's work (the Aura seal, the inherents), I the block import's
//! (execution and the commit to the database).

use std::time::Instant;

use sc_consensus::{BlockCheckParams, BlockImport, BlockImportParams, ImportResult, Verifier};
use sp_runtime::traits::{Block as BlockT, Header as _};

/// The environment variable that turns the lines on.
pub const IMPORT_TIMES_VARIABLE: &str = "LINEAGE_IMPORT_TIMES";

/// The log target of the lines.
pub const LOG_TARGET: &str = "lineage::import";

/// The key under which the verifier hands its timing to the block import.
const VERIFIED_KEY: &[u8] = b"lineage:import-timing";

/// Whether the node was asked to log each block's import time.
pub fn import_times_requested() -> bool {
	asks_for_lines(std::env::var_os(IMPORT_TIMES_VARIABLE))
}

/// Whether the variable's value (if set) asks for the lines: anything but `0` does.
fn asks_for_lines(value: Option<std::ffi::OsString>) -> bool {
	value.is_some_and(|value| value != "0")
}

/// What the verifier measured of one block, carried to the import as an intermediate.
struct Verified {
	micros: u128,
}

/// Wraps the consensus verifier and times it.
pub struct TimedVerifier<V>(pub V);

#[async_trait::async_trait]
impl<B: BlockT, V: Verifier<B>> Verifier<B> for TimedVerifier<V> {
	async fn verify(&self, block: BlockImportParams<B>) -> Result<BlockImportParams<B>, String> {
		let started = Instant::now();
		let mut verified = self.0.verify(block).await?;
		verified
			.insert_intermediate(VERIFIED_KEY, Verified { micros: started.elapsed().as_micros() });
		Ok(verified)
	}
}

/// Wraps the block import of the queue whose verifier is a [`TimedVerifier`], and logs each
/// block's timing when [`import_times_requested`]. It must be the outermost block import: it
/// removes the verifier's intermediate, which the client would refuse (a block with
/// intermediates left is an incomplete pipeline to it).
pub struct TimedBlockImport<I> {
	inner: I,
	log: bool,
}

impl<I> TimedBlockImport<I> {
	/// Wraps `inner`, logging if the environment asks for it.
	pub fn new(inner: I) -> Self {
		let log = import_times_requested();
		if log {
			log::info!(
				target: LOG_TARGET,
				"logging each imported block's import time ({IMPORT_TIMES_VARIABLE})"
			);
		}
		Self { inner, log }
	}
}

#[async_trait::async_trait]
impl<B: BlockT, I: BlockImport<B> + Send + Sync> BlockImport<B> for TimedBlockImport<I> {
	type Error = I::Error;

	async fn check_block(&self, block: BlockCheckParams<B>) -> Result<ImportResult, Self::Error> {
		self.inner.check_block(block).await
	}

	async fn import_block(
		&self,
		mut block: BlockImportParams<B>,
	) -> Result<ImportResult, Self::Error> {
		let verified = block.remove_intermediate::<Verified>(VERIFIED_KEY).ok();
		if !self.log {
			return self.inner.import_block(block).await;
		}
		let number = *block.header.number();
		let hash = block.post_hash();
		let extrinsics = block.body.as_ref().map_or(0, Vec::len);
		let started = Instant::now();
		let result = self.inner.import_block(block).await;
		let imported = started.elapsed().as_micros();
		if matches!(result, Ok(ImportResult::Imported(_))) {
			// A block that did not come through the verifier is logged without its part.
			let verified = verified
				.map(|Verified { micros }| format!("verified in {micros} µs, "))
				.unwrap_or_default();
			log::info!(
				target: LOG_TARGET,
				"block #{number} ({hash:?}) with {extrinsics} extrinsics: {verified}imported in {imported} µs",
			);
		}
		result
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use futures::executor::block_on;
	use lineage_runtime::opaque::{Block, Header};
	use sp_consensus::BlockOrigin;
	use std::sync::Mutex;

	/// Passes blocks through, as a verifier that accepts them does.
	struct Accepting;

	#[async_trait::async_trait]
	impl Verifier<Block> for Accepting {
		async fn verify(
			&self,
			block: BlockImportParams<Block>,
		) -> Result<BlockImportParams<Block>, String> {
			Ok(block)
		}
	}

	/// Stands for the client: notes how many intermediates each block reached it with (the
	/// client refuses a block with any) and imports it.
	#[derive(Default)]
	struct Client {
		intermediates_seen: Mutex<Vec<usize>>,
	}

	#[async_trait::async_trait]
	impl BlockImport<Block> for &Client {
		type Error = sp_consensus::Error;

		async fn check_block(
			&self,
			_: BlockCheckParams<Block>,
		) -> Result<ImportResult, Self::Error> {
			Ok(ImportResult::imported(false))
		}

		async fn import_block(
			&self,
			block: BlockImportParams<Block>,
		) -> Result<ImportResult, Self::Error> {
			self.intermediates_seen.lock().expect("not poisoned").push(block.intermediates.len());
			Ok(ImportResult::imported(true))
		}
	}

	fn block(number: u32) -> BlockImportParams<Block> {
		let header = Header::new(
			number,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		let mut params = BlockImportParams::new(BlockOrigin::File, header);
		params.body = Some(Vec::new());
		params
	}

	#[test]
	fn the_verifiers_timing_reaches_the_import_and_goes_no_further() {
		let client = Client::default();
		let import = TimedBlockImport { inner: &client, log: true };
		let verified = block_on(TimedVerifier(Accepting).verify(block(1))).expect("accepted");
		assert_eq!(verified.intermediates.len(), 1, "the verifier hands on its timing");
		assert!(matches!(block_on(import.import_block(verified)), Ok(ImportResult::Imported(_))));
		// Unlogged, and for a block that skipped the verifier, the same.
		let quiet = TimedBlockImport { inner: &client, log: false };
		let verified = block_on(TimedVerifier(Accepting).verify(block(2))).expect("accepted");
		assert!(block_on(quiet.import_block(verified)).is_ok());
		assert!(block_on(import.import_block(block(3))).is_ok());
		assert_eq!(*client.intermediates_seen.lock().expect("not poisoned"), vec![0, 0, 0]);
	}

	#[test]
	fn only_a_value_other_than_zero_asks_for_the_lines() {
		assert!(!asks_for_lines(None));
		assert!(!asks_for_lines(Some("0".into())));
		assert!(asks_for_lines(Some("1".into())));
		assert!(asks_for_lines(Some("yes".into())));
	}
}
