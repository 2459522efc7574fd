//! `lineage-node production-spec`: the chain spec of a new production network, from the
//! runtime's `production` genesis preset (no sudo key, no development account) and the operator's
//! validators, council and endowments.

use crate::{chain_spec, dev_keys::is_dev_key};
use lineage_runtime::{
	genesis_config_presets::{production_genesis, GenesisValidator},
	AccountId, Balance, TOKEN_DECIMALS,
};
use sc_service::ChainType;
use sp_core::{
	crypto::{ByteArray, Ss58Codec},
	ed25519, sr25519,
};
use std::{collections::BTreeSet, path::PathBuf, str::FromStr};

/// The most invulnerable validators and council members the runtime holds.
const MAX_VALIDATORS: usize = 16;
const MAX_COUNCIL: usize = 32;

/// Build the chain spec of a new production network: no sudo key and no development account;
/// your validators (with their session keys), your council and your endowments.
#[derive(Debug, clap::Parser)]
pub struct ProductionSpecCmd {
	/// The network's name, as wallets show it.
	#[arg(long)]
	pub name: String,

	/// The network's id, e.g. `lineage_mainnet` (nodes of different ids do not talk).
	#[arg(long)]
	pub id: String,

	/// A genesis validator: its account, its Aura key (sr25519) and its GRANDPA key (ed25519),
	/// each as an SS58 address, comma separated. Repeat for each validator: four or more keep
	/// finalising with one of them down. Genesis validators are invulnerable; others join later
	/// by bonding a candidacy.
	#[arg(long = "validator", value_name = "ACCOUNT,AURA,GRANDPA", required = true)]
	pub validators: Vec<String>,

	/// A council member (SS58 address). Repeat for each: the council decides runtime upgrades,
	/// treasury spends, the validator set and disputes.
	#[arg(long = "council", value_name = "ACCOUNT", required = true)]
	pub council: Vec<String>,

	/// An account and what it starts with: `ACCOUNT=AMOUNT`, the amount as `1000LIN` or in
	/// plancks. Repeat for each. Council members need funds for motion deposits (10 LIN) and
	/// fees; each validator without an endowment gets 10 LIN for its session key deposit.
	#[arg(long = "endow", value_name = "ACCOUNT=AMOUNT")]
	pub endowments: Vec<String>,

	/// The multiaddress of a bootnode (with its /p2p/ peer id). Repeat for each.
	#[arg(long = "bootnode", value_name = "MULTIADDR")]
	pub bootnodes: Vec<String>,

	/// Print the raw chain spec: what every node of the network starts from.
	#[arg(long)]
	pub raw: bool,

	/// Write the chain spec to this file instead of standard output.
	#[arg(long, value_name = "FILE")]
	pub output: Option<PathBuf>,

	/// Accept development keys (//Alice and so on) in the spec: for rehearsing the steps only.
	#[arg(long)]
	pub allow_dev_keys: bool,
}

impl ProductionSpecCmd {
	/// Builds the spec and prints (or writes) it.
	pub fn run(&self) -> Result<(), String> {
		let json = self.build()?;
		match &self.output {
			Some(path) => std::fs::write(path, json)
				.map_err(|e| format!("cannot write {}: {e}", path.display())),
			None => {
				println!("{json}");
				Ok(())
			},
		}
	}

