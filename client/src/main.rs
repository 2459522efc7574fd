//! `lineage`: the Lineage client. See the README for its commands, or `lineage --help`.

use clap::Parser;

/// The Lineage client: contribute data, register models, meter inferences, attribute outputs, and
/// check and claim earnings, on any Lineage node.
#[derive(Debug, Parser)]
#[command(name = "lineage", version, propagate_version = true)]
struct Cli {
	#[command(subcommand)]
	command: lineage_client::commands::Command,
}

fn main() {
	let cli = Cli::parse();
	if let Err(error) = cli.command.run() {
		eprintln!("error: {error}");
		std::process::exit(1);
	}
}
