//! The load run: accounts funded, then each phase signed before its timed window, submitted as
//! fast as the pool takes it, and counted block by block.

use super::{
	io::{self, Block, Follower, Job, Keyring, Refusal, Sent, Signed, Submitter},
	latency::{self, LatencyRun, Requests},
	procfs,
	report::{NodeCpuWindow, Pipelining, Report, RpcSummary},
	stats::{self, BlockRow, Figures, Limits, PlannedXt, Tracker},
	LoadArgs,
};
use crate::{keys, Chain, ClientError, Result};
use frame_support::{dispatch::DispatchClass, traits::Get, BoundedVec};
use futures::{channel::oneshot, StreamExt};
use jsonrpsee::{rpc_params, ws_client::WsClient};
use lineage_primitives::{
	batch_digest, contribution_commitment, merkle::sha256, voucher::InferenceVoucher,
	voucher::VoucherSignature, AttributionMethod, ContentHash, ContributionId, CurationPolicy,
	DatasetId, ModelId, RevenueSplit,
};
use lineage_runtime::{
	AccountId, Balance, Hash, Runtime, RuntimeCall, RuntimeEvent, Signature, MILLI_UNIT, UNIT,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{generic::Era, MultiAddress, Perbill};
use std::{
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

type DatasetsCall = pallet_datasets::Call<Runtime>;
type InferenceCall = pallet_inference::Call<Runtime>;

/// The fee of the benchmark's model, per inference.
const INFERENCE_FEE: Balance = MILLI_UNIT;
/// Blocks without any progress of a phase after which it is given up.
const STALL_BLOCKS: u32 = 10;
/// What each funded account gets beyond what its phases need (fees, rounding).
const SPARE: Balance = UNIT;
/// Records in one `contribute_batch`.
fn max_records() -> usize {
	<<Runtime as pallet_datasets::Config>::MaxBatch as Get<u32>>::get() as usize
}
/// Records in one `record_inferences`.
fn max_inferences() -> usize {
	<<Runtime as pallet_inference::Config>::MaxBatch as Get<u32>>::get() as usize
}

/// One kind of extrinsic of a phase, with the weight the node gives it.
#[derive(Clone, Debug)]
pub struct Kind {
	pub name: &'static str,
	pub weight: u64,
	pub length: u64,
}

/// One extrinsic to plan: how to sign it and how it counts.
struct Spec<'a> {
	job: Job<'a>,
	/// See [`PlannedXt`].
	group: u32,
	stage: u8,
	kind: u8,
	/// The items of the item this extrinsic is part of (a contribution: 1; a batch: its records);
	/// split between the item's extrinsics by their weights (see [`PlannedXt::share`]).
	share: f64,
	/// The items completed when this extrinsic succeeds.
	completes: f64,
}

/// A phase, signed.
struct Phase {
	name: String,
	unit: &'static str,
	xts: Vec<PlannedXt>,
	signed: Vec<Signed>,
	kinds: Vec<Kind>,
	/// A set-up step: any refusal or failed dispatch stops the run.
	setup: bool,
}

/// What a phase did.
#[derive(Clone, Debug)]
pub struct PhaseResult {
	pub name: String,
	pub unit: &'static str,
	pub planned: usize,
	pub refused: usize,
	pub unsent: usize,
	/// Accepted by the pool but never seen in a block before the phase was given up.
	pub missing: usize,
	/// Why extrinsics were refused or failed, most frequent first.
	pub reasons: Vec<(String, usize)>,
	pub kinds: Vec<Kind>,
	pub rows: Vec<BlockRow>,
	pub figures: Figures,
	/// Seconds from the first submission to the last inclusion (wall clock).
	pub wall_seconds: f64,
	/// Extrinsics the pool accepted, and seconds from the first submission to the last
	/// acceptance.
	pub accepted: usize,
	pub submit_seconds: f64,
	/// Part of the history laid down before the measured phases (`--history`): its blocks are
	/// neither measured against the baseline nor imported again by `benchmark block`.
	pub history: bool,
}

/// The accounts of a run.
struct Accounts {
	senders: Vec<sr25519::Pair>,
	batchers: Vec<sr25519::Pair>,
	owner: sr25519::Pair,
	operators: Vec<sr25519::Pair>,
	consumers: Vec<sr25519::Pair>,
	pipeline: sr25519::Pair,
}

/// How much of everything a run sends.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
	pub senders: u32,
	pub transfers_per_sender: u32,
	pub batchers: u32,
	pub batches_per_batcher: u32,
	pub operators: u32,
	pub consumers: u32,
	pub inference_batches: [u32; 2],
	pub load_transfers_per_sender: u32,
	pub pipeline_records: u32,
	pub rpc_rates: Vec<u32>,
	pub rpc_seconds: f64,
	pub rpc_connections: usize,
	/// Blocks' worth of items each phase is sized for.
	pub target_blocks: f64,
	/// Items of each phase one block fits, by the weights the node gives them.
	pub capacities: Capacities,
	/// Batched records and inferences put on chain before the measured phases.
	pub history: u64,
}

impl Plan {
	/// What the history needs: its batches (of [`max_records`]) over the same batchers, and its
	/// inference batches (of [`max_inferences`], without attribution).
	fn history_plan(&self) -> Plan {
		let batches = self.history.div_ceil(max_records() as u64);
		let inference_batches = self.history.div_ceil(max_inferences() as u64);
		Plan {
			batches_per_batcher: ceil_div(batches, u64::from(self.batchers)) as u32,
			inference_batches: [inference_batches as u32, 0],
			..self.clone()
		}
	}

	/// What the whole run needs funded: the measured phases and the history.
	fn funding_plan(&self) -> Plan {
		let history = self.history_plan();
		Plan {
			batches_per_batcher: self.batches_per_batcher + history.batches_per_batcher,
			inference_batches: [
				self.inference_batches[0] + history.inference_batches[0],
				self.inference_batches[1],
			],
			..self.clone()
		}
	}
}

/// The run.
pub struct Bench {
	args: LoadArgs,
	chain: Chain,
	follower: Follower,
	submitter: Submitter,
	limits: Limits,
	era: (Era, Hash),
	run_id: String,
	keyring: Keyring,
}

fn log(text: impl AsRef<str>) {
	eprintln!("[{}] {}", clock(), text.as_ref());
}

/// `HH:MM:SS` (UTC) for the progress lines.
fn clock() -> String {
	let secs = io::now_ms() / 1000;
	format!("{:02}:{:02}:{:02}", (secs / 3600) % 24, (secs / 60) % 60, secs % 60)
}

/// How long the node rests after the phases before its idle JSON-RPC latency is measured.
const IDLE_SETTLE: Duration = Duration::from_secs(30);

/// The normal-class limits of the runtime this client was built with (the node's `--dev`
/// runtime is the same code).
fn runtime_limits() -> Limits {
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let length = <Runtime as frame_system::Config>::BlockLength::get();
	Limits {
		normal_weight: normal.max_total.unwrap_or(weights.max_block).ref_time(),
		normal_length: u64::from(*length.max.get(DispatchClass::Normal)),
		base_extrinsic: normal.base_extrinsic.ref_time(),
	}
}

