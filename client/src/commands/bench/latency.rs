//! JSON-RPC latency at a fixed request rate, open loop: requests leave on a fixed schedule
//! whether or not earlier ones were answered, over several WebSocket connections, and each
//! request's latency is measured from the moment it was due (so a client that falls behind its
//! schedule shows up as latency, not as a lower rate).

use super::stats::percentile;
use jsonrpsee::{core::client::ClientT, core::params::ArrayParams, ws_client::WsClient};
use serde::Serialize;
use std::{sync::Arc, time::Duration};
use tokio::time::Instant;

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
	/// Answers per second, from the first request's due time to the last answer.
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
		let params = (requests.params)(i);
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
	latencies.sort_unstable();
	lags.sort_unstable();
	let answered = latencies.len() as u64;
	let elapsed = last.saturating_duration_since(start).as_secs_f64();
	let p99_ms = ms(percentile(&latencies, 99.0));
	let send_lag_p99_ms = ms(percentile(&lags, 99.0));
	LatencyRun {
		condition: condition.to_string(),
		method: requests.method.to_string(),
		rate,
		seconds,
		sent: total,
		answered,
		errors,
		achieved_rate: if elapsed > 0.0 { answered as f64 / elapsed } else { 0.0 },
		p50_ms: ms(percentile(&latencies, 50.0)),
		p99_ms,
		max_ms: ms(latencies.last().copied()),
		send_lag_p99_ms,
		sustained: sustained(total, answered, send_lag_p99_ms, p99_ms),
	}
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
}
