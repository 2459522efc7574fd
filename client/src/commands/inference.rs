//! `authorize`, `voucher sign`, `infer` and `pay`.

use super::{
	attribution::{attribute_output, EngineArgs},
	find_event, send, send_and_report, ConnectArgs, SignerArgs,
};
use crate::{
	amounts::{format_lin, hash_or_digest, parse_amount, parse_percent},
	keys,
	vouchers::SignedVoucher,
	Chain, ClientError, Result,
};
use frame_support::{traits::Get, BoundedVec};
use lineage_primitives::{AttributionMethod, ContributionId, ModelId};
use lineage_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use serde::Deserialize;
use sp_runtime::Perbill;
use std::path::PathBuf;

type InferenceCall = pallet_inference::Call<Runtime>;

/// Authorise a model to charge you: `--max-total` is held from your balance for it, no inference
/// may cost more than `--max-fee`, and only the operators you name (default: the model's owner
/// and operators now) may charge it. Authorising again replaces the allowance.
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
	/// The operators you accept charges from (SS58 addresses or dev keys), comma separated.
	#[arg(long, value_delimiter = ',')]
	pub operators: Option<Vec<String>>,
	/// Revoke the authorisation instead (every charge stops; what is left is released).
	#[arg(long, conflicts_with_all = ["max_total", "max_fee", "operators"])]
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
			(false, Some(max_total), Some(max_fee)) => {
				let operators = match &self.operators {
					None => None,
					Some(list) => Some(
						BoundedVec::try_from(
							list.iter()
								.map(|a| keys::parse_account(a))
								.collect::<Result<Vec<_>>>()?,
						)
						.map_err(|_| ClientError::new("too many operators"))?,
					),
				};
				InferenceCall::authorize {
					model_id: self.model,
					max_total: parse_amount(max_total)?,
					max_fee_per_inference: parse_amount(max_fee)?,
					operators,
				}
			},
			// clap requires both unless --revoke is given.
			_ => return Err(ClientError::new("--max-total and --max-fee are required")),
		};
		let chain = Chain::connect(&self.connect.url).await?;
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

#[derive(Debug, clap::Subcommand)]
pub enum VoucherCmd {
	/// Sign vouchers as a consumer: for each request, the most you pay for it and until when.
	/// Prints a JSON array of signed vouchers to give the model's operator (for `lineage infer`).
	Sign {
		#[arg(long)]
		model: ModelId,
		/// A request id: 0x and 64 hex digits, or text (its sha2-256 is used). Repeatable.
		#[arg(long = "request", required_unless_present = "requests")]
		request: Vec<String>,
		/// A file with one request id per line.
		#[arg(long, value_name = "FILE")]
		requests: Option<PathBuf>,
		/// The most you pay for each: `0.5LIN`, or plancks.
		#[arg(long)]
		max_fee: String,
		/// How many blocks the vouchers stay valid (at most the chain's retention period).
		#[arg(long, default_value_t = 600)]
		expires_in: u32,
		#[arg(long, value_name = "URL", default_value = "ws://127.0.0.1:9944")]
		url: String,
		/// The consumer's key (signs the vouchers; no transaction is sent).
		#[arg(long, value_name = "SURI", conflicts_with = "key_file")]
		suri: Option<String>,
		#[arg(long, value_name = "FILE")]
		key_file: Option<PathBuf>,
	},
}

impl VoucherCmd {
	pub async fn run(&self) -> Result<()> {
		let Self::Sign { model, request, requests, max_fee, expires_in, url, suri, key_file } =
			self;
		let signer =
			SignerArgs { suri: suri.clone(), key_file: key_file.clone(), finalized: false };
		let pair = signer.pair()?;
		let mut ids = request.clone();
		if let Some(path) = requests {
			let text = std::fs::read_to_string(path)
				.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))?;
			ids.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
		}
		let max_fee = parse_amount(max_fee)?;
		// The chain and the block the vouchers count from.
		let chain = Chain::connect(url).await?;
		let best = chain.best_number().await?;
		let expires_at = best.saturating_add(*expires_in);
		let signed: Vec<_> = ids
			.iter()
			.map(|id| {
				SignedVoucher::sign(&pair, chain.genesis_hash, *model, id, max_fee, expires_at)
			})
			.collect();
		println!("{}", serde_json::to_string_pretty(&signed)?);
		Ok(())
	}
}

