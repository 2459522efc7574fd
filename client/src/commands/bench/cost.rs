//! `lineage bench rpc-cost`: what one JSON-RPC request costs a running node, sent one at a time
//! over one connection: the node's CPU time per request (from `/proc/<pid>/stat`, Linux) and the
//! requests' latency, for the methods the load benchmark times at fixed rates. With
//! `--first-queries`, also what the first `attribution_pendingRewards` about an account costs
//! against the same query again (the account's keys not yet in the node's caches).

use super::{io, procfs::cpu_seconds, stats::percentile};
use crate::{Chain, ClientError, Result};
use jsonrpsee::{core::params::ArrayParams, rpc_params};
use std::{
	collections::BTreeSet,
	fmt::Write as _,
	path::PathBuf,
	time::{Duration, Instant},
};

/// Options of `lineage bench rpc-cost`.
#[derive(Debug, Clone, clap::Args)]
pub struct RpcCostArgs {
	/// The node's JSON-RPC WebSocket endpoint (waited for up to a minute).
	#[arg(long, value_name = "URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// The node's process id, whose CPU time is read from /proc.
	#[arg(long)]
	pub node_pid: u32,

	/// Requests per method, after a warm-up of 200.
	#[arg(long, default_value_t = 4000)]
	pub requests: u64,

	/// Also ask `attribution_pendingRewards` for every contributor of the chain not asked about
	/// yet, in two passes: each account's first query, then the same queries again.
	#[arg(long)]
	pub first_queries: bool,

	/// Write the printed table to this file too.
	#[arg(long, value_name = "FILE")]
	pub text_output: Option<PathBuf>,
}

/// The figures of one series of requests.
struct Series {
	name: String,
	cpu_us_per_request: f64,
	/// Latencies in µs, sorted.
	latencies: Vec<u64>,
	seconds: f64,
}

impl Series {
	fn ms(&self, p: f64) -> f64 {
		percentile(&self.latencies, p).unwrap_or_default() as f64 / 1000.0
	}

	fn row(&self) -> String {
		let slow = self.latencies.iter().filter(|&&l| l > 2_000).count();
		format!(
			"| `{}` | {:.1} | {:.3} | {:.3} | {:.3} | {} | {:.0} |",
			self.name,
			self.cpu_us_per_request,
			self.ms(50.0),
			self.ms(99.0),
			self.latencies.last().copied().unwrap_or_default() as f64 / 1000.0,
			slow,
			self.latencies.len() as f64 / self.seconds.max(f64::EPSILON),
		)
	}
}

/// Sends `params(i)` for `i` in `0..count` to `method` one at a time.
async fn series(
	client: &Chain,
	pid: u32,
	name: String,
	method: &str,
	count: usize,
	params: impl Fn(usize) -> ArrayParams,
) -> Result<Series> {
	let mut latencies = Vec::with_capacity(count);
	let cpu_before = cpu_seconds(pid)?;
	let started = Instant::now();
	for i in 0..count {
		let sent = Instant::now();
		client.call::<serde_json::Value>(method, params(i)).await?;
		latencies.push(sent.elapsed().as_micros() as u64);
	}
	let seconds = started.elapsed().as_secs_f64();
	let cpu = cpu_seconds(pid)? - cpu_before;
	latencies.sort_unstable();
	Ok(Series { name, cpu_us_per_request: 1e6 * cpu / count.max(1) as f64, latencies, seconds })
}

/// The contributor of contribution `id`, if it exists.
async fn contributor(client: &Chain, id: u64) -> Result<Option<String>> {
	let proof: serde_json::Value =
		client.call("datasets_contributionProof", rpc_params![id]).await?;
	Ok(proof.get("contributor").and_then(|c| c.as_str()).map(str::to_string))
}

/// The contributors of contributions `ids`, in order (those that exist).
pub(super) async fn contributors(
	client: &Chain,
	ids: impl IntoIterator<Item = u64>,
) -> Result<Vec<String>> {
	let mut found = Vec::new();
	for id in ids {
		if let Some(who) = contributor(client, id).await? {
			found.push(who);
		}
	}
	Ok(found)
}

