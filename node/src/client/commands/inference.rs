//! `authorize` and `infer`.

use super::{
	hash_or_digest, parse_amount, parse_percent, send, send_and_report, ConnectArgs, SignerArgs,
};
use crate::client::{format_lin, keys, Chain, ClientError, Result};
use frame_support::{traits::Get, BoundedVec};
use lineage_primitives::ModelId;
use lineage_runtime::{Runtime, RuntimeEvent};
use serde::Deserialize;
use std::path::PathBuf;

type InferenceCall = pallet_inference::Call<Runtime>;

/// Authorise a model to charge you: `--max-total` is held from your balance for it, and no
/// inference may cost more than `--max-fee`. Authorising again replaces the allowance.
#[derive(Debug, clap::Args)]
pub struct AuthorizeCmd {
	#[arg(long)]
	pub model: ModelId,
	/// The most the model may charge in all: `10LIN`, or plancks.
	#[arg(long, required_unless_present = "revoke")]
	pub max_total: Option<String>,
	/// The most one inference may cost: `0.5LIN`, or plancks.
	#[arg(long, required_unless_present = "revoke")]
	pub max_fee: Option<String>,
	/// Revoke the authorisation instead (releases what is left).
	#[arg(long, conflicts_with_all = ["max_total", "max_fee"])]
	pub revoke: bool,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl AuthorizeCmd {
	pub async fn run(&self) -> Result<()> {
		let call = match (self.revoke, &self.max_total, &self.max_fee) {
			(true, _, _) => InferenceCall::revoke { model_id: self.model },
			(false, Some(max_total), Some(max_fee)) => InferenceCall::authorize {
				model_id: self.model,
				max_total: parse_amount(max_total)?,
				max_fee_per_inference: parse_amount(max_fee)?,
			},
			// clap requires both unless --revoke is given.
			_ => {
				return Err(ClientError::new("--max-total and --max-fee are required".to_string()))
			},
		};
		let chain = Chain::connect(&self.connect.url).await?;
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

/// One inference in an `infer` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InferenceJson {
	/// Who is charged: an SS58 address (or a dev key such as //Ferdie).
	consumer: String,
	/// The consumer's request id: 0x and 64 hex digits, or text (its sha2-256 is used).
	request: String,
	/// The output served: 0x and 64 hex digits, or text (its sha2-256 is used).
	output: String,
	#[serde(default)]
	attribution: Vec<AttributionJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionJson {
	contribution: u64,
	/// Percent of the contributors' share.
	weight: serde_json::Value,
}

/// Record inferences of a model from a JSON file: an array of
/// `{"consumer", "request", "output", "attribution": [{"contribution", "weight"}]}` objects.
/// Sent in `record_inferences` batches; each batch is all or nothing.
#[derive(Debug, clap::Args)]
pub struct InferCmd {
	#[arg(long)]
	pub model: ModelId,
	/// The JSON file of inferences.
	pub file: PathBuf,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl InferCmd {
	fn records(&self) -> Result<Vec<pallet_inference::InferenceRecord<Runtime>>> {
		let text = std::fs::read_to_string(&self.file)
			.map_err(|e| ClientError::new(format!("cannot read {}: {e}", self.file.display())))?;
		let list: Vec<InferenceJson> = serde_json::from_str(&text).map_err(|e| {
			ClientError::new(format!(
				"{} is not a JSON array of inferences: {e}",
				self.file.display()
			))
		})?;
		if list.is_empty() {
			return Err(ClientError::new(format!("{} has no inferences", self.file.display())));
		}
		list.into_iter()
			.map(|i| {
				let attribution = i
					.attribution
					.iter()
					.map(|a| {
						let weight = match &a.weight {
							serde_json::Value::Number(n) => n.to_string(),
							serde_json::Value::String(s) => s.clone(),
							other => {
								return Err(ClientError::new(format!(
									"weight {other} is not a percentage"
								)))
							},
						};
						Ok((a.contribution, parse_percent(&weight)?))
					})
					.collect::<Result<Vec<_>>>()?;
				let max: u32 = <Runtime as pallet_inference::Config>::MaxAttributions::get();
				Ok(pallet_inference::InferenceRecord {
					consumer: keys::parse_account(&i.consumer)?,
					request_hash: hash_or_digest(&i.request),
					output_hash: hash_or_digest(&i.output),
					attribution: BoundedVec::try_from(attribution).map_err(|_| {
						ClientError::new(format!(
							"an inference may be attributed to at most {max} contributions"
						))
					})?,
				})
			})
			.collect()
	}

	pub async fn run(&self) -> Result<()> {
		let records = self.records()?;
		let chain = Chain::connect(&self.connect.url).await?;
		let chunk: u32 = <Runtime as pallet_inference::Config>::MaxBatch::get();
		let chunk = chunk as usize;
		let mut recorded = Vec::new();
		for part in records.chunks(chunk.max(1)) {
			let call = InferenceCall::record_inferences {
				model_id: self.model,
				records: BoundedVec::try_from(part.to_vec())
					.map_err(|_| ClientError::new("a batch is larger than MaxBatch"))?,
			};
			let report = send(&chain, &self.signer, call.into(), self.connect.json).await?;
			for event in &report.events {
				if let RuntimeEvent::Inference(pallet_inference::Event::InferenceRecorded {
					inference_id,
					fee,
					..
				}) = event
				{
					recorded.push((*inference_id, *fee));
				}
			}
		}
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"inferences": recorded.iter().map(|(id, _)| id).collect::<Vec<_>>(),
					"fees": recorded.iter().map(|(_, fee)| fee.to_string()).collect::<Vec<_>>(),
				})
			);
		} else {
			let total: u128 = recorded.iter().map(|(_, fee)| fee).sum();
			println!("{} inferences recorded, {} in fees", recorded.len(), format_lin(total));
		}
		Ok(())
	}
}
