//! `dataset create|show|curator|status`, `contribute`, `review`, `withdraw`.

use super::{send, send_and_report, ConnectArgs, SignerArgs};
use crate::{
	client::{keys, Chain, ClientError, Result},
	rpc::datasets::{ContentOwner, Dataset},
};
use frame_support::traits::Get;
use jsonrpsee::rpc_params;
use lineage_primitives::{merkle::sha256, ContentHash, CurationPolicy, DatasetId, DatasetStatus};
use lineage_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use std::{collections::HashSet, io::Write, path::PathBuf};

type DatasetsCall = pallet_datasets::Call<Runtime>;

fn bounded<S: Get<u32>>(what: &str, text: &str) -> Result<frame_support::BoundedVec<u8, S>> {
	frame_support::BoundedVec::try_from(text.as_bytes().to_vec()).map_err(|_| {
		ClientError::new(format!("the {what} is longer than the chain allows ({} bytes)", S::get()))
	})
}

/// The ids of the contributions a transaction submitted, in order.
fn submitted(events: &[RuntimeEvent]) -> Vec<u64> {
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
	/// Show a dataset: owner, policy, counts, curators and Merkle root.
	Show {
		dataset_id: DatasetId,
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
				let id = report
					.events
					.iter()
					.find_map(|e| match e {
						RuntimeEvent::Datasets(pallet_datasets::Event::DatasetCreated {
							dataset_id,
							..
						}) => Some(*dataset_id),
						_ => None,
					})
					.ok_or_else(|| ClientError::new("no DatasetCreated event"))?;
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
				let dataset: Option<Dataset> =
					chain.call("datasets_dataset", rpc_params![dataset_id]).await?;
				let dataset = dataset
					.ok_or_else(|| ClientError::new(format!("there is no dataset {dataset_id}")))?;
				if connect.json {
					println!("{}", serde_json::to_string(&dataset)?);
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
		}
		Ok(())
	}
}

/// Contribute files (one contribution each: the sha2-256 of the file, `--units` or its size in
/// bytes), or the records of a JSONL file (`--records`: one contribution per non-empty line, the
/// sha2-256 of the line's bytes, one unit each, sent in `contribute_batch` chunks). Content that
/// is already on chain is reported and skipped.
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
	/// Units each file claims (default: its size in bytes).
	#[arg(long)]
	pub units: Option<u64>,
	/// Free-form metadata for each file's contribution (a media type, a URL, a note).
	#[arg(long, default_value = "")]
	pub metadata: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

/// One record to contribute.
struct Item {
	label: String,
	hash: ContentHash,
	units: u64,
}

impl ContributeCmd {
	pub async fn run(&self) -> Result<()> {
		// A missing or bad key is one error, not one refusal per file.
		self.signer.pair()?;
		let items = self.items()?;
		let chain = Chain::connect(&self.connect.url).await?;
		if self.records.is_some() {
			self.contribute_records(&chain, items).await
		} else {
			self.contribute_files(&chain, items).await
		}
	}

	/// One transaction per file; a file the chain refuses (for example a duplicate) is reported
	/// and the others still go; the command fails at the end if any was refused.
	async fn contribute_files(&self, chain: &Chain, items: Vec<Item>) -> Result<()> {
		let mut ids = Vec::new();
		let mut refused = Vec::new();
		for item in &items {
			let call = DatasetsCall::contribute {
				dataset_id: self.dataset,
				content_hash: item.hash,
				units: item.units,
				metadata: bounded("metadata", &self.metadata)?,
			};
			match send(chain, &self.signer, call.into(), self.connect.json).await {
				Ok(report) => {
					let new = submitted(&report.events);
					if !self.connect.json {
						for id in &new {
							println!("{} -> contribution {id}", item.label);
						}
					}
					ids.extend(new);
				},
				Err(e) => {
					if !self.connect.json {
						println!("{} refused: {e}", item.label);
					}
					refused.push(
						serde_json::json!({ "item": item.label, "contentHash": item.hash, "error": e.0 }),
					);
				},
			}
		}
		if self.connect.json {
			println!("{}", serde_json::json!({ "contributions": ids, "refused": refused }));
		} else {
			println!("summary: {} contributed {:?}, {} refused", ids.len(), ids, refused.len());
		}
		if refused.is_empty() {
			Ok(())
		} else {
			Err(ClientError::new(format!(
				"{} of {} files were refused",
				refused.len(),
				items.len()
			)))
		}
	}

