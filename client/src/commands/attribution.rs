//! `attribute`, `attribution verify`, `challenge` and `disputes`: attribution anyone can
//! recompute, and disputes about it.

use super::{send_and_report, ConnectArgs, SignerArgs};
use crate::{
	amounts::{hash_or_digest, plancks},
	records::{self, Record},
	Chain, ClientError, Result,
};
use frame_support::traits::Get;
use lineage_attribution_engine as engine;
use lineage_primitives::{AttributionMethod, ContributionId, InferenceId, ModelId};
use lineage_rpc_api::{
	AttributionApiClient, DatasetsApiClient, DisputeFilter, InferenceApiClient, Method,
	ModelVersion, ModelsApiClient,
};
use lineage_runtime::{Runtime, RuntimeEvent};
use sp_runtime::Perbill;
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
};

/// Where the records are and how the engine matches.
#[derive(Debug, Clone, clap::Args)]
pub struct EngineArgs {
	/// The records: a directory of files (one record each), or a JSONL file (one per line).
	#[arg(long, value_name = "DIR|FILE.jsonl")]
	pub records: Option<PathBuf>,
	/// The shortest span, in tokens, that counts as copied.
	#[arg(long, default_value_t = 8)]
	pub min_tokens: u32,
}

/// An output's attribution, checked against the chain.
pub(crate) struct Attributed {
	pub entries: Vec<(ContributionId, Perbill)>,
	pub method: AttributionMethod,
	pub evidence_hash: sp_core::H256,
	pub evidence: engine::Evidence,
	/// Records that were not used, and why.
	pub skipped: Vec<String>,
}

/// The records at `path` that are accepted contributions inside `version`'s snapshots, as the
/// engine takes them; the others are reported in `skipped`, never silently used. Contributions of
/// the model's owner, its operators or `also_excluded` are skipped too: the chain refuses
/// attribution to the parties' own contributions.
async fn checked_records(
	chain: &Chain,
	path: &Path,
	version: &ModelVersion,
	excluded: &[String],
	skipped: &mut Vec<String>,
) -> Result<Vec<engine::Record>> {
	let all = records::from_path(path, |note| skipped.push(note))?;
	let mut checked = Vec::new();
	for chunk in all.chunks(1000) {
		let owners = chain.rpc.content_owners(chunk.iter().map(|r| r.hash).collect(), None).await?;
		for (record, owner) in chunk.iter().zip(owners) {
			match check_record(chain, record, owner, version, excluded).await? {
				Ok(contribution_id) => checked
					.push(engine::Record { contribution_id, content: record.content.clone() }),
				Err(why) => skipped.push(format!("{}: {why}", record.label)),
			}
		}
	}
	Ok(checked)
}

/// The contribution a record is, if it may be attributed under `version`; else why not.
async fn check_record(
	chain: &Chain,
	record: &Record,
	owner: Option<lineage_rpc_api::ContentOwner>,
	version: &ModelVersion,
	excluded: &[String],
) -> Result<std::result::Result<ContributionId, String>> {
	let Some(owner) = owner else {
		return Ok(Err(format!("its sha2-256 {:?} is no contribution on chain", record.hash)));
	};
	let Some(c) = chain.rpc.contribution(owner.contribution_id, None).await? else {
		return Ok(Err(format!("contribution {} is gone", owner.contribution_id)));
	};
	if c.status != "Accepted" {
		return Ok(Err(format!("contribution {} is {}, not accepted", c.id, c.status)));
	}
	let Some(snapshot) = version.snapshots.iter().find(|s| s.dataset_id == c.dataset_id) else {
		return Ok(Err(format!(
			"contribution {} is in dataset {}, which the model was not trained on",
			c.id, c.dataset_id
		)));
	};
	if c.leaf_index.is_none_or(|leaf| leaf >= snapshot.leaf_count) {
		return Ok(Err(format!(
			"contribution {} is not inside snapshot {} of dataset {} (accepted after it)",
			c.id, snapshot.snapshot, c.dataset_id
		)));
	}
	if excluded.contains(&c.contributor) {
		return Ok(Err(format!(
			"contribution {} belongs to a party of the inference (the chain refuses it)",
			c.id
		)));
	}
	Ok(Ok(c.id))
}

/// The accounts whose contributions cannot be attributed for `model_id`: its owner and operators.
async fn parties(
	chain: &Chain,
	model_id: ModelId,
) -> Result<(lineage_rpc_api::Model, Vec<String>)> {
	let model = chain
		.rpc
		.model(model_id, None)
		.await?
		.ok_or_else(|| ClientError::new(format!("there is no model {model_id}")))?;
	let mut excluded = model.operators.clone();
	excluded.push(model.owner.clone());
	Ok((model, excluded))
}

