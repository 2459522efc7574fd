//! `model register|show|list|fee|operators|status|publish`, and `bond` (operator bonds).

use super::{find_event, send, send_and_report, ConnectArgs, SignerArgs};
use crate::{
	amounts::{format_lin, hash_or_digest, parse_amount, parse_percent, plancks},
	keys, Chain, ClientError, Result,
};
use frame_support::BoundedVec;
use lineage_primitives::{DatasetId, ModelId, ModelStatus, RevenueSplit, SnapshotIndex};
use lineage_rpc_api::{Model, ModelsApiClient};
use lineage_runtime::{Runtime, RuntimeEvent};
use std::path::PathBuf;

type ModelsCall = pallet_models::Call<Runtime>;

/// The version hash: `--version` (0x-hash or text) or the sha2-256 of `--version-file`.
fn version_hash(version: &Option<String>, file: &Option<PathBuf>) -> Result<sp_core::H256> {
	match (version, file) {
		(Some(v), _) => Ok(hash_or_digest(v)),
		(None, Some(path)) => Ok(lineage_primitives::merkle::sha256(
			&std::fs::read(path)
				.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))?,
		)),
		(None, None) => Err(ClientError::new("give --version or --version-file")),
	}
}

#[derive(Debug, clap::Subcommand)]
pub enum ModelCmd {
	/// Register a model you own (holds the model deposit). Its datasets and split are fixed;
	/// its first version names, for each dataset, the snapshot it was trained on.
	Register {
		#[arg(long)]
		name: String,
		/// The version: 0x and 64 hex digits, or any text (its sha2-256 is used).
		#[arg(long, conflicts_with = "version_file", required_unless_present = "version_file")]
		version: Option<String>,
		/// A file whose sha2-256 is the version hash (the weights, or a release manifest).
		#[arg(long, value_name = "FILE")]
		version_file: Option<PathBuf>,
		/// A training dataset, its weight in percent, and optionally the snapshot the model was
		/// trained on (default: a new one of its current data), e.g. `--dataset 0:60@2
		/// --dataset 1:40` (the weights must sum to 100, none may be 0).
		#[arg(long = "dataset", value_name = "ID:PERCENT[@SNAPSHOT]", required = true)]
		datasets: Vec<String>,
		/// The fee per inference: `0.5LIN`, or plancks.
		#[arg(long)]
		fee: String,
		/// Percent of each fee to contributors/owner/operator/protocol, e.g. `70/15/5/10`.
		#[arg(long, value_name = "C/O/X/P")]
		split: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Show a model: owner, terms, fee (and any announced increase), versions and operators.
	Show {
		model_id: ModelId,
		#[command(flatten)]
		connect: ConnectArgs,
	},
	/// List every model.
	List {
		#[command(flatten)]
		connect: ConnectArgs,
	},
	/// Change the fee of your model: a decrease at once, an increase after the announcement delay.
	Fee {
		model_id: ModelId,
		fee: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Set the accounts (besides you) that may record your model's inferences.
	Operators {
		model_id: ModelId,
		/// SS58 addresses (or dev keys such as //Bob); none to clear the list.
		accounts: Vec<String>,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Publish a new version of your model: inferences are charged against it from now on, and
	/// pay the contributions inside the snapshots it names.
	Publish {
		model_id: ModelId,
		#[arg(long, conflicts_with = "version_file", required_unless_present = "version_file")]
		version: Option<String>,
		#[arg(long, value_name = "FILE")]
		version_file: Option<PathBuf>,
		/// The snapshot of each dataset, in the order of the model's datasets (`new` for one of
		/// its current data); default: new snapshots of all.
		#[arg(long = "snapshot", value_name = "INDEX|new")]
		snapshots: Vec<String>,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Pause, reactivate or retire (final; the deposit comes back) your model.
	Status {
		model_id: ModelId,
		#[arg(value_parser = ["active", "paused", "retired"])]
		status: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
}

fn parse_split(text: &str) -> Result<RevenueSplit> {
	let parts: Vec<_> = text.split('/').collect();
	let [c, o, x, p] = parts.as_slice() else {
		return Err(ClientError::new(format!(
			"'{text}' is not a split: write contributors/owner/operator/protocol percents, e.g. \
			 70/15/5/10"
		)));
	};
	Ok(RevenueSplit {
		contributors: parse_percent(c)?,
		owner: parse_percent(o)?,
		operator: parse_percent(x)?,
		protocol: parse_percent(p)?,
	})
}

fn parse_dataset(text: &str) -> Result<pallet_models::DatasetChoice> {
	let (id, rest) = text.split_once(':').ok_or_else(|| {
		ClientError::new(format!("'{text}' is not ID:PERCENT[@SNAPSHOT] (e.g. 0:60 or 0:60@2)"))
	})?;
	let (percent, snapshot) = match rest.split_once('@') {
		Some((percent, snapshot)) => (percent, Some(parse_snapshot(snapshot)?)),
		None => (rest, None),
	};
	let dataset_id: DatasetId =
		id.trim().parse().map_err(|_| ClientError::new(format!("'{id}' is not a dataset id")))?;
	Ok(pallet_models::DatasetChoice { dataset_id, weight: parse_percent(percent)?, snapshot })
}

fn parse_snapshot(text: &str) -> Result<SnapshotIndex> {
	text.trim().parse().map_err(|_| ClientError::new(format!("'{text}' is not a snapshot index")))
}

fn print_model(m: &Model) {
	println!("model {}: {}", m.id, m.name);
	println!("  owner:     {}", m.owner);
	println!("  status:    {}", m.status);
	println!("  fee:       {} per inference", format_lin(plancks(&m.fee_per_inference)));
	if let Some(p) = &m.pending_fee {
		println!("             {} from block #{}", format_lin(plancks(&p.fee)), p.effective_at);
	}
	let percent = |parts: u32| f64::from(parts) / 10_000_000.0;
	println!(
		"  split:     contributors {}%, owner {}%, operator {}%, protocol {}%",
		percent(m.split.contributors),
		percent(m.split.owner),
		percent(m.split.operator),
		percent(m.split.protocol)
	);
	for d in &m.datasets {
		println!("  dataset:   {} ({}%)", d.dataset_id, percent(d.weight));
	}
	for v in &m.versions {
		let snapshots: Vec<_> = v
			.snapshots
			.iter()
			.map(|s| {
				format!(
					"dataset {} snapshot {} ({} leaves)",
					s.dataset_id, s.snapshot, s.leaf_count
				)
			})
			.collect();
		let current = if v.number == m.current_version.number { " (current)" } else { "" };
		println!(
			"  version {}{current}: {:?}, block #{}, {}",
			v.number,
			v.version_hash,
			v.published_at,
			snapshots.join("; ")
		);
	}
	println!("  operators: {}", m.operators.join(", "));
}

impl ModelCmd {
	pub async fn run(&self) -> Result<()> {
		match self {
			Self::Register {
				name,
				version,
				version_file,
				datasets,
				fee,
				split,
				connect,
				signer,
			} => {
				let datasets: Vec<_> =
					datasets.iter().map(|d| parse_dataset(d)).collect::<Result<_>>()?;
				let call = ModelsCall::register_model {
					name: BoundedVec::try_from(name.as_bytes().to_vec())
						.map_err(|_| ClientError::new("the model name is too long"))?,
					version_hash: version_hash(version, version_file)?,
					datasets: BoundedVec::try_from(datasets)
						.map_err(|_| ClientError::new("too many datasets for one model"))?,
					fee_per_inference: parse_amount(fee)?,
					split: parse_split(split)?,
				};
				let chain = Chain::connect(&connect.url).await?;
				let report = send(&chain, signer, call.into(), connect.json).await?;
				let id = find_event(&report, "ModelRegistered", |e| match e {
					RuntimeEvent::Models(pallet_models::Event::ModelRegistered {
						model_id,
						..
					}) => Some(*model_id),
					_ => None,
				})?;
				if connect.json {
					println!(
						"{}",
						serde_json::json!({ "modelId": id, "block": report.block_number })
					);
				} else {
					println!("model {id} registered");
				}
			},
			Self::Show { model_id, connect } => {
				let chain = Chain::connect(&connect.url).await?;
				let model = chain
					.rpc
					.model(*model_id, None)
					.await?
					.ok_or_else(|| ClientError::new(format!("there is no model {model_id}")))?;
				if connect.json {
					println!("{}", serde_json::to_string(&model)?);
				} else {
					print_model(&model);
				}
			},
			Self::List { connect } => {
				let chain = Chain::connect(&connect.url).await?;
				let mut models = Vec::new();
				let mut start = Some(0);
				while let Some(from) = start {
					let page = chain.rpc.model_ids(Some(from), Some(1000), None).await?;
					for id in page.models {
						if let Some(m) = chain.rpc.model(id, None).await? {
							models.push(m);
						}
					}
					start = page.next;
				}
				if connect.json {
					println!("{}", serde_json::to_string(&models)?);
				} else {
					for m in models {
						println!(
							"{:>4}  {:<24} {:<8} v{} fee {}, owner {}",
							m.id,
							m.name,
							m.status,
							m.current_version.number,
							format_lin(plancks(&m.fee_per_inference)),
							m.owner
						);
					}
				}
			},
			Self::Fee { model_id, fee, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let call = ModelsCall::set_fee {
					model_id: *model_id,
					fee_per_inference: parse_amount(fee)?,
				};
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
			Self::Operators { model_id, accounts, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let accounts: Vec<_> =
					accounts.iter().map(|a| keys::parse_account(a)).collect::<Result<_>>()?;
				let call = ModelsCall::set_operators {
					model_id: *model_id,
					operators: BoundedVec::try_from(accounts)
						.map_err(|_| ClientError::new("too many operators"))?,
				};
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
			Self::Publish { model_id, version, version_file, snapshots, connect, signer } => {
				let choices: Vec<Option<SnapshotIndex>> = snapshots
					.iter()
					.map(|s| if s == "new" { Ok(None) } else { parse_snapshot(s).map(Some) })
					.collect::<Result<_>>()?;
				let call = ModelsCall::publish_version {
					model_id: *model_id,
					version_hash: version_hash(version, version_file)?,
					snapshots: BoundedVec::try_from(choices).map_err(|_| {
						ClientError::new("more snapshots than a model has datasets")
					})?,
				};
				let chain = Chain::connect(&connect.url).await?;
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
			Self::Status { model_id, status, connect, signer } => {
				let chain = Chain::connect(&connect.url).await?;
				let status = match status.as_str() {
					"paused" => ModelStatus::Paused,
					"retired" => ModelStatus::Retired,
					_ => ModelStatus::Active,
				};
				let call = ModelsCall::set_model_status { model_id: *model_id, status };
				send_and_report(&chain, signer, call.into(), connect.json).await?;
			},
		}
		Ok(())
	}
}

/// Hold the operator bond that recording explicit attribution for a model needs (`--unbond`:
/// return it, once nothing you recorded can still be challenged).
#[derive(Debug, clap::Args)]
pub struct BondCmd {
	#[arg(long)]
	pub model: ModelId,
	#[arg(long)]
	pub unbond: bool,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl BondCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = if self.unbond {
			pallet_inference::Call::<Runtime>::unbond_operator { model_id: self.model }
		} else {
			pallet_inference::Call::<Runtime>::bond_operator { model_id: self.model }
		};
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn splits_and_datasets_parse() {
		let s = parse_split("70/15/5/10").unwrap();
		assert_eq!(s.operator, sp_runtime::Perbill::from_percent(5));
		assert!(parse_split("70/20/10").is_err());
		let d = parse_dataset("3:60@2").unwrap();
		assert_eq!((d.dataset_id, d.snapshot), (3, Some(2)));
		assert_eq!(parse_dataset("1:40").unwrap().snapshot, None);
		assert!(parse_dataset("x:40").is_err());
		assert!(parse_dataset("1:40@y").is_err());
		assert!(parse_dataset("1").is_err());
	}
}
