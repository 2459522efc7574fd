//! Starts the real `lineage-node` binary for end-to-end tests and talks to it over JSON-RPC.
#![allow(dead_code)]

use std::{
	fs::File,
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, ExitStatus, Stdio},
	time::{Duration, Instant},
};

use lineage_client::{vouchers::SignedVoucher, Chain, TxReport, Wait};
use lineage_primitives::{
	contribution_commitment, ContentHash, ContributionId, DatasetId, ModelId,
};
use lineage_runtime::{AccountId, Balance, Runtime, RuntimeCall, RuntimeEvent};
use sp_core::{sr25519, Pair, H256};

/// The binary under test, built by cargo for this test run.
pub const BINARY: &str = env!("CARGO_BIN_EXE_lineage-node");

/// The Prometheus counter of Lineage RPC queries by the runtime that answered (`rpc::native`).
pub const NATIVE_QUERIES: &str = "lineage_rpc_runtime_queries_total";

/// `method` of the runtime API with the SCALE-encoded `args`, answered by the chain's own (wasm)
/// runtime through `state_call`, however the node answers its Lineage methods.
pub async fn state_call<R: codec::Decode>(
	chain: &Chain,
	method: &str,
	args: Vec<u8>,
	at: Option<H256>,
) -> R {
	chain.state_call(method, &args, at).await.expect("state_call and the runtime's SCALE answer")
}