/// One inference in an `infer` file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct InferenceJson {
	/// The consumer's signed voucher (as `lineage voucher sign` prints it).
	voucher: SignedVoucher,
	/// The output served: 0x and 64 hex digits, or text (its sha2-256 is used, and with
	/// `--attribute` it is attributed).
	#[serde(default)]
	output: Option<String>,
	/// A file holding the output (its sha2-256 is used; attributed with `--attribute`).
	#[serde(default)]
	output_file: Option<PathBuf>,
	/// Explicit attribution given by hand (without `--attribute`).
	#[serde(default)]
	attribution: Vec<AttributionJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionJson {
	contribution: ContributionId,
	/// Percent of the contributors' share.
	weight: serde_json::Value,
}

/// Record inferences of a model from a JSON file: an array of
/// `{"voucher": {...}, "output": "...", "attribution": [{"contribution", "weight"}]}`, each
/// voucher signed by its consumer (`lineage voucher sign`). With `--attribute`, each output is
/// attributed by span matching against `--records` (and the evidence hash recorded); explicit
/// attribution needs an operator bond (`lineage bond`). Sent in `record_inferences` batches, all
/// at once; each batch is all or nothing.
#[derive(Debug, clap::Args)]
pub struct InferCmd {
	#[arg(long)]
	pub model: ModelId,
	/// The JSON file of inferences.
	pub file: PathBuf,
	/// Attribute each output with the span-match engine against `--records`.
	#[arg(long, requires = "records")]
	pub attribute: bool,
	#[command(flatten)]
	pub engine: EngineArgs,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

type Record = pallet_inference::InferenceRecord<Runtime>;

impl InferCmd {
	async fn records(&self, chain: &Chain) -> Result<Vec<Record>> {
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
		let max: u32 = <Runtime as pallet_inference::Config>::MaxAttributions::get();
		let mut records = Vec::with_capacity(list.len());
		for (n, item) in list.into_iter().enumerate() {
			let (consumer, voucher, signature) = item.voucher.decode()?;
			if !item.voucher.verify()? {
				return Err(ClientError::new(format!(
					"inference {} of {}: the voucher's signature is not its consumer's",
					n + 1,
					self.file.display()
				)));
			}
			let output_text = match (&item.output, &item.output_file) {
				(_, Some(path)) => Some(std::fs::read_to_string(path).map_err(|e| {
					ClientError::new(format!("cannot read {}: {e}", path.display()))
				})?),
				(Some(text), None) => Some(text.clone()),
				(None, None) => None,
			};
			let output_hash = match (&item.output_file, &output_text) {
				(Some(_), Some(text)) => lineage_primitives::merkle::sha256(text.as_bytes()),
				(None, Some(text)) => hash_or_digest(text),
				_ => {
					return Err(ClientError::new(format!(
						"inference {} of {} has no output (give \"output\" or \"outputFile\")",
						n + 1,
						self.file.display()
					)))
				},
			};
			let (attribution, method, evidence_hash) = if self.attribute {
				let text = output_text.unwrap_or_default();
				let result = attribute_output(chain, self.model, &text, &self.engine, true).await?;
				(result.entries, result.method, result.evidence_hash)
			} else {
				let entries = item
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
					.collect::<Result<Vec<(ContributionId, Perbill)>>>()?;
				(entries, AttributionMethod::Unspecified, sp_core::H256::zero())
			};
			records.push(pallet_inference::InferenceRecord {
				consumer,
				voucher,
				signature,
				output_hash,
				attribution: BoundedVec::try_from(attribution).map_err(|_| {
					ClientError::new(format!(
						"an inference may be attributed to at most {max} contributions"
					))
				})?,
				method,
				evidence_hash,
			});
		}
		Ok(records)
	}

