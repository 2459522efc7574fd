//! The load benchmark's traffic with the node: the accounts it derives, signing many extrinsics
//! at once, the weight the node gives each kind of extrinsic, submitting without watching
//! (`author_submitExtrinsic`, many in flight over a few connections), and following the chain
//! block by block (one `chain_getBlock` per block, with its timestamp, events and weight).

use super::stats::BlockView;
use crate::{chain::decode_hex, keys, Chain, ClientError, Result};
use codec::{Decode, Encode};
use frame_support::dispatch::{DispatchClass, PerDispatchClass};
use frame_support::weights::Weight;
use futures::{channel::mpsc, StreamExt};
use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use lineage_runtime::{AccountId, Hash, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use sp_core::{
	crypto::{DeriveJunction, Pair as _},
	sr25519,
};
use sp_runtime::{
	generic::Era,
	traits::{BlakeTwo256, Hash as _},
	DispatchError,
};
use std::{
	collections::HashMap,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

/// The root of every account the benchmark derives: `//lineage-bench/<path>`, from the
/// development phrase, so that anyone can recompute them.
pub const ROOT: &str = "//lineage-bench";

/// The accounts of a run, derived from [`ROOT`] with soft junctions (cheap: one hard derivation
/// for the root, then one soft step per account).
pub struct Keyring {
	root: sr25519::Pair,
}

impl Keyring {
	pub fn new() -> Result<Self> {
		Ok(Self { root: keys::pair_from_suri(ROOT)? })
	}

	/// The key of `//lineage-bench/<path>` (path segments separated by `/`, each a soft junction,
	/// as a secret URI parses them).
	pub fn pair(&self, path: &str) -> Result<sr25519::Pair> {
		self.root
			.derive(path.split('/').map(DeriveJunction::from), None)
			.map(|(pair, _)| pair)
			.map_err(|e| ClientError::new(format!("cannot derive {ROOT}/{path}: {e:?}")))
	}

	/// `//lineage-bench/<prefix><i>` for `i` in `0..n`.
	pub fn many(&self, prefix: &str, n: u32) -> Result<Vec<sr25519::Pair>> {
		(0..n).map(|i| self.pair(&format!("{prefix}{i}"))).collect()
	}
}

/// Milliseconds since the Unix epoch, as block timestamps count.
pub fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// A signed extrinsic, ready to send.
#[derive(Clone, Debug)]
pub struct Signed {
	pub hash: Hash,
	/// `0x`-hex of its encoding, as `author_submitExtrinsic` takes it.
	pub hex: Arc<str>,
	pub length: u64,
}

impl Signed {
	fn new(encoded: Vec<u8>) -> Self {
		Self {
			hash: BlakeTwo256::hash(&encoded),
			hex: format!("0x{}", hex::encode(&encoded)).into(),
			length: encoded.len() as u64,
		}
	}
}

/// Runs `f` over `items` on every core (signing thousands of extrinsics or vouchers), keeping
/// their order.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
	let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	let chunk = items.len().div_ceil(threads).max(1);
	std::thread::scope(|scope| {
		let handles: Vec<_> = items
			.chunks(chunk)
			.map(|part| {
				let f = &f;
				scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())
			})
			.collect();
		handles
			.into_iter()
			.flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
			.collect()
	})
}

/// One extrinsic to sign: who, what, with which nonce.
pub struct Job<'a> {
	pub signer: &'a sr25519::Pair,
	pub call: RuntimeCall,
	pub nonce: u32,
}