/// Attributes `output` for model `model_id`'s current version with the span-match engine.
pub(crate) async fn attribute_output(
	chain: &Chain,
	model_id: ModelId,
	output: &str,
	args: &EngineArgs,
	quiet: bool,
) -> Result<Attributed> {
	let (model, excluded) = parties(chain, model_id).await?;
	let path = args.records.as_ref().ok_or_else(|| ClientError::new("give --records"))?;
	let mut skipped = Vec::new();
	let records =
		checked_records(chain, path, &model.current_version, &excluded, &mut skipped).await?;
	if !quiet {
		for note in &skipped {
			eprintln!("skipped {note}");
		}
	}
	let attributed = run_engine(records, output, args.min_tokens)?;
	Ok(Attributed { skipped, ..attributed })
}

fn run_engine(records: Vec<engine::Record>, output: &str, min_tokens: u32) -> Result<Attributed> {
	let index = engine::Index::build(records)
		.map_err(|e| ClientError::new(format!("cannot index the records: {e}")))?;
	let max_attributions = <Runtime as pallet_inference::Config>::MaxAttributions::get();
	let params = engine::Params { min_tokens, max_attributions };
	let result = engine::attribute(&index, output, &params);
	Ok(Attributed {
		entries: result.entries.clone(),
		method: AttributionMethod::SpanMatchV1 { min_tokens },
		evidence_hash: sp_core::H256(result.evidence.hash()),
		evidence: result.evidence,
		skipped: Vec::new(),
	})
}

/// Attribute a model output to the contributions it copies from: tokenise, find the spans of at
/// least `--min-tokens` tokens that occur in the records, split each among the contributions
/// containing it, weigh by matched tokens. Only records that are accepted contributions inside
/// the model's current snapshots (and not of its owner or operators) are used; the others are
/// reported. Prints the attribution vector and the evidence (JSON with `--json`).
#[derive(Debug, clap::Args)]
pub struct AttributeCmd {
	#[arg(long)]
	pub model: ModelId,
	/// The model output (text).
	#[arg(long, value_name = "FILE")]
	pub output: PathBuf,
	#[command(flatten)]
	pub engine: EngineArgs,
	#[command(flatten)]
	pub connect: ConnectArgs,
}

impl AttributeCmd {
	pub async fn run(&self) -> Result<()> {
		let output = read_output(&self.output)?;
		let chain = Chain::connect(&self.connect.url).await?;
		let result =
			attribute_output(&chain, self.model, &output, &self.engine, self.connect.json).await?;
		if self.connect.json {
			println!(
				"{}",
				serde_json::json!({
					"attribution": entries_json(&result.entries),
					"method": Method::from(result.method),
					"evidenceHash": result.evidence_hash,
					"evidence": result.evidence,
					"skipped": result.skipped,
				})
			);
		} else {
			println!(
				"attribution of {} ({} records skipped):",
				self.output.display(),
				result.skipped.len()
			);
			for (id, weight) in &result.entries {
				println!("  contribution {id}: {}", percent(*weight));
			}
			println!(
				"evidence hash: {:?} ({} spans)",
				result.evidence_hash,
				result.evidence.spans.len()
			);
		}
		Ok(())
	}
}

fn read_output(path: &Path) -> Result<String> {
	std::fs::read_to_string(path)
		.map_err(|e| ClientError::new(format!("cannot read {}: {e}", path.display())))
}

fn percent(weight: Perbill) -> String {
	format!("{}%", f64::from(weight.deconstruct()) / 10_000_000.0)
}

fn entries_json(entries: &[(ContributionId, Perbill)]) -> serde_json::Value {
	serde_json::Value::Array(
		entries
			.iter()
			.map(|(c, w)| serde_json::json!({ "contribution": c, "weightParts": w.deconstruct() }))
			.collect(),
	)
}

#[derive(Debug, clap::Subcommand)]
pub enum AttributionCmd {
	/// Recompute a recorded inference's attribution from its output and the records, and check
	/// the output hash, the evidence hash and the recorded credits against the chain. Prints
	/// MATCH, or each difference and exits with 1.
	Verify {
		#[arg(long)]
		inference: InferenceId,
		/// The output that was served.
		#[arg(long, value_name = "FILE")]
		output: PathBuf,
		/// The records: a directory of files, or a JSONL file.
		#[arg(long, value_name = "DIR|FILE.jsonl")]
		records: PathBuf,
		#[command(flatten)]
		connect: ConnectArgs,
	},
}

