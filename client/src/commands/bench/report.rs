//! The load benchmark's results: the table it prints and the JSON file it writes.

use super::{
	latency::LatencyRun,
	procfs::ThreadCpu,
	scenario::{PhaseResult, Plan},
	stats::{drift_percent, ratio, BlockRow, Figures, Limits},
	LoadArgs,
};
use crate::{Chain, ClientError, Result};
use serde::Serialize;
use std::{fmt::Write as _, path::Path};

/// The names of the two baseline phases.
pub const FIRST_BASELINE: &str = "transfers (first)";
pub const LAST_BASELINE: &str = "transfers (last)";

/// The targets, as multiples of the transfer baseline, by phase name prefix.
const TARGETS: &[(&str, f64)] = &[
	("contributions", 0.5),
	("batched records", 10.0),
	("inferences, vouchers, 1 attribution", 3.0),
	("claims", 0.5),
];

/// The most the p99 latency of a Lineage method may be, as a multiple of `system_health`'s.
pub const RPC_P99_TARGET: f64 = 1.3;

fn target_of(name: &str) -> Option<f64> {
	TARGETS.iter().find(|(prefix, _)| name.starts_with(prefix)).map(|(_, t)| *t)
}

/// `lineage contribute --records`, timed.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pipelining {
	pub command: String,
	pub records: u32,
	pub contributed: u32,
	pub commit_blocks: Vec<u32>,
	pub reveal_blocks: Vec<u32>,
	/// Distinct blocks holding any of its extrinsics.
	pub blocks: u32,
	/// Wall-clock seconds of the command, from start to exit.
	pub seconds: f64,
	/// All records contributed, in at most two blocks.
	pub within_two_blocks: bool,
}

impl Pipelining {
	pub fn new(
		command: String,
		records: u32,
		contributed: u32,
		commit_blocks: Vec<u32>,
		reveal_blocks: Vec<u32>,
		seconds: f64,
	) -> Self {
		let mut all: Vec<u32> = commit_blocks.iter().chain(&reveal_blocks).copied().collect();
		all.sort_unstable();
		all.dedup();
		let blocks = all.len() as u32;
		Self {
			command,
			records,
			contributed,
			within_two_blocks: contributed == records && blocks <= 2,
			commit_blocks,
			reveal_blocks,
			blocks,
			seconds,
		}
	}

	/// One line saying what happened.
	pub fn line(&self) -> String {
		format!(
			"pipelining: {} of {} records contributed by `lineage contribute --records` in {} \
			 blocks (commitments in {}, reveals in {}), {:.1} s: {}",
			self.contributed,
			self.records,
			self.blocks,
			blocks_text(&self.commit_blocks),
			blocks_text(&self.reveal_blocks),
			self.seconds,
			if self.within_two_blocks { "within 2 blocks" } else { "MORE than 2 blocks" }
		)
	}
}

fn blocks_text(blocks: &[u32]) -> String {
	if blocks.is_empty() {
		return "none".into();
	}
	blocks.iter().map(|b| format!("#{b}")).collect::<Vec<_>>().join(", ")
}

/// The p99 of a Lineage method against `system_health`'s at one rate.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RpcRatio {
	pub condition: String,
	pub rate: u32,
	pub method: String,
	pub p99_ratio: Option<f64>,
	pub within_target: Option<bool>,
}

/// Every latency measurement and what they say.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RpcSummary {
	pub runs: Vec<LatencyRun>,
	/// The node's CPU time during each measurement (with `--node-pid`).
	pub node_cpu: Vec<NodeCpuWindow>,
	/// The transfers load lasted until the last loaded measurement ended.
	pub load_covered_measurements: bool,
	/// The highest rate at which every method was sustained, idle and under load.
	pub highest_sustained_idle: Option<u32>,
	pub highest_sustained_load: Option<u32>,
	pub ratios: Vec<RpcRatio>,
}

/// The highest rate at which every run of `condition` was sustained.
pub fn highest_sustained(runs: &[LatencyRun], condition: &str) -> Option<u32> {
	let mut rates: Vec<u32> =
		runs.iter().filter(|r| r.condition == condition).map(|r| r.rate).collect();
	rates.sort_unstable();
	rates.dedup();
	rates
		.into_iter()
		.filter(|rate| {
			runs.iter().filter(|r| r.condition == condition && r.rate == *rate).all(|r| r.sustained)
		})
		.max()
}

