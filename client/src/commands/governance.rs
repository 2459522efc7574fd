//! `council` and `upgrade`: what the council decides (runtime upgrades, treasury spends, the
//! session length), as motions its members propose, vote on and close; and applying an upgrade
//! the council authorised.
//!
//! Root calls (an upgrade, the session length) go through `pallet-whitelist` in one motion:
//! `utility.batch_all([whitelist.whitelist_call(hash), whitelist.dispatch_whitelisted_call_with_preimage(call)])`,
//! which needs two thirds of the council. With `--sudo` (development chains) the signer's sudo
//! key dispatches the Root call at once instead.

use super::{find_event, send, send_and_report, ConnectArgs, SignerArgs};
use crate::{amounts::parse_amount, keys, output, Chain, ClientError, Result};
use codec::Encode;
use lineage_runtime::{
	configs::governance::{dynamic_params::validators, RuntimeParameters},
	AccountId, BlockNumber, Hash, Runtime, RuntimeCall, RuntimeEvent,
};
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use std::path::PathBuf;

/// The council: propose, vote, close and list motions.
#[derive(Debug, clap::Subcommand)]
pub enum CouncilCmd {
	/// Propose a motion and vote for it (you must be a council member; holds the motion deposit
	/// until it is closed and released).
	#[command(subcommand)]
	Propose(ProposeCmd),
	/// Vote on an open motion.
	Vote(VoteCmd),
	/// Close a motion that has enough votes (or whose time is up): it is executed if approved,
	/// and its proposer's deposit is released.
	Close(CloseCmd),
	/// The council's members and open motions.
	Motions(MotionsCmd),
}

/// What a motion proposes.
#[derive(Debug, clap::Subcommand)]
pub enum ProposeCmd {
	/// Authorise a runtime upgrade to the given WASM (two thirds): once executed, anyone applies
	/// it with `lineage upgrade`.
	Upgrade {
		/// The new runtime, e.g. `lineage_runtime.compact.compressed.wasm`.
		#[arg(long, value_name = "FILE")]
		wasm: PathBuf,
		#[command(flatten)]
		motion: MotionArgs,
	},
	/// Set the session length, in blocks (two thirds).
	SessionLength {
		blocks: BlockNumber,
		#[command(flatten)]
		motion: MotionArgs,
	},
	/// Spend from the treasury to an account (a majority; up to the council's limit per motion).
	Spend {
		/// How much: `100LIN`, or plancks.
		#[arg(long)]
		amount: String,
		/// Who receives it (SS58 address or a dev key such as //Eve).
		#[arg(long)]
		to: String,
		#[command(flatten)]
		motion: MotionArgs,
	},
}

/// How a motion is made.
#[derive(Debug, clap::Args)]
pub struct MotionArgs {
	/// How many members must approve it (default: two thirds, or a majority for spends, of the
	/// current council).
	#[arg(long)]
	pub threshold: Option<u32>,
	/// Dispatch the call with your sudo key at once instead (development chains).
	#[arg(long)]
	pub sudo: bool,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// `council vote`.
#[derive(Debug, clap::Args)]
pub struct VoteCmd {
	/// The motion's index (as `council motions` lists it).
	pub index: u32,
	/// Vote for it.
	#[arg(long, conflicts_with = "nay", required_unless_present = "nay")]
	pub aye: bool,
	/// Vote against it.
	#[arg(long)]
	pub nay: bool,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// `council close`.
#[derive(Debug, clap::Args)]
pub struct CloseCmd {
	/// The motion's index.
	pub index: u32,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// `council motions`.
#[derive(Debug, clap::Args)]
pub struct MotionsCmd {
	#[command(flatten)]
	pub connect: ConnectArgs,
}

/// Apply a runtime upgrade the council (or sudo) authorised: submits the WASM with
/// `system.apply_authorized_upgrade` (free when it matches the authorised hash).
#[derive(Debug, clap::Args)]
pub struct UpgradeCmd {
	/// The new runtime, as authorised.
	#[arg(long, value_name = "FILE")]
	pub wasm: PathBuf,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

type Collective = pallet_collective::Instance1;

/// A motion's votes as pallet-collective stores them (`Votes`, whose fields are private).
#[derive(codec::Decode)]
struct MotionVotes {
	index: u32,
	threshold: u32,
	ayes: Vec<AccountId>,
	nays: Vec<AccountId>,
	end: BlockNumber,
}

impl CouncilCmd {
	pub async fn run(&self) -> Result<()> {
		match self {
			Self::Propose(cmd) => cmd.run().await,
			Self::Vote(cmd) => cmd.run().await,
			Self::Close(cmd) => cmd.run().await,
			Self::Motions(cmd) => cmd.run().await,
		}
	}
}

fn read_wasm(path: &PathBuf) -> Result<Vec<u8>> {
	let code = std::fs::read(path)
		.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))?;
	if code.is_empty() {
		return Err(ClientError::new(format!("{} is empty", path.display())));
	}
	Ok(code)
}

/// `call` dispatched as Root by a two-thirds motion, through the whitelist.
fn as_root_by_council(call: RuntimeCall) -> RuntimeCall {
	let call_hash = BlakeTwo256::hash_of(&call);
	pallet_utility::Call::<Runtime>::batch_all {
		calls: vec![
			pallet_whitelist::Call::<Runtime>::whitelist_call { call_hash }.into(),
			pallet_whitelist::Call::<Runtime>::dispatch_whitelisted_call_with_preimage {
				call: Box::new(call),
			}
			.into(),
		],
	}
	.into()
}

impl ProposeCmd {
	fn motion(&self) -> &MotionArgs {
		match self {
			Self::Upgrade { motion, .. }
			| Self::SessionLength { motion, .. }
			| Self::Spend { motion, .. } => motion,
		}
	}

