//! Assembles the node: client, database, transaction pool, networking, RPC and consensus.
//!
//! Two block production modes share everything but consensus:
//! - validator mode (default): Aura authors a block every 6 s slot and GRANDPA finalises;
//! - dev seal mode (`--instant-seal`, for development and tests): a block is sealed as soon as a
//!   transaction arrives (and optionally on a timer) and is finalised at once.

use std::{sync::Arc, time::Duration};

use futures::{FutureExt, StreamExt};
use lineage_runtime::{apis::RuntimeApi, opaque::Block};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{BuildVerifierParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::{consensus::aura::AuraConsensusDataProvider, EngineCommand};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::{OffchainTransactionPoolFactory, TransactionPool};
use sp_consensus_aura::{sr25519::AuthorityPair as AuraPair, SlotDuration};
use sp_runtime::traits::Header as _;

use crate::{
	cli::DevSealArgs,
	import_timing::{TimedBlockImport, TimedVerifier},
};

/// The host functions the runtime may call: with `runtime-benchmarks`, also those of the
/// benchmarking framework, which that build of the runtime imports (`benchmark extrinsic`,
/// `overhead` and `block` execute it in the node's own client).
#[cfg(not(feature = "runtime-benchmarks"))]
type HostFunctions = sp_io::SubstrateHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// Blocks at this interval carry a GRANDPA justification, so light clients and warp sync can
/// verify finality without replaying every vote.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	FullPool,
	(GrandpaBlockImport, GrandpaLink, Option<Telemetry>),
>;

/// Builds the parts shared by running a node and by the block/chain maintenance subcommands.
///
/// `dev_seal` selects the import queue: manually sealed blocks carry no Aura seal to check.
pub fn new_partial(config: &Configuration, dev_seal: bool) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	// The queue's verifier and block import are wrapped to time each block's import, logged
	// when `LINEAGE_IMPORT_TIMES` is set (`import_timing`).
	let import_queue = if dev_seal {
		sc_consensus_manual_seal::import_queue(
			Box::new(TimedBlockImport::new(client.clone())),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		)
	} else {
		let cidp_client = client.clone();
		let verifier =
			sc_consensus_aura::build_verifier::<AuraPair, _, _, Block>(BuildVerifierParams {
				client: client.clone(),
				create_inherent_data_providers: move |parent_hash, _| {
					let cidp_client = cidp_client.clone();
					async move {
						let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
							&*cidp_client,
							parent_hash,
						)?;
						Ok(aura_inherent_data(slot_duration))
					}
				},
				check_for_equivocation: Default::default(),
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			});
		sc_consensus::BasicQueue::new(
			TimedVerifier(verifier),
			Box::new(TimedBlockImport::new(grandpa_block_import.clone())),
			Some(Box::new(grandpa_block_import.clone())),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		)
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_block_import, grandpa_link, telemetry),
	})
}

/// The inherent data of an Aura block authored now: the wall-clock timestamp and its slot.
fn aura_inherent_data(
	slot_duration: SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
		*timestamp,
		slot_duration,
	);
	(slot, timestamp)
}