/// Each Lineage method's p99 as a multiple of `system_health`'s at the same rate and condition.
pub fn p99_ratios(runs: &[LatencyRun]) -> Vec<RpcRatio> {
	let mut out = Vec::new();
	for health in runs.iter().filter(|r| r.method == "system_health") {
		for run in runs.iter().filter(|r| {
			r.method != "system_health" && r.condition == health.condition && r.rate == health.rate
		}) {
			let p99_ratio = ratio(run.p99_ms, health.p99_ms);
			out.push(RpcRatio {
				condition: run.condition.clone(),
				rate: run.rate,
				method: run.method.clone(),
				p99_ratio,
				within_target: p99_ratio.map(|r| r <= RPC_P99_TARGET),
			});
		}
	}
	out
}

impl RpcSummary {
	pub fn new(
		runs: Vec<LatencyRun>,
		node_cpu: Vec<NodeCpuWindow>,
		load_covered_measurements: bool,
	) -> Self {
		Self {
			highest_sustained_idle: highest_sustained(&runs, "idle"),
			highest_sustained_load: highest_sustained(&runs, "load"),
			ratios: p99_ratios(&runs),
			load_covered_measurements,
			runs,
			node_cpu,
		}
	}
}

/// What the node's threads used of its CPU during one latency measurement (all methods at one
/// rate, in one condition).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeCpuWindow {
	pub condition: String,
	pub rate: u32,
	/// How long the measurement lasted.
	pub wall_seconds: f64,
	/// The node's CPU time in all (threads that ended meanwhile included).
	pub cpu_seconds: f64,
	/// The pools of threads that used the most of it, busiest first (see `procfs::busiest`).
	pub busiest: Vec<ThreadCpu>,
}

impl NodeCpuWindow {
	/// The window's row in the report's table.
	pub fn row(&self) -> String {
		format!(
			"| {} | {} | {:.1} | {:.2} | {} |",
			self.condition,
			thousands(f64::from(self.rate)),
			self.wall_seconds,
			self.cpu_seconds,
			self.busiest_text()
		)
	}

	/// The busiest pools and their CPU seconds, busiest first: `rpc 4.20, tokio-rt-worker 1.75`.
	pub fn busiest_text(&self) -> String {
		let threads: Vec<String> =
			self.busiest.iter().map(|t| format!("{} {:.2}", t.name, t.cpu_seconds)).collect();
		threads.join(", ")
	}
}

/// One phase in the report.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseReport {
	pub name: String,
	pub unit: String,
	pub planned_extrinsics: usize,
	pub refused: usize,
	pub unsent: usize,
	pub missing: usize,
	pub reasons: Vec<(String, usize)>,
	/// Each kind of extrinsic: name, weight (ps of reference time), encoded length.
	pub kinds: Vec<(String, u64, u64)>,
	#[serde(flatten)]
	pub figures: Figures,
	/// Items per second as a multiple of the baseline (the mean of the two transfer runs).
	pub ratio: Option<f64>,
	pub target: Option<f64>,
	pub meets_target: Option<bool>,
	pub wall_seconds: f64,
	/// Extrinsics the pool accepted, and how long that took from the first submission.
	pub accepted: usize,
	pub submit_seconds: f64,
	/// Laid down before the measured phases (`--history`), not measured.
	pub history: bool,
	pub blocks_detail: Vec<BlockRow>,
}

/// The machine the run was on.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
	pub cores: usize,
	pub memory_gib: Option<f64>,
	pub cpu: Option<String>,
}

impl Machine {
	pub fn this() -> Self {
		let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
		let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
		let memory_gib = meminfo
			.lines()
			.find(|l| l.starts_with("MemTotal:"))
			.and_then(|l| l.split_whitespace().nth(1))
			.and_then(|kib| kib.parse::<f64>().ok())
			.map(|kib| (kib / 1024.0 / 1024.0 * 10.0).round() / 10.0);
		Self {
			cores: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
			memory_gib,
			cpu: cpuinfo
				.lines()
				.find(|l| l.starts_with("model name"))
				.and_then(|l| l.split_once(':'))
				.map(|(_, v)| v.trim().to_string()),
		}
	}
}

/// The transfer baseline of the run.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Baseline {
	pub first: Option<f64>,
	pub last: Option<f64>,
	/// What ratios divide by: the mean of the two.
	pub reference: Option<f64>,
	/// The last run against the first, in percent.
	pub drift_percent: Option<f64>,
}

