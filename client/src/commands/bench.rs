//! `lineage bench load`: the load benchmark of issue 14 ("Throughput measured side by side"),
//! `lineage bench rpc-cost`, what one JSON-RPC request costs the node (see [`cost`]), and
//! `lineage bench rpc-latency`, the load benchmark's latency measurement alone, repeated (see
//! [`rpc_latency`]).
//!
//! On one node (`./scripts/benchmark.sh load` starts a fresh `--dev` node for it), in one run:
//!
//! 1. funds fresh accounts (`//lineage-bench/<i>`, `//lineage-bench/batch/<j>`, `.../owner`,
//!    `.../operator/<k>`, `.../consumer/<c>`, `.../pipeline`) with `utility.batch_all` of
//!    transfers from the development accounts, and creates two open datasets (untimed);
//! 2. runs each phase: every extrinsic of the phase is signed before its timed window (explicit
//!    nonces, one mortal era), then submitted with plain `author_submitExtrinsic` as fast as
//!    the pool takes it (many in flight over a few WebSocket connections, none watched), and
//!    counted block by block: each new block is read once (`chain_getBlock`, its events, its
//!    `System::BlockWeight` and `Timestamp::Now`), the phase's extrinsics found in it by hash.
//!    Items per second are counted as polkadot-stps does: over the blocks carrying the phase,
//!    from the timestamp of the block before the first to that of the last. The phases:
//!    transfers (the baseline, first and last, for drift); contributions with commit-reveal
//!    (a commitment and its reveal, a block later, count as one); `contribute_batch` of 256
//!    records; metered inferences with consumer-signed vouchers, without and with one
//!    attribution entry; claims by the contributors those inferences paid;
//! 3. times the client's own pipelining: `lineage contribute --records FILE.jsonl` with 2,000
//!    records, in blocks and seconds;
//! 4. measures JSON-RPC latency (p50, p99) of `attribution_pendingRewards`,
//!    `datasets_contributionProof` and `system_health` at fixed rates, open loop, idle and under
//!    a transfers load, and with `--node-pid` the node's CPU time meanwhile, by thread
//!    ([`procfs`]);
//! 5. prints the table (items/s, items per full block, ratio to the transfer baseline, the
//!    baseline's drift, the latencies) and writes it all as JSON (`--output`).
//!
//! A block is *full* for a phase when the lightest of its extrinsics still waiting in the pool
//! would not have fitted in the block's normal-class weight (`System::BlockWeight` against the
//! limit) or length; a block that ended with room left while the phase's extrinsics waited
//! ended on the author's time budget, and is reported as such.

mod cost;
mod io;
mod latency;
mod procfs;
mod report;
mod rpc_latency;
mod scenario;
mod stats;

use crate::Result;
use std::path::PathBuf;

/// Benchmarks against a running node.
#[derive(Debug, clap::Subcommand)]
pub enum BenchCmd {
	/// The load benchmark: throughput of transfers, contributions, batches, metered inferences
	/// and claims in full blocks, the client's pipelining, and JSON-RPC latency. Run it against a
	/// fresh `--dev` node with a large transaction pool (`./scripts/benchmark.sh load` starts
	/// one); it takes the machine for its duration.
	Load(LoadArgs),
	/// What one JSON-RPC request costs a running node: its CPU time per request and the latency
	/// of requests sent one at a time, for `system_health`, `attribution_pendingRewards` and
	/// `datasets_contributionProof`. Run it against an idle node on a load benchmark's chain
	/// (`./scripts/benchmark.sh load` does, after the load).
	RpcCost(cost::RpcCostArgs),
	/// The load benchmark's JSON-RPC latency measurement alone, repeated: p50 and p99 of
	/// `attribution_pendingRewards`, `datasets_contributionProof` and `system_health` at fixed
	/// rates in one interleaved stream, each Lineage method's p99 as a multiple of
	/// `system_health`'s, and how that ratio spreads over the runs. Run it against a node on a
	/// load benchmark's chain.
	RpcLatency(rpc_latency::RpcLatencyArgs),
}

/// Options of `lineage bench load`.
#[derive(Debug, Clone, clap::Args)]
pub struct LoadArgs {
	/// The node's JSON-RPC WebSocket endpoint (waited for up to a minute).
	#[arg(long, value_name = "URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// A smoke test: few accounts, phases of a fraction of a block, 1 s per latency run (about
	/// three minutes).
	#[arg(long)]
	pub quick: bool,

	/// Write the results as JSON to this file.
	#[arg(long, value_name = "FILE")]
	pub output: Option<PathBuf>,

	/// Write the printed tables to this file too.
	#[arg(long, value_name = "FILE")]
	pub text_output: Option<PathBuf>,

	/// Blocks' worth of items each phase sends (by the weights the node gives them); default 7
	/// (at least 5 full blocks), 0.3 with --quick.
	#[arg(long, value_name = "BLOCKS")]
	pub blocks: Option<f64>,

	/// Sender accounts (default: as many as fill the contributions and claims phases).
	#[arg(long, value_name = "N")]
	pub senders: Option<u32>,

	/// WebSocket connections extrinsics are submitted over.
	#[arg(long, default_value_t = 4)]
	pub connections: usize,

	/// Submissions in flight at once, over all connections.
	#[arg(long, default_value_t = 512)]
	pub window: usize,

	/// JSON-RPC request rates to measure latency at (requests per second).
	#[arg(long, value_delimiter = ',', default_value = "500,2000,5000")]
	pub rpc_rates: Vec<u32>,

	/// Seconds per latency measurement (default 8, 1 with --quick).
	#[arg(long, value_name = "SECONDS")]
	pub rpc_seconds: Option<f64>,

	/// WebSocket connections latency is measured over.
	#[arg(long, default_value_t = 8)]
	pub rpc_connections: usize,

	/// The node's process id, on this machine: the report then says which of the node's threads
	/// used its CPU during each latency measurement (read from /proc, Linux).
	#[arg(long, value_name = "PID")]
	pub node_pid: Option<u32>,

	/// Records of the `lineage contribute --records` pipelining measurement.
	#[arg(long, default_value_t = 2000)]
	pub pipeline_records: u32,

	/// History to put on chain before the measured phases: this many batched contribution
	/// records and as many metered inferences (of a model of their own), so that the phases run
	/// on a chain that carries them. Reported as the `history:` phases.
	#[arg(long, value_name = "N", default_value_t = 0)]
	pub history: u64,
}

impl BenchCmd {
	pub async fn run(&self) -> Result<()> {
		match self {
			Self::Load(args) => {
				let bench = scenario::Bench::connect(args.clone()).await?;
				let report = bench.execute().await?;
				let text = report.text();
				println!("{text}");
				write_text(args.text_output.as_ref(), &text)?;
				if let Some(path) = &args.output {
					report.write_json(path)?;
					eprintln!("results written to {}", path.display());
				}
				Ok(())
			},
			Self::RpcCost(args) => {
				let text = cost::run(args).await?;
				println!("{text}");
				write_text(args.text_output.as_ref(), &text)
			},
			Self::RpcLatency(args) => {
				let text = rpc_latency::run(args).await?;
				println!("{text}");
				write_text(args.text_output.as_ref(), &text)
			},
		}
	}
}

fn write_text(path: Option<&PathBuf>, text: &str) -> Result<()> {
	if let Some(path) = path {
		std::fs::write(path, text).map_err(|e| {
			crate::ClientError::new(format!("cannot write {}: {e}", path.display()))
		})?;
	}
	Ok(())
}
