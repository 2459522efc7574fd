//! `earnings` and `claim`.

use super::{find_event, send, ConnectArgs, SignerArgs};
use crate::{
	amounts::{format_lin, plancks},
	keys, Chain, Result,
};
use lineage_rpc_api::AttributionApiClient;
use lineage_runtime::{Runtime, RuntimeEvent};

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
		let earnings = chain.rpc.earnings(account.clone(), None).await?;
		if self.connect.json {
			println!("{}", serde_json::to_string(&earnings)?);
		} else {
			println!("earnings of {account}");
			for (what, amount) in [
				("claimable now", &earnings.pending),
				("claimed      ", &earnings.claimed),
				("earned in all", &earnings.earned),
			] {
				println!("  {what}: {} ({amount} plancks)", format_lin(plancks(amount)));
			}
			for d in &earnings.datasets {
				println!("  from dataset {}: {} plancks claimable", d.dataset_id, d.pending);
			}
		}
		Ok(())
	}
}

/// Claim everything you can: owner and operator shares, attribution credits, dataset rewards.
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
		let amount = find_event(&report, "RewardsClaimed", |e| match e {
			RuntimeEvent::Attribution(pallet_attribution::Event::RewardsClaimed {
				amount, ..
			}) => Some(*amount),
			_ => None,
		})?;
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
