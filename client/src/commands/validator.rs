//! `validator`: what an operator does to join (or leave) the validator set, and where it stands.

use super::{send_and_report, ConnectArgs, SignerArgs};
use crate::{amounts::format_lin, chain::decode_hex, keys, Chain, ClientError, Result};
use codec::Decode;
use lineage_runtime::{AccountId, Balance, BlockNumber, Runtime, SessionKeys};

/// Join or leave the validator set, or see it.
#[derive(Debug, clap::Subcommand)]
pub enum ValidatorCmd {
	/// Ask your validator node for new session keys made for your account
	/// (`author_rotateKeysWithOwner`, kept in its keystore) and register them on chain
	/// (`session.set_keys`, holds the session key deposit). They take effect two sessions later.
	RotateKeys(RotateKeysCmd),
	/// Register session keys and the proof that your account holds them (both as
	/// `author_rotateKeysWithOwner` returns them): `session.set_keys`.
	SetKeys(SetKeysCmd),
	/// Bond the candidacy bond and become a validator candidate: from the session after next you
	/// author blocks, and you are kicked (bond returned) if you author none for two sessions.
	Register(RegisterCmd),
	/// Leave the candidates (your bond comes back).
	Leave(RegisterCmd),
	/// The session, the validators, the invulnerables, the candidates and the bond.
	Status(StatusCmd),
}

impl ValidatorCmd {
	pub async fn run(&self) -> Result<()> {
		match self {
			Self::RotateKeys(cmd) => cmd.run().await,
			Self::SetKeys(cmd) => cmd.run().await,
			Self::Register(cmd) => cmd.run(true).await,
			Self::Leave(cmd) => cmd.run(false).await,
			Self::Status(cmd) => cmd.run().await,
		}
	}
}

/// `validator rotate-keys`.
#[derive(Debug, clap::Args)]
pub struct RotateKeysCmd {
	/// Your validator node's JSON-RPC endpoint, where the keys are made and kept (it must allow
	/// unsafe methods: a node listening on loopback does by default). Default: `--url`.
	#[arg(long, value_name = "URL")]
	pub node: Option<String>,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// What `author_rotateKeysWithOwner` returns.
#[derive(serde::Deserialize)]
struct GeneratedKeys {
	keys: String,
	proof: Option<String>,
}

impl RotateKeysCmd {
	pub async fn run(&self) -> Result<()> {
		let pair = self.signer.pair()?;
		let owner = keys::account_of(&pair);
		let node_url = self.node.as_deref().unwrap_or(&self.connect.url);
		let node = Chain::connect(node_url).await?;
		let generated: GeneratedKeys = node
			.call(
				"author_rotateKeysWithOwner",
				jsonrpsee::rpc_params![format!("0x{}", hex::encode(codec::Encode::encode(&owner)))],
			)
			.await
			.map_err(|e| {
				ClientError::new(format!(
					"{node_url} did not make session keys ({e}): it must be your validator's node, \
					 allowing unsafe RPC methods (it does on loopback by default)"
				))
			})?;
		let proof = generated.proof.ok_or_else(|| {
			ClientError::new("the node made keys without a proof of possession: update it")
		})?;
		if !self.connect.json {
			println!("new session keys in {node_url}'s keystore: {}", generated.keys);
		}
		set_keys(&self.connect, &self.signer, &generated.keys, &proof).await
	}
}

/// `validator set-keys`.
#[derive(Debug, clap::Args)]
pub struct SetKeysCmd {
	/// The session keys as 0x-hex (`keys` of `author_rotateKeysWithOwner`).
	pub keys: String,
	/// The proof that your account holds them, as 0x-hex (`proof` of
	/// `author_rotateKeysWithOwner`, asked with your account as the owner).
	#[arg(long)]
	pub proof: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl SetKeysCmd {
	pub async fn run(&self) -> Result<()> {
		set_keys(&self.connect, &self.signer, &self.keys, &self.proof).await
	}
}

/// Submits `session.set_keys(keys, proof)`.
async fn set_keys(
	connect: &ConnectArgs,
	signer: &SignerArgs,
	keys: &str,
	proof: &str,
) -> Result<()> {
	let bytes = decode_hex(keys)?;
	let invalid = || {
		ClientError::new(format!(
			"'{keys}' is not a set of session keys (an Aura sr25519 key and a GRANDPA ed25519 \
				 key, 64 bytes, as author_rotateKeysWithOwner returns them)"
		))
	};
	if bytes.len() != 64 {
		return Err(invalid());
	}
	let keys = SessionKeys::decode(&mut &bytes[..]).map_err(|_| invalid())?;
	let proof = decode_hex(proof)?;
	let chain = Chain::connect(&connect.url).await?;
	let call = pallet_session::Call::<Runtime>::set_keys { keys, proof };
	send_and_report(&chain, signer, call.into(), connect.json).await?;
	Ok(())
}

/// `validator register` and `validator leave`.
#[derive(Debug, clap::Args)]
pub struct RegisterCmd {
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl RegisterCmd {
	pub async fn run(&self, register: bool) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = if register {
			pallet_collator_selection::Call::<Runtime>::register_as_candidate {}.into()
		} else {
			pallet_collator_selection::Call::<Runtime>::leave_intent {}.into()
		};
		send_and_report(&chain, &self.signer, call, self.connect.json).await?;
		Ok(())
	}
}

/// `validator status`.
#[derive(Debug, clap::Args)]
pub struct StatusCmd {
	#[command(flatten)]
	pub connect: ConnectArgs,
}

/// What `validator status` reports.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidatorStatus {
	pub block: BlockNumber,
	pub session: u32,
	pub session_length: BlockNumber,
	pub validators: Vec<String>,
	pub invulnerables: Vec<String>,
	pub candidates: Vec<String>,
	pub candidacy_bond: String,
	pub disabled: Vec<u32>,
}

impl StatusCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let status = status(&chain).await?;
		if self.connect.json {
			println!("{}", serde_json::to_string(&status)?);
		} else {
			println!(
				"block #{}: session {} ({} blocks each)",
				status.block, status.session, status.session_length
			);
			println!("validators ({}):", status.validators.len());
			for (index, v) in status.validators.iter().enumerate() {
				let disabled = status.disabled.contains(&(index as u32));
				println!("  {v}{}", if disabled { " (disabled)" } else { "" });
			}
			println!("invulnerables: {}", status.invulnerables.join(", "));
			println!("candidates: {}", status.candidates.join(", "));
			println!(
				"candidacy bond: {}",
				format_lin(status.candidacy_bond.parse::<Balance>().unwrap_or_default())
			);
		}
		Ok(())
	}
}

