//! `earnings` and `claim`.

use super::{send, ConnectArgs, SignerArgs};
use crate::{
	client::{format_lin, keys, Chain, ClientError, Result},
	rpc::attribution::Earnings,
};
use jsonrpsee::rpc_params;
use lineage_runtime::{Runtime, RuntimeEvent};

fn plancks(text: &str) -> u128 {
	text.parse().unwrap_or_default()
}

/// Show what an account can claim, has claimed and has earned (`attribution_earnings`).
#[derive(Debug, clap::Args)]
pub struct EarningsCmd {
	/// An SS58 address (or a dev key such as //Charlie).
	pub account: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
}

impl EarningsCmd {
	pub async fn run(&self) -> Result<()> {
		let account = keys::ss58(&keys::parse_account(&self.account)?);
		let chain = Chain::connect(&self.connect.url).await?;
		let earnings: Earnings =
			chain.call("attribution_earnings", rpc_params![account.clone()]).await?;
		if self.connect.json {
			println!("{}", serde_json::to_string(&earnings)?);
		} else {
			println!("earnings of {account}");
			println!(
				"  claimable now: {} ({} plancks)",
				format_lin(plancks(&earnings.pending)),
				earnings.pending
			);
			println!(
				"  claimed:       {} ({} plancks)",
				format_lin(plancks(&earnings.claimed)),
				earnings.claimed
			);
			println!(
				"  earned in all: {} ({} plancks)",
				format_lin(plancks(&earnings.earned)),
				earnings.earned
			);
			for d in &earnings.datasets {
				println!("  from dataset {}: {} plancks claimable", d.dataset_id, d.pending);
			}
		}
		Ok(())
	}
}

/// Claim everything you can: owner shares, attribution credits and dataset rewards.
#[derive(Debug, clap::Args)]
pub struct ClaimCmd {
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl ClaimCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = pallet_attribution::Call::<Runtime>::claim_rewards {};
		let report = send(&chain, &self.signer, call.into(), self.connect.json).await?;
		let amount = report
			.events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Attribution(pallet_attribution::Event::RewardsClaimed {
					amount,
					..
				}) => Some(*amount),
				_ => None,
			})
			.ok_or_else(|| ClientError::new("no RewardsClaimed event"))?;
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({ "claimed": amount.to_string(), "block": report.block_number, "blockHash": report.block_hash })
			);
		} else {
			println!("claimed {} ({amount} plancks)", format_lin(amount));
		}
		Ok(())
	}
}
