//! `lineage-try-runtime`: what `try-runtime on-runtime-upgrade` does, for Lineage.
//!
//! It takes a state snapshot of a live chain (all keys of its finalised block, checked against
//! the header's state root, with frame-remote-externalities), then executes the given runtime's
//! `TryRuntime_on_runtime_upgrade` on it with every check selected: each migration with its
//! pre- and post-upgrade checks, then every pallet's `try_state` invariants. The runtime must be
//! built with the `try-runtime` feature (scripts/test.sh builds the next runtime so, and
//! scripts/try-runtime.sh runs this tool).

use clap::Parser;
use codec::{Decode, Encode};
use frame_remote_externalities::{Builder, Mode, OfflineConfig, OnlineConfig, SnapshotConfig};
use lineage_runtime::opaque::Block;
use sc_executor::WasmExecutor;
use sp_core::traits::{CallContext, RuntimeCode, WrappedRuntimeCode};
use sp_state_machine::{Backend, OverlayedChanges, StateMachine};
use sp_weights::Weight;
use std::path::PathBuf;

/// What the runtime's upgrade checks select (frame-try-runtime's `UpgradeCheckSelect::All`).
const CHECK_ALL: u8 = 1;

#[derive(Debug, Parser)]
#[command(about = "Run a runtime's migrations and try_state checks on a live chain's state")]
struct Args {
	/// The node whose finalised state is snapshotted (ws:// or wss://).
	#[arg(long)]
	uri: String,
	/// The runtime to check, built with `--features try-runtime` (a .wasm, compressed or not).
	#[arg(long, value_name = "FILE")]
	runtime: PathBuf,
	/// Where to keep the snapshot (default: a file in the temporary directory).
	#[arg(long, value_name = "FILE")]
	snapshot: Option<PathBuf>,
	/// A negative control: empty the attribution pot's balance in the snapshot before running,
	/// which the attribution pallet's invariants must catch (the run must then fail).
	#[arg(long)]
	tamper_attribution_pot: bool,
}

#[tokio::main]
async fn main() {
	// The runtime's log lines (and a failing check's message) go to standard error.
	sp_tracing::try_init_simple();
	if let Err(e) = run(Args::parse()).await {
		eprintln!("error: {e}");
		std::process::exit(1);
	}
}

async fn run(args: Args) -> Result<(), String> {
	let code = std::fs::read(&args.runtime)
		.map_err(|e| format!("cannot read the runtime {}: {e}", args.runtime.display()))?;
	let snapshot = args.snapshot.unwrap_or_else(|| {
		std::env::temp_dir().join(format!("lineage-try-runtime-{}.snap", std::process::id()))
	});

	// The snapshot of every key, written to a file and loaded back as try-runtime's `snap` does.
	Builder::<Block>::new()
		.mode(Mode::Online(OnlineConfig {
			state_snapshot: Some(SnapshotConfig::new(&snapshot)),
			..OnlineConfig::from(args.uri.clone())
		}))
		.build()
		.await
		.map_err(|e| format!("cannot snapshot the state of {}: {e:?}", args.uri))?;
	let mut ext = Builder::<Block>::new()
		.mode(Mode::Offline(OfflineConfig { state_snapshot: SnapshotConfig::new(&snapshot) }))
		.build()
		.await
		.map_err(|e| format!("cannot load the snapshot {}: {e:?}", snapshot.display()))?;
	if args.tamper_attribution_pot {
		let pot = lineage_runtime::Attribution::pot();
		let key = frame_system::Account::<lineage_runtime::Runtime>::hashed_key_for(&pot);
		let emptied = frame_system::AccountInfo::<
			lineage_runtime::Nonce,
			<lineage_runtime::Runtime as frame_system::Config>::AccountData,
		>::default();
		ext.inner_ext.insert(key, emptied.encode());
		println!("negative control: the attribution pot's balance is emptied in the snapshot");
	}
	let backend = ext.inner_ext.as_backend();
	let keys = backend.keys(Default::default()).map_err(|e| e.to_string())?.count();
	println!(
		"snapshot of {} at block #{}: {keys} keys ({})",
		args.uri,
		ext.header.number,
		snapshot.display()
	);

	let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let runtime_code = RuntimeCode {
		code_fetcher: &WrappedRuntimeCode(code.as_slice().into()),
		heap_pages: None,
		hash: sp_io::hashing::blake2_256(&code).to_vec(),
	};
	let mut overlay = OverlayedChanges::default();
	let mut extensions = Default::default();
	let output = StateMachine::new(
		&backend,
		&mut overlay,
		&executor,
		"TryRuntime_on_runtime_upgrade",
		&CHECK_ALL.encode(),
		&mut extensions,
		&runtime_code,
		CallContext::Offchain,
	)
	.execute()
	.map_err(|e| format!("the runtime upgrade checks failed: {e}"))?;
	let (weight, max): (Weight, Weight) = Decode::decode(&mut &output[..])
		.map_err(|e| format!("the runtime answered something else than two weights: {e}"))?;
	println!(
		"try-runtime passed: migrations and every pallet's try_state hold on {keys} keys \
		 (on_runtime_upgrade weight {} ps of {} ps)",
		weight.ref_time(),
		max.ref_time()
	);
	let _ = std::fs::remove_file(&snapshot);
	Ok(())
}