fn transfer(to: &AccountId, value: Balance) -> RuntimeCall {
	pallet_balances::Call::<Runtime>::transfer_keep_alive {
		dest: MultiAddress::Id(to.clone()),
		value,
	}
	.into()
}

fn ceil_div(a: u64, b: u64) -> u64 {
	a.div_ceil(b.max(1))
}

impl Bench {
	/// Connects to the node (waiting up to a minute for it to start) and prepares the run.
	pub async fn connect(args: LoadArgs) -> Result<Self> {
		// A wrong process id is said now, not after the phases.
		if let Some(pid) = args.node_pid {
			procfs::thread_cpu(pid)?;
		}
		let chain = io::connect_patiently(&args.url, Duration::from_secs(60)).await?;
		// Wait for the chain to author its first blocks (Aura on a fresh dev node).
		let started = Instant::now();
		while chain.best_number().await? < 1 {
			if started.elapsed() > Duration::from_secs(60) {
				return Err(ClientError::new(format!(
					"{} authors no blocks: start it with --dev (Aura, 6 s blocks)",
					args.url
				)));
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
		let follower = Follower::new(Chain::connect(&args.url).await?).await?;
		let submitter = Submitter::connect(&args.url, args.connections, args.window).await?;
		// Mortal for 4,096 blocks (6.8 hours of 6-second blocks, longer than any run), so one
		// birth block serves a whole phase signed ahead.
		let era = chain.era_of(4096).await?;
		let run_id = hex::encode(&sr25519::Pair::generate().1[..8]);
		Ok(Self {
			args,
			chain,
			follower,
			submitter,
			limits: runtime_limits(),
			era,
			run_id,
			keyring: Keyring::new()?,
		})
	}

	fn content(&self, what: &str) -> ContentHash {
		sha256(format!("lineage-bench {} {what}", self.run_id).as_bytes())
	}

	fn salt(&self, what: &str) -> [u8; 32] {
		sha256(format!("lineage-bench salt {} {what}", self.run_id).as_bytes()).0
	}

	/// Signs the specs and measures each kind's weight on the node.
	async fn phase(
		&self,
		name: &str,
		unit: &'static str,
		kind_names: &[&'static str],
		specs: Vec<Spec<'_>>,
		setup: bool,
	) -> Result<Phase> {
		let started = Instant::now();
		let (jobs, metas): (Vec<Job<'_>>, Vec<_>) = specs
			.into_iter()
			.map(|s| (s.job, (s.group, s.stage, s.kind, s.share, s.completes)))
			.unzip();
		let signed = io::sign_all(&self.chain, self.era, &jobs);
		let mut kinds = Vec::new();
		for (k, kind_name) in kind_names.iter().enumerate() {
			match metas.iter().position(|m| usize::from(m.2) == k) {
				Some(i) => {
					let (weight, _) = io::weight_of(&self.chain, &signed[i].hex).await?;
					kinds.push(Kind { name: kind_name, weight, length: signed[i].length });
				},
				None => kinds.push(Kind { name: kind_name, weight: 0, length: 0 }),
			}
		}
		// An item made of several extrinsics (a commitment and its reveal) counts in each one's
		// block in proportion to their weights.
		let total_weight: u64 = kinds.iter().map(|k| k.weight).sum();
		let split = |kind: u8| -> f64 {
			match kinds.get(usize::from(kind)) {
				Some(k) if kinds.len() > 1 && total_weight > 0 => {
					k.weight as f64 / total_weight as f64
				},
				_ => 1.0,
			}
		};
		let xts = metas
			.iter()
			.zip(&signed)
			.map(|(&(group, stage, kind, value, completes), x)| PlannedXt {
				hash: x.hash,
				group,
				stage,
				kind,
				share: value * split(kind),
				completes,
				length: x.length,
			})
			.collect();
		if !setup {
			log(format!(
				"{name}: {} extrinsics signed in {:.1} s",
				signed.len(),
				started.elapsed().as_secs_f64()
			));
		}
		Ok(Phase { name: name.to_string(), unit, xts, signed, kinds, setup })
	}

	/// Runs a phase: sends what may be sent, follows the blocks, releases later stages as
	/// earlier ones land, until every extrinsic is in a block or refused (or nothing moves for
	/// [`STALL_BLOCKS`] blocks). With `stop`, blocks are read only once it fires, and what is
	/// not sent by then is dropped (a background load). Returns the result and the events of the
	/// phase's extrinsics that `keep` selects.
	async fn run_phase(
		&mut self,
		phase: Phase,
		keep: impl Fn(&RuntimeEvent) -> bool,
		mut stop: Option<oneshot::Receiver<()>>,
	) -> Result<(PhaseResult, Vec<RuntimeEvent>)> {
		let Phase { name, unit, xts, signed, kinds, setup } = phase;
		// Blocks authored before the phase cannot hold any of it.
		self.follower.poll().await?;
		let planned = xts.len();
		let (mut tracker, ready) = Tracker::new(xts, kinds.iter().map(|k| k.weight).collect());
		let stop_flag = Arc::new(AtomicBool::new(false));
		let io::Submission { to_send, mut outcomes, task } =
			self.submitter.start(stop_flag.clone());
		let started = Instant::now();
		let send = |sender: &futures::channel::mpsc::UnboundedSender<(usize, Arc<str>)>,
		            list: Vec<usize>| {
			for i in list {
				// The task runs as long as the sender is held: sending cannot fail.
				let _ = sender.unbounded_send((i, signed[i].hex.clone()));
			}
		};
		send(&to_send, ready);
		let mut to_send = Some(to_send);
		let mut following = stop.is_none();
		let mut rows = Vec::new();
		let mut kept = Vec::new();
		let mut reasons = Vec::new();
		let mut unsent = 0;
		let mut quiet_blocks = 0;
		let mut missing = 0;
		let mut last_inclusion = started;
		let mut last_acceptance = started;
		let mut accepted = 0usize;
		let mut tick = tokio::time::interval(Duration::from_millis(250));
		loop {
			if stop.is_none() && tracker.done() {
				break;
			}
			tokio::select! {
				Some(sent) = outcomes.next() => match sent {
					Sent::Accepted { index, at_ms } => {
						tracker.accepted(index, at_ms);
						quiet_blocks = 0;
						accepted += 1;
						last_acceptance = Instant::now();
					},
					Sent::Unsent { index } => {
						unsent += 1;
						let released = tracker.refused(index);
						if let Some(s) = &to_send { send(s, released) }
					},
					Sent::Refused { index, why } => match why {
						Refusal::Connection(e) => {
							return Err(ClientError::new(format!(
								"{name}: lost the connection to the node at {}: {e}",
								self.args.url
							)))
						},
						Refusal::PoolFull => {
							return Err(ClientError::new(format!(
								"{name}: the node's transaction pool stayed full for {} s and did \
								 not drain (is it authoring blocks? start it with a larger \
								 --pool-limit/--pool-kbytes)",
								io::POOL_FULL_PATIENCE.as_secs()
							)))
						},
						Refusal::Invalid(reason) => {
							if setup {
								return Err(ClientError::new(format!(
									"{name}: the node refused a transaction: {reason}"
								)));
							}
							reasons.push(format!("refused: {reason}"));
							let released = tracker.refused(index);
							if let Some(s) = &to_send { send(s, released) }
						},
					},
				},
				fired = async {
					match stop.as_mut() {
						Some(rx) => rx.await.is_ok(),
						None => futures::future::pending::<bool>().await,
					}
				}, if stop.is_some() => {
					let _ = fired;
					stop = None;
					following = true;
					stop_flag.store(true, Ordering::Relaxed);
					// Dropping the sender lets the submitter end once what it holds is answered.
					to_send = None;
				},
				_ = tick.tick(), if following => {
					for block in self.follower.poll().await? {
						let (row, released) = tracker.on_block(&block.view, &self.limits);
						collect(&block, &tracker_hashes(&tracker, &block), &keep, &mut kept, &mut reasons);
						if setup && row.failed > 0 {
							let why = reasons.last().cloned().unwrap_or_default();
							return Err(ClientError::new(format!(
								"{name}: a set-up transaction failed in block #{}: {why}",
								row.number
							)));
						}
						if row.extrinsics > 0 {
							quiet_blocks = 0;
							last_inclusion = Instant::now();
						} else {
							quiet_blocks += 1;
						}
						rows.push(row);
						if let Some(s) = &to_send { send(s, released) }
					}
					if quiet_blocks >= STALL_BLOCKS && !tracker.done() {
						missing = tracker.in_pool();
						log(format!(
							"{name}: nothing landed for {STALL_BLOCKS} blocks; giving up with {missing} \
							 extrinsics still in the pool"
						));
						if setup {
							return Err(ClientError::new(format!(
								"{name}: {missing} set-up transactions never made it into a block"
							)));
						}
						break;
					}
				},
			}
		}
		stop_flag.store(true, Ordering::Relaxed);
		drop(to_send);
		// The submitter ends once every request it sent is answered.
		let _ = task.await;
		let figures = stats::figures(&rows);
		let result = PhaseResult {
			name,
			unit,
			planned,
			refused: tracker.refused_count().saturating_sub(unsent),
			unsent,
			missing,
			reasons: io::top_reasons(reasons, 3),
			kinds,
			rows,
			figures,
			wall_seconds: last_inclusion.saturating_duration_since(started).as_secs_f64(),
			accepted,
			submit_seconds: last_acceptance.saturating_duration_since(started).as_secs_f64(),
			history: false,
		};
		if !setup {
			log(summary_line(&result));
		}
		Ok((result, kept))
	}

	/// Runs a measured phase or a set-up step.
	async fn run(&mut self, phase: Phase) -> Result<PhaseResult> {
		Ok(self.run_phase(phase, |_| false, None).await?.0)
	}

	/// The whole run.
	pub async fn execute(mut self) -> Result<Report> {
		let run_started = Instant::now();
		let quick = self.args.quick;
		let best = self.chain.best_number().await?;
		log(format!(
			"load benchmark ({} mode) on {} (runtime spec {}), from block #{best}, run {}",
			if quick { "quick" } else { "full" },
			self.args.url,
			self.chain.spec_version,
			self.run_id
		));

		// What each kind of extrinsic weighs, and so how many fit in a block.
		let capacities = self.capacities().await?;
		let plan = self.plan(&capacities);
		log(format!(
			"one block fits {} transfers, {} contributions, {} batched records, {} + {} \
			 inference batches, {} claims",
			capacities.transfers,
			capacities.contributions,
			capacities.batch_records,
			capacities.inference_batches[0],
			capacities.inference_batches[1],
			capacities.claims
		));
		log(format!(
			"plan: {} senders x {} transfers; {} contributions; {} batches of {} records; {} + {} \
			 inference batches of {}; {} RPC rates x {} s",
			plan.senders,
			plan.transfers_per_sender,
			plan.senders,
			plan.batchers * plan.batches_per_batcher,
			max_records(),
			plan.inference_batches[0],
			plan.inference_batches[1],
			max_inferences(),
			plan.rpc_rates.len(),
			plan.rpc_seconds
		));
		let accounts = self.accounts(&plan)?;

		// Set-up: fund every account (for the history too); two open datasets.
		let (dataset_a, dataset_b) = self.fund(&plan.funding_plan(), &accounts).await?;

		let mut results = Vec::new();
		// 0. The history, if asked for: batched records into dataset B, then inferences of a
		// model of its own on B.
		if plan.history > 0 {
			let history = plan.history_plan();
			log(format!(
				"history: {} batched records and {} inferences before the measured phases",
				plan.history, plan.history
			));
			let records = self.batches(&history, &accounts, dataset_b, "history: ").await?;
			results.push(PhaseResult { history: true, ..records });
			let model = self.model(&history, &accounts, dataset_b).await?;
			let inferences =
				self.inferences(&history, &accounts, model, &[], 0, "history: ").await?;
			results.push(PhaseResult { history: true, ..inferences });
		}
		// 1. Transfers, the baseline (first).
		results
			.push(self.transfers("transfers (first)", &accounts, plan.transfers_per_sender).await?);
		// 2. Contributions with commit-reveal, one per sender.
		let (contributions, ids) = self.contributions(&accounts, dataset_a).await?;
		results.push(contributions);
		// 3. Batched contribution records.
		results.push(self.batches(&plan, &accounts, dataset_b, "").await?);
		// 4. A model on dataset A (its snapshot holds phase 2's contributions), then metered
		// inferences with vouchers, without and with one attribution entry.
		let model = self.model(&plan, &accounts, dataset_a).await?;
		for entries in [0usize, 1] {
			results.push(self.inferences(&plan, &accounts, model, &ids, entries, "").await?);
		}
		// 5. Claims by the contributors, whom phase 4 paid.
		let (claims, claimers) = self.claims(&accounts).await?;
		results.push(claims);
		// The client's pipelining: `lineage contribute --records` with 2,000 records.
		let pipelining = self.pipelining(&plan, &accounts, dataset_b).await?;
		// 6. JSON-RPC latency, idle and under the transfers load.
		let (rpc, load) = self.rpc(&plan, &accounts, &claimers, &ids).await?;
		results.push(load);
		// 1'. Transfers again (last), for the baseline's drift.
		results
			.push(self.transfers("transfers (last)", &accounts, plan.transfers_per_sender).await?);

		Ok(Report::new(
			&self.args,
			&self.chain,
			plan,
			self.limits,
			results,
			pipelining,
			rpc,
			run_started.elapsed().as_secs_f64(),
		))
	}

	/// Sample extrinsics of every kind, their weights on the node, and how many fit in a block.
	async fn capacities(&self) -> Result<Capacities> {
		let alice = keys::pair_from_suri("//Alice")?;
		let who = keys::account_of(&alice);
		let weigh = |call: RuntimeCall| {
			let signed =
				io::sign_all(&self.chain, self.era, &[Job { signer: &alice, call, nonce: 0 }]);
			let signed = signed.into_iter().next();
			async move {
				let signed =
					signed.ok_or_else(|| ClientError::new("signing a sample extrinsic failed"))?;
				let (weight, _) = io::weight_of(&self.chain, &signed.hex).await?;
				Ok::<_, ClientError>((weight, signed.length))
			}
		};
		let l = self.limits;
		let transfer = weigh(transfer(&who, MILLI_UNIT)).await?;
		let commit = weigh(DatasetsCall::commit { commitment: Hash::zero() }.into()).await?;
		let reveal = weigh(
			DatasetsCall::contribute {
				dataset_id: 0,
				content_hash: Hash::zero(),
				units: 1,
				metadata: Default::default(),
				salt: [0; 32],
			}
			.into(),
		)
		.await?;
		let items = BoundedVec::truncate_from(vec![(Hash::zero(), 1u64); max_records()]);
		let batch =
			weigh(DatasetsCall::contribute_batch { dataset_id: 0, items, salt: [0; 32] }.into())
				.await?;
		let mut inference = [(0, 0); 2];
		for (entries, slot) in inference.iter_mut().enumerate() {
			let records = (0..max_inferences())
				.map(|_| sample_record(&alice, &who, entries))
				.collect::<Vec<_>>();
			*slot = weigh(
				InferenceCall::record_inferences {
					model_id: 0,
					records: BoundedVec::truncate_from(records),
				}
				.into(),
			)
			.await?;
		}
		let claim = weigh(pallet_attribution::Call::<Runtime>::claim_rewards {}.into()).await?;
		// A claim declares the weight of the most positions and is refunded to what it used (one
		// position here, in the first epoch: no epoch node read): blocks fit as many as the
		// declared weight leaves room for. What it uses is its call's weight for that position
		// plus the transaction extensions' weight, which the node's figure for a transfer shows
		// (this client's runtime has the same weights).
		use pallet_balances::WeightInfo as _;
		let extensions = transfer.0.saturating_sub(
			<Runtime as pallet_balances::Config>::WeightInfo::transfer_keep_alive().ref_time(),
		);
		let claim_used = pallet_attribution::Pallet::<Runtime>::claim_weight(1, 0)
			.ref_time()
			.saturating_add(extensions);
		let per_block_claims = l
			.normal_weight
			.saturating_sub(claim.0.saturating_add(l.base_extrinsic))
			.checked_div(claim_used.saturating_add(l.base_extrinsic).max(1))
			.unwrap_or(0)
			.saturating_add(1);
		Ok(Capacities {
			transfers: l.capacity(transfer.0, transfer.1),
			contributions: l.normal_weight / (commit.0 + reveal.0 + 2 * l.base_extrinsic).max(1),
			batch_records: (l.normal_weight / (commit.0 + batch.0 + 2 * l.base_extrinsic).max(1))
				.saturating_mul(max_records() as u64),
			inference_batches: [
				l.capacity(inference[0].0, inference[0].1),
				l.capacity(inference[1].0, inference[1].1),
			],
			claims: per_block_claims,
		})
	}

	fn plan(&self, c: &Capacities) -> Plan {
		let quick = self.args.quick;
		let blocks = self.args.blocks.unwrap_or(if quick { 0.3 } else { 7.0 });
		let times = |per_block: u64| ((per_block as f64) * blocks).ceil() as u64;
		let senders = self.args.senders.unwrap_or_else(|| {
			if quick {
				64
			} else {
				times(c.contributions).max(times(c.claims)).max(256) as u32
			}
		});
		let transfers = times(c.transfers).max(u64::from(senders));
		let batches = times(c.batch_records).div_ceil(max_records() as u64).max(2);
		let batchers = batches.min(32);
		let rpc_seconds = self.args.rpc_seconds.unwrap_or(if quick { 1.0 } else { 8.0 });
		let rates = self.args.rpc_rates.clone();
		// The load lasts for every loaded measurement (three methods per rate), plus start-up.
		let loaded = rates.len() as f64 * 3.0 * (rpc_seconds + 0.5) + 12.0;
		let load_transfers = ((c.transfers as f64) * loaded / 6.0).ceil() as u64;
		Plan {
			senders,
			transfers_per_sender: ceil_div(transfers, u64::from(senders)) as u32,
			batchers: batchers as u32,
			batches_per_batcher: ceil_div(batches, batchers) as u32,
			operators: 16,
			consumers: if quick { 16 } else { 256 },
			inference_batches: [
				times(c.inference_batches[0]).max(2) as u32,
				times(c.inference_batches[1]).max(2) as u32,
			],
			load_transfers_per_sender: ceil_div(load_transfers, u64::from(senders)).max(1) as u32,
			pipeline_records: self.args.pipeline_records,
			rpc_rates: rates,
			rpc_seconds,
			rpc_connections: self.args.rpc_connections,
			target_blocks: blocks,
			capacities: c.clone(),
			history: self.args.history,
		}
	}

	fn accounts(&self, plan: &Plan) -> Result<Accounts> {
		let k = &self.keyring;
		Ok(Accounts {
			senders: k.many("", plan.senders)?,
			batchers: k.many("batch/", plan.batchers)?,
			owner: k.pair("owner")?,
			operators: k.many("operator/", plan.operators)?,
			consumers: k.many("consumer/", plan.consumers)?,
			pipeline: k.pair("pipeline")?,
		})
	}

	/// The next nonce of each signer.
	async fn nonces_of(&self, pairs: &[&sr25519::Pair]) -> Result<Vec<u32>> {
		let accounts: Vec<AccountId> = pairs.iter().map(|p| keys::account_of(p)).collect();
		io::nonces(&self.chain, &accounts).await
	}

	/// Funds every account from the development accounts (`utility.batch_all` of transfers), and
	/// creates the two open datasets.
	async fn fund(&mut self, plan: &Plan, a: &Accounts) -> Result<(DatasetId, DatasetId)> {
		let started = Instant::now();
		let per_transfer = 15 * MILLI_UNIT;
		let transfers_each =
			u128::from(plan.transfers_per_sender) * 2 + u128::from(plan.load_transfers_per_sender);
		let sender_amount = SPARE + transfers_each * per_transfer;
		let deposit_per_record = UNIT / 10 + MILLI_UNIT;
		let batcher_amount = SPARE * 5
			+ u128::from(plan.batches_per_batcher)
				* (deposit_per_record * max_records() as u128 + 5 * UNIT);
		let total_inferences = u128::from(plan.inference_batches[0] + plan.inference_batches[1])
			* max_inferences() as u128;
		let per_consumer = total_inferences.div_ceil(u128::from(plan.consumers.max(1)));
		let allowance = 2 * per_consumer * INFERENCE_FEE + SPARE;
		let batches_per_operator = u128::from(
			(plan.inference_batches[0] + plan.inference_batches[1]).div_ceil(plan.operators + 1),
		);
		// A history has a model of its own: a second registration, bond and authorisation.
		let models: u128 = if plan.history > 0 { 2 } else { 1 };
		let operator_amount = models * 150 * UNIT + batches_per_operator * 5 * UNIT;
		let mut payments: Vec<(AccountId, Balance)> = Vec::new();
		payments.extend(a.senders.iter().map(|p| (keys::account_of(p), sender_amount)));
		payments.extend(a.batchers.iter().map(|p| (keys::account_of(p), batcher_amount)));
		payments.push((keys::account_of(&a.owner), operator_amount + models * 100 * UNIT));
		payments.extend(a.operators.iter().map(|p| (keys::account_of(p), operator_amount)));
		payments
			.extend(a.consumers.iter().map(|p| (keys::account_of(p), allowance + models * SPARE)));
		payments.push((
			keys::account_of(&a.pipeline),
			deposit_per_record * u128::from(plan.pipeline_records) + 50 * UNIT,
		));
		let dev: Vec<sr25519::Pair> =
			["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"]
				.iter()
				.map(|s| keys::pair_from_suri(s))
				.collect::<Result<_>>()?;
		let dev_refs: Vec<&sr25519::Pair> = dev.iter().collect();
		let mut nonces = self.nonces_of(&dev_refs).await?;
		let mut specs = Vec::new();
		for (n, chunk) in payments.chunks(500).enumerate() {
			let who = n % dev.len();
			let calls = chunk.iter().map(|(to, amount)| transfer(to, *amount)).collect();
			specs.push(setup_spec(
				&dev[who],
				pallet_utility::Call::<Runtime>::batch_all { calls }.into(),
				nonces[who],
			));
			nonces[who] += 1;
		}
		// Two open datasets (Alice's): A for single contributions (the model's), B for batches.
		let create = |name: &str| -> RuntimeCall {
			DatasetsCall::create_dataset {
				name: BoundedVec::truncate_from(name.as_bytes().to_vec()),
				description: Default::default(),
				license: BoundedVec::truncate_from(b"CC0-1.0".to_vec()),
				policy: CurationPolicy::Open,
			}
			.into()
		};
		specs.push(setup_spec(
			&dev[0],
			pallet_utility::Call::<Runtime>::batch_all {
				calls: vec![create("lineage-bench single"), create("lineage-bench batches")],
			}
			.into(),
			nonces[0],
		));
		let phase = self.phase("set-up: funding", "transfers", &["batch_all"], specs, true).await?;
		let (_, events) = self
			.run_phase(
				phase,
				|e| {
					matches!(
						e,
						RuntimeEvent::Datasets(pallet_datasets::Event::DatasetCreated { .. })
					)
				},
				None,
			)
			.await?;
		let ids: Vec<DatasetId> = events
			.iter()
			.filter_map(|e| match e {
				RuntimeEvent::Datasets(pallet_datasets::Event::DatasetCreated {
					dataset_id,
					..
				}) => Some(*dataset_id),
				_ => None,
			})
			.collect();
		let [a_id, b_id] = ids[..] else {
			return Err(ClientError::new(
				"creating the benchmark's datasets left no DatasetCreated events",
			));
		};
		log(format!(
			"set-up: {} accounts funded, datasets {a_id} and {b_id} created ({:.0} s)",
			payments.len(),
			started.elapsed().as_secs_f64()
		));
		Ok((a_id, b_id))
	}

	/// Each sender sends `per_sender` transfers to the next sender.
	async fn transfers(
		&mut self,
		name: &str,
		a: &Accounts,
		per_sender: u32,
	) -> Result<PhaseResult> {
		let phase = self.transfer_phase(name, a, per_sender).await?;
		self.run(phase).await
	}

	async fn transfer_phase(&self, name: &str, a: &Accounts, per_sender: u32) -> Result<Phase> {
		let senders: Vec<&sr25519::Pair> = a.senders.iter().collect();
		let nonces = self.nonces_of(&senders).await?;
		let accounts: Vec<AccountId> = senders.iter().map(|p| keys::account_of(p)).collect();
		let mut specs = Vec::new();
		// Round by round, so that every sender has one ready in the pool early.
		for round in 0..per_sender {
			for (i, pair) in senders.iter().enumerate() {
				let to = &accounts[(i + 1) % accounts.len()];
				specs.push(Spec {
					job: Job {
						signer: pair,
						call: transfer(to, MILLI_UNIT),
						nonce: nonces[i] + round,
					},
					group: i as u32,
					stage: 0,
					kind: 0,
					share: 1.0,
					completes: 1.0,
				});
			}
		}
		self.phase(name, "transfers", &["transfer_keep_alive"], specs, false).await
	}

	/// One contribution per sender to dataset `dataset`: its commitment, then (once that is in a
	/// block) its reveal. Returns the contributions' ids with their contributors.
	async fn contributions(
		&mut self,
		a: &Accounts,
		dataset: DatasetId,
	) -> Result<(PhaseResult, Vec<(ContributionId, AccountId)>)> {
		let senders: Vec<&sr25519::Pair> = a.senders.iter().collect();
		let nonces = self.nonces_of(&senders).await?;
		let mut specs = Vec::new();
		for (i, pair) in senders.iter().enumerate() {
			let who = keys::account_of(pair);
			let content_hash = self.content(&format!("contribution {i}"));
			let salt = self.salt(&format!("contribution {i}"));
			let commitment = contribution_commitment(&content_hash, &who, &salt);
			specs.push(Spec {
				job: Job {
					signer: pair,
					call: DatasetsCall::commit { commitment }.into(),
					nonce: nonces[i],
				},
				group: i as u32,
				stage: 0,
				kind: 0,
				share: 1.0,
				completes: 0.0,
			});
			let reveal = DatasetsCall::contribute {
				dataset_id: dataset,
				content_hash,
				units: 1,
				metadata: Default::default(),
				salt,
			};
			specs.push(Spec {
				job: Job { signer: pair, call: reveal.into(), nonce: nonces[i] + 1 },
				group: i as u32,
				stage: 1,
				kind: 1,
				share: 1.0,
				completes: 1.0,
			});
		}
		let phase = self
			.phase(
				"contributions (commit + reveal)",
				"contributions",
				&["commit", "contribute"],
				specs,
				false,
			)
			.await?;
		let (result, events) = self
			.run_phase(
				phase,
				|e| {
					matches!(
						e,
						RuntimeEvent::Datasets(
							pallet_datasets::Event::ContributionSubmitted { .. }
						)
					)
				},
				None,
			)
			.await?;
		let ids = events
			.into_iter()
			.filter_map(|e| match e {
				RuntimeEvent::Datasets(pallet_datasets::Event::ContributionSubmitted {
					contribution_id,
					contributor,
					..
				}) => Some((contribution_id, contributor)),
				_ => None,
			})
			.collect();
		Ok((result, ids))
	}

	/// `contribute_batch` of [`max_records`] records each: each batcher commits all its batches,
	/// then reveals them. `prefix` names the phase and its records apart from another's.
	async fn batches(
		&mut self,
		plan: &Plan,
		a: &Accounts,
		dataset: DatasetId,
		prefix: &str,
	) -> Result<PhaseResult> {
		let batchers: Vec<&sr25519::Pair> = a.batchers.iter().collect();
		let nonces = self.nonces_of(&batchers).await?;
		let per = plan.batches_per_batcher;
		let records = max_records();
		let mut specs = Vec::new();
		for (j, pair) in batchers.iter().enumerate() {
			let who = keys::account_of(pair);
			for b in 0..per {
				let hashes: Vec<ContentHash> = (0..records)
					.map(|r| self.content(&format!("{prefix}batch {j} {b} {r}")))
					.collect();
				let salt = self.salt(&format!("{prefix}batch {j} {b}"));
				let commitment = contribution_commitment(&batch_digest(&hashes), &who, &salt);
				specs.push(Spec {
					job: Job {
						signer: pair,
						call: DatasetsCall::commit { commitment }.into(),
						nonce: nonces[j] + b,
					},
					group: j as u32,
					stage: 0,
					kind: 0,
					share: records as f64,
					completes: 0.0,
				});
				let items =
					BoundedVec::truncate_from(hashes.into_iter().map(|h| (h, 1u64)).collect());
				specs.push(Spec {
					job: Job {
						signer: pair,
						call: DatasetsCall::contribute_batch { dataset_id: dataset, items, salt }
							.into(),
						nonce: nonces[j] + per + b,
					},
					group: j as u32,
					stage: 1,
					kind: 1,
					share: records as f64,
					completes: records as f64,
				});
			}
		}
		let name = format!("{prefix}batched records ({records} per contribute_batch)");
		let phase =
			self.phase(&name, "records", &["commit", "contribute_batch"], specs, false).await?;
		self.run(phase).await
	}

	/// Registers the model on dataset `dataset` (a new snapshot: every contribution so far) with
	/// its operators, bonds the owner and the operators, and has every consumer authorise it.
	async fn model(&mut self, plan: &Plan, a: &Accounts, dataset: DatasetId) -> Result<ModelId> {
		let started = Instant::now();
		let key = pallet_models::NextModelId::<Runtime>::hashed_key().to_vec();
		let model: ModelId = self.chain.storage(key, None).await?.unwrap_or_default();
		let operators: Vec<AccountId> = a.operators.iter().map(keys::account_of).collect();
		let register = pallet_models::Call::<Runtime>::register_model {
			name: BoundedVec::truncate_from(b"lineage-bench".to_vec()),
			version_hash: self.content(&format!("model on dataset {dataset}")),
			datasets: BoundedVec::truncate_from(vec![pallet_models::DatasetChoice {
				dataset_id: dataset,
				weight: Perbill::one(),
				snapshot: None,
			}]),
			fee_per_inference: INFERENCE_FEE,
			split: RevenueSplit {
				contributors: Perbill::from_percent(70),
				owner: Perbill::from_percent(15),
				operator: Perbill::from_percent(5),
				protocol: Perbill::from_percent(10),
			},
		};
		let set_operators = pallet_models::Call::<Runtime>::set_operators {
			model_id: model,
			operators: BoundedVec::truncate_from(operators),
		};
		let owner_nonce = self.nonces_of(&[&a.owner]).await?[0];
		let specs = vec![setup_spec(
			&a.owner,
			pallet_utility::Call::<Runtime>::batch_all {
				calls: vec![register.into(), set_operators.into()],
			}
			.into(),
			owner_nonce,
		)];
		let phase = self.phase("set-up: model", "calls", &["batch_all"], specs, true).await?;
		self.run(phase).await?;

		// Bonds (explicit attribution needs them) and authorisations.
		let total_inferences = u128::from(plan.inference_batches[0] + plan.inference_batches[1])
			* max_inferences() as u128;
		let per_consumer = total_inferences.div_ceil(u128::from(plan.consumers.max(1)));
		let mut signers: Vec<&sr25519::Pair> = vec![&a.owner];
		signers.extend(a.operators.iter());
		let consumers: Vec<&sr25519::Pair> = a.consumers.iter().collect();
		let all: Vec<&sr25519::Pair> = signers.iter().chain(consumers.iter()).copied().collect();
		let nonces = self.nonces_of(&all).await?;
		let mut specs = Vec::new();
		for (i, pair) in signers.iter().enumerate() {
			specs.push(setup_spec(
				pair,
				InferenceCall::bond_operator { model_id: model }.into(),
				nonces[i],
			));
		}
		for (i, pair) in consumers.iter().enumerate() {
			let call = InferenceCall::authorize {
				model_id: model,
				max_total: 2 * per_consumer * INFERENCE_FEE,
				max_fee_per_inference: INFERENCE_FEE,
				operators: None,
			};
			specs.push(setup_spec(pair, call.into(), nonces[signers.len() + i]));
		}
		let phase =
			self.phase("set-up: bonds and authorisations", "calls", &["call"], specs, true).await?;
		self.run(phase).await?;
		log(format!(
			"set-up: model {model} registered with {} operators, bonded, authorised by {} \
			 consumers ({:.0} s)",
			a.operators.len(),
			a.consumers.len(),
			started.elapsed().as_secs_f64()
		));
		Ok(model)
	}

	/// `record_inferences` batches of [`max_inferences`] records, each with a voucher its
	/// consumer signed, and `entries` attribution entries (0 or 1) naming a contribution of
	/// phase 2, sent by the owner and the operators.
	async fn inferences(
		&mut self,
		plan: &Plan,
		a: &Accounts,
		model: ModelId,
		contributions: &[(ContributionId, AccountId)],
		entries: usize,
		prefix: &str,
	) -> Result<PhaseResult> {
		let mut signers: Vec<&sr25519::Pair> = vec![&a.owner];
		signers.extend(a.operators.iter());
		let nonces = self.nonces_of(&signers).await?;
		let batches = plan.inference_batches[entries] as usize;
		let per = max_inferences();
		let best = self.chain.best_number().await?;
		let expires_at = best + 14_400;
		let genesis = self.chain.genesis_hash;
		// Every voucher, signed by its consumer (on every core).
		let requests: Vec<(usize, Hash)> = (0..batches * per)
			.map(|n| {
				(n % a.consumers.len(), self.content(&format!("{prefix}inference {entries} {n}")))
			})
			.collect();
		let signed_vouchers = io::par_map(&requests, |(c, request_hash)| {
			let voucher = InferenceVoucher {
				genesis_hash: genesis,
				model_id: model,
				request_hash: *request_hash,
				max_fee: INFERENCE_FEE,
				expires_at,
			};
			let signature = Signature::from(a.consumers[*c].sign(&voucher.signing_payload()));
			(keys::account_of(&a.consumers[*c]), voucher, signature)
		});
		let mut vouchers = signed_vouchers.into_iter();
		let mut specs = Vec::new();
		let mut sent_by = vec![0u32; signers.len()];
		for b in 0..batches {
			let s = b % signers.len();
			let mut records = Vec::with_capacity(per);
			for r in 0..per {
				let n = b * per + r;
				let Some((consumer, voucher, signature)) = vouchers.next() else { break };
				let attribution = if entries > 0 && !contributions.is_empty() {
					vec![(contributions[n % contributions.len()].0, Perbill::from_percent(50))]
				} else {
					Vec::new()
				};
				records.push(pallet_inference::InferenceRecord::<Runtime> {
					consumer,
					voucher,
					signature: VoucherSignature::Raw(signature),
					output_hash: self.content(&format!("{prefix}output {entries} {n}")),
					attribution: BoundedVec::truncate_from(attribution),
					method: AttributionMethod::Unspecified,
					evidence_hash: Hash::zero(),
				});
			}
			let count = records.len() as f64;
			specs.push(Spec {
				job: Job {
					signer: signers[s],
					call: InferenceCall::record_inferences {
						model_id: model,
						records: BoundedVec::truncate_from(records),
					}
					.into(),
					nonce: nonces[s] + sent_by[s],
				},
				group: s as u32,
				stage: 0,
				kind: 0,
				share: count,
				completes: count,
			});
			sent_by[s] += 1;
		}
		let name = if entries == 0 {
			format!("{prefix}inferences, vouchers, no attribution")
		} else {
			format!("{prefix}inferences, vouchers, {entries} attribution entry")
		};
		let phase = self.phase(&name, "inferences", &["record_inferences"], specs, false).await?;
		self.run(phase).await
	}

	/// `claim_rewards` by every contributor of phase 2 with something to claim.
	async fn claims(&mut self, a: &Accounts) -> Result<(PhaseResult, Vec<AccountId>)> {
		let chain = &self.chain;
		let pending: Vec<Result<String>> = futures::stream::iter(a.senders.iter())
			.map(|p| {
				let who = keys::ss58(&keys::account_of(p));
				async move { chain.call::<String>("attribution_pendingRewards", rpc_params![who]).await }
			})
			.buffered(256)
			.collect()
			.await;
		let mut claimers: Vec<&sr25519::Pair> = Vec::new();
		for (pair, amount) in a.senders.iter().zip(pending) {
			if amount?.parse::<u128>().unwrap_or(0) > 0 {
				claimers.push(pair);
			}
		}
		if claimers.is_empty() {
			return Err(ClientError::new(
				"no contributor has rewards to claim: the inference phases paid nobody",
			));
		}
		let nonces = self.nonces_of(&claimers).await?;
		let specs = claimers
			.iter()
			.enumerate()
			.map(|(i, pair)| Spec {
				job: Job {
					signer: pair,
					call: pallet_attribution::Call::<Runtime>::claim_rewards {}.into(),
					nonce: nonces[i],
				},
				group: i as u32,
				stage: 0,
				kind: 0,
				share: 1.0,
				completes: 1.0,
			})
			.collect();
		let phase = self.phase("claims", "claims", &["claim_rewards"], specs, false).await?;
		let accounts = claimers.iter().map(|p| keys::account_of(p)).collect();
		Ok((self.run(phase).await?, accounts))
	}

	/// Runs `lineage contribute --dataset D --records FILE.jsonl` (this very binary) with
	/// `plan.pipeline_records` records, and finds the blocks its extrinsics landed in.
	async fn pipelining(
		&mut self,
		plan: &Plan,
		a: &Accounts,
		dataset: DatasetId,
	) -> Result<Pipelining> {
		let dir = std::env::temp_dir().join(format!("lineage-bench-{}", self.run_id));
		std::fs::create_dir_all(&dir)
			.map_err(|e| ClientError::new(format!("cannot create {}: {e}", dir.display())))?;
		let file = dir.join("records.jsonl");
		let lines: String = (0..plan.pipeline_records)
			.map(|i| {
				format!("{{\"bench\":\"pipelining\",\"run\":\"{}\",\"record\":{i}}}\n", self.run_id)
			})
			.collect();
		std::fs::write(&file, lines)
			.map_err(|e| ClientError::new(format!("cannot write {}: {e}", file.display())))?;
		let exe = std::env::current_exe()
			.map_err(|e| ClientError::new(format!("cannot find the lineage binary: {e}")))?;
		let before = self.chain.best_number().await?;
		let args = vec![
			"contribute".to_string(),
			"--dataset".into(),
			dataset.to_string(),
			"--records".into(),
			file.display().to_string(),
			"--suri".into(),
			format!("{}/pipeline", io::ROOT),
			"--url".into(),
			self.args.url.clone(),
			"--json".into(),
		];
		let command = format!("lineage {}", args.join(" "));
		log(format!("pipelining: {command}"));
		let started = Instant::now();
		let output = tokio::task::spawn_blocking(move || {
			std::process::Command::new(exe).args(args).output()
		})
		.await
		.map_err(|e| ClientError::new(format!("the contribute command did not finish: {e}")))?
		.map_err(|e| ClientError::new(format!("cannot run the contribute command: {e}")))?;
		let seconds = started.elapsed().as_secs_f64();
		let _ = std::fs::remove_dir_all(&dir);
		if !output.status.success() {
			return Err(ClientError::new(format!(
				"`{command}` failed: {}",
				String::from_utf8_lossy(&output.stderr).trim()
			)));
		}
		let stdout = String::from_utf8_lossy(&output.stdout);
		let summary: serde_json::Value =
			stdout.lines().last().map(serde_json::from_str).transpose()?.unwrap_or_default();
		let contributed = summary["contributions"].as_array().map_or(0, |c| c.len());
		// The blocks its commitments and reveals landed in.
		let after = self.chain.best_number().await?;
		let who = keys::account_of(&a.pipeline);
		let mut commit_blocks = Vec::new();
		let mut reveal_blocks = Vec::new();
		for number in before + 1..=after {
			for (signer, call) in io::signed_extrinsics(&self.chain, number).await? {
				if signer != who {
					continue;
				}
				match call {
					RuntimeCall::Datasets(DatasetsCall::commit { .. }) => {
						commit_blocks.push(number)
					},
					RuntimeCall::Datasets(DatasetsCall::contribute_batch { .. }) => {
						reveal_blocks.push(number)
					},
					_ => {},
				}
			}
		}
		commit_blocks.dedup();
		reveal_blocks.dedup();
		let result = Pipelining::new(
			command,
			plan.pipeline_records,
			contributed as u32,
			commit_blocks,
			reveal_blocks,
			seconds,
		);
		log(result.line());
		// Its blocks are not a phase: the follower skips them.
		self.follower.poll().await?;
		Ok(result)
	}

	/// JSON-RPC latency at each rate, for each method, idle and then under a transfers load.
	async fn rpc(
		&mut self,
		plan: &Plan,
		a: &Accounts,
		claimers: &[AccountId],
		contributions: &[(ContributionId, AccountId)],
	) -> Result<(RpcSummary, PhaseResult)> {
		let clients = latency::connect(&self.args.url, plan.rpc_connections).await?;
		let node_pid = self.args.node_pid;
		let accounts =
			if claimers.is_empty() { vec![keys::account_of(&a.owner)] } else { claimers.to_vec() }
				.iter()
				.map(keys::ss58)
				.collect();
		let ids = contributions.iter().map(|(id, _)| *id).collect();
		let requests = latency::lineage_requests(accounts, ids);
		// Idle means idle: the phases before have just written blocks of thousands of keys each,
		// which the database may still be flushing, and the node answers queries that read state
		// more slowly meanwhile (not `system_health`).
		log(format!("rpc: letting the node settle for {} s", IDLE_SETTLE.as_secs()));
		tokio::time::sleep(IDLE_SETTLE).await;
		latency::warm_up(&clients, &requests).await;
		let (mut runs, mut node_cpu) =
			measure_all(&clients, &requests, &plan.rpc_rates, plan.rpc_seconds, "idle", node_pid)
				.await;

		// Under load: a transfers phase sent meanwhile; its blocks are read once the load stops.
		let load = self
			.transfer_phase("transfers (under the RPC load)", a, plan.load_transfers_per_sender)
			.await?;
		let (stop, stopped) = oneshot::channel();
		let rates = plan.rpc_rates.clone();
		let seconds = plan.rpc_seconds;
		let measure = async {
			// Let the pool fill and the first loaded block be authored.
			tokio::time::sleep(Duration::from_secs(8)).await;
			let measured =
				measure_all(&clients, &requests, &rates, seconds, "load", node_pid).await;
			let ended_ms = io::now_ms();
			let _ = stop.send(());
			(measured, ended_ms)
		};
		let (loaded, (measured, ended_ms)) =
			tokio::join!(self.run_phase(load, |_| false, Some(stopped)), measure);
		let (load, _) = loaded?;
		let (load_runs, load_cpu) = measured;
		runs.extend(load_runs);
		node_cpu.extend(load_cpu);
		// Did the load last as long as the measurement?
		let covered = load
			.rows
			.iter()
			.filter(|r| r.extrinsics > 0)
			.map(|r| r.timestamp_ms)
			.max()
			.is_some_and(|last| last + 6_000 >= ended_ms);
		Ok((RpcSummary::new(runs, node_cpu, covered), load))
	}
}

/// Measures every method at each of `rates`, in turns of [`latency::LOAD_TURN_REQUESTS`]; with the
/// node's `node_pid`, also what its threads used of its CPU meanwhile (left out, with a warning,
/// if /proc cannot be read).
async fn measure_all(
	clients: &[Arc<WsClient>],
	requests: &[Requests],
	rates: &[u32],
	seconds: f64,
	condition: &str,
	node_pid: Option<u32>,
) -> (Vec<LatencyRun>, Vec<NodeCpuWindow>) {
	let mut runs = Vec::new();
	let mut node_cpu = Vec::new();
	for &rate in rates {
		let (measured, window) = latency::measure_interleaved(
			clients,
			requests,
			rate,
			seconds,
			latency::LOAD_TURN_REQUESTS,
			condition,
			node_pid,
		)
		.await;
		if let Some(window) = window {
			log(format!("rpc {condition} at {rate}/s, node CPU by thread: {}", window.row()));
			node_cpu.push(window);
		}
		for run in measured {
			log(format!(
				"rpc {condition} {} at {rate}/s: p50 {} ms, p99 {} ms, {} of {} answered{}",
				run.method,
				fmt_ms(run.p50_ms),
				fmt_ms(run.p99_ms),
				run.answered,
				run.sent,
				if run.sustained { "" } else { " (not sustained)" }
			));
			runs.push(run);
		}
	}
	(runs, node_cpu)
}

fn fmt_ms(ms: Option<f64>) -> String {
	ms.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

/// The hashes of the phase's extrinsics in `block`, by index (for its events).
fn tracker_hashes(tracker: &Tracker, block: &Block) -> Vec<bool> {
	block.view.extrinsics.iter().map(|(hash, _)| tracker.contains(hash)).collect()
}

/// Keeps the events of the phase's extrinsics that `keep` selects, and why they failed.
fn collect(
	block: &Block,
	ours: &[bool],
	keep: &impl Fn(&RuntimeEvent) -> bool,
	kept: &mut Vec<RuntimeEvent>,
	reasons: &mut Vec<String>,
) {
	for (index, event) in &block.events {
		if let Some(i) = index {
			if ours.get(*i as usize).copied().unwrap_or(false) && keep(event) {
				kept.push(event.clone());
			}
		}
	}
	for (i, error) in &block.failures {
		if ours.get(*i as usize).copied().unwrap_or(false) {
			reasons.push(format!("failed: {}", crate::errors::explain(error)));
		}
	}
}

fn setup_spec<'a>(signer: &'a sr25519::Pair, call: RuntimeCall, nonce: u32) -> Spec<'a> {
	Spec {
		job: Job { signer, call, nonce },
		group: 0,
		stage: 0,
		kind: 0,
		share: 1.0,
		completes: 1.0,
	}
}

/// An inference record as the sample for weighing (not valid on chain: only its size and
/// attribution count matter for the weight).
fn sample_record(
	pair: &sr25519::Pair,
	who: &AccountId,
	entries: usize,
) -> pallet_inference::InferenceRecord<Runtime> {
	let voucher = InferenceVoucher {
		genesis_hash: Hash::zero(),
		model_id: 0,
		request_hash: Hash::zero(),
		max_fee: INFERENCE_FEE,
		expires_at: 0,
	};
	let signature = Signature::from(pair.sign(&voucher.signing_payload()));
	pallet_inference::InferenceRecord {
		consumer: who.clone(),
		voucher,
		signature: VoucherSignature::Raw(signature),
		output_hash: Hash::zero(),
		attribution: BoundedVec::truncate_from(vec![(0, Perbill::from_percent(50)); entries]),
		method: AttributionMethod::Unspecified,
		evidence_hash: Hash::zero(),
	}
}

/// How many items of each phase fit in one block, by weight and length.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capacities {
	pub transfers: u64,
	pub contributions: u64,
	pub batch_records: u64,
	pub inference_batches: [u64; 2],
	pub claims: u64,
}

/// One line per finished phase, for the progress log.
fn summary_line(r: &PhaseResult) -> String {
	let f = &r.figures;
	format!(
		"{}: {:.0} {} in {} blocks (#{}..#{}), {:.1} s: {} {}/s; {} full blocks (longest run {}), \
		 {} ended on time; {} extrinsics accepted, the last {:.1} s after the start; {} refused, {} \
		 missing{}",
		r.name,
		f.items,
		r.unit,
		f.blocks,
		f.first_block.unwrap_or(0),
		f.last_block.unwrap_or(0),
		f.seconds,
		f.items_per_second.map_or_else(|| "-".into(), |v| format!("{v:.1}")),
		r.unit,
		f.full_blocks,
		f.longest_full_run,
		f.time_limited_blocks,
		r.accepted,
		r.submit_seconds,
		r.refused,
		r.missing,
		if r.reasons.is_empty() {
			String::new()
		} else {
			format!(
				"; {}",
				r.reasons.iter().map(|(w, n)| format!("{n}x {w}")).collect::<Vec<_>>().join("; ")
			)
		}
	)
}