/// Everything the run measured.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
	pub mode: String,
	pub url: String,
	pub spec_version: u32,
	pub machine: Machine,
	pub limits: Limits,
	pub plan: Plan,
	pub baseline: Baseline,
	pub phases: Vec<PhaseReport>,
	pub pipelining: Pipelining,
	pub rpc: RpcSummary,
	pub run_seconds: f64,
}

impl Report {
	#[allow(clippy::too_many_arguments)]
	pub fn new(
		args: &LoadArgs,
		chain: &Chain,
		plan: Plan,
		limits: Limits,
		results: Vec<PhaseResult>,
		pipelining: Pipelining,
		rpc: RpcSummary,
		run_seconds: f64,
	) -> Self {
		let rate_of = |name: &str| {
			results.iter().find(|r| r.name == name).and_then(|r| r.figures.items_per_second)
		};
		let (first, last) = (rate_of(FIRST_BASELINE), rate_of(LAST_BASELINE));
		let reference = match (first, last) {
			(Some(a), Some(b)) => Some((a + b) / 2.0),
			(a, b) => a.or(b),
		};
		let phases = results
			.into_iter()
			.map(|r| {
				// A history phase only lays down state: it has neither a ratio nor a target.
				let measured = !r.history;
				let phase_ratio = ratio(r.figures.items_per_second, reference).filter(|_| measured);
				let target = target_of(&r.name).filter(|_| measured);
				PhaseReport {
					meets_target: target.zip(phase_ratio).map(|(t, v)| v >= t),
					target,
					ratio: phase_ratio,
					unit: r.unit.to_string(),
					planned_extrinsics: r.planned,
					refused: r.refused,
					unsent: r.unsent,
					missing: r.missing,
					reasons: r.reasons,
					kinds: r
						.kinds
						.iter()
						.map(|k| (k.name.to_string(), k.weight, k.length))
						.collect(),
					figures: r.figures,
					wall_seconds: r.wall_seconds,
					accepted: r.accepted,
					submit_seconds: r.submit_seconds,
					history: r.history,
					blocks_detail: r.rows,
					name: r.name,
				}
			})
			.collect();
		Self {
			mode: if args.quick { "quick" } else { "full" }.into(),
			url: args.url.clone(),
			spec_version: chain.spec_version,
			machine: Machine::this(),
			limits,
			plan,
			baseline: Baseline {
				first,
				last,
				reference,
				drift_percent: drift_percent(first, last),
			},
			phases,
			pipelining,
			rpc,
			run_seconds,
		}
	}

