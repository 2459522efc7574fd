//! The built-in chains, `dev` and `local`, both built from the runtime's genesis presets. A
//! production network's spec comes from `lineage-node production-spec` (see `production.rs`).

use lineage_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A Lineage chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The runtime this node was built with.
pub fn wasm_binary() -> Result<&'static [u8], String> {
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

/// `local`: Alice, Bob, Charlie and Dave validate, so GRANDPA (more than 2/3 of the votes) keeps
/// finalising with any one of them down. Its keys are development keys: nodes run it only with
/// `--allow-dev-keys`.
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
		"local" => Box::new(local_chain_spec()?),
		"" => {
			return Err("no chain given: use --dev, --chain local (a test network), or --chain \
			            <spec.json> (lineage-node production-spec builds one for a new network)"
				.into())
		},
		"production" => {
			return Err("the production chain needs your validators' and council's keys: build \
			            its spec with `lineage-node production-spec` and start from that file"
				.into())
		},
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain '{id}': use --chain dev, --chain local, or the path of a chain spec \
					 JSON file (lineage-node production-spec or build-spec makes one)"
				));
			}
			Box::new(
				ChainSpec::from_json_file(path.clone())
					.map_err(|e| format!("the chain spec {} is not valid: {e}", path.display()))?,
			)
		},
	})
}