impl AttributionCmd {
	pub async fn run(&self) -> Result<()> {
		let Self::Verify { inference, output, records, connect } = self;
		let output_text = read_output(output)?;
		let chain = Chain::connect(&connect.url).await?;
		let recorded = chain.rpc.inference(*inference, None).await?.ok_or_else(|| {
			ClientError::new(format!(
				"there is no inference {inference} on chain (unknown, or older than the retention \
				 period)"
			))
		})?;
		let mut differences = Vec::new();
		let output_hash = lineage_primitives::merkle::sha256(output_text.as_bytes());
		if output_hash != recorded.output_hash {
			differences.push(format!(
				"output hash: the file's sha2-256 is {output_hash:?}, the chain has {:?}",
				recorded.output_hash
			));
		}
		let min_tokens = match recorded.method {
			Method::SpanMatchV1 { min_tokens } => min_tokens,
			Method::Unspecified => {
				return Err(ClientError::new(format!(
					"inference {inference} claims no attribution method: nothing to recompute"
				)))
			},
		};
		let version =
			chain.rpc.version(recorded.model_id, recorded.version, None).await?.ok_or_else(
				|| {
					ClientError::new(format!(
						"version {} of model {} is no longer kept",
						recorded.version, recorded.model_id
					))
				},
			)?;
		let (model, mut excluded) = parties(&chain, recorded.model_id).await?;
		excluded.push(recorded.consumer.clone());
		excluded.push(recorded.operator.clone());
		let mut skipped = Vec::new();
		let checked = checked_records(&chain, records, &version, &excluded, &mut skipped).await?;
		let ours = run_engine(checked, &output_text, min_tokens)?;
		if ours.evidence_hash != recorded.evidence_hash {
			differences.push(format!(
				"evidence hash: recomputed {:?}, the chain has {:?}",
				ours.evidence_hash, recorded.evidence_hash
			));
		}
		// What the chain credited, against what the recomputed weights credit.
		let credited = credited_on_chain(&chain, *inference, recorded.recorded_at).await?;
		let fee = plancks(&recorded.fee);
		let contributors_share = Perbill::from_parts(model.split.contributors).mul_floor(fee);
		let expected: BTreeMap<ContributionId, u128> = ours
			.entries
			.iter()
			.map(|(id, weight)| (*id, weight.mul_floor(contributors_share)))
			.collect();
		for id in expected.keys().chain(credited.keys()).collect::<std::collections::BTreeSet<_>>()
		{
			let (e, c) = (expected.get(id).copied(), credited.get(id).copied());
			if e != c {
				differences.push(format!(
					"contribution {id}: recomputed {} plancks, the chain credited {}",
					e.unwrap_or(0),
					c.unwrap_or(0)
				));
			}
		}
		if connect.json {
			println!(
				"{}",
				serde_json::json!({
					"match": differences.is_empty(),
					"differences": differences,
					"skipped": skipped,
					"attribution": entries_json(&ours.entries),
					"evidenceHash": ours.evidence_hash,
				})
			);
		} else {
			for note in &skipped {
				println!("skipped {note}");
			}
			if differences.is_empty() {
				println!(
					"MATCH: inference {inference} ({} contributions credited, evidence {:?})",
					credited.len(),
					ours.evidence_hash
				);
			} else {
				println!("MISMATCH: inference {inference}");
				for d in &differences {
					println!("  {d}");
				}
			}
		}
		if differences.is_empty() {
			Ok(())
		} else {
			Err(ClientError::new(format!(
				"the attribution of inference {inference} does not match ({} differences)",
				differences.len()
			)))
		}
	}
}

/// The explicit credits of inference `id`, from the events of the block it was recorded in.
async fn credited_on_chain(
	chain: &Chain,
	id: InferenceId,
	block: u32,
) -> Result<BTreeMap<ContributionId, u128>> {
	let hash = chain.block_hash(block).await?;
	let mut credited = BTreeMap::new();
	for (_, event) in chain.events(hash).await? {
		if let RuntimeEvent::Attribution(pallet_attribution::Event::ContributionCredited {
			inference_id,
			contribution_id,
			amount,
			..
		}) = event
		{
			if inference_id == id {
				*credited.entry(contribution_id).or_default() += amount;
			}
		}
	}
	Ok(credited)
}

/// Challenge the attribution of an inference, within the challenge period (holds the challenge
/// bond until the dispute ends).
#[derive(Debug, clap::Args)]
pub struct ChallengeCmd {
	#[arg(long)]
	pub inference: InferenceId,
	/// Where your evidence is (a URL or any text): its sha2-256 is recorded.
	#[arg(long)]
	pub evidence_uri: String,
	#[command(flatten)]
	pub connect: ConnectArgs,
	#[command(flatten)]
	pub signer: SignerArgs,
}

impl ChallengeCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let call = pallet_inference::Call::<Runtime>::challenge {
			inference_id: self.inference,
			evidence_uri_hash: hash_or_digest(&self.evidence_uri),
		};
		send_and_report(&chain, &self.signer, call.into(), self.connect.json).await?;
		Ok(())
	}
}

/// List the open disputes (all, or about one model or inference).
#[derive(Debug, clap::Args)]
pub struct DisputesCmd {
	#[arg(long)]
	pub model: Option<ModelId>,
	#[arg(long)]
	pub inference: Option<InferenceId>,
	#[command(flatten)]
	pub connect: ConnectArgs,
}

impl DisputesCmd {
	pub async fn run(&self) -> Result<()> {
		let chain = Chain::connect(&self.connect.url).await?;
		let filter = DisputeFilter { inference_id: self.inference, model_id: self.model };
		let disputes = chain.rpc.disputes(Some(filter), None).await?;
		if self.connect.json {
			println!("{}", serde_json::to_string(&disputes)?);
		} else if disputes.is_empty() {
			println!("no open disputes");
		} else {
			for d in disputes {
				println!(
					"inference {} of model {}: operator {}, challenger {}, opened at #{}, expires after #{}",
					d.inference_id, d.model_id, d.operator, d.challenger, d.opened_at, d.expires_after
				);
			}
		}
		Ok(())
	}
}