	/// Writes the JSON file.
	pub fn write_json(&self, path: &Path) -> Result<()> {
		if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
			std::fs::create_dir_all(dir)
				.map_err(|e| ClientError::new(format!("cannot create {}: {e}", dir.display())))?;
		}
		let json = serde_json::to_string_pretty(self)?;
		std::fs::write(path, json + "\n")
			.map_err(|e| ClientError::new(format!("cannot write {}: {e}", path.display())))
	}

	/// The results as text tables.
	pub fn text(&self) -> String {
		let mut out = String::new();
		let m = &self.machine;
		let _ = writeln!(
			out,
			"Lineage load benchmark ({} mode): {}, runtime spec {}, {} cores, {} GiB{}; {:.0} s",
			self.mode,
			self.url,
			self.spec_version,
			m.cores,
			m.memory_gib.map_or_else(|| "?".into(), |g| format!("{g}")),
			m.cpu.as_ref().map(|c| format!(", {c}")).unwrap_or_default(),
			self.run_seconds
		);
		let _ = writeln!(
			out,
			"Blocks: 6 s (Aura); normal class {:.2} s of weight and {:.2} MiB; items/s from the \
			 timestamps of the blocks carrying each phase.",
			self.limits.normal_weight as f64 / 1e12,
			self.limits.normal_length as f64 / 1048576.0
		);
		let _ = writeln!(out);
		let _ = writeln!(
			out,
			"| Phase | Items | Blocks | Full blocks (longest run) | Items/s | Per full block | × transfers | Target |"
		);
		let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|");
		for p in &self.phases {
			let f = &p.figures;
			let target = match (p.target, p.meets_target) {
				(Some(t), Some(true)) => format!("≥ {t}×: met"),
				(Some(t), Some(false)) => format!("≥ {t}×: not met"),
				(Some(t), None) => format!("≥ {t}×"),
				_ => String::new(),
			};
			let _ = writeln!(
				out,
				"| {} | {} {} | {} | {} ({}) | {} | {} | {} | {} |",
				p.name,
				thousands(f.items),
				p.unit,
				f.blocks,
				f.full_blocks,
				f.longest_full_run,
				f.items_per_second.map_or_else(|| "-".into(), |v| format!("{v:.1}")),
				f.items_per_full_block.map_or_else(
					|| format!("- (max {})", thousands(f.items_per_block_max)),
					thousands
				),
				p.ratio.map_or_else(|| "-".into(), |r| format!("{r:.2}")),
				target
			);
		}
		let b = &self.baseline;
		let _ = writeln!(out);
		let _ = writeln!(
			out,
			"Transfer baseline: first {}/s, last {}/s, drift {}; ratios are to their mean.",
			b.first.map_or_else(|| "-".into(), |v| format!("{v:.1}")),
			b.last.map_or_else(|| "-".into(), |v| format!("{v:.1}")),
			b.drift_percent.map_or_else(|| "-".into(), |d| format!("{d:+.1}%"))
		);
		for p in &self.phases {
			if p.refused + p.missing + p.unsent > 0 || !p.reasons.is_empty() {
				let reasons: Vec<String> =
					p.reasons.iter().map(|(w, n)| format!("{n}× {w}")).collect();
				let _ = writeln!(
					out,
					"  {}: {} refused, {} not sent, {} never included, {} failed{}",
					p.name,
					p.refused,
					p.unsent,
					p.missing,
					p.figures.failed,
					if reasons.is_empty() {
						String::new()
					} else {
						format!(": {}", reasons.join("; "))
					}
				);
			}
		}
		let _ = writeln!(
			out,
			"Blocks that ended on the time budget with room left (not full), per phase: {}.",
			self.phases
				.iter()
				.map(|p| format!("{} {}", p.name, p.figures.time_limited_blocks))
				.collect::<Vec<_>>()
				.join(", ")
		);
		let _ = writeln!(out);
		let _ = writeln!(out, "{}", self.pipelining.line());
		let _ = writeln!(out);
		let _ = writeln!(
			out,
			"JSON-RPC latency, open loop over {} WebSocket connections, {} s per rate and method \
			 in one stream of requests the methods take in turns of {} request(s), the order \
			 rotated each round (ms, from each request's scheduled time):",
			self.plan.rpc_connections,
			self.plan.rpc_seconds,
			super::latency::LOAD_TURN_REQUESTS
		);
		let _ = writeln!(out);
		let _ =
			writeln!(out, "| Node | Method | Rate (req/s) | Achieved | p50 | p99 | Sustained |");
		let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---|");
		for r in &self.rpc.runs {
			let _ = writeln!(
				out,
				"| {} | `{}` | {} | {:.0} | {} | {} | {} |",
				r.condition,
				r.method,
				thousands(f64::from(r.rate)),
				r.achieved_rate,
				r.p50_ms.map_or_else(|| "-".into(), |v| format!("{v:.2}")),
				r.p99_ms.map_or_else(|| "-".into(), |v| format!("{v:.2}")),
				if r.sustained { "yes" } else { "no" }
			);
		}
		let _ = writeln!(out);
		let highest = |v: Option<u32>| v.map_or_else(|| "none".into(), |r| format!("{r} req/s"));
		let _ = writeln!(
			out,
			"Highest rate sustained by every method: idle {}, under load {}{}.",
			highest(self.rpc.highest_sustained_idle),
			highest(self.rpc.highest_sustained_load),
			if self.rpc.load_covered_measurements {
				""
			} else {
				" (the transfers load ended before the last loaded measurement)"
			}
		);
		for r in &self.rpc.ratios {
			let _ = writeln!(
				out,
				"  p99 of {} / system_health, {} at {} req/s: {}",
				r.method,
				r.condition,
				r.rate,
				match (r.p99_ratio, r.within_target) {
					(Some(v), Some(ok)) =>
						format!("{v:.2} ({} {RPC_P99_TARGET})", if ok { "within" } else { "above" }),
					_ => "-".into(),
				}
			);
		}
		if !self.rpc.node_cpu.is_empty() {
			let _ = writeln!(out);
			let _ = writeln!(
				out,
				"The node's CPU time during each latency measurement, and the threads that used \
				 the most of it (s; the threads of a pool counted together):"
			);
			let _ = writeln!(out);
			let _ =
				writeln!(out, "| Node | Rate (req/s) | Wall | CPU | Busiest pools of threads |");
			let _ = writeln!(out, "|---|---:|---:|---:|---|");
			for window in &self.rpc.node_cpu {
				let _ = writeln!(out, "{}", window.row());
			}
		}
		out
	}
}

