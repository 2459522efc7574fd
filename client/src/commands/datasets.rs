//! `dataset create|show|list|curator|status|snapshot`, `contribute`, `review`, `withdraw`,
//! `release`.

use super::{find_event, send, send_and_report, ConnectArgs, SignerArgs};
use crate::{
	amounts::format_lin,
	keys,
	records::{self, Record},
	Chain, ClientError, Result,
};
use frame_support::{traits::Get, BoundedVec};
use lineage_primitives::{
	batch_digest, contribution_commitment, ContentHash, ContributionId, CurationPolicy, DatasetId,
	DatasetStatus,
};
use lineage_rpc_api::DatasetsApiClient;
use lineage_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use sp_core::{sr25519, Pair};
use std::{io::Write, path::PathBuf};

type DatasetsCall = pallet_datasets::Call<Runtime>;

fn bounded<S: Get<u32>>(what: &str, text: &str) -> Result<BoundedVec<u8, S>> {
	BoundedVec::try_from(text.as_bytes().to_vec()).map_err(|_| {
		ClientError::new(format!("the {what} is longer than the chain allows ({} bytes)", S::get()))
	})
}

/// The ids of the contributions a transaction submitted, in order.
fn submitted(events: &[RuntimeEvent]) -> Vec<ContributionId> {
	events
		.iter()
		.filter_map(|e| match e {
			RuntimeEvent::Datasets(pallet_datasets::Event::ContributionSubmitted {
				contribution_id,
				..
			}) => Some(*contribution_id),
			_ => None,
		})
		.collect()
}

/// A fresh secret salt for a commitment (from the operating system's randomness).
fn fresh_salt() -> [u8; 32] {
	sr25519::Pair::generate().1
}