/// How many records the dataset of contribution 0 holds (its Merkle tree's leaves): an error
/// if there is no contribution 0, the chain is not a load benchmark's.
pub(super) async fn contributions_in_first_dataset(client: &Chain) -> Result<u64> {
	let first: serde_json::Value =
		client.call("datasets_contributionProof", rpc_params![0u64]).await?;
	first.get("leafCount").and_then(|n| n.as_u64()).ok_or_else(|| {
		ClientError::new("the chain has no contribution 0: run this on a load benchmark's chain")
	})
}

/// The parameters of a method's `i`-th request.
type ParamsOf<'a> = Box<dyn Fn(usize) -> ArrayParams + 'a>;

const HEADER: &str = "| Requests | Node CPU per request (µs) | p50 (ms) | p99 (ms) | max (ms) | \
	over 2 ms | Requests/s |\n|---|---:|---:|---:|---:|---:|---:|";

/// Runs `lineage bench rpc-cost` and returns its table.
pub async fn run(args: &RpcCostArgs) -> Result<String> {
	let chain = io::connect_patiently(&args.url, Duration::from_secs(60)).await?;
	let client = &chain;
	cpu_seconds(args.node_pid)?;
	// A node that has just started is still setting up (its network, its first checks): let it
	// settle, so that its CPU time is the requests'.
	tokio::time::sleep(Duration::from_secs(3)).await;
	let leaf_count = contributions_in_first_dataset(client).await?;
	// The contributors asked about in the timed series: those of the first contributions of
	// dataset 0 (a quarter of them at most, so that `--first-queries` has accounts left).
	let asked = contributors(client, 0..(leaf_count / 4).clamp(1, 100)).await?;
	let count = args.requests as usize;
	let mut out = String::new();
	let _ = writeln!(
		out,
		"{count} requests per method, one at a time over one connection, after 200 to warm up; \
		 node pid {}\n\n{HEADER}",
		args.node_pid
	);
	let methods: [(&str, ParamsOf); 3] = [
		("system_health", Box::new(|_| rpc_params![])),
		(
			"attribution_pendingRewards",
			Box::new(|i| rpc_params![asked.get(i % asked.len().max(1)).cloned()]),
		),
		(
			"datasets_contributionProof",
			Box::new(move |i| rpc_params![i as u64 % leaf_count.max(1)]),
		),
	];
	for (method, params) in &methods {
		series(client, args.node_pid, format!("{method} (warm-up)"), method, 200, params).await?;
		let measured =
			series(client, args.node_pid, method.to_string(), method, count, params).await?;
		let _ = writeln!(out, "{}", measured.row());
	}
	if args.first_queries {
		let known: BTreeSet<&String> = asked.iter().collect();
		let mut accounts = Vec::new();
		let mut seen = BTreeSet::new();
		for id in 0..leaf_count {
			if let Some(who) = contributor(client, id).await? {
				if !known.contains(&who) && seen.insert(who.clone()) {
					accounts.push(who);
				}
			}
		}
		let _ = writeln!(
			out,
			"\n`attribution_pendingRewards` for each of the {} contributors of dataset 0 not asked \
			 about above, one at a time, twice over\n\n{HEADER}",
			accounts.len()
		);
		for name in ["first query of each account", "the same queries again"] {
			let measured = series(
				client,
				args.node_pid,
				name.to_string(),
				"attribution_pendingRewards",
				accounts.len(),
				|i| rpc_params![accounts.get(i).cloned().unwrap_or_default()],
			)
			.await?;
			let _ = writeln!(out, "{}", measured.row());
		}
	}
	Ok(out)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_series_row_counts_slow_requests_and_the_rate() {
		let series = Series {
			name: "m".into(),
			cpu_us_per_request: 40.0,
			latencies: vec![100, 200, 300, 2_500],
			seconds: 2.0,
		};
		assert_eq!(series.row(), "| `m` | 40.0 | 0.200 | 2.500 | 2.500 | 1 | 2 |");
	}
}
