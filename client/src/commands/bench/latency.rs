//! JSON-RPC latency at a fixed request rate, open loop: requests leave on a fixed schedule
//! whether or not earlier ones were answered, over several WebSocket connections, and each
//! request's latency is measured from the moment it was due (so a client that falls behind its
//! schedule shows up as latency, not as a lower rate).

use super::{io, procfs, report::NodeCpuWindow, stats::percentile};
use jsonrpsee::{core::client::ClientT, core::params::ArrayParams, ws_client::WsClient};
use serde::Serialize;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};

/// How many consecutive requests of one method the load benchmark's interleaved measurements
/// ([`measure_interleaved`]) send before the next method's: one, so that whatever slows the node
/// at a moment (a block authored or imported, the pool revalidating) slows each method's
/// requests alike.
pub const LOAD_TURN_REQUESTS: u64 = 1;

/// The requests of one measurement: a method, and its parameters for the `i`-th request.
pub struct Requests {
	pub method: &'static str,
	pub params: Box<dyn Fn(u64) -> ArrayParams + Send + Sync>,
}

/// The three methods the load benchmark times: `attribution_pendingRewards` about each of
/// `accounts` (SS58) in turn, `datasets_contributionProof` of each of `ids` in turn, and
/// `system_health`, the yardstick (no state read).
pub fn lineage_requests(accounts: Vec<String>, ids: Vec<u64>) -> Vec<Requests> {
	let accounts = Arc::new(if accounts.is_empty() { vec![String::new()] } else { accounts });
	let ids = Arc::new(if ids.is_empty() { vec![0] } else { ids });
	vec![
		Requests {
			method: "attribution_pendingRewards",
			params: Box::new(move |i| {
				jsonrpsee::rpc_params![accounts[i as usize % accounts.len()].clone()]
			}),
		},
		Requests {
			method: "datasets_contributionProof",
			params: Box::new(move |i| jsonrpsee::rpc_params![ids[i as usize % ids.len()]]),
		},
		Requests { method: "system_health", params: Box::new(|_| jsonrpsee::rpc_params![]) },
	]
}

/// `connections` WebSocket connections (at least one) to the node at `url`, for a measurement.
pub async fn connect(url: &str, connections: usize) -> crate::Result<Vec<Arc<WsClient>>> {
	let mut clients = Vec::new();
	for _ in 0..connections.max(1) {
		clients.push(Arc::new(io::connect_ws(url).await?));
	}
	Ok(clients)
}

/// Takes each method's path through the node once before it is timed: 100 requests of each,
/// at 200 per second.
pub async fn warm_up(clients: &[Arc<WsClient>], requests: &[Requests]) {
	for r in requests {
		measure(clients, r, 200, 0.5, "warm-up").await;
	}
}

/// The result of one measurement.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatencyRun {
	/// `idle` or `load`.
	pub condition: String,
	pub method: String,
	/// The rate asked for (requests per second).
	pub rate: u32,
	pub seconds: f64,
	pub sent: u64,
	pub answered: u64,
	pub errors: u64,
	/// Answers per second: over the method's share (by requests sent) of the time from the
	/// stream's first due time to its last answer, plus one request period (the last request's
	/// own slot).
	pub achieved_rate: f64,
	pub p50_ms: Option<f64>,
	pub p99_ms: Option<f64>,
	pub max_ms: Option<f64>,
	/// How late (p99) the client sent its requests against the schedule.
	pub send_lag_p99_ms: Option<f64>,
	/// Every request answered, sent on schedule (p99 lag at most 5 ms), p99 latency under 1 s.
	pub sustained: bool,
}

/// Whether a measurement counts as sustained (see [`LatencyRun::sustained`]).
pub fn sustained(
	sent: u64,
	answered: u64,
	send_lag_p99_ms: Option<f64>,
	p99_ms: Option<f64>,
) -> bool {
	sent > 0
		&& answered == sent
		&& send_lag_p99_ms.is_some_and(|lag| lag <= 5.0)
		&& p99_ms.is_some_and(|p| p < 1_000.0)
}

fn ms(micros: Option<u64>) -> Option<f64> {
	micros.map(|m| m as f64 / 1000.0)
}

/// What the requests of one method saw.
#[derive(Debug, Default)]
struct Samples {
	sent: u64,
	errors: u64,
	/// Each answered request's latency from its due time, in µs.
	latencies: Vec<u64>,
	/// How late each request left against its schedule, in µs.
	lags: Vec<u64>,
	/// The method's share of the time from the first request's due time to the last answer,
	/// plus one request period (see [`LatencyRun::achieved_rate`]).
	elapsed: f64,
}

