//! `lineage bench rpc-latency`: the load benchmark's JSON-RPC latency measurement on its own,
//! against a running node, as many times as asked, with the length of the methods' turns as a
//! parameter. It answers what one load run cannot: how far the p99 of
//! `attribution_pendingRewards` and `datasets_contributionProof` against `system_health`'s moves
//! between measurements of one node, and how much of it is where the node's slow moments (a
//! block authored, imported, committed) happened to fall.

use super::{
	cost::{contributions_in_first_dataset, contributors},
	io,
	latency::{self, LatencyRun},
	report::thousands,
	stats::ratio,
};
use crate::{ClientError, Result};
use std::{fmt::Write as _, path::PathBuf, time::Duration};

/// Options of `lineage bench rpc-latency`.
#[derive(Debug, Clone, clap::Args)]
pub struct RpcLatencyArgs {
	/// The node's JSON-RPC WebSocket endpoint (waited for up to a minute). Its chain needs a
	/// contribution 0 (a load benchmark's chain has thousands).
	#[arg(long, value_name = "URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// Request rates to measure at (requests per second, all methods together).
	#[arg(long, value_delimiter = ',', default_value = "5000")]
	pub rates: Vec<u32>,

	/// Seconds per method and rate.
	#[arg(long, default_value_t = 8.0)]
	pub seconds: f64,

	/// How many consecutive requests of one method the stream sends before the next method's
	/// (the load benchmark's turns are 1 request; before, they were 0.1 s: 500 requests at
	/// 5,000 req/s).
	#[arg(long, default_value_t = super::latency::LOAD_TURN_REQUESTS)]
	pub turn_requests: u64,

	/// Measurements per rate, one after the other.
	#[arg(long, default_value_t = 1)]
	pub repeat: u32,

	/// WebSocket connections the requests are spread over.
	#[arg(long, default_value_t = 8)]
	pub connections: usize,

	/// The node's process id, on this machine: each measurement then says which of the node's
	/// threads used its CPU (read from /proc, Linux).
	#[arg(long, value_name = "PID")]
	pub node_pid: Option<u32>,

	/// Write the printed table to this file too.
	#[arg(long, value_name = "FILE")]
	pub text_output: Option<PathBuf>,
}

/// Contributions whose contributors `attribution_pendingRewards` asks about (and whose proofs
/// `datasets_contributionProof` asks for), at most.
const ASKED: u64 = 100;

/// One measurement's row: the three methods at one rate.
struct Row {
	run: u32,
	rate: u32,
	/// p99 (ms) of `system_health`, `attribution_pendingRewards`, `datasets_contributionProof`.
	p99_ms: [Option<f64>; 3],
	p50_ms: [Option<f64>; 3],
	sustained: bool,
	node_cpu: Option<String>,
}

impl Row {
	fn new(run: u32, rate: u32, measured: &[LatencyRun], node_cpu: Option<String>) -> Self {
		let of = |method: &str| measured.iter().find(|r| r.method == method);
		let methods =
			["system_health", "attribution_pendingRewards", "datasets_contributionProof"].map(of);
		Row {
			run,
			rate,
			p99_ms: methods.map(|r| r.and_then(|r| r.p99_ms)),
			p50_ms: methods.map(|r| r.and_then(|r| r.p50_ms)),
			sustained: methods.iter().all(|r| r.is_some_and(|r| r.sustained)),
			node_cpu,
		}
	}

	/// The p99 of the Lineage method `i` (1 or 2) as a multiple of `system_health`'s.
	fn ratio(&self, i: usize) -> Option<f64> {
		ratio(self.p99_ms.get(i).copied().flatten(), self.p99_ms.first().copied().flatten())
	}

	fn text(&self) -> String {
		let ms = |v: Option<f64>| v.map_or_else(|| "-".into(), |v| format!("{v:.2}"));
		let ratio = |v: Option<f64>| v.map_or_else(|| "-".into(), |v| format!("{v:.2}×"));
		let [h, p, c] = self.p99_ms.map(ms);
		let [h50, p50, c50] = self.p50_ms.map(ms);
		format!(
			"| {} | {} | {h50} / {h} | {p50} / {p} | {c50} / {c} | {} | {} | {} | {} |",
			self.run,
			thousands(f64::from(self.rate)),
			ratio(self.ratio(1)),
			ratio(self.ratio(2)),
			if self.sustained { "yes" } else { "no" },
			self.node_cpu.as_deref().unwrap_or("-"),
		)
	}
}

/// The median, smallest and largest of `values` (None if there are none).
fn spread(mut values: Vec<f64>) -> Option<(f64, f64, f64)> {
	values.sort_by(f64::total_cmp);
	let median = match values.len() {
		0 => return None,
		n if n % 2 == 1 => *values.get(n / 2)?,
		n => (*values.get(n / 2 - 1)? + *values.get(n / 2)?) / 2.0,
	};
	Some((median, *values.first()?, *values.last()?))
}