/// Signs every job with `era`, on every core.
pub fn sign_all(chain: &Chain, era: (Era, Hash), jobs: &[Job<'_>]) -> Vec<Signed> {
	par_map(jobs, |job| {
		let xt = chain.sign_at(job.signer, job.call.clone(), job.nonce, era.0, era.1);
		Signed::new(xt.encode())
	})
}

/// The next nonce of each account (counting its transactions in the pool), many at once.
pub async fn nonces(chain: &Chain, accounts: &[AccountId]) -> Result<Vec<u32>> {
	let results: Vec<Result<u32>> = futures::stream::iter(accounts.iter())
		.map(|who| chain.next_nonce(who))
		.buffered(256)
		.collect()
		.await;
	results.into_iter().collect()
}

/// The weight (reference time, without the base extrinsic weight) and class the node gives an
/// extrinsic, from the runtime's `TransactionPaymentApi_query_info`.
pub async fn weight_of(chain: &Chain, encoded_hex: &str) -> Result<(u64, DispatchClass)> {
	let encoded = decode_hex(encoded_hex)?;
	let xt = UncheckedExtrinsic::decode(&mut &encoded[..])?;
	let info: pallet_transaction_payment::RuntimeDispatchInfo<lineage_runtime::Balance, Weight> =
		chain
			.state_call(
				"TransactionPaymentApi_query_info",
				&(xt, encoded.len() as u32).encode(),
				None,
			)
			.await?;
	Ok((info.weight.ref_time(), info.class))
}

/// Why the node did not take an extrinsic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// The node refused it (invalid, banned, ...): the node's words.
	Invalid(String),
	/// The pool stayed full for longer than [`POOL_FULL_PATIENCE`].
	PoolFull,
	/// The connection to the node was lost.
	Connection(String),
}

/// How long a submission is retried while the pool is full.
pub const POOL_FULL_PATIENCE: Duration = Duration::from_secs(120);

/// What became of one submission.
#[derive(Clone, Debug)]
pub enum Sent {
	/// In the pool since this time (Unix ms).
	Accepted {
		index: usize,
		at_ms: u64,
	},
	Refused {
		index: usize,
		why: Refusal,
	},
	/// Not sent: the load was stopped first.
	Unsent {
		index: usize,
	},
}

/// Submits extrinsics with `author_submitExtrinsic`, without watching them, as fast as the
/// node's pool takes them: up to `window` requests in flight, spread over a few WebSocket
/// connections. A full pool (error 1016) is retried until it drains.
pub struct Submitter {
	clients: Vec<Arc<WsClient>>,
	window: usize,
}

/// Connects, retrying for up to `patience` while the node starts.
pub async fn connect_patiently(url: &str, patience: Duration) -> Result<Chain> {
	let started = Instant::now();
	loop {
		match Chain::connect(url).await {
			Ok(chain) => return Ok(chain),
			// Not listening yet; any other error (another runtime, say) is final.
			Err(e) if e.0.starts_with("cannot connect") && started.elapsed() < patience => {
				tokio::time::sleep(Duration::from_millis(500)).await;
			},
			Err(e) => return Err(e),
		}
	}
}

/// Connects a WebSocket JSON-RPC client with room for many requests in flight.
pub async fn connect_ws(url: &str) -> Result<WsClient> {
	WsClientBuilder::default()
		.request_timeout(Duration::from_secs(120))
		.max_response_size(256 * 1024 * 1024)
		.max_concurrent_requests(1 << 16)
		.max_buffer_capacity_per_subscription(1 << 16)
		.build(url)
		.await
		.map_err(|e| {
			ClientError::new(format!(
				"cannot connect to {url}: {e} (is the node running? ./scripts/benchmark.sh load \
				 starts one)"
			))
		})
}

impl Submitter {
	pub async fn connect(url: &str, connections: usize, window: usize) -> Result<Self> {
		let mut clients = Vec::new();
		for _ in 0..connections.max(1) {
			clients.push(Arc::new(connect_ws(url).await?));
		}
		Ok(Self { clients, window: window.max(1) })
	}