impl Samples {
	fn into_run(mut self, condition: &str, method: &str, rate: u32, seconds: f64) -> LatencyRun {
		self.latencies.sort_unstable();
		self.lags.sort_unstable();
		let answered = self.latencies.len() as u64;
		let p99_ms = ms(percentile(&self.latencies, 99.0));
		let send_lag_p99_ms = ms(percentile(&self.lags, 99.0));
		LatencyRun {
			condition: condition.to_string(),
			method: method.to_string(),
			rate,
			seconds,
			sent: self.sent,
			answered,
			errors: self.errors,
			achieved_rate: if self.elapsed > 0.0 { answered as f64 / self.elapsed } else { 0.0 },
			p50_ms: ms(percentile(&self.latencies, 50.0)),
			p99_ms,
			max_ms: ms(self.latencies.last().copied()),
			send_lag_p99_ms,
			sustained: sustained(self.sent, answered, send_lag_p99_ms, p99_ms),
		}
	}
}

/// Sends `total` requests at `rate` per second, round robin over `clients`, request `i` to the
/// method `method_of(i)` of `requests` with that method's next parameters, and measures each
/// one's latency from its due time. Returns what each method's requests saw.
///
/// The schedule is kept by a thread of its own that sleeps until each due time (the kernel wakes
/// it within about 0.1 ms) and hands the request to the async runtime. Tokio's timer has a
/// resolution of 1 ms: paced by it, requests left up to 1 ms after their due time (p99 1.5–2 ms
/// on an idle node), and that lateness, the same for every method, was most of the latencies
/// measured on an idle node.
async fn sample(
	clients: &[Arc<WsClient>],
	requests: &[Requests],
	rate: u32,
	total: u64,
	method_of: impl Fn(u64) -> usize,
) -> Vec<Samples> {
	let mut samples: Vec<Samples> = requests.iter().map(|_| Samples::default()).collect();
	// Every request, decided before the clock starts: its method and parameters.
	let mut planned = Vec::with_capacity(total as usize);
	for i in 0..total {
		let m = method_of(i);
		let (Some(r), Some(seen)) = (requests.get(m), samples.get_mut(m)) else { continue };
		planned.push((m, r.method, (r.params)(seen.sent)));
		seen.sent += 1;
	}
	let period = Duration::from_secs_f64(1.0 / f64::from(rate.max(1)));
	let clients = clients.to_vec();
	let runtime = tokio::runtime::Handle::current();
	let start = Instant::now() + Duration::from_millis(20);
	let pacer = tokio::task::spawn_blocking(move || {
		let mut sent = Vec::with_capacity(planned.len());
		for (i, (m, method, params)) in planned.into_iter().enumerate() {
			let due = start + period.mul_f64(i as f64);
			let now = Instant::now();
			if due > now {
				std::thread::sleep(due - now);
			}
			let lag = Instant::now().saturating_duration_since(due);
			let Some(client) = clients.get(i % clients.len().max(1)).cloned() else { break };
			let answer = runtime.spawn(async move {
				let reply: Result<serde_json::Value, _> = client.request(method, params).await;
				(Instant::now(), reply.is_ok())
			});
			sent.push((m, due, lag, answer));
		}
		sent
	});
	let sent = pacer.await.unwrap_or_default();
	let mut last = start;
	for (m, due, lag, answer) in sent {
		let Some(seen) = samples.get_mut(m) else { continue };
		seen.lags.push(lag.as_micros() as u64);
		match answer.await {
			Ok((done, true)) => {
				seen.latencies.push(done.saturating_duration_since(due).as_micros() as u64);
				last = last.max(done);
			},
			_ => seen.errors += 1,
		}
	}
	// n requests take n periods, not the n - 1 between the first and the last due time; each
	// method had its share of that time.
	let elapsed = last.saturating_duration_since(start).as_secs_f64() + period.as_secs_f64();
	for seen in &mut samples {
		seen.elapsed = elapsed * seen.sent as f64 / total.max(1) as f64;
	}
	samples
}

/// Sends `rate` requests per second for `seconds`, round robin over `clients`, and measures each
/// one's latency from its due time.
pub async fn measure(
	clients: &[Arc<WsClient>],
	requests: &Requests,
	rate: u32,
	seconds: f64,
	condition: &str,
) -> LatencyRun {
	let total = (f64::from(rate) * seconds).round().max(1.0) as u64;
	let samples = sample(clients, core::slice::from_ref(requests), rate, total, |_| 0).await;
	samples.into_iter().next().unwrap_or_default().into_run(
		condition,
		requests.method,
		rate,
		seconds,
	)
}

/// The order in which `methods` methods take their turns over `rounds` rounds: round `k` runs
/// every method once, starting with method `k mod methods`.
pub fn slice_order(methods: usize, rounds: usize) -> Vec<usize> {
	(0..rounds).flat_map(|round| (0..methods).map(move |m| (round + m) % methods)).collect()
}

