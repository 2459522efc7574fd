//! `lineage-node`: see the README for how to run a validator and how to use the client commands.

fn main() {
	if let Err(error) = lineage_node::command::run() {
		eprintln!("error: {}", lineage_node::command::explain(&error));
		std::process::exit(1);
	}
}