	/// Starts a submission task. Send it `(index, extrinsic)` pairs; it reports what became of
	/// each. Once `stop` is set, what is not sent yet is reported as [`Sent::Unsent`]. The task
	/// ends when the sender is dropped and everything sent is answered.
	pub fn start(&self, stop: Arc<AtomicBool>) -> Submission {
		let (to_send, queue) = mpsc::unbounded::<(usize, Arc<str>)>();
		let (report, outcomes) = mpsc::unbounded::<Sent>();
		let clients = self.clients.clone();
		let window = self.window;
		let task = tokio::spawn(async move {
			queue
				.map(|(index, hex)| {
					let client = clients[index % clients.len()].clone();
					let stop = stop.clone();
					async move { submit_one(&client, index, &hex, &stop).await }
				})
				.buffer_unordered(window)
				.for_each(|sent| {
					// The receiver may be gone when a run is aborted; nothing to do then.
					let _ = report.unbounded_send(sent);
					futures::future::ready(())
				})
				.await;
		});
		Submission { to_send, outcomes, task }
	}
}

/// A running submission task (see [`Submitter::start`]).
pub struct Submission {
	/// Where to put `(index, extrinsic)` pairs to send.
	pub to_send: mpsc::UnboundedSender<(usize, Arc<str>)>,
	/// What became of each.
	pub outcomes: mpsc::UnboundedReceiver<Sent>,
	pub task: tokio::task::JoinHandle<()>,
}

async fn submit_one(client: &WsClient, index: usize, hex: &str, stop: &AtomicBool) -> Sent {
	let started = Instant::now();
	loop {
		if stop.load(Ordering::Relaxed) {
			return Sent::Unsent { index };
		}
		let reply: std::result::Result<Hash, _> =
			client.request("author_submitExtrinsic", rpc_params![hex]).await;
		match reply {
			Ok(_) => return Sent::Accepted { index, at_ms: now_ms() },
			Err(jsonrpsee::core::ClientError::Call(e)) => match e.code() {
				// Already in the pool (sent twice over a retry): fine.
				1013 => return Sent::Accepted { index, at_ms: now_ms() },
				// Immediately dropped: the pool is full. Wait for a block to make room.
				1016 if started.elapsed() < POOL_FULL_PATIENCE => {
					tokio::time::sleep(Duration::from_millis(200)).await;
				},
				1016 => return Sent::Refused { index, why: Refusal::PoolFull },
				_ => {
					let data = e.data().map(|d| format!(": {}", d.get())).unwrap_or_default();
					let why = Refusal::Invalid(format!("{} ({}){data}", e.message(), e.code()));
					return Sent::Refused { index, why };
				},
			},
			Err(e) => return Sent::Refused { index, why: Refusal::Connection(e.to_string()) },
		}
	}
}

/// A block as the benchmark reads it.
pub struct Block {
	pub view: BlockView,
	/// Events, with the index of the extrinsic that caused each.
	pub events: Vec<(Option<u32>, RuntimeEvent)>,
	/// Why each failed extrinsic failed, by index.
	pub failures: HashMap<u32, DispatchError>,
}

#[derive(serde::Deserialize)]
struct SignedBlockJson {
	block: BlockJson,
}

#[derive(serde::Deserialize)]
struct BlockJson {
	extrinsics: Vec<String>,
}

/// Reads new blocks of the best chain in order, each once.
pub struct Follower {
	pub chain: Chain,
	next: u32,
	last_timestamp: u64,
}

impl Follower {
	/// Follows `chain` from the block after its best one.
	pub async fn new(chain: Chain) -> Result<Self> {
		let (hash, best) = chain.best().await?;
		let last_timestamp = timestamp(&chain, hash).await?;
		Ok(Self { chain, next: best + 1, last_timestamp })
	}

	/// Every block authored since the last call, in order.
	pub async fn poll(&mut self) -> Result<Vec<Block>> {
		let header: crate::chain::HeaderJson =
			self.chain.call("chain_getHeader", rpc_params![]).await?;
		let best = header.number()?;
		let mut blocks = Vec::new();
		while self.next <= best {
			let block = self.read(self.next).await?;
			self.last_timestamp = block.view.timestamp_ms;
			self.next += 1;
			blocks.push(block);
		}
		Ok(blocks)
	}

