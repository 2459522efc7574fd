//! JSON-RPC latency at a fixed request rate, open loop: requests leave on a fixed schedule
//! whether or not earlier ones were answered, over several WebSocket connections, and each
//! request's latency is measured from the moment it was due (so a client that falls behind its
//! schedule shows up as latency, not as a lower rate).

use super::stats::percentile;
use jsonrpsee::{core::client::ClientT, core::params::ArrayParams, ws_client::WsClient};
use serde::Serialize;
use std::{sync::Arc, time::Duration};
use tokio::time::Instant;

/// The slices each method's measurement at one rate is cut into, taken in turn with the other
/// methods' ([`measure_interleaved`]).
pub const SLICES: usize = 4;

/// The requests of one measurement: a method, and its parameters for the `i`-th request.
pub struct Requests {
	pub method: &'static str,
	pub params: Box<dyn Fn(u64) -> ArrayParams + Send + Sync>,
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
	/// Answers per second: over each slice's time from its first request's due time to its last
	/// answer, plus one request period (the last request's own slot), summed over the slices.
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

/// What the requests of one method saw, over one or more slices of time.
#[derive(Debug, Default)]
struct Samples {
	sent: u64,
	errors: u64,
	/// Each answered request's latency from its due time, in µs.
	latencies: Vec<u64>,
	/// How late each request left against its schedule, in µs.
	lags: Vec<u64>,
	/// From the first request's due time to the last answer, plus one request period, summed
	/// over the slices (see [`LatencyRun::achieved_rate`]).
	elapsed: f64,
}

impl Samples {
	fn add(&mut self, other: Samples) {
		self.sent += other.sent;
		self.errors += other.errors;
		self.latencies.extend(other.latencies);
		self.lags.extend(other.lags);
		self.elapsed += other.elapsed;
	}

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

/// Sends `rate` requests per second for `seconds`, round robin over `clients`, the `i`-th with
/// the parameters of request `first + i`, and measures each one's latency from its due time.
async fn sample(
	clients: &[Arc<WsClient>],
	requests: &Requests,
	rate: u32,
	seconds: f64,
	first: u64,
) -> Samples {
	let total = (f64::from(rate) * seconds).round().max(1.0) as u64;
	let period = Duration::from_secs_f64(1.0 / f64::from(rate.max(1)));
	let start = Instant::now() + Duration::from_millis(20);
	let mut handles = Vec::with_capacity(total as usize);
	let mut lags = Vec::with_capacity(total as usize);
	for i in 0..total {
		let due = start + period.mul_f64(i as f64);
		if due > Instant::now() {
			tokio::time::sleep_until(due).await;
		}
		lags.push(Instant::now().saturating_duration_since(due).as_micros() as u64);
		let client = clients[(i as usize) % clients.len().max(1)].clone();
		let params = (requests.params)(first + i);
		let method = requests.method;
		handles.push(tokio::spawn(async move {
			let reply: Result<serde_json::Value, _> = client.request(method, params).await;
			(Instant::now(), reply.is_ok())
		}));
	}
	let mut latencies = Vec::with_capacity(handles.len());
	let mut errors = 0;
	let mut last = start;
	for (i, handle) in handles.into_iter().enumerate() {
		let due = start + period.mul_f64(i as f64);
		match handle.await {
			Ok((done, true)) => {
				latencies.push(done.saturating_duration_since(due).as_micros() as u64);
				last = last.max(done);
			},
			_ => errors += 1,
		}
	}
	// n requests take n periods, not the n - 1 between the first and the last due time.
	let elapsed = last.saturating_duration_since(start).as_secs_f64() + period.as_secs_f64();
	Samples { sent: total, errors, latencies, lags, elapsed }
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
	sample(clients, requests, rate, seconds, 0).await.into_run(
		condition,
		requests.method,
		rate,
		seconds,
	)
}

/// The order in which `methods` methods take their `slices` slices each: round `k` runs every
/// method once, starting with method `k mod methods`.
pub fn slice_order(methods: usize, slices: usize) -> Vec<usize> {
	(0..slices).flat_map(|round| (0..methods).map(move |m| (round + m) % methods)).collect()
}

/// Measures each method of `requests` at `rate` for `seconds` in all, cut into `slices` slices
/// taken in turn with the order rotated every round ([`slice_order`]). On a node under load the
/// slow moments (a block being authored, the pool revalidating) come every few seconds: measured
/// one after the other in whole windows, one method could catch two of them and the next none,
/// and the comparison of their p99 would say more about the timing than about the methods.
/// Interleaved, every method meets them in about the same share of its requests.
pub async fn measure_interleaved(
	clients: &[Arc<WsClient>],
	requests: &[Requests],
	rate: u32,
	seconds: f64,
	slices: usize,
	condition: &str,
) -> Vec<LatencyRun> {
	let slices = slices.max(1);
	let slice_seconds = seconds / slices as f64;
	let mut samples: Vec<Samples> = requests.iter().map(|_| Samples::default()).collect();
	for m in slice_order(requests.len(), slices) {
		let (Some(r), Some(seen)) = (requests.get(m), samples.get_mut(m)) else { continue };
		let slice = sample(clients, r, rate, slice_seconds, seen.sent).await;
		seen.add(slice);
	}
	requests
		.iter()
		.zip(samples)
		.map(|(r, seen)| seen.into_run(condition, r.method, rate, seconds))
		.collect()
}

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
	fn slices_rotate_so_each_method_leads_a_round_in_turn() {
		assert_eq!(slice_order(3, 4), vec![0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2]);
		assert_eq!(slice_order(1, 3), vec![0, 0, 0]);
		// With three 2 s slices per round and 6 s blocks, a method's slices start 0, 4, 2 and
		// 0 s into a block's period, not always at the same point of it.
		let starts: Vec<usize> = slice_order(3, 4)
			.iter()
			.enumerate()
			.filter(|(_, m)| **m == 0)
			.map(|(slot, _)| (slot * 2) % 6)
			.collect();
		assert_eq!(starts, vec![0, 4, 2, 0]);
	}

	#[test]
	fn slices_pool_into_one_run() {
		let mut seen = Samples::default();
		// A quiet slice: 99 answers at 1 ms. A slice during a block: one at 50 ms, one lost.
		seen.add(Samples {
			sent: 99,
			errors: 0,
			latencies: vec![1_000; 99],
			lags: vec![10; 99],
			elapsed: 1.0,
		});
		seen.add(Samples {
			sent: 2,
			errors: 1,
			latencies: vec![50_000],
			lags: vec![20, 30],
			elapsed: 1.0,
		});
		let run = seen.into_run("load", "m", 100, 2.0);
		assert_eq!((run.sent, run.answered, run.errors), (101, 100, 1));
		assert_eq!(run.p50_ms, Some(1.0));
		assert_eq!(run.max_ms, Some(50.0));
		assert_eq!(run.achieved_rate, 50.0);
		assert!(!run.sustained, "a lost answer is not sustained");
	}
}