	pub async fn run(&self) -> Result<()> {
		let motion = self.motion();
		let chain = Chain::connect(&motion.connect.url).await?;
		// The call, whether it needs Root (through the whitelist), and its default threshold in
		// thirds / halves of the council.
		let (call, root, two_thirds) = match self {
			Self::Upgrade { wasm, .. } => {
				let code = read_wasm(wasm)?;
				let code_hash = BlakeTwo256::hash(&code);
				println!(
					"authorising the runtime with code hash {code_hash:?} ({} bytes)",
					code.len()
				);
				(frame_system::Call::<Runtime>::authorize_upgrade { code_hash }.into(), true, true)
			},
			Self::SessionLength { blocks, .. } => (
				pallet_parameters::Call::<Runtime>::set_parameter {
					key_value: RuntimeParameters::Validators(
						validators::Parameters::SessionPeriod(
							validators::SessionPeriod,
							Some(*blocks),
						),
					),
				}
				.into(),
				false,
				true,
			),
			Self::Spend { amount, to, .. } => (
				pallet_treasury::Call::<Runtime>::spend {
					asset_kind: Box::new(()),
					amount: parse_amount(amount)?,
					beneficiary: Box::new(keys::parse_account(to)?),
					valid_from: None,
				}
				.into(),
				false,
				false,
			),
		};
		if motion.sudo {
			let call = pallet_sudo::Call::<Runtime>::sudo { call: Box::new(call) }.into();
			let report = send(&chain, &motion.signer, call, motion.connect.json).await?;
			let outcome = find_event(&report, "Sudid", |e| match e {
				RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(*sudo_result),
				_ => None,
			})?;
			return match outcome {
				Ok(()) => {
					if motion.connect.json {
						println!("{}", output::report_json(&report));
					}
					Ok(())
				},
				Err(e) => Err(ClientError::new(format!(
					"sudo dispatched the call, and it failed: {}",
					crate::errors::explain(&e)
				))),
			};
		}
		let members = council_members(&chain).await?;
		let threshold = motion.threshold.unwrap_or_else(|| {
			let n = members.len() as u32;
			if two_thirds {
				(2 * n).div_ceil(3)
			} else {
				n / 2 + 1
			}
		});
		let proposal = if root { as_root_by_council(call) } else { call };
		let length_bound = proposal.encoded_size() as u32;
		let call = pallet_collective::Call::<Runtime, Collective>::propose {
			threshold,
			proposal: Box::new(proposal),
			length_bound,
		};
		let report = send(&chain, &motion.signer, call.into(), motion.connect.json).await?;
		let proposed = find_event(&report, "Proposed", |e| match e {
			RuntimeEvent::Council(pallet_collective::Event::Proposed {
				proposal_index,
				proposal_hash,
				threshold,
				..
			}) => Some((*proposal_index, *proposal_hash, *threshold)),
			RuntimeEvent::Council(pallet_collective::Event::Executed { proposal_hash, .. }) => {
				Some((u32::MAX, *proposal_hash, 1))
			},
			_ => None,
		})?;
		// The proposer's vote is not implied: cast it.
		if proposed.0 != u32::MAX {
			let vote = pallet_collective::Call::<Runtime, Collective>::vote {
				proposal: proposed.1,
				index: proposed.0,
				approve: true,
			};
			send(&chain, &motion.signer, vote.into(), motion.connect.json).await?;
		}
		if motion.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"index": (proposed.0 != u32::MAX).then_some(proposed.0),
					"hash": proposed.1,
					"threshold": proposed.2,
					"executed": proposed.0 == u32::MAX,
					"block": report.block_number,
				})
			);
		} else if proposed.0 == u32::MAX {
			println!("executed at once (threshold 1)");
		} else {
			println!(
				"motion {} ({:?}) needs {} of {} votes (yours is cast): `lineage council vote {} \
				 --aye`, then `lineage council close {}`",
				proposed.0,
				proposed.1,
				proposed.2,
				members.len(),
				proposed.0,
				proposed.0
			);
		}
		Ok(())
	}
}

