//! `lineage-node`'s user commands: create datasets, contribute files or records, review,
//! register models, authorise and meter inferences, check earnings, claim them, and verify that
//! a file is committed to by its dataset's on-chain Merkle root.
//!
//! Every command talks to a node over JSON-RPC (`--url`, default `ws://127.0.0.1:9944`); those
//! that send a transaction sign it with `--suri` (e.g. `//Alice`) or `--key-file`, wait for its
//! block (`--finalized`: for finality), and print the block and the events it caused. A failed
//! dispatch is reported as its pallet error name and doc line, and the command exits with 1.

mod datasets;
mod earnings;
mod inference;
mod models;
mod output;
mod verify;

use super::{keys, Chain, ClientError, Result, TxReport, Wait};
use lineage_runtime::RuntimeCall;
use sp_core::sr25519;
use std::path::PathBuf;

pub use datasets::{ContributeCmd, DatasetCmd, ReviewCmd, WithdrawCmd};
pub use earnings::{ClaimCmd, EarningsCmd};
pub use inference::{AuthorizeCmd, InferCmd};
pub use models::ModelCmd;
pub use verify::VerifyCmd;

/// Where the node is.
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectArgs {
	/// The node's JSON-RPC WebSocket endpoint.
	#[arg(long, value_name = "URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// Print the result as JSON (for scripts).
	#[arg(long)]
	pub json: bool,
}

/// Who signs, and how long to wait.
#[derive(Debug, Clone, clap::Args)]
pub struct SignerArgs {
	/// The signing key as a secret URI: a dev key such as //Alice, a mnemonic, or a 0x seed.
	#[arg(long, value_name = "SURI", conflicts_with = "key_file")]
	pub suri: Option<String>,

	/// A file holding the signing key's secret URI.
	#[arg(long, value_name = "FILE")]
	pub key_file: Option<PathBuf>,

	/// Wait until the transaction's block is finalised, not only included.
	#[arg(long)]
	pub finalized: bool,
}

impl SignerArgs {
	pub fn pair(&self) -> Result<sr25519::Pair> {
		match (&self.suri, &self.key_file) {
			(Some(suri), _) => keys::pair_from_suri(suri),
			(None, Some(path)) => keys::pair_from_file(path),
			(None, None) => Err(ClientError::new(
				"say who signs: --suri //Alice (a secret URI) or --key-file FILE",
			)),
		}
	}

	pub fn wait(&self) -> Wait {
		if self.finalized {
			Wait::Finalized
		} else {
			Wait::InBlock
		}
	}
}

/// The user commands, as subcommands of `lineage-node`.
#[derive(Debug, clap::Subcommand)]
pub enum ClientCommand {
	/// Create, show and curate datasets.
	#[command(subcommand)]
	Dataset(DatasetCmd),
	/// Contribute files (or the records of a JSONL file) to a dataset.
	Contribute(ContributeCmd),
	/// Accept or reject a pending contribution (dataset owner or curator).
	Review(ReviewCmd),
	/// Withdraw one of your contributions.
	Withdraw(WithdrawCmd),
	/// Register and show models.
	#[command(subcommand)]
	Model(ModelCmd),
	/// Authorise a model to charge you for inferences.
	Authorize(AuthorizeCmd),
	/// Record inferences of your model from a JSON file (model owner or operator).
	Infer(InferCmd),
	/// Show what an account has earned (attribution_earnings).
	Earnings(EarningsCmd),
	/// Claim your rewards.
	Claim(ClaimCmd),
	/// Verify that a file is the content of a contribution committed to on chain.
	Verify(VerifyCmd),
}

impl ClientCommand {
	/// Runs the command to completion on its own async runtime.
	pub fn run(&self) -> Result<()> {
		let runtime = tokio::runtime::Builder::new_multi_thread()
			.enable_all()
			.build()
			.map_err(|e| ClientError::new(format!("cannot start the async runtime: {e}")))?;
		runtime.block_on(async {
			match self {
				Self::Dataset(cmd) => cmd.run().await,
				Self::Contribute(cmd) => cmd.run().await,
				Self::Review(cmd) => cmd.run().await,
				Self::Withdraw(cmd) => cmd.run().await,
				Self::Model(cmd) => cmd.run().await,
				Self::Authorize(cmd) => cmd.run().await,
				Self::Infer(cmd) => cmd.run().await,
				Self::Earnings(cmd) => cmd.run().await,
				Self::Claim(cmd) => cmd.run().await,
				Self::Verify(cmd) => cmd.run().await,
			}
		})
	}
}

/// Signs and submits one call, prints what it did, and fails if its dispatch failed.
pub(crate) async fn send(
	chain: &Chain,
	signer: &SignerArgs,
	call: RuntimeCall,
	json: bool,
) -> Result<TxReport> {
	let pair = signer.pair()?;
	let report = chain.submit(&pair, call, signer.wait()).await?;
	if !json {
		output::print_report(&report);
	}
	report.ensure_success()?;
	Ok(report)
}

/// Like [`send`], for commands with nothing more to say than the transaction: with `--json` it
/// prints `{"block", "blockHash", "finalized", "events"}` (the events as the text lines above).
pub(crate) async fn send_and_report(
	chain: &Chain,
	signer: &SignerArgs,
	call: RuntimeCall,
	json: bool,
) -> Result<TxReport> {
	let report = send(chain, signer, call, json).await?;
	if json {
		println!("{}", output::report_json(&report));
	}
	Ok(report)
}

/// An amount: `12.5LIN` (or `12.5 LIN`) in LIN, or a plain integer in plancks.
pub fn parse_amount(text: &str) -> Result<lineage_runtime::Balance> {
	let text = text.trim();
	let lower = text.to_ascii_lowercase();
	let bad = || {
		ClientError::new(format!(
			"'{text}' is not an amount: write LIN with the unit (12.5LIN) or plancks as an integer"
		))
	};
	let Some(number) = lower.strip_suffix("lin") else {
		return text.parse::<u128>().map_err(|_| bad());
	};
	let number = number.trim();
	let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
	let decimals = usize::from(lineage_runtime::TOKEN_DECIMALS);
	if fraction.len() > decimals || (whole.is_empty() && fraction.is_empty()) {
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u128 = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<decimals$}").parse().map_err(|_| bad())?
	};
	whole.checked_mul(lineage_runtime::UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// A percentage (`60`, `12.5`, `33.333333333`) as a Perbill.
pub fn parse_percent(text: &str) -> Result<sp_runtime::Perbill> {
	let text = text.trim().trim_end_matches('%');
	let bad = || ClientError::new(format!("'{text}' is not a percentage between 0 and 100"));
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	if fraction.len() > 7 {
		return Err(bad());
	}
	let whole: u32 = whole.parse().map_err(|_| bad())?;
	let fraction: u32 = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<7}").parse().map_err(|_| bad())?
	};
	let parts =
		whole.checked_mul(10_000_000).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
	if parts > 1_000_000_000 {
		return Err(bad());
	}
	Ok(sp_runtime::Perbill::from_parts(parts))
}

/// A 32-byte hash: `0x` and 64 hex digits, or else the sha2-256 of the given text.
pub fn hash_or_digest(text: &str) -> sp_core::H256 {
	let digits = text.strip_prefix("0x").unwrap_or("");
	match hex::decode(digits) {
		Ok(bytes) if bytes.len() == 32 => sp_core::H256::from_slice(&bytes),
		_ => lineage_primitives::merkle::sha256(text.as_bytes()),
	}
}