#[derive(Debug, clap::Subcommand)]
pub enum DatasetCmd {
	/// Create a dataset you own (holds the dataset deposit).
	Create {
		#[arg(long)]
		name: String,
		#[arg(long, default_value = "")]
		description: String,
		/// An SPDX identifier or a URL.
		#[arg(long, default_value = "")]
		license: String,
		/// Contributions wait for the owner's or a curator's review.
		#[arg(long)]
		curated: bool,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Show a dataset: owner, policy, counts, curators, Merkle root and snapshots.
	Show {
		dataset_id: DatasetId,
		#[command(flatten)]
		connect: ConnectArgs,
	},
	/// List every dataset.
	List {
		#[command(flatten)]
		connect: ConnectArgs,
	},
	/// Appoint (add) or remove a curator of your dataset.
	Curator {
		#[arg(value_parser = ["add", "remove"])]
		action: String,
		dataset_id: DatasetId,
		/// The curator: an SS58 address (or a dev key such as //Bob).
		account: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Freeze your dataset (no new contributions or models) or reactivate it.
	Status {
		dataset_id: DatasetId,
		#[arg(value_parser = ["active", "frozen"])]
		status: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Take a snapshot of a dataset (pays the snapshot fee unless nothing changed since the last).
	Snapshot {
		dataset_id: DatasetId,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
}

impl DatasetCmd {
	pub async fn run(&self) -> Result<()> {
		match self {
			Self::Create { name, description, license, curated, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let policy = if *curated { CurationPolicy::Curated } else { CurationPolicy::Open };
				let call = DatasetsCall::create_dataset {
					name: bounded("name", name)?,
					description: bounded("description", description)?,
					license: bounded("license", license)?,
					policy,
				};
				let report = send(&chain, signer, call.into(), connect.json).await?;
				let id = find_event(&report, "DatasetCreated", |e| match e {
					RuntimeEvent::Datasets(pallet_datasets::Event::DatasetCreated {
						dataset_id,
						..
					}) => Some(*dataset_id),
					_ => None,
				})?;
				if connect.json {
					println!(
						"{}",
						serde_json::json!({ "datasetId": id, "block": report.block_number })
					);
				} else {
					println!("dataset {id} created");
				}
			},
			Self::Show { dataset_id, connect } => {
				let chain = Chain::connect(&connect.url).await?;
				let dataset =
					chain.rpc.dataset(*dataset_id, None).await?.ok_or_else(|| {
						ClientError::new(format!("there is no dataset {dataset_id}"))
					})?;
				let mut snapshots = Vec::new();
				for index in 0..dataset.snapshot_count {
					if let Some(s) = chain.rpc.snapshot(*dataset_id, index, None).await? {
						snapshots.push(s);
					}
				}
				if connect.json {
					let mut json = serde_json::to_value(&dataset)?;
					json["snapshots"] = serde_json::to_value(&snapshots)?;
					println!("{json}");
				} else {
					println!("dataset {}: {}", dataset.id, dataset.name);
					println!("  owner:        {}", dataset.owner);
					println!("  policy:       {} ({})", dataset.policy, dataset.status);
					println!("  license:      {}", dataset.license);
					println!("  description:  {}", dataset.description);
					println!(
						"  accepted:     {} contributions, {} units",
						dataset.accepted_count, dataset.accepted_units
					);
					println!("  pending:      {}", dataset.pending_count);
					println!("  curators:     {}", dataset.curators.join(", "));
					println!(
						"  merkle root:  {:?} ({} leaves)",
						dataset.merkle_root, dataset.leaf_count
					);
					for s in &snapshots {
						println!(
							"  snapshot {}:   {} leaves, root {:?}, block #{}",
							s.index, s.leaf_count, s.root, s.taken_at
						);
					}
				}
			},
			Self::List { connect } => {
				let chain = Chain::connect(&connect.url).await?;
				let count = chain.rpc.dataset_count(None).await?;
				let mut all = Vec::new();
				for id in 0..count {
					if let Some(d) = chain.rpc.dataset(id, None).await? {
						all.push(d);
					}
				}
				if connect.json {
					println!("{}", serde_json::to_string(&all)?);
				} else {
					for d in all {
						println!(
							"{:>4}  {:<24} {:<8} {:>6} accepted, {:>4} pending, {} snapshots, owner {}",
							d.id,
							d.name,
							d.policy,
							d.accepted_count,
							d.pending_count,
							d.snapshot_count,
							d.owner
						);
					}
				}
			},
			Self::Curator { action, dataset_id, account, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let who = keys::parse_account(account)?;
				let call = if action == "add" {
					DatasetsCall::add_curator { dataset_id: *dataset_id, who }
				} else {
					DatasetsCall::remove_curator { dataset_id: *dataset_id, who }
				};
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
			Self::Status { dataset_id, status, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let status =
					if status == "frozen" { DatasetStatus::Frozen } else { DatasetStatus::Active };
				let call = DatasetsCall::set_dataset_status { dataset_id: *dataset_id, status };
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
			Self::Snapshot { dataset_id, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let call = DatasetsCall::snapshot_dataset { dataset_id: *dataset_id };
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
		}
		Ok(())
	}
}

/// Contribute files (one contribution each: the sha2-256 of the file, `--units` units, default
/// 1), or the records of a JSONL file (`--records`: one contribution per non-empty line, the
/// sha2-256 of the line's bytes, one unit each, in `contribute_batch` chunks).
///
/// Ownership is taken by commit-reveal, in two rounds of transactions: first a salted
/// commitment for each file (or chunk), all submitted at once; once they are in a block, the
/// reveals, all at once. Content already on chain is reported and skipped (one query per 1000
/// records); a file the chain refuses is reported and the others still go.
#[derive(Debug, clap::Args)]
pub struct ContributeCmd {
	#[arg(long)]
	pub dataset: DatasetId,
	/// Files to contribute, one contribution each.
	#[arg(required_unless_present = "records", conflicts_with = "records")]
	pub files: Vec<PathBuf>,
	/// A JSONL file: each non-empty line is one record.
	#[arg(long, value_name = "FILE.jsonl")]
	pub records: Option<PathBuf>,
	/// Units each file claims (each unit holds the per-unit deposit; default 1).
	#[arg(long, default_value_t = 1)]
	pub units: u64,
	/// Free-form metadata for each file's contribution (a media type, a URL, a note).
	#[arg(long, default_value = "")]
	pub metadata: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// One reveal to send: what it covers and its call.
struct Reveal {
	labels: Vec<String>,
	call: RuntimeCall,
	commit: RuntimeCall,
}

impl ContributeCmd {
	pub async fn run(&self) -> Result<()> {
		let pair = self.signer.pair()?;
		let json = self.connect.json;
		let mut notes = Vec::new();
		let items = match &self.records {
			Some(path) => records::from_jsonl(path, |note| notes.push(note))?,
			None => records::from_files(&self.files)?,
		};
		let chain = Chain::connect(&self.connect.url).await?;
		let (fresh, skipped) = self.skip_owned(&chain, items).await?;
		let reveals = self.reveals(&pair, &fresh)?;
		if !json {
			for note in &notes {
				println!("skipped {note}");
			}
			for (record, owner) in &skipped {
				println!(
					"skipped {}: content {:?} is already owned by {} (contribution {})",
					record.label, record.hash, owner.owner, owner.contribution_id
				);
			}
		}

		// Round 1: every commitment at once.
		let wait = self.signer.wait();
		let commits = chain
			.submit_all(&pair, reveals.iter().map(|r| r.commit.clone()).collect(), wait)
			.await?;
		let mut refused = Vec::new();
		let mut committed = Vec::new();
		for (reveal, outcome) in reveals.into_iter().zip(commits) {
			match outcome.and_then(|r| r.ensure_success().map(|_| ())) {
				Ok(()) => committed.push(reveal),
				Err(e) => refused.push((reveal.labels.join(", "), e)),
			}
		}
		let total: usize = committed.iter().map(|r| r.labels.len()).sum();
		if !json && total > 0 {
			progress("committed", total, total);
		}
		// Round 2: every reveal at once (they land in the blocks after their commitments').
		let outcomes = chain
			.submit_all(&pair, committed.iter().map(|r| r.call.clone()).collect(), wait)
			.await?;
		let mut ids = Vec::new();
		let mut done = 0;
		for (reveal, outcome) in committed.iter().zip(outcomes) {
			match outcome.and_then(|r| r.ensure_success().cloned()) {
				Ok(report) => {
					let new = submitted(&report.events);
					if !json && self.records.is_none() {
						for (label, id) in reveal.labels.iter().zip(&new) {
							println!(
								"{label} -> contribution {id} (block #{})",
								report.block_number
							);
						}
					}
					ids.extend(new);
					done += reveal.labels.len();
					if !json && self.records.is_some() {
						progress("revealed", done, total);
					}
				},
				Err(e) => refused.push((reveal.labels.join(", "), e)),
			}
		}
		if !json && self.records.is_some() && total > 0 {
			eprintln!();
		}
		self.summarise(&ids, &skipped, &refused);
		if refused.is_empty() {
			Ok(())
		} else {
			Err(ClientError::new(format!("{} of the contributions were refused", refused.len())))
		}
	}

	/// The records nobody owns yet, and those somebody does (one query per 1000 records).
	async fn skip_owned(
		&self,
		chain: &Chain,
		items: Vec<Record>,
	) -> Result<(Vec<Record>, Vec<(Record, lineage_rpc_api::ContentOwner)>)> {
		let mut fresh = Vec::new();
		let mut skipped = Vec::new();
		for chunk in items.chunks(1000) {
			let owners =
				chain.rpc.content_owners(chunk.iter().map(|r| r.hash).collect(), None).await?;
			for (record, owner) in chunk.iter().zip(owners) {
				match owner {
					Some(owner) => skipped.push((record.clone(), owner)),
					None => fresh.push(record.clone()),
				}
			}
		}
		Ok((fresh, skipped))
	}

	/// The commitments and reveals: one per file, or one per `MaxBatch` records.
	fn reveals(&self, pair: &sr25519::Pair, fresh: &[Record]) -> Result<Vec<Reveal>> {
		let who = keys::account_of(pair);
		let commit = |digest: &ContentHash, salt: &[u8; 32]| -> RuntimeCall {
			DatasetsCall::commit { commitment: contribution_commitment(digest, &who, salt) }.into()
		};
		if self.records.is_none() {
			return fresh
				.iter()
				.map(|record| {
					let salt = fresh_salt();
					Ok(Reveal {
						labels: vec![record.label.clone()],
						commit: commit(&record.hash, &salt),
						call: DatasetsCall::contribute {
							dataset_id: self.dataset,
							content_hash: record.hash,
							units: self.units,
							metadata: bounded("metadata", &self.metadata)?,
							salt,
						}
						.into(),
					})
				})
				.collect();
		}
		let chunk: u32 = <Runtime as pallet_datasets::Config>::MaxBatch::get();
		fresh
			.chunks((chunk as usize).max(1))
			.map(|part| {
				let salt = fresh_salt();
				let hashes: Vec<_> = part.iter().map(|r| r.hash).collect();
				let items =
					BoundedVec::try_from(part.iter().map(|r| (r.hash, 1u64)).collect::<Vec<_>>())
						.map_err(|_| ClientError::new("a chunk is larger than MaxBatch"))?;
				Ok(Reveal {
					labels: part.iter().map(|r| r.label.clone()).collect(),
					commit: commit(&batch_digest(&hashes), &salt),
					call: DatasetsCall::contribute_batch { dataset_id: self.dataset, items, salt }
						.into(),
				})
			})
			.collect()
	}

	fn summarise(
		&self,
		ids: &[ContributionId],
		skipped: &[(Record, lineage_rpc_api::ContentOwner)],
		refused: &[(String, ClientError)],
	) {
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"contributions": ids,
					"skipped": skipped.iter().map(|(r, o)| serde_json::json!({
						"item": r.label,
						"contentHash": r.hash,
						"owner": o.owner,
						"contributionId": o.contribution_id,
					})).collect::<Vec<_>>(),
					"refused": refused.iter().map(|(label, e)| serde_json::json!({
						"item": label,
						"error": e.0,
					})).collect::<Vec<_>>(),
				})
			);
			return;
		}
		for (label, error) in refused {
			println!("{label} refused: {error}");
		}
		let range = match (ids.first(), ids.last()) {
			(Some(first), Some(last)) if ids.len() > 1 => format!(" (ids {first}..={last})"),
			(Some(first), _) => format!(" (id {first})"),
			_ => String::new(),
		};
		println!(
			"summary: {} contributed{range}, {} skipped as already owned, {} refused",
			ids.len(),
			skipped.len(),
			refused.len()
		);
	}
}

/// A one-line progress bar on stderr.
fn progress(stage: &str, done: usize, total: usize) {
	let width = 30;
	let filled = (done * width).checked_div(total).unwrap_or(width);
	eprint!(
		"\r{stage:>9} [{}{}] {done}/{total} records",
		"#".repeat(filled),
		" ".repeat(width - filled)
	);
	if stage == "committed" {
		eprintln!();
	}
	let _ = std::io::stderr().flush();
}

/// Accept (with the units it counts with) or reject a pending contribution (its dataset's owner
/// or a curator).
#[derive(Debug, clap::Args)]
pub struct ReviewCmd {
	pub contribution_id: ContributionId,
	#[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
	pub accept: bool,
	/// The units it counts with (at most those declared; default: all of them).
	#[arg(long, requires = "accept")]
	pub units: Option<u64>,
	/// Reject: part of the contributor's deposit is slashed to the treasury.
	#[arg(long)]
	pub reject: bool,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl ReviewCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let decision = if self.accept {
			let units = match self.units {
				Some(units) => units,
				None => {
					chain
						.rpc
						.contribution(self.contribution_id, None)
						.await?
						.ok_or_else(|| {
							ClientError::new(format!(
								"there is no contribution {}",
								self.contribution_id
							))
						})?
						.units
				},
			};
			pallet_datasets::ReviewDecision::Accept { units }
		} else {
			pallet_datasets::ReviewDecision::Reject
		};
		let call =
			DatasetsCall::review_contribution { contribution_id: self.contribution_id, decision };
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

/// Withdraw one of your contributions: a pending one pays the reject slash and frees its hash; an
/// accepted one stops earning at once and its deposit unbonds (`lineage release` after).
#[derive(Debug, clap::Args)]
pub struct WithdrawCmd {
	pub contribution_id: ContributionId,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl WithdrawCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = DatasetsCall::withdraw_contribution { contribution_id: self.contribution_id };
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

/// Return the deposit of a withdrawn contribution once its unbonding period is over (anyone may;
/// the node also does it by itself when blocks have room).
#[derive(Debug, clap::Args)]
pub struct ReleaseCmd {
	pub contribution_id: ContributionId,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl ReleaseCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = DatasetsCall::release_deposit { contribution_id: self.contribution_id };
		let report = send(&chain, &self.signer, call.into(), self.connect.json).await?;
		let amount = find_event(&report, "DepositReleased", |e| match e {
			RuntimeEvent::Datasets(pallet_datasets::Event::DepositReleased { amount, .. }) => {
				Some(*amount)
			},
			_ => None,
		})?;
		if self.connect.json {
			println!("{}", serde_json::json!({ "released": amount.to_string() }));
		} else {
			println!("released {}", format_lin(amount));
		}
		Ok(())
	}
}