/// The `lineage` client binary: `LINEAGE_CLIENT_BIN`, or next to `lineage-node` (scripts/test.sh
/// builds it before the tests).
pub fn client_binary() -> PathBuf {
	let path = std::env::var_os("LINEAGE_CLIENT_BIN")
		.map(PathBuf::from)
		.unwrap_or_else(|| std::path::Path::new(BINARY).with_file_name("lineage"));
	assert!(
		path.is_file(),
		"the lineage client is not built at {}: run `cargo build --release -p lineage-client` (scripts/test.sh does)",
		path.display()
	);
	path
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A running `lineage-node`; killed when dropped, if still running.
pub struct TestNode {
	child: Option<Child>,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub prometheus_port: u16,
	pub log: PathBuf,
	_dir: tempfile::TempDir,
}

impl TestNode {
	/// Starts `lineage-node --dev --tmp` on free ports, with `extra` arguments.
	pub fn dev(extra: &[&str]) -> Self {
		Self::start(&["--dev", "--tmp"], extra)
	}

	/// Starts `lineage-node --dev --tmp --instant-seal` (a block per transaction, finalised).
	pub fn instant() -> Self {
		Self::dev(&["--instant-seal"])
	}

	/// Starts the binary with `base` and `extra` arguments plus free RPC, p2p and Prometheus ports.
	pub fn start(base: &[&str], extra: &[&str]) -> Self {
		Self::start_with_env(base, extra, &[])
	}

	/// [`Self::start`] with the environment variables `env` set for the node.
	pub fn start_with_env(base: &[&str], extra: &[&str], env: &[(&str, &str)]) -> Self {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let log = dir.path().join("node.log");
		let (rpc_port, p2p_port, prometheus_port) = (free_port(), free_port(), free_port());
		let child = Command::new(BINARY)
			.args(base)
			.args(extra)
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &p2p_port.to_string()])
			.args(["--prometheus-port", &prometheus_port.to_string()])
			.args(["--no-mdns", "--no-telemetry"])
			.envs(env.iter().copied())
			.stdout(Stdio::null())
			.stderr(File::create(&log).expect("a log file"))
			.spawn()
			.expect("lineage-node starts");
		Self { child: Some(child), rpc_port, p2p_port, prometheus_port, log, _dir: dir }
	}

	/// The node's Prometheus metrics page (a plain HTTP/1.0 GET, no client library needed).
	pub fn metrics(&self) -> String {
		use std::io::{Read, Write};
		let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.prometheus_port))
			.expect("the Prometheus endpoint listens");
		stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("a request");
		let mut response = String::new();
		stream.read_to_string(&mut response).expect("a response");
		response
	}

	/// The value of the Prometheus counter `name` in the sample with `label` (`path="native"`,
	/// say); 0 when no such sample exists yet.
	pub fn counter(&self, name: &str, label: &str) -> f64 {
		self.metrics()
			.lines()
			.filter(|line| line.strip_prefix(name).is_some_and(|rest| rest.starts_with('{')))
			.filter(|line| line.contains(label))
			.find_map(|line| line.rsplit(' ').next()?.parse().ok())
			.unwrap_or(0.0)
	}

	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// `TCP_NODELAY` on each of the node's listening TCP sockets on `port` (its own sockets,
	/// copied into this process with `pidfd_getfd`, which a parent may do to its child).
	#[cfg(target_os = "linux")]
	pub fn listener_nodelay(&self, port: u16) -> Vec<bool> {
		use std::os::fd::{FromRawFd, OwnedFd};
		let pid = self.child.as_ref().expect("running").id();
		// SAFETY: a plain system call on our own child's pid.
		let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
		assert!(pidfd >= 0, "pidfd_open: {}", std::io::Error::last_os_error());
		// SAFETY: the descriptor pidfd_open just returned, owned from here and closed on drop.
		let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as i32) };
		let mut found = Vec::new();
		for entry in std::fs::read_dir(format!("/proc/{pid}/fd")).expect("the node's descriptors") {
			let entry = entry.expect("a descriptor");
			let Ok(target) = std::fs::read_link(entry.path()) else { continue };
			let Some(fd) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
				continue;
			};
			if !target.to_string_lossy().starts_with("socket:") {
				continue;
			}
			// SAFETY: a plain system call; its result is checked and owned below.
			let copy = unsafe {
				libc::syscall(libc::SYS_pidfd_getfd, std::os::fd::AsRawFd::as_raw_fd(&pidfd), fd, 0)
			};
			if copy < 0 {
				let error = std::io::Error::last_os_error();
				// Closed since it was listed; anything else (no permission, an old kernel) must
				// not pass for "no listener".
				assert_eq!(error.raw_os_error(), Some(libc::EBADF), "pidfd_getfd({fd}): {error}");
				continue;
			}
			// SAFETY: a descriptor pidfd_getfd just created for this process, owned from here.
			let copy = unsafe { OwnedFd::from_raw_fd(copy as i32) };
			let socket = socket2::SockRef::from(&copy);
			let bound = socket.local_addr().ok().and_then(|addr| addr.as_socket());
			if socket.is_listener().unwrap_or(false) && bound.is_some_and(|a| a.port() == port) {
				found.push(socket.tcp_nodelay().expect("a TCP listener"));
			}
		}
		found
	}

	/// The node's log so far (for failure messages).
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<_> = text.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}

	/// Waits, up to 30 s, until the node's log holds `needle`. The node writes its log from a
	/// background thread in batches (`sc_tracing`'s stderr writer), so a line logged before an
	/// RPC answer may reach the file after it; reading the file once would race.
	pub async fn wait_for_log(&self, needle: &str) {
		let deadline = Instant::now() + Duration::from_secs(30);
		while !std::fs::read_to_string(&self.log).unwrap_or_default().contains(needle) {
			assert!(Instant::now() < deadline, "no {needle:?} in the log\n{}", self.log_tail());
			tokio::time::sleep(Duration::from_millis(100)).await;
		}
	}

	/// Connects once the node answers, within a minute.
	pub async fn connect(&self) -> Chain {
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			match Chain::connect(&self.url()).await {
				Ok(chain) => return chain,
				Err(e) if Instant::now() > deadline => {
					panic!("the node did not answer on {}: {e}\n{}", self.url(), self.log_tail())
				},
				Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
			}
		}
	}

	/// Waits until the best block is at least `number`.
	pub async fn wait_for_block(&self, chain: &Chain, number: u32, timeout: Duration) {
		let deadline = Instant::now() + timeout;
		loop {
			let best = chain.best_number().await.expect("the node answers chain_getHeader");
			if best >= number {
				return;
			}
			assert!(
				Instant::now() < deadline,
				"no block #{number} within {timeout:?}\n{}",
				self.log_tail()
			);
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
	}

	/// Asks the node to stop (SIGINT, as Ctrl-C does) and waits for it to exit.
	pub fn stop(mut self) -> ExitStatus {
		let mut child = self.child.take().expect("running");
		// SAFETY: sending a signal to our own child process.
		unsafe {
			libc::kill(child.id() as libc::pid_t, libc::SIGINT);
		}
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			if let Some(status) = child.try_wait().expect("waitable") {
				return status;
			}
			if Instant::now() > deadline {
				let _ = child.kill();
				panic!("the node did not stop within 60 s of SIGINT\n{}", self.log_tail());
			}
			std::thread::sleep(Duration::from_millis(100));
		}
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// A dev key pair (`//Alice`, `//Bob`, ...).
pub fn dev(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{name}"), None).expect("a valid dev URI")
}

pub fn account(pair: &sr25519::Pair) -> AccountId {
	AccountId::from(pair.public())
}

/// Submits `call` signed by `signer`, waits for its block and asserts that it succeeded.
pub async fn submit_ok(chain: &Chain, signer: &sr25519::Pair, call: RuntimeCall) -> TxReport {
	let report =
		chain.submit(signer, call, Wait::InBlock).await.expect("the node accepts the transaction");
	report.ensure_success().expect("the transaction succeeds");
	report
}

/// Submits `call` and returns its report, whatever its dispatch did.
pub async fn submit(chain: &Chain, signer: &sr25519::Pair, call: RuntimeCall) -> TxReport {
	chain.submit(signer, call, Wait::InBlock).await.expect("the node accepts the transaction")
}

/// The salt of the contributions the tests make.
pub const SALT: [u8; 32] = [7; 32];

/// Commits `who` to `content` (in one block).
pub async fn commit(chain: &Chain, who: &sr25519::Pair, content: ContentHash) {
	let commitment = contribution_commitment(&content, &account(who), &SALT);
	submit_ok(chain, who, pallet_datasets::Call::<Runtime>::commit { commitment }.into()).await;
}

/// The reveal of a contribution committed with [`commit`].
pub fn reveal(dataset_id: DatasetId, content: ContentHash, units: u64) -> RuntimeCall {
	pallet_datasets::Call::<Runtime>::contribute {
		dataset_id,
		content_hash: content,
		units,
		metadata: Default::default(),
		salt: SALT,
	}
	.into()
}

/// Commits, then reveals in a later block: a contribution of `who`. Returns its id.
pub async fn contribute(
	chain: &Chain,
	who: &sr25519::Pair,
	dataset_id: DatasetId,
	content: ContentHash,
	units: u64,
) -> ContributionId {
	commit(chain, who, content).await;
	let report = submit_ok(chain, who, reveal(dataset_id, content, units)).await;
	report
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Datasets(pallet_datasets::Event::ContributionSubmitted {
				contribution_id,
				..
			}) => Some(*contribution_id),
			_ => None,
		})
		.expect("a ContributionSubmitted event")
}

/// A record of `consumer`'s request `request` for model `model_id`, with a voucher `consumer`
/// signed (at most `max_fee`, valid for 100 blocks from `best`).
pub fn voucher_record(
	chain: &Chain,
	consumer: &sr25519::Pair,
	model_id: ModelId,
	request: &str,
	max_fee: Balance,
	best: u32,
) -> pallet_inference::InferenceRecord<Runtime> {
	let signed =
		SignedVoucher::sign(consumer, chain.genesis_hash, model_id, request, max_fee, best + 100);
	let (consumer, voucher, signature) = signed.decode().expect("a voucher we signed");
	pallet_inference::InferenceRecord {
		consumer,
		voucher,
		signature,
		output_hash: H256::repeat_byte(0xee),
		attribution: Default::default(),
		method: Default::default(),
		evidence_hash: H256::zero(),
	}
}

pub fn lin(amount: u128) -> Balance {
	amount * lineage_runtime::UNIT
}