/// `12345.6` as `12,346`.
pub fn thousands(value: f64) -> String {
	let rounded = value.round();
	let digits = format!("{}", rounded.abs() as u64);
	let mut out = String::new();
	for (i, c) in digits.chars().enumerate() {
		if i > 0 && (digits.len() - i) % 3 == 0 {
			out.push(',');
		}
		out.push(c);
	}
	if rounded < 0.0 {
		format!("-{out}")
	} else {
		out
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn run(condition: &str, method: &str, rate: u32, p99: f64, sustained: bool) -> LatencyRun {
		LatencyRun {
			condition: condition.into(),
			method: method.into(),
			rate,
			seconds: 1.0,
			sent: 10,
			answered: 10,
			errors: 0,
			achieved_rate: f64::from(rate),
			p50_ms: Some(p99 / 2.0),
			p99_ms: Some(p99),
			max_ms: Some(p99),
			send_lag_p99_ms: Some(0.1),
			sustained,
		}
	}

	#[test]
	fn thousands_separators() {
		assert_eq!(thousands(0.0), "0");
		assert_eq!(thousands(999.4), "999");
		assert_eq!(thousands(1000.0), "1,000");
		assert_eq!(thousands(1234567.8), "1,234,568");
		assert_eq!(thousands(-4200.0), "-4,200");
	}

	#[test]
	fn a_cpu_window_row_names_the_busiest_threads_in_order() {
		let window = NodeCpuWindow {
			condition: "idle".into(),
			rate: 5000,
			wall_seconds: 24.04,
			cpu_seconds: 31.456,
			busiest: vec![
				ThreadCpu { name: "tokio-rt-worker".into(), cpu_seconds: 20.5 },
				ThreadCpu { name: "lineage-node+7".into(), cpu_seconds: 3.25 },
			],
		};
		assert_eq!(
			window.row(),
			"| idle | 5,000 | 24.0 | 31.46 | tokio-rt-worker 20.50, lineage-node+7 3.25 |"
		);
	}

	#[test]
	fn targets_by_phase_name() {
		assert_eq!(target_of("contributions (commit + reveal)"), Some(0.5));
		assert_eq!(target_of("inferences, vouchers, 1 attribution entry"), Some(3.0));
		assert_eq!(target_of("inferences, vouchers, no attribution"), None);
		assert_eq!(target_of(FIRST_BASELINE), None);
	}

	#[test]
	fn rpc_ratios_and_the_highest_sustained_rate() {
		let runs = vec![
			run("idle", "system_health", 500, 1.0, true),
			run("idle", "attribution_pendingRewards", 500, 1.2, true),
			run("idle", "system_health", 5000, 2.0, true),
			run("idle", "attribution_pendingRewards", 5000, 3.0, false),
			run("load", "system_health", 500, 4.0, true),
			run("load", "attribution_pendingRewards", 500, 4.4, true),
		];
		let ratios = p99_ratios(&runs);
		assert_eq!(ratios.len(), 3);
		assert_eq!(ratios[0].within_target, Some(true));
		assert!((ratios[1].p99_ratio.unwrap() - 1.5).abs() < 1e-9);
		assert_eq!(ratios[1].within_target, Some(false));
		assert_eq!(highest_sustained(&runs, "idle"), Some(500));
		assert_eq!(highest_sustained(&runs, "load"), Some(500));
		assert_eq!(highest_sustained(&runs, "other"), None);
	}

	#[test]
	fn pipelining_counts_distinct_blocks() {
		let p = Pipelining::new("c".into(), 2000, 2000, vec![5], vec![6, 6], 12.0);
		assert_eq!(p.blocks, 2);
		assert!(p.within_two_blocks);
		let p = Pipelining::new("c".into(), 2000, 2000, vec![5, 6], vec![7], 18.0);
		assert!(!p.within_two_blocks);
		let p = Pipelining::new("c".into(), 2000, 1999, vec![5], vec![6], 12.0);
		assert!(!p.within_two_blocks);
	}
}