/// The council's members.
async fn council_members(chain: &Chain) -> Result<Vec<AccountId>> {
	Ok(chain
		.storage(pallet_collective::Members::<Runtime, Collective>::hashed_key().to_vec(), None)
		.await?
		.unwrap_or_default())
}

/// The open motion with index `index`: its hash and its proposal.
async fn motion(chain: &Chain, index: u32) -> Result<(Hash, RuntimeCall)> {
	let hashes: Vec<Hash> = chain
		.storage(pallet_collective::Proposals::<Runtime, Collective>::hashed_key().to_vec(), None)
		.await?
		.unwrap_or_default();
	for hash in hashes {
		let votes: Option<MotionVotes> = chain
			.storage(pallet_collective::Voting::<Runtime, Collective>::hashed_key_for(hash), None)
			.await?;
		if votes.is_some_and(|v| v.index == index) {
			let proposal: RuntimeCall = chain
				.storage(
					pallet_collective::ProposalOf::<Runtime, Collective>::hashed_key_for(hash),
					None,
				)
				.await?
				.ok_or_else(|| ClientError::new(format!("motion {index} has no proposal")))?;
			return Ok((hash, proposal));
		}
	}
	Err(ClientError::new(format!(
		"there is no open motion {index} (see `lineage council motions`)"
	)))
}

impl VoteCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let (proposal, _) = motion(&chain, self.index).await?;
		let call = pallet_collective::Call::<Runtime, Collective>::vote {
			proposal,
			index: self.index,
			approve: self.aye,
		};
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

impl CloseCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let (proposal_hash, proposal) = motion(&chain, self.index).await?;
		let call = pallet_collective::Call::<Runtime, Collective>::close {
			proposal_hash,
			index: self.index,
			proposal_weight_bound: frame_support::dispatch::GetDispatchInfo::get_dispatch_info(
				&proposal,
			)
			.call_weight,
			length_bound: proposal.encoded_size() as u32,
		};
		let report = send(&chain, &self.signer, call.into(), self.connect.json).await?;
		// A closed motion's deposit is released by a call of its own: make it.
		let release =
			pallet_collective::Call::<Runtime, Collective>::release_proposal_cost { proposal_hash };
		send(&chain, &self.signer, release.into(), self.connect.json).await?;
		let result = report.events.iter().find_map(|e| match e {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(Some(*result))
			},
			RuntimeEvent::Council(pallet_collective::Event::Disapproved { .. }) => Some(None),
			_ => None,
		});
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"executed": matches!(result, Some(Some(Ok(())))),
					"approved": matches!(result, Some(Some(_))),
					"block": report.block_number,
				})
			);
		}
		match result {
			Some(Some(Ok(()))) => Ok(()),
			Some(Some(Err(e))) => Err(ClientError::new(format!(
				"the motion was approved and executed, and its call failed: {}",
				crate::errors::explain(&e)
			))),
			Some(None) => Err(ClientError::new("the motion was disapproved")),
			None => Err(ClientError::new("the motion was neither executed nor disapproved")),
		}
	}
}

impl MotionsCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let members = council_members(&chain).await?;
		let hashes: Vec<Hash> = chain
			.storage(
				pallet_collective::Proposals::<Runtime, Collective>::hashed_key().to_vec(),
				None,
			)
			.await?
			.unwrap_or_default();
		let mut motions = Vec::new();
		for hash in hashes {
			let votes: Option<MotionVotes> = chain
				.storage(
					pallet_collective::Voting::<Runtime, Collective>::hashed_key_for(hash),
					None,
				)
				.await?;
			if let Some(v) = votes {
				motions.push(serde_json::json!({
					"index": v.index,
					"hash": hash,
					"threshold": v.threshold,
					"ayes": v.ayes.iter().map(keys::ss58).collect::<Vec<_>>(),
					"nays": v.nays.iter().map(keys::ss58).collect::<Vec<_>>(),
					"end": v.end,
				}));
			}
		}
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"members": members.iter().map(keys::ss58).collect::<Vec<_>>(),
					"motions": motions,
				})
			);
		} else {
			println!("council ({} members):", members.len());
			for m in &members {
				println!("  {}", keys::ss58(m));
			}
			if motions.is_empty() {
				println!("no open motions");
			}
			for m in &motions {
				println!(
					"motion {} {}: {} of {} ayes, {} nays, open until block #{}",
					m["index"],
					m["hash"],
					m["ayes"].as_array().map_or(0, |a| a.len()),
					m["threshold"],
					m["nays"].as_array().map_or(0, |a| a.len()),
					m["end"]
				);
			}
		}
		Ok(())
	}
}

impl UpgradeCmd {
	pub async fn run(&self) -> Result<()> {
		let code = read_wasm(&self.wasm)?;
		let chain = Chain::connect(&self.connect.url).await?;
		let call = frame_system::Call::<Runtime>::apply_authorized_upgrade { code };
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}
