//! Command-line interface of `lineage-node`.

use sc_cli::RunCmd;

#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: RunCmd,

	#[clap(flatten)]
	pub dev_seal: DevSealArgs,

	/// Run a chain other than `dev` even though its validators or sudo key are well-known
	/// development keys (//Alice and so on): for test networks such as `--chain local` only.
	#[arg(long)]
	pub allow_dev_keys: bool,
}

/// Block production for development and tests, instead of Aura slots and GRANDPA votes.
#[derive(Debug, Clone, clap::Args)]
pub struct DevSealArgs {
	/// Seal a block as soon as a transaction arrives and finalise it at once, instead of
	/// waiting for 6 s Aura slots and GRANDPA. For development and tests only.
	#[arg(long)]
	pub instant_seal: bool,

	/// With `--instant-seal`: also seal an empty block every this many milliseconds (0: only when
	/// transactions arrive or `engine_createBlock` is called).
	#[arg(long, value_name = "MS", default_value_t = 1000, requires = "instant_seal")]
	pub seal_interval_ms: u64,
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the form nodes start from).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Build the chain spec of a new production network from your validators' and council's keys
	/// (no sudo key, no development account).
	ProductionSpec(crate::production::ProductionSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime's pallets, blocks and this machine (only in builds with
	/// `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}