	pub async fn run(&self) -> Result<()> {
		let pair = self.signer.pair()?;
		let chain = Chain::connect(&self.connect.url).await?;
		let records = self.records(&chain).await?;
		let calls = batches(self.model, records)?;
		let outcomes = chain.submit_all(&pair, calls, self.signer.wait()).await?;
		let mut recorded = Vec::new();
		let mut failures = Vec::new();
		for outcome in outcomes {
			match outcome.and_then(|r| r.ensure_success().cloned()) {
				Ok(report) => {
					if !self.connect.json {
						crate::output::print_report(&report);
					}
					for event in &report.events {
						if let RuntimeEvent::Inference(
							pallet_inference::Event::InferenceRecorded {
								inference_id, fee, ..
							},
						) = event
						{
							recorded.push((*inference_id, *fee));
						}
					}
				},
				Err(e) => failures.push(e),
			}
		}
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"inferences": recorded.iter().map(|(id, _)| id).collect::<Vec<_>>(),
					"fees": recorded.iter().map(|(_, fee)| fee.to_string()).collect::<Vec<_>>(),
					"errors": failures.iter().map(|e| e.0.clone()).collect::<Vec<_>>(),
				})
			);
		} else {
			let total: u128 = recorded.iter().map(|(_, fee)| fee).sum();
			println!("{} inferences recorded, {} in fees", recorded.len(), format_lin(total));
			for e in &failures {
				println!("a batch was refused: {e}");
			}
		}
		match failures.into_iter().next() {
			None => Ok(()),
			Some(first) => Err(first),
		}
	}
}

/// `record_inferences` calls of at most `MaxBatch` records and `MaxBatchAttributions` entries.
fn batches(model_id: ModelId, records: Vec<Record>) -> Result<Vec<RuntimeCall>> {
	let max_records: u32 = <Runtime as pallet_inference::Config>::MaxBatch::get();
	let max_entries: u32 = <Runtime as pallet_inference::Config>::MaxBatchAttributions::get();
	let (max_records, max_entries) = (max_records as usize, max_entries as usize);
	let mut calls = Vec::new();
	let mut batch: Vec<Record> = Vec::new();
	let mut entries = 0;
	let flush = |batch: &mut Vec<Record>, calls: &mut Vec<RuntimeCall>| -> Result<()> {
		if !batch.is_empty() {
			calls.push(
				InferenceCall::record_inferences {
					model_id,
					records: BoundedVec::try_from(std::mem::take(batch))
						.map_err(|_| ClientError::new("a batch is larger than MaxBatch"))?,
				}
				.into(),
			);
		}
		Ok(())
	};
	for record in records {
		let n = record.attribution.len();
		if batch.len() == max_records || entries + n > max_entries {
			flush(&mut batch, &mut calls)?;
			entries = 0;
		}
		entries += n;
		batch.push(record);
	}
	flush(&mut batch, &mut calls)?;
	Ok(calls)
}

/// Pay for one inference of a model directly from your balance: at most `--max-fee` (a fee raised
/// under your transaction cannot take more).
#[derive(Debug, clap::Args)]
pub struct PayCmd {
	#[arg(long)]
	pub model: ModelId,
	/// Your request id: 0x-hash or text.
	#[arg(long)]
	pub request: String,
	/// The output you were served: 0x-hash or text.
	#[arg(long)]
	pub output: String,
	/// The most you pay: `0.5LIN`, or plancks.
	#[arg(long)]
	pub max_fee: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl PayCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = InferenceCall::pay_inference {
			model_id: self.model,
			request_hash: hash_or_digest(&self.request),
			output_hash: hash_or_digest(&self.output),
			attribution: Default::default(),
			max_fee: parse_amount(&self.max_fee)?,
		};
		let report = send(&chain, &self.signer, call.into(), self.connect.json).await?;
		let (id, fee) = find_event(&report, "InferenceRecorded", |e| match e {
			RuntimeEvent::Inference(pallet_inference::Event::InferenceRecorded {
				inference_id,
				fee,
				..
			}) => Some((*inference_id, *fee)),
			_ => None,
		})?;
		if self.connect.json {
			println!("{}", serde_json::json!({ "inference": id, "fee": fee.to_string() }));
		} else {
			println!("inference {id} paid: {}", format_lin(fee));
		}
		Ok(())
	}
}
