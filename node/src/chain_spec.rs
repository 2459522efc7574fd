//! The built-in chains, `dev` and `local`, both built from the runtime's genesis presets.

use lineage_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A Lineage chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"this lineage-node was built without the WASM runtime (SKIP_WASM_BUILD was set): \
		 rebuild it without SKIP_WASM_BUILD"
			.to_string()
	})
}

/// The token shown by wallets: LIN, 12 decimals, SS58 prefix 42.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// `dev`: Alice is the only validator; starts producing blocks at once.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Lineage Development")
		.with_id("lineage_dev")
		.with_protocol_id("lin")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `local`: Alice, Bob and Charlie validate. GRANDPA finalises with more than 2/3 of the votes,
/// which with three equal validators means all three: finality waits while one is down.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Lineage Local Testnet")
		.with_id("lineage_local")
		.with_protocol_id("lin")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The chain spec named `id`: `dev`, `local`, or the path of a chain spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain '{id}': use --chain dev, --chain local, or the path of a chain spec \
					 JSON file (lineage-node build-spec --chain local > spec.json)"
				));
			}
			Box::new(
				ChainSpec::from_json_file(path.clone())
					.map_err(|e| format!("the chain spec {} is not valid: {e}", path.display()))?,
			)
		},
	})
}