	async fn read(&self, number: u32) -> Result<Block> {
		let hash = self.chain.block_hash(number).await?;
		let signed: SignedBlockJson = self.chain.call("chain_getBlock", rpc_params![hash]).await?;
		let mut extrinsics = Vec::with_capacity(signed.block.extrinsics.len());
		let mut length = 0u64;
		for xt in &signed.block.extrinsics {
			let bytes = decode_hex(xt)?;
			length += bytes.len() as u64;
			extrinsics.push((BlakeTwo256::hash(&bytes), true));
		}
		let events = self.chain.events(hash).await?;
		let mut failures = HashMap::new();
		for (index, event) in &events {
			if let (
				Some(i),
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
					dispatch_error, ..
				}),
			) = (index, event)
			{
				failures.insert(*i, *dispatch_error);
				if let Some(entry) = extrinsics.get_mut(*i as usize) {
					entry.1 = false;
				}
			}
		}
		let weight: PerDispatchClass<Weight> = self
			.chain
			.storage(
				frame_system::BlockWeight::<lineage_runtime::Runtime>::hashed_key().to_vec(),
				Some(hash),
			)
			.await?
			.unwrap_or_default();
		let timestamp_ms = timestamp(&self.chain, hash).await?;
		Ok(Block {
			view: BlockView {
				number,
				timestamp_ms,
				parent_timestamp_ms: self.last_timestamp,
				weight: weight.get(DispatchClass::Normal).ref_time(),
				length,
				extrinsics,
			},
			events,
			failures,
		})
	}
}

/// A block's timestamp (`Timestamp::Now`, which the block's `timestamp.set` inherent sets).
pub async fn timestamp(chain: &Chain, block: Hash) -> Result<u64> {
	let key = frame_support::storage::storage_prefix(b"Timestamp", b"Now").to_vec();
	chain
		.storage::<u64>(key, Some(block))
		.await?
		.ok_or_else(|| ClientError::new(format!("block {block:?} has no timestamp")))
}

/// The signed extrinsics of block `number`: signer and call.
pub async fn signed_extrinsics(
	chain: &Chain,
	number: u32,
) -> Result<Vec<(AccountId, RuntimeCall)>> {
	let hash = chain.block_hash(number).await?;
	let signed: SignedBlockJson = chain.call("chain_getBlock", rpc_params![hash]).await?;
	let mut out = Vec::new();
	for xt in &signed.block.extrinsics {
		let xt = UncheckedExtrinsic::decode(&mut &decode_hex(xt)?[..])?;
		if let sp_runtime::generic::Preamble::Signed(sp_runtime::MultiAddress::Id(who), _, _) =
			xt.preamble
		{
			out.push((who, xt.function));
		}
	}
	Ok(out)
}

/// The most common reasons in `reasons`, with counts, most frequent first.
pub fn top_reasons(reasons: impl IntoIterator<Item = String>, n: usize) -> Vec<(String, usize)> {
	let mut counts: HashMap<String, usize> = HashMap::new();
	for r in reasons {
		*counts.entry(r).or_default() += 1;
	}
	let mut sorted: Vec<_> = counts.into_iter().collect();
	sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
	sorted.truncate(n);
	sorted
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn derived_accounts_are_those_of_their_secret_uri() {
		let keyring = Keyring::new().unwrap();
		for path in ["5", "consumer/3", "owner"] {
			let derived = keyring.pair(path).unwrap();
			let parsed = keys::pair_from_suri(&format!("{ROOT}/{path}")).unwrap();
			assert_eq!(derived.public(), parsed.public(), "{path}");
		}
		let many = keyring.many("operator/", 3).unwrap();
		assert_eq!(many[2].public(), keyring.pair("operator/2").unwrap().public());
	}

	#[test]
	fn reasons_are_counted_most_frequent_first() {
		let reasons = ["b", "a", "b", "c", "b", "a"].map(String::from);
		assert_eq!(top_reasons(reasons, 2), vec![("b".into(), 3), ("a".into(), 2)]);
	}

	#[test]
	fn par_map_keeps_the_order() {
		let items: Vec<u32> = (0..1000).collect();
		assert_eq!(par_map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
		assert!(par_map(&Vec::<u32>::new(), |i| *i).is_empty());
	}
}
