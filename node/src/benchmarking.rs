//! `lineage-node benchmark`: measures the runtime's pallets (to generate their `weights.rs`),
//! whole blocks, the per-block and per-extrinsic overhead, and this machine.

use crate::{cli::Cli, service};
use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use lineage_runtime::opaque::Block;
use sc_cli::SubstrateCli;

/// Runs one `benchmark` subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Block(cmd) => {
			let sc_service::PartialComponents { client, .. } =
				service::new_partial(&config, false)?;
			cmd.run(client)
		},
		BenchmarkCmd::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		BenchmarkCmd::Storage(_) | BenchmarkCmd::Extrinsic(_) => Err(
			"`benchmark storage` and `benchmark extrinsic` are not offered by lineage-node; use \
			 `benchmark pallet`, `benchmark block`, `benchmark overhead` or `benchmark machine`"
				.into(),
		),
	})
}
