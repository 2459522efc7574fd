//! `model register|show|fee|operators|status`.

use super::{
	hash_or_digest, parse_amount, parse_percent, send, send_and_report, ConnectArgs, SignerArgs,
};
use crate::client::{format_lin, keys, Chain, ClientError, Result};
use frame_support::BoundedVec;
use lineage_primitives::{DatasetId, ModelDetails, ModelId, ModelStatus, RevenueSplit};
use lineage_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeEvent};
use std::path::PathBuf;

type ModelsCall = pallet_models::Call<Runtime>;

#[derive(Debug, clap::Subcommand)]
pub enum ModelCmd {
	/// Register a model you own (holds the model deposit). Its datasets and split are fixed.
	Register {
		#[arg(long)]
		name: String,
		/// The version: 0x and 64 hex digits, or any text (its sha2-256 is used).
		#[arg(long, conflicts_with = "version_file", required_unless_present = "version_file")]
		version: Option<String>,
		/// A file whose sha2-256 is the version hash (the weights, or a release manifest).
		#[arg(long, value_name = "FILE")]
		version_file: Option<PathBuf>,
		/// A training dataset and its weight in percent, e.g. `--dataset 0:60 --dataset 1:40`
		/// (the weights must sum to 100).
		#[arg(long = "dataset", value_name = "ID:PERCENT", required = true)]
		datasets: Vec<String>,
		/// The fee per inference: `0.5LIN`, or plancks.
		#[arg(long)]
		fee: String,
		/// Percent of each fee to contributors/owner/protocol, e.g. `70/20/10`.
		#[arg(long, value_name = "C/O/P")]
		split: String,
		#[command(flatten)]
		connect: ConnectArgs,
		#[command(flatten)]
		signer: SignerArgs,
	},
	/// Show a model: owner, terms, fee, status, operators and versions.
	Show {
		model_id: ModelId,
		#[command(flatten)]
		connect: ConnectArgs,
	},
	/// Change the fee of your model's future inferences.
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
	let [c, o, p] = parts.as_slice() else {
		return Err(ClientError::new(format!(
			"'{text}' is not a split: write contributors/owner/protocol percents, e.g. 70/20/10"
		)));
	};
	Ok(RevenueSplit {
		contributors: parse_percent(c)?,
		owner: parse_percent(o)?,
		protocol: parse_percent(p)?,
	})
}

fn parse_dataset(text: &str) -> Result<(DatasetId, sp_runtime::Perbill)> {
	let (id, percent) = text
		.split_once(':')
		.ok_or_else(|| ClientError::new(format!("'{text}' is not ID:PERCENT (e.g. 0:60)")))?;
	let id =
		id.trim().parse().map_err(|_| ClientError::new(format!("'{id}' is not a dataset id")))?;
	Ok((id, parse_percent(percent)?))
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
				let version_hash = match (version, version_file) {
					(Some(v), _) => hash_or_digest(v),
					(None, Some(path)) => {
						lineage_primitives::merkle::sha256(&std::fs::read(path).map_err(|e| {
							ClientError::new(format!("cannot read {}: {e}", path.display()))
						})?)
					},
					(None, None) => {
						return Err(ClientError::new("give --version or --version-file"))
					},
				};
				let datasets: Vec<_> =
					datasets.iter().map(|d| parse_dataset(d)).collect::<Result<_>>()?;
				let call = ModelsCall::register_model {
					name: BoundedVec::try_from(name.as_bytes().to_vec())
						.map_err(|_| ClientError::new("the model name is too long"))?,
					version_hash,
					datasets: BoundedVec::try_from(datasets)
						.map_err(|_| ClientError::new("too many datasets for one model"))?,
					fee_per_inference: parse_amount(fee)?,
					split: parse_split(split)?,
				};
				let chain = Chain::connect(&connect.url).await?;
				let report = send(&chain, signer, call.into(), connect.json).await?;
				let id = report
					.events
					.iter()
					.find_map(|e| match e {
						RuntimeEvent::Models(pallet_models::Event::ModelRegistered {
							model_id,
							..
						}) => Some(*model_id),
						_ => None,
					})
					.ok_or_else(|| ClientError::new("no ModelRegistered event"))?;
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
				let model: Option<ModelDetails<AccountId, Balance, BlockNumber>> =
					chain.runtime_call("ModelsApi_model", *model_id, None).await?;
				let m = model
					.ok_or_else(|| ClientError::new(format!("there is no model {model_id}")))?;
				if connect.json {
					println!(
						"{}",
						serde_json::json!({
							"id": m.id,
							"owner": keys::ss58(&m.owner),
							"name": String::from_utf8_lossy(&m.name),
							"versionHash": m.version_hash,
							"datasets": m.datasets.iter().map(|(d, w)| serde_json::json!({"datasetId": d, "weightParts": w.deconstruct()})).collect::<Vec<_>>(),
							"feePerInference": m.fee_per_inference.to_string(),
							"split": [m.split.contributors.deconstruct(), m.split.owner.deconstruct(), m.split.protocol.deconstruct()],
							"status": format!("{:?}", m.status),
							"operators": m.operators.iter().map(keys::ss58).collect::<Vec<_>>(),
						})
					);
				} else {
					println!("model {}: {}", m.id, String::from_utf8_lossy(&m.name));
					println!("  owner:     {}", keys::ss58(&m.owner));
					println!("  status:    {:?}", m.status);
					println!("  fee:       {} per inference", format_lin(m.fee_per_inference));
					println!(
						"  split:     contributors {:?}, owner {:?}, protocol {:?}",
						m.split.contributors, m.split.owner, m.split.protocol
					);
					for (dataset, weight) in &m.datasets {
						println!("  dataset:   {dataset} ({weight:?})");
					}
					println!("  version:   {:?}", m.version_hash);
					println!("  versions:  {}", m.versions.len());
					println!(
						"  operators: {}",
						m.operators.iter().map(keys::ss58).collect::<Vec<_>>().join(", ")
					);
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
