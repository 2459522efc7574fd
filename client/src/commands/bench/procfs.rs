//! A node's CPU time, read from Linux's `/proc`: in all (`lineage bench rpc-cost`) and by thread
//! (`lineage bench load --node-pid`), to say which of the node's threads were busy while its
//! JSON-RPC answers were slow.

use crate::{ClientError, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// The unit of /proc's CPU times: the kernel reports them in `USER_HZ` ticks, 100 per second on
/// x86-64 and arm64 (`getconf CLK_TCK`), the machines this benchmark runs on.
const USER_HZ: f64 = 100.0;

/// The name and the CPU time (user and system, in ticks) in the text of a `stat` file of /proc
/// (a process's or a thread's).
fn parse_stat(stat: &str) -> Option<(&str, u64)> {
	// The name is in parentheses and may itself contain spaces and parentheses.
	let (before_end, after_name) = stat.rsplit_once(')')?;
	let (_, name) = before_end.split_once('(')?;
	// utime and stime are fields 14 and 15, the 12th and 13th after the name.
	let fields: Vec<&str> = after_name.split_whitespace().collect();
	let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
	Some((name, ticks(11)?.checked_add(ticks(12)?)?))
}

fn seconds(ticks: u64) -> f64 {
	ticks as f64 / USER_HZ
}

/// The error of a /proc `path` of process `pid` that cannot be read.
fn unreadable(path: &str, pid: u32, e: std::io::Error) -> ClientError {
	ClientError::new(format!("cannot read {path} (is {pid} a running node?): {e}"))
}

/// The name and CPU ticks in the `stat` file at `path`, of process `pid` or one of its threads.
fn read_stat(path: &str, pid: u32) -> Result<(String, u64)> {
	let stat = std::fs::read_to_string(path).map_err(|e| unreadable(path, pid, e))?;
	parse_stat(&stat)
		.map(|(name, ticks)| (name.to_string(), ticks))
		.ok_or_else(|| ClientError::new(format!("{path} has no CPU times")))
}

/// The CPU time (user and system) process `pid` has used so far, in seconds.
pub fn cpu_seconds(pid: u32) -> Result<f64> {
	read_stat(&format!("/proc/{pid}/stat"), pid).map(|(_, ticks)| seconds(ticks))
}

/// A thread's pool: its name without a trailing number that tells apart the threads of one pool
/// (`rayon-worker-12` is `rayon-worker`; `tokio-rt-worker`s already share their name).
fn pool_name(thread: &str) -> &str {
	let without_number = thread.trim_end_matches(|c: char| c.is_ascii_digit());
	match without_number.strip_suffix(['-', '#', ' ', '_']) {
		Some(pool) if without_number.len() < thread.len() && !pool.is_empty() => pool,
		_ => thread,
	}
}

/// One reading of a process's CPU time, in all and by thread.
#[derive(Clone, Debug, Default)]
pub struct CpuReading {
	/// The process's time in ticks, threads that have ended included.
	process: u64,
	/// Each live thread's pool (see [`thread_cpu`]) and time in ticks, by thread id.
	threads: BTreeMap<u32, (String, u64)>,
}

/// What thread `tid`, named `name`, of process `pid`, named `process_name`, is counted as: its
/// pool ([`pool_name`]), or itself if it is named like the process.
///
/// A thread started without a name takes the name of the thread that started it. Those named like
/// the process (started from its main thread) are told apart by their thread id's distance from
/// the process's, in the order they were started (`lineage-node+7`): they are not one pool (in
/// the node, ParityDB's four workers start one after the other).
fn thread_key(name: &str, tid: u32, process_name: &str, pid: u32) -> String {
	if name == process_name && tid != pid {
		format!("{name}{:+}", i64::from(tid) - i64::from(pid))
	} else {
		pool_name(name).to_string()
	}
}

/// Reads process `pid`'s CPU time, in all and for each of its threads (see [`thread_key`]).
pub fn thread_cpu(pid: u32) -> Result<CpuReading> {
	let (process_name, process) = read_stat(&format!("/proc/{pid}/stat"), pid)?;
	let dir = format!("/proc/{pid}/task");
	let tasks = std::fs::read_dir(&dir).map_err(|e| unreadable(&dir, pid, e))?;
	let mut threads = BTreeMap::new();
	for task in tasks.flatten() {
		let Some(tid) = task.file_name().to_str().and_then(|t| t.parse::<u32>().ok()) else {
			continue;
		};
		// A thread that ends while it is read is left out.
		let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
		let Some((name, ticks)) = parse_stat(&stat) else { continue };
		threads.insert(tid, (thread_key(name, tid, &process_name, pid), ticks));
	}
	Ok(CpuReading { process, threads })
}

/// The name [`busiest`] gives the time of threads that ended between the two readings.
pub const ENDED_THREADS: &str = "(ended threads)";

/// CPU time one pool of threads used in a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadCpu {
	pub name: String,
	pub cpu_seconds: f64,
}

