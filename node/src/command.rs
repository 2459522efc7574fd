//! Runs the subcommand the command line asked for.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use lineage_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Lineage Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/lineage-chain/lineage/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// Parses the command line and runs it.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::ProductionSpec(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config, false)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&config, false)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&config, false)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config, false)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config, false)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => crate::benchmarking::run(&cli, cmd),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let dev_seal = cli.dev_seal.instant_seal.then(|| cli.dev_seal.clone());
			let allow_dev_keys = cli.allow_dev_keys;
			runner.run_node_until_exit(|mut config| async move {
				// Wallets and tools connect to the port they were told: fail clearly when it is
				// taken instead of silently moving to a random one.
				for endpoint in config.rpc.addr.iter_mut().flatten() {
					endpoint.retry_random_port = false;
				}
				ensure_ports_free(&config)?;
				if dev_seal.is_some()
					&& config.chain_spec.chain_type() != sc_service::ChainType::Development
				{
					// Dev seal bypasses Aura and GRANDPA: never on a chain with real validators.
					return Err(sc_cli::Error::Input(format!(
						"--instant-seal is for development chains only, not '{}': use --dev or --chain dev",
						config.chain_spec.id()
					)));
				}
				if dev_seal.is_some() {
					log::info!(
						"🧪 dev seal: blocks are sealed on new transactions{} and finalised at once",
						match dev_seal.as_ref().map(|d| d.seal_interval_ms) {
							Some(0) | None => String::new(),
							Some(ms) => format!(" and every {ms} ms"),
						}
					);
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => {
						service::new_full::<
							sc_network::NetworkWorker<
								Block,
								<Block as sp_runtime::traits::Block>::Hash,
							>,
						>(config, dev_seal, allow_dev_keys)
						.map_err(sc_cli::Error::Service)
					},
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(
							config,
							dev_seal,
							allow_dev_keys,
						)
						.map_err(sc_cli::Error::Service)
					},
				}
			})
		},
	}
}

/// Refuses to start when the Prometheus or peer-to-peer port is taken: the node would otherwise
/// run without metrics, or unreachable by its peers, with only a log line saying so.
fn ensure_ports_free(config: &sc_service::Configuration) -> sc_cli::Result<()> {
	use sc_network::multiaddr::Protocol;
	let mut ports: Vec<(std::net::SocketAddr, &str, &str)> = Vec::new();
	if let Some(prometheus) = &config.prometheus_config {
		ports.push((prometheus.port, "Prometheus", "--prometheus-port"));
	}
	for address in &config.network.listen_addresses {
		let mut ip = None;
		let mut port = None;
		for part in address.iter() {
			match part {
				Protocol::Ip4(v4) => ip = Some(std::net::IpAddr::V4(v4)),
				Protocol::Ip6(v6) => ip = Some(std::net::IpAddr::V6(v6)),
				Protocol::Tcp(p) => port = Some(p),
				_ => {},
			}
		}
		if let (Some(ip), Some(port)) = (ip, port) {
			if port != 0 {
				ports.push((std::net::SocketAddr::new(ip, port), "peer-to-peer", "--port"));
			}
		}
	}
	for (addr, what, flag) in ports {
		if let Err(e) = std::net::TcpListener::bind(addr) {
			// An IPv6 address on a host without IPv6 is not a conflict.
			if addr.is_ipv6() && e.kind() == std::io::ErrorKind::AddrNotAvailable {
				continue;
			}
			return Err(sc_cli::Error::Input(format!(
				"the {what} port {} is not free ({e}): stop the process using it or choose another \
				 with {flag}",
				addr.port()
			)));
		}
	}
	Ok(())
}

/// One line saying what went wrong and, where the cause is a common one, how to fix it.
pub fn explain(error: &sc_cli::Error) -> String {
	let text = error.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
	let lower = text.to_lowercase();
	let has_fix = lower.contains(" with --");
	if !has_fix && (lower.contains("address already in use") || lower.contains("addrinuse")) {
		format!(
			"{text}: a port this node needs is taken (is another lineage-node running?); stop that \
			 process or choose free ports with --rpc-port, --port and --prometheus-port"
		)
	} else if lower.contains("database") && lower.contains("lock") {
		format!(
			"{text}: another node is using this --base-path; stop it or choose another --base-path"
		)
	} else {
		text
	}
}