/// Builds and starts a full node.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	dev_seal: Option<DevSealArgs>,
	allow_dev_keys: bool,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, mut telemetry),
	} = new_partial(&config, dev_seal.is_some())?;
	crate::dev_keys::refuse_dev_keys(&client, config.chain_spec.chain_type(), allow_dev_keys)
		.map_err(ServiceError::Other)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	// GRANDPA runs only in validator mode; dev seal finalises its own blocks.
	let grandpa_notification_service = if dev_seal.is_none() {
		let (grandpa_protocol_config, notification_service) =
			sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
				grandpa_protocol_name.clone(),
				metrics.clone(),
				net_config.peer_store_handle(),
			);
		net_config.add_notification_protocol(grandpa_protocol_config);
		Some(notification_service)
	} else {
		None
	};

	let warp_sync_config = dev_seal.is_none().then(|| {
		WarpSyncConfig::WithProvider(Arc::new(
			sc_consensus_grandpa::warp_proof::NetworkProvider::new(
				backend.clone(),
				grandpa_link.shared_authority_set().clone(),
				Vec::default(),
			),
		))
	});

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa && dev_seal.is_none();
	let prometheus_registry = config.prometheus_registry().cloned();

	// Dev seal: `engine_createBlock`/`engine_finalizeBlock` RPCs feed the same command stream.
	let (seal_sink, seal_stream) = futures::channel::mpsc::channel::<EngineCommand<_>>(1024);
	// Once: it registers its Prometheus metric. Code the node runs instead of the chain's for
	// some blocks turns native answers off: they would bypass it.
	let code_replaced =
		config.wasm_runtime_overrides.is_some() || !config.chain_spec.code_substitutes().is_empty();
	let native =
		Arc::new(crate::rpc::NativeRuntime::new(code_replaced, prometheus_registry.as_ref())?);
	if native.enabled() {
		log::info!("Lineage RPC: answered natively on blocks that run this node's runtime");
	} else {
		log::info!(
			"Lineage RPC: answered by each block's wasm runtime (this node replaces some of the \
			 chain's code, or was built with SKIP_WASM_BUILD)"
		);
	}
	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let seal_sink = dev_seal.as_ref().map(|_| seal_sink.clone());
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				manual_seal: seal_sink.clone(),
				native: native.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend: backend.clone(),
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;
	// The RPC listeners are bound by now (see `rpc::nodelay` for why this is needed).
	crate::rpc::nodelay::set_on_rpc_listeners(rpc_handlers.listen_addresses());

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);
	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;

	if let Some(dev_seal) = dev_seal {
		let commands = dev_seal_commands(&transaction_pool, &dev_seal, seal_stream);
		let authorship =
			sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
				block_import: client.clone(),
				env: proposer_factory,
				client: client.clone(),
				pool: transaction_pool,
				commands_stream: commands,
				select_chain,
				// Blocks carry an Aura pre-digest matching their timestamp, as the runtime expects.
				consensus_data_provider: Some(Box::new(
					AuraConsensusDataProvider::new_with_slot_duration(slot_duration),
				)),
				create_inherent_data_providers: {
					let client = client.clone();
					move |parent_hash, ()| {
						let timestamp = dev_seal_timestamp(&client, parent_hash, slot_duration);
						async move { Ok(sp_timestamp::InherentDataProvider::new(timestamp.into())) }
					}
				},
			});
		task_manager.spawn_essential_handle().spawn_blocking(
			"dev-seal",
			Some("block-authoring"),
			authorship,
		);
		return Ok(task_manager);
	}

	if role.is_authority() {
		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					Ok(aura_inherent_data(slot_duration))
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;
		// Block authoring is essential: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if let (true, Some(notification_service)) = (enable_grandpa, grandpa_notification_service) {
		// Only validators vote; other full nodes follow finality through justifications.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };
		let grandpa_config = sc_consensus_grandpa::GrandpaParams {
			config: sc_consensus_grandpa::Config {
				gossip_duration: Duration::from_millis(333),
				justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
				name: Some(name),
				observer_enabled: false,
				keystore,
				local_role: role,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				protocol_name: grandpa_protocol_name,
			},
			link: grandpa_link,
			network,
			sync: sync_service,
			notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};
		// Finality is essential: if the voter fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_config)?,
		);
	}

	Ok(task_manager)
}

/// The commands that drive dev seal: one block per batch of new transactions, an empty block every
/// `--seal-interval-ms` (unless 0), and whatever the `engine_*` RPCs ask for. Every block is
/// finalised at once.
fn dev_seal_commands(
	pool: &Arc<FullPool>,
	args: &DevSealArgs,
	rpc_commands: futures::channel::mpsc::Receiver<EngineCommand<lineage_runtime::opaque::Hash>>,
) -> futures::stream::BoxStream<'static, EngineCommand<lineage_runtime::opaque::Hash>> {
	let seal = |create_empty| EngineCommand::SealNewBlock {
		create_empty,
		finalize: true,
		parent_hash: None,
		sender: None,
	};
	let on_transaction = pool.import_notification_stream().map(move |_| seal(false));
	let mut streams = vec![on_transaction.boxed(), rpc_commands.boxed()];
	if args.seal_interval_ms > 0 {
		let period = Duration::from_millis(args.seal_interval_ms);
		let ticks = futures::stream::unfold(
			tokio::time::interval(period),
			move |mut interval| async move {
				interval.tick().await;
				Some((seal(true), interval))
			},
		);
		streams.push(ticks.boxed());
	}
	futures::stream::select_all(streams).boxed()
}

/// The timestamp of the next dev-sealed block: the start of the current wall-clock slot, but at
/// least one slot after the parent's, so that every block has its own Aura slot (and is at least
/// `MinimumPeriod` after its parent) even when blocks come faster than one per 6 s.
fn dev_seal_timestamp(
	client: &FullClient,
	parent_hash: <Block as sp_runtime::traits::Block>::Hash,
	slot_duration: SlotDuration,
) -> u64 {
	use sp_consensus_aura::{digests::CompatibleDigestItem, sr25519::AuthoritySignature};
	let parent_slot = client
		.header(parent_hash)
		.ok()
		.flatten()
		.and_then(|header| {
			header.digest().logs().iter().find_map(
				<sp_runtime::DigestItem as CompatibleDigestItem<AuthoritySignature>>::as_aura_pre_digest,
			)
		})
		.map(u64::from);
	let millis = slot_duration.as_millis().max(1);
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or(0);
	let now_slot = now / millis;
	let slot = match parent_slot {
		Some(parent) => now_slot.max(parent.saturating_add(1)),
		None => now_slot,
	};
	slot.saturating_mul(millis)
}