/// What process used between two readings of [`thread_cpu`]: its CPU time in all, in seconds,
/// and the `most` pools of threads that used the most of it, busiest first (those that used none
/// left out). A thread started between the readings counts from zero; the time of threads that
/// ended between them is [`ENDED_THREADS`]'s.
pub fn busiest(before: &CpuReading, after: &CpuReading, most: usize) -> (f64, Vec<ThreadCpu>) {
	let mut by_pool: BTreeMap<&str, u64> = BTreeMap::new();
	let mut live = 0u64;
	for (tid, (pool, ticks)) in &after.threads {
		let earlier = before.threads.get(tid).map_or(0, |(_, ticks)| *ticks);
		let used = ticks.saturating_sub(earlier);
		live = live.saturating_add(used);
		*by_pool.entry(pool).or_default() += used;
	}
	let total = after.process.saturating_sub(before.process);
	// The process's time includes that of its threads that have ended; the live threads' times
	// are read a moment after the process's, so they can add up to a tick or two more.
	let ended = total.saturating_sub(live);
	if ended > 0 {
		*by_pool.entry(ENDED_THREADS).or_default() += ended;
	}
	let mut used: Vec<(&str, u64)> = by_pool.into_iter().filter(|(_, ticks)| *ticks > 0).collect();
	used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
	let pools = used
		.into_iter()
		.take(most)
		.map(|(name, ticks)| ThreadCpu { name: name.to_string(), cpu_seconds: seconds(ticks) })
		.collect();
	(seconds(total), pools)
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::mpsc;

	/// The calling thread's own CPU time so far, in seconds.
	fn own_cpu_seconds() -> f64 {
		let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("Linux has it");
		seconds(parse_stat(&stat).expect("a stat line").1)
	}

	/// Keeps the calling thread busy until it has used `cpu` seconds of CPU more (however long
	/// that takes on a loaded machine).
	fn spin_for_cpu(cpu: f64) {
		let until = own_cpu_seconds() + cpu;
		let mut x = 0u64;
		while own_cpu_seconds() < until {
			for _ in 0..10_000 {
				x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
			}
		}
	}

	#[test]
	fn cpu_time_grows_with_work_and_a_missing_process_is_an_error() {
		let pid = std::process::id();
		let before = cpu_seconds(pid).expect("this process has /proc/<pid>/stat");
		spin_for_cpu(0.2);
		let after = cpu_seconds(pid).expect("still running");
		// The process's time includes this thread's 0.2 s (less a tick of rounding).
		assert!(after - before >= 0.19, "0.2 s busy, {:.3} s of CPU counted", after - before);
		for missing in [cpu_seconds(u32::MAX).map(|_| ()), thread_cpu(u32::MAX).map(|_| ())] {
			let error = missing.expect_err("no such process");
			assert!(error.0.contains("/proc/4294967295/stat"), "{}", error.0);
			assert!(error.0.contains("is 4294967295 a running node?"), "{}", error.0);
		}
	}

	#[test]
	fn a_busy_thread_is_counted_in_its_pool() {
		let pid = std::process::id();
		let before = thread_cpu(pid).expect("this process has /proc/<pid>/task");
		let (worked, done) = mpsc::channel();
		let (read, may_end) = mpsc::channel::<()>();
		let busy = std::thread::Builder::new()
			.name("busy-pool-7".into())
			.spawn(move || {
				spin_for_cpu(0.3);
				let _ = worked.send(());
				// Alive until read, so that its time is its pool's, not the ended threads'.
				let _ = may_end.recv();
			})
			.expect("a thread starts");
		done.recv().expect("the thread worked");
		let after = thread_cpu(pid).expect("still running");
		drop(read);
		busy.join().expect("the thread ends");
		let (total, pools) = busiest(&before, &after, usize::MAX);
		let pool = pools.iter().find(|p| p.name == "busy-pool").expect("its pool is named");
		assert!(pool.cpu_seconds >= 0.29, "{pools:?}");
		assert!(total >= pool.cpu_seconds, "{total} < {pools:?}");
	}

	#[test]
	fn a_stat_line_gives_the_name_and_the_cpu_time() {
		// A name with a space and a parenthesis; utime 250 and stime 50 ticks.
		let stat = "42 (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 1";
		assert_eq!(parse_stat(stat), Some(("odd) name", 300)));
		assert_eq!(parse_stat("42 (cut"), None);
	}

	#[test]
	fn a_pool_is_a_name_without_its_thread_number() {
		assert_eq!(pool_name("rayon-worker-12"), "rayon-worker");
		assert_eq!(pool_name("pool#3"), "pool");
		assert_eq!(pool_name("tokio-rt-worker"), "tokio-rt-worker");
		// A number that is part of the name stays.
		assert_eq!(pool_name("ipv6"), "ipv6");
		assert_eq!(pool_name("-42"), "-42");
		assert_eq!(pool_name("2024"), "2024");
	}

	#[test]
	fn unnamed_threads_are_told_apart_and_named_ones_pooled() {
		assert_eq!(thread_key("lineage-node", 1007, "lineage-node", 1000), "lineage-node+7");
		// After thread ids wrap around.
		assert_eq!(thread_key("lineage-node", 998, "lineage-node", 1000), "lineage-node-2");
		assert_eq!(thread_key("lineage-node", 1000, "lineage-node", 1000), "lineage-node");
		assert_eq!(thread_key("rayon-worker-3", 1009, "lineage-node", 1000), "rayon-worker");
	}

	fn reading(process: u64, threads: &[(u32, &str, u64)]) -> CpuReading {
		CpuReading {
			process,
			threads: threads.iter().map(|(tid, pool, t)| (*tid, (pool.to_string(), *t))).collect(),
		}
	}

	#[test]
	fn busiest_counts_each_thread_from_its_own_reading() {
		// Pool `a`: thread 1 used 300 ticks, thread 2 started meanwhile and used 50. Pool `b`:
		// thread 3 idle, thread 4 ended after the first reading (its 900 ticks before it are not
		// this window's) and thread 5 used 25. Of the process's 475, 100 were the ended thread's.
		let before = reading(2_000, &[(1, "a", 100), (3, "b", 500), (4, "b", 900), (5, "b", 200)]);
		let after = reading(2_475, &[(1, "a", 400), (2, "a", 50), (3, "b", 500), (5, "b", 225)]);
		let (total, pools) = busiest(&before, &after, 2);
		assert_eq!(total, 4.75);
		assert_eq!(
			pools,
			vec![
				ThreadCpu { name: "a".into(), cpu_seconds: 3.5 },
				ThreadCpu { name: ENDED_THREADS.into(), cpu_seconds: 1.0 },
			]
		);
		let (_, all) = busiest(&before, &after, usize::MAX);
		assert_eq!(all.len(), 3, "pool b used 0.25 s: {all:?}");
	}
}