/// Measures each method of `requests` at `rate` for `seconds` in all, in one stream of requests
/// at `rate` that the methods take in turns of `per_turn` requests (at least one; the load
/// benchmark's are [`LOAD_TURN_REQUESTS`]), the order rotated every round ([`slice_order`]).
///
/// A method's p99 is set by its slowest 1% of requests, so by the moments the node was slow
/// while they waited. Measured one after the other, or in turns of 0.1 s, each method met its
/// own draw of those moments: on an idle node a block authored every 6 s stalls the answers for
/// a few milliseconds, within one turn, and 8 s per method meet only four of them. The ratio of
/// two methods' p99 then moved between repeats on one node by more than the methods differ
/// (0.44× to 1.06×; `lineage bench rpc-latency`). In turns of one request, every slow moment
/// falls on every method alike, and the ratio compares the methods.
///
/// With the node's `node_pid`, also what its threads used of its CPU meanwhile (`None`, with a
/// warning on stderr, if /proc cannot be read).
pub async fn measure_interleaved(
	clients: &[Arc<WsClient>],
	requests: &[Requests],
	rate: u32,
	seconds: f64,
	per_turn: u64,
	condition: &str,
	node_pid: Option<u32>,
) -> (Vec<LatencyRun>, Option<NodeCpuWindow>) {
	let per_turn = per_turn.max(1);
	let rounds = (f64::from(rate) * seconds / per_turn as f64).round().max(1.0) as usize;
	let order = slice_order(requests.len(), rounds);
	let total = per_turn * order.len() as u64;
	let method_of = |i: u64| order.get((i / per_turn) as usize).copied().unwrap_or(0);
	let read_cpu = |pid: u32| {
		procfs::thread_cpu(pid)
			.map_err(|e| eprintln!("rpc {condition}: the node's CPU time is left out: {}", e.0))
			.ok()
	};
	let before = node_pid.and_then(read_cpu);
	let started = Instant::now();
	let samples = sample(clients, requests, rate, total, method_of).await;
	let wall_seconds = started.elapsed().as_secs_f64();
	let window = before.zip(node_pid.and_then(read_cpu)).map(|(before, after)| {
		let (cpu_seconds, busiest) = procfs::busiest(&before, &after, BUSIEST_POOLS);
		NodeCpuWindow { condition: condition.to_string(), rate, wall_seconds, cpu_seconds, busiest }
	});
	let measured = requests
		.iter()
		.zip(samples)
		.map(|(r, seen)| seen.into_run(condition, r.method, rate, seconds))
		.collect();
	(measured, window)
}

/// How many pools of the node's threads each latency measurement names.
const BUSIEST_POOLS: usize = 5;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn sustained_needs_every_answer_on_schedule_and_under_a_second() {
		assert!(sustained(100, 100, Some(1.0), Some(20.0)));
		assert!(!sustained(100, 99, Some(1.0), Some(20.0)));
		assert!(!sustained(100, 100, Some(6.0), Some(20.0)));
		assert!(!sustained(100, 100, Some(1.0), Some(1_500.0)));
		assert!(!sustained(0, 0, None, None));
	}

	#[test]
	fn turns_rotate_so_each_method_leads_a_round_in_turn() {
		assert_eq!(slice_order(3, 4), vec![0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2]);
		assert_eq!(slice_order(1, 3), vec![0, 0, 0]);
	}

	#[test]
	fn in_turns_of_one_request_every_moment_is_shared_by_the_methods() {
		// Whichever three consecutive requests a slow moment delays, they are one of each
		// method; in turns of 500 (0.1 s at 5,000 req/s) a 3 ms stall delays one method only.
		let order = slice_order(3, 40_000);
		assert_eq!(order.len(), 120_000);
		for window in order.windows(3).step_by(3) {
			let mut methods = window.to_vec();
			methods.sort_unstable();
			assert_eq!(methods, vec![0, 1, 2]);
		}
		// The requests of each method among those a 3 ms stall (at 5,000 req/s) delays.
		let stall = 1_000..1_015;
		let hit = |per_turn: usize| {
			(0..3)
				.map(|m| stall.clone().filter(|&i| order[i / per_turn] == m).count())
				.collect::<Vec<_>>()
		};
		assert!(hit(1).iter().all(|n| (4..=6).contains(n)), "{:?}", hit(1));
		assert_eq!(hit(500), vec![0, 0, 15]);
	}

	#[test]
	fn a_run_counts_lost_answers_and_late_ones() {
		// 99 answers at 1 ms, one at 50 ms during a block, one lost.
		let mut latencies = vec![1_000; 99];
		latencies.push(50_000);
		let seen = Samples { sent: 101, errors: 1, latencies, lags: vec![10; 101], elapsed: 2.0 };
		let run = seen.into_run("load", "m", 100, 2.0);
		assert_eq!((run.sent, run.answered, run.errors), (101, 100, 1));
		assert_eq!(run.p50_ms, Some(1.0));
		assert_eq!(run.max_ms, Some(50.0));
		assert_eq!(run.achieved_rate, 50.0);
		assert!(!run.sustained, "a lost answer is not sustained");
	}
}