/// Reads the validator set's state at the best block.
pub async fn status(chain: &Chain) -> Result<ValidatorStatus> {
	let (at, block) = chain.best().await?;
	let ss58 = |list: Vec<AccountId>| list.iter().map(keys::ss58).collect::<Vec<_>>();
	let validators: Vec<AccountId> = chain
		.storage(pallet_session::Validators::<Runtime>::hashed_key().to_vec(), Some(at))
		.await?
		.unwrap_or_default();
	let session: u32 = chain
		.storage(pallet_session::CurrentIndex::<Runtime>::hashed_key().to_vec(), Some(at))
		.await?
		.unwrap_or_default();
	let invulnerables: Vec<AccountId> = chain
		.storage(
			pallet_collator_selection::Invulnerables::<Runtime>::hashed_key().to_vec(),
			Some(at),
		)
		.await?
		.unwrap_or_default();
	let candidates: Vec<pallet_collator_selection::CandidateInfo<AccountId, Balance>> = chain
		.storage(
			pallet_collator_selection::CandidateList::<Runtime>::hashed_key().to_vec(),
			Some(at),
		)
		.await?
		.unwrap_or_default();
	let bond: Balance = chain
		.storage(
			pallet_collator_selection::CandidacyBond::<Runtime>::hashed_key().to_vec(),
			Some(at),
		)
		.await?
		.unwrap_or_default();
	let disabled: Vec<(u32, sp_staking::offence::OffenceSeverity)> = chain
		.storage(pallet_session::DisabledValidators::<Runtime>::hashed_key().to_vec(), Some(at))
		.await?
		.unwrap_or_default();
	let session_length = session_length(chain, at).await?;
	Ok(ValidatorStatus {
		block,
		session,
		session_length,
		validators: ss58(validators),
		invulnerables: ss58(invulnerables),
		candidates: ss58(candidates.into_iter().map(|c| c.who).collect()),
		candidacy_bond: bond.to_string(),
		disabled: disabled.into_iter().map(|(index, _)| index).collect(),
	})
}

/// The session length in force at `at` (the governance parameter, within its bounds).
async fn session_length(chain: &Chain, at: lineage_runtime::Hash) -> Result<BlockNumber> {
	use lineage_runtime::configs::governance::{
		dynamic_params::validators::{ParametersKey, SessionPeriod},
		RuntimeParametersKey, RuntimeParametersValue, MAX_SESSION, MIN_SESSION,
	};
	let key = pallet_parameters::Parameters::<Runtime>::hashed_key_for(
		RuntimeParametersKey::Validators(ParametersKey::SessionPeriod(SessionPeriod)),
	);
	let value: Option<RuntimeParametersValue> = chain.storage(key, Some(at)).await?;
	let period = match value {
		Some(RuntimeParametersValue::Validators(
			lineage_runtime::configs::governance::dynamic_params::validators::ParametersValue::SessionPeriod(
				blocks,
			),
		)) => blocks,
		_ => lineage_runtime::HOURS,
	};
	Ok(period.clamp(MIN_SESSION, MAX_SESSION))
}