/// Runs `lineage bench rpc-latency` and returns its table.
pub async fn run(args: &RpcLatencyArgs) -> Result<String> {
	if args.seconds.is_nan()
		|| args.seconds <= 0.0
		|| args.turn_requests == 0
		|| args.rates.contains(&0)
	{
		return Err(ClientError::new(
			"--seconds, --turn-requests and every rate must be above zero",
		));
	}
	let chain = io::connect_patiently(&args.url, Duration::from_secs(60)).await?;
	if let Some(pid) = args.node_pid {
		super::procfs::thread_cpu(pid)?;
	}
	let ids: Vec<u64> =
		(0..contributions_in_first_dataset(&chain).await?.clamp(1, ASKED)).collect();
	let accounts = contributors(&chain, ids.iter().copied()).await?;
	let clients = latency::connect(&args.url, args.connections).await?;
	let requests = latency::lineage_requests(accounts, ids);
	latency::warm_up(&clients, &requests).await;
	let mut out = String::new();
	let _ = writeln!(
		out,
		"JSON-RPC latency, open loop over {} WebSocket connections, {} s per rate and method in \
		 one stream of requests the methods take in turns of {} request(s), the order rotated each round \
		 (ms, from each request's scheduled time); ratios are p99 against `system_health`'s\n\n\
		 | Run | Rate (req/s) | `system_health` p50 / p99 | `attribution_pendingRewards` p50 / \
		 p99 | `datasets_contributionProof` p50 / p99 | pendingRewards ÷ health | \
		 contributionProof ÷ health | Sustained | Node CPU (s): busiest threads |\n\
		 |---:|---:|---:|---:|---:|---:|---:|---|---|",
		clients.len(),
		args.seconds,
		args.turn_requests,
	);
	let mut rows = Vec::new();
	for run in 1..=args.repeat.max(1) {
		for &rate in &args.rates {
			let (measured, window) = latency::measure_interleaved(
				&clients,
				&requests,
				rate,
				args.seconds,
				args.turn_requests,
				"idle",
				args.node_pid,
			)
			.await;
			let node_cpu = window.map(|w| format!("{:.2}: {}", w.cpu_seconds, w.busiest_text()));
			let row = Row::new(run, rate, &measured, node_cpu);
			eprintln!("{}", row.text());
			let _ = writeln!(out, "{}", row.text());
			rows.push(row);
		}
	}
	let _ = writeln!(out);
	for &rate in &args.rates {
		for (i, name) in [(1, "attribution_pendingRewards"), (2, "datasets_contributionProof")] {
			let ratios =
				rows.iter().filter(|r| r.rate == rate).filter_map(|r| r.ratio(i)).collect();
			if let Some((median, least, most)) = spread(ratios) {
				let _ = writeln!(
					out,
					"At {} req/s, `{name}` p99 ÷ `system_health`'s {}: median {median:.2}×, from \
					 {least:.2}× to {most:.2}×",
					thousands(f64::from(rate)),
					match args.repeat.max(1) {
						1 => "in one run".to_string(),
						n => format!("over {n} runs"),
					},
				);
			}
		}
	}
	Ok(out)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn run_of(method: &str, p50: f64, p99: f64) -> LatencyRun {
		LatencyRun {
			condition: "idle".into(),
			method: method.into(),
			rate: 5000,
			seconds: 8.0,
			sent: 10,
			answered: 10,
			errors: 0,
			achieved_rate: 5000.0,
			p50_ms: Some(p50),
			p99_ms: Some(p99),
			max_ms: Some(p99),
			send_lag_p99_ms: Some(0.1),
			sustained: true,
		}
	}

	#[test]
	fn a_row_divides_each_lineage_p99_by_system_healths() {
		let measured = [
			run_of("datasets_contributionProof", 0.3, 3.0),
			run_of("system_health", 0.2, 2.0),
			run_of("attribution_pendingRewards", 0.25, 1.0),
		];
		let row = Row::new(2, 5000, &measured, Some("3.00: rpc 2.00".into()));
		assert_eq!(row.ratio(1), Some(0.5));
		assert_eq!(row.ratio(2), Some(1.5));
		assert_eq!(
			row.text(),
			"| 2 | 5,000 | 0.20 / 2.00 | 0.25 / 1.00 | 0.30 / 3.00 | 0.50× | 1.50× | yes | \
			 3.00: rpc 2.00 |"
		);
	}

	#[test]
	fn a_row_missing_a_method_has_no_ratio_and_is_not_sustained() {
		let row = Row::new(1, 500, &[run_of("system_health", 0.2, 2.0)], None);
		assert_eq!(row.ratio(1), None);
		assert!(!row.sustained);
		assert!(row.text().ends_with("| - | - | no | - |"), "{}", row.text());
	}

	#[test]
	fn the_spread_of_ratios_is_their_median_and_range() {
		assert_eq!(spread(vec![3.0, 1.0, 2.0]), Some((2.0, 1.0, 3.0)));
		assert_eq!(spread(vec![4.0, 1.0, 2.0, 3.0]), Some((2.5, 1.0, 4.0)));
		assert_eq!(spread(Vec::new()), None);
	}
}
