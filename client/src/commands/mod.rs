//! The `lineage` commands: create datasets, contribute files or records (commit, then reveal),
//! review, register models and publish versions, authorise and sign vouchers, meter inferences,
//! attribute outputs and verify attribution, challenge it, check earnings, claim them, and verify
//! that a file is committed to by its dataset's on-chain Merkle root; join the validator set;
//! propose and vote on council motions and apply runtime upgrades.
//!
//! Every command talks to a node over JSON-RPC (`--url`, default `ws://127.0.0.1:9944`); those
//! that send a transaction sign it with `--suri` (e.g. `//Alice`) or `--key-file`, wait for its
//! block (`--finalized`: for finality), and print the block and the events it caused. A failed
//! dispatch is reported as its pallet error name and doc line, and the command exits with 1.

mod attribution;
mod bench;
mod datasets;
mod earnings;
mod governance;
mod inference;
mod models;
mod validator;
mod verify;

use crate::{keys, output, Chain, ClientError, Result, TxReport, Wait};
use lineage_runtime::RuntimeCall;
use sp_core::sr25519;
use std::path::PathBuf;

pub use attribution::{AttributeCmd, AttributionCmd, ChallengeCmd, DisputesCmd};
pub use bench::{BenchCmd, LoadArgs};
pub use datasets::{ContributeCmd, DatasetCmd, ReleaseCmd, ReviewCmd, WithdrawCmd};
pub use earnings::{ClaimCmd, EarningsCmd};
pub use governance::{CouncilCmd, UpgradeCmd};
pub use inference::{AuthorizeCmd, InferCmd, PayCmd, VoucherCmd};
pub use models::{BondCmd, ModelCmd};
pub use validator::{status as validator_status, ValidatorCmd, ValidatorStatus};
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
	/// The signing key.
	pub fn pair(&self) -> Result<sr25519::Pair> {
		match (&self.suri, &self.key_file) {
			(Some(suri), _) => keys::pair_from_suri(suri),
			(None, Some(path)) => keys::pair_from_file(path),
			(None, None) => Err(ClientError::new(
				"say who signs: --suri //Alice (a secret URI) or --key-file FILE",
			)),
		}
	}

	/// How long to wait for each transaction.
	pub fn wait(&self) -> Wait {
		if self.finalized {
			Wait::Finalized
		} else {
			Wait::InBlock
		}
	}
}

/// The `lineage` commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
	/// Create, show, list, curate and snapshot datasets.
	#[command(subcommand)]
	Dataset(DatasetCmd),
	/// Contribute files (or the records of a JSONL file): commit, then reveal a block later.
	Contribute(ContributeCmd),
	/// Accept (with the units it counts with) or reject a pending contribution.
	Review(ReviewCmd),
	/// Withdraw one of your contributions.
	Withdraw(WithdrawCmd),
	/// Return the unbonded deposit of a withdrawn contribution.
	Release(ReleaseCmd),
	/// Register, show, list and manage models and their versions.
	#[command(subcommand)]
	Model(ModelCmd),
	/// Hold (or return) an operator bond for recording attribution for a model.
	Bond(BondCmd),
	/// Authorise a model to charge you, through the operators you accept (or revoke).
	Authorize(AuthorizeCmd),
	/// Sign vouchers for your inference requests (as a consumer).
	#[command(subcommand)]
	Voucher(VoucherCmd),
	/// Record inferences of your model from consumers' signed vouchers (owner or operator).
	Infer(InferCmd),
	/// Pay for one inference directly, with the most you will pay.
	Pay(PayCmd),
	/// Attribute a model output to the contributions it copies from (span matching), checked
	/// against the chain.
	Attribute(AttributeCmd),
	/// Check a recorded inference's attribution.
	#[command(subcommand)]
	Attribution(AttributionCmd),
	/// Challenge the attribution of an inference (holds the challenge bond).
	Challenge(ChallengeCmd),
	/// List open disputes.
	Disputes(DisputesCmd),
	/// Show what an account has earned.
	Earnings(EarningsCmd),
	/// Claim your rewards.
	Claim(ClaimCmd),
	/// Verify that a file is the content of a contribution committed to on chain.
	Verify(VerifyCmd),
	/// Join or leave the validator set (session keys, candidacy), or see it.
	#[command(subcommand)]
	Validator(ValidatorCmd),
	/// Propose, vote on and close council motions: runtime upgrades, treasury spends, the
	/// session length.
	#[command(subcommand)]
	Council(CouncilCmd),
	/// Apply a runtime upgrade the council authorised.
	Upgrade(UpgradeCmd),
	/// Benchmarks against a running node (`bench load`: throughput and RPC latency).
	#[command(subcommand)]
	Bench(BenchCmd),
}

impl Command {
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
				Self::Release(cmd) => cmd.run().await,
				Self::Model(cmd) => cmd.run().await,
				Self::Bond(cmd) => cmd.run().await,
				Self::Authorize(cmd) => cmd.run().await,
				Self::Voucher(cmd) => cmd.run().await,
				Self::Infer(cmd) => cmd.run().await,
				Self::Pay(cmd) => cmd.run().await,
				Self::Attribute(cmd) => cmd.run().await,
				Self::Attribution(cmd) => cmd.run().await,
				Self::Challenge(cmd) => cmd.run().await,
				Self::Disputes(cmd) => cmd.run().await,
				Self::Earnings(cmd) => cmd.run().await,
				Self::Claim(cmd) => cmd.run().await,
				Self::Verify(cmd) => cmd.run().await,
				Self::Validator(cmd) => cmd.run().await,
				Self::Council(cmd) => cmd.run().await,
				Self::Upgrade(cmd) => cmd.run().await,
				Self::Bench(cmd) => cmd.run().await,
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

/// The first event of a report that `pick` recognises.
pub(crate) fn find_event<T>(
	report: &TxReport,
	what: &str,
	pick: impl Fn(&lineage_runtime::RuntimeEvent) -> Option<T>,
) -> Result<T> {
	report.events.iter().find_map(pick).ok_or_else(|| ClientError::new(format!("no {what} event")))
}