	/// `contribute_batch` chunks of at most `MaxBatch` records, with a progress bar; records
	/// whose content is already on chain are reported and skipped, not sent.
	async fn contribute_records(&self, chain: &Chain, items: Vec<Item>) -> Result<()> {
		let mut fresh = Vec::new();
		let mut skipped = Vec::new();
		for item in items {
			let owner: Option<ContentOwner> =
				chain.call("datasets_contentOwner", rpc_params![item.hash]).await?;
			match owner {
				Some(owner) => {
					if !self.connect.json {
						println!(
							"skipped {}: content {:?} is already owned by {} (contribution {})",
							item.label, item.hash, owner.owner, owner.contribution_id
						);
					}
					skipped.push(serde_json::json!({
						"item": item.label,
						"contentHash": item.hash,
						"owner": owner.owner,
						"contributionId": owner.contribution_id,
					}));
				},
				None => fresh.push(item),
			}
		}

		let chunk: u32 = <Runtime as pallet_datasets::Config>::MaxBatch::get();
		let total = fresh.len();
		let (mut done, mut ids) = (0, Vec::new());
		for part in fresh.chunks((chunk as usize).max(1)) {
			let batch: Vec<_> = part.iter().map(|i| (i.hash, i.units)).collect();
			let items = frame_support::BoundedVec::try_from(batch)
				.map_err(|_| ClientError::new("a chunk is larger than MaxBatch"))?;
			let call = DatasetsCall::contribute_batch { dataset_id: self.dataset, items };
			let report = send(chain, &self.signer, call.into(), true).await?;
			ids.extend(submitted(&report.events));
			done += part.len();
			if !self.connect.json {
				progress(done, total, report.block_number);
			}
		}
		if self.connect.json {
			println!("{}", serde_json::json!({ "contributions": ids, "skipped": skipped }));
		} else {
			if total > 0 {
				eprintln!();
			}
			let range = match (ids.first(), ids.last()) {
				(Some(first), Some(last)) => format!(" (ids {first}..={last})"),
				_ => String::new(),
			};
			println!(
				"summary: {} records contributed{range}, {} skipped as already owned",
				ids.len(),
				skipped.len()
			);
		}
		Ok(())
	}

	fn items(&self) -> Result<Vec<Item>> {
		let mut items = Vec::new();
		if let Some(path) = &self.records {
			let text = std::fs::read_to_string(path)
				.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))?;
			let mut seen = HashSet::new();
			for (number, line) in text.lines().enumerate() {
				let line = line.trim_end_matches('\r');
				if line.trim().is_empty() {
					continue;
				}
				let hash = sha256(line.as_bytes());
				if !seen.insert(hash) {
					if !self.connect.json {
						println!(
							"skipped {}:{}: the same record appears earlier",
							path.display(),
							number + 1
						);
					}
					continue;
				}
				items.push(Item {
					label: format!("{}:{}", path.display(), number + 1),
					hash,
					units: 1,
				});
			}
			if items.is_empty() {
				return Err(ClientError::new(format!("{} has no records", path.display())));
			}
		} else {
			for path in &self.files {
				let bytes = std::fs::read(path).map_err(|e| {
					ClientError::new(format!("cannot read {}: {e}", path.display()))
				})?;
				let units = self.units.unwrap_or(bytes.len() as u64).max(1);
				items.push(Item { label: path.display().to_string(), hash: sha256(&bytes), units });
			}
		}
		Ok(items)
	}
}

/// A one-line progress bar on stderr.
fn progress(done: usize, total: usize, block: u32) {
	let width = 30;
	let filled = (done * width).checked_div(total).unwrap_or(width);
	eprint!(
		"\r[{}{}] {done}/{total} records (block #{block})",
		"#".repeat(filled),
		" ".repeat(width - filled)
	);
	let _ = std::io::stderr().flush();
}

/// Accept or reject a pending contribution (its dataset's owner or a curator).
#[derive(Debug, clap::Args)]
pub struct ReviewCmd {
	pub contribution_id: u64,
	#[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
	pub accept: bool,
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
		let call = DatasetsCall::review_contribution {
			contribution_id: self.contribution_id,
			accept: self.accept,
		};
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

/// Withdraw one of your contributions (it stops earning; its deposit comes back).
#[derive(Debug, clap::Args)]
pub struct WithdrawCmd {
	pub contribution_id: u64,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl WithdrawCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = DatasetsCall::withdraw_contribution { contribution_id: self.contribution_id };
		send_and_report(&chain, &self.signer, RuntimeCall::from(call), self.connect.json).await?;
		Ok(())
	}
}