	/// The chain spec as JSON.
	pub fn build(&self) -> Result<String, String> {
		let validators =
			self.validators.iter().map(|v| parse_validator(v)).collect::<Result<Vec<_>, _>>()?;
		let council = self
			.council
			.iter()
			.map(|c| parse_account(c, "council member"))
			.collect::<Result<Vec<_>, _>>()?;
		let endowed =
			self.endowments.iter().map(|e| parse_endowment(e)).collect::<Result<Vec<_>, _>>()?;
		check_unique(validators.iter().map(|v| &v.account), "validator account")?;
		check_unique(validators.iter().map(|v| v.aura.as_slice()), "Aura key")?;
		check_unique(validators.iter().map(|v| v.grandpa.as_slice()), "GRANDPA key")?;
		check_unique(council.iter(), "council member")?;
		check_unique(endowed.iter().map(|(who, _)| who), "endowed account")?;
		if validators.len() > MAX_VALIDATORS {
			return Err(format!(
				"at most {MAX_VALIDATORS} genesis validators (more join by candidacy)"
			));
		}
		if council.len() > MAX_COUNCIL {
			return Err(format!("at most {MAX_COUNCIL} council members"));
		}
		if !self.allow_dev_keys {
			let dev = validators
				.iter()
				.flat_map(|v| [v.account.as_slice(), v.aura.as_slice(), v.grandpa.as_slice()])
				.chain(council.iter().map(|c| c.as_slice()))
				.chain(endowed.iter().map(|(who, _)| who.as_slice()))
				.any(is_dev_key);
			if dev {
				return Err("a development key (//Alice and so on) is among the keys given: \
				            everyone knows their secrets. Generate your own with \
				            `lineage-node key generate`"
					.into());
			}
		}
		let mut bootnodes = Vec::new();
		for address in &self.bootnodes {
			bootnodes.push(
				sc_network::config::MultiaddrWithPeerId::from_str(address)
					.map_err(|e| format!("bootnode {address}: {e}"))?,
			);
		}
		let spec = chain_spec::ChainSpec::builder(chain_spec::wasm_binary()?, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_protocol_id(&self.id)
			.with_chain_type(ChainType::Live)
			.with_boot_nodes(bootnodes)
			.with_genesis_config_patch(production_genesis(validators, council, endowed))
			.with_properties(chain_spec::properties())
			.build();
		sc_service::ChainSpec::as_json(&spec, self.raw)
	}
}

fn parse_account(text: &str, what: &str) -> Result<AccountId, String> {
	AccountId::from_ss58check(text.trim())
		.map_err(|e| format!("{what} '{text}' is not an SS58 address: {e:?}"))
}

fn parse_validator(text: &str) -> Result<GenesisValidator, String> {
	let parts: Vec<&str> = text.split(',').map(str::trim).collect();
	let [account, aura, grandpa] = parts[..] else {
		return Err(format!(
			"validator '{text}' is not ACCOUNT,AURA,GRANDPA (three SS58 addresses, comma separated)"
		));
	};
	let aura = sr25519::Public::from_ss58check(aura)
		.map_err(|e| format!("the Aura key '{aura}' is not an SS58 address: {e:?}"))?;
	let grandpa = ed25519::Public::from_ss58check(grandpa)
		.map_err(|e| format!("the GRANDPA key '{grandpa}' is not an SS58 address: {e:?}"))?;
	Ok(GenesisValidator {
		account: parse_account(account, "validator account")?,
		aura: aura.into(),
		grandpa: grandpa.into(),
	})
}

fn parse_endowment(text: &str) -> Result<(AccountId, Balance), String> {
	let (account, amount) =
		text.split_once('=').ok_or_else(|| format!("endowment '{text}' is not ACCOUNT=AMOUNT"))?;
	Ok((parse_account(account, "endowed account")?, parse_amount(amount.trim())?))
}

/// `12.5LIN` (at most 12 decimals) or an integer number of plancks.
pub fn parse_amount(text: &str) -> Result<Balance, String> {
	let invalid = || format!("amount '{text}' is not `<number>LIN` or a whole number of plancks");
	let Some(lin) = text.strip_suffix("LIN") else {
		return text.parse::<Balance>().map_err(|_| invalid());
	};
	let (whole, fraction) = lin.split_once('.').unwrap_or((lin, ""));
	let decimals = usize::from(TOKEN_DECIMALS);
	if whole.is_empty()
		|| fraction.len() > decimals
		|| !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
	{
		return Err(invalid());
	}
	let unit = 10u128.pow(u32::from(TOKEN_DECIMALS));
	let whole: Balance = whole.parse().map_err(|_| invalid())?;
	let fraction: Balance = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<decimals$}").parse().map_err(|_| invalid())?
	};
	whole.checked_mul(unit).and_then(|w| w.checked_add(fraction)).ok_or_else(invalid)
}

fn check_unique<T: Ord + std::fmt::Debug>(
	items: impl Iterator<Item = T>,
	what: &str,
) -> Result<(), String> {
	let mut seen = BTreeSet::new();
	for item in items {
		if !seen.insert(item) {
			return Err(format!("the same {what} is given twice"));
		}
	}
	Ok(())
}
