//! How the user commands print transactions and their events.

use crate::client::{errors::explain, format_lin, keys::ss58, TxReport};
use lineage_runtime::RuntimeEvent;

/// Prints the block a transaction landed in and the events it caused.
pub fn print_report(report: &TxReport) {
	println!(
		"{} in block #{} ({:?}), extrinsic {}",
		if report.finalized { "finalised" } else { "included" },
		report.block_number,
		report.block_hash,
		report.extrinsic_index
	);
	for event in &report.events {
		if let Some(line) = describe(event) {
			println!("  {line}");
		}
	}
	if let Err(error) = &report.outcome {
		println!("  FAILED: {}", explain(error));
	}
}

/// A transaction's block and the events people care about, as JSON.
pub fn report_json(report: &TxReport) -> serde_json::Value {
	serde_json::json!({
		"block": report.block_number,
		"blockHash": report.block_hash,
		"finalized": report.finalized,
		"events": report.events.iter().filter_map(describe).collect::<Vec<_>>(),
	})
}

/// One line for an event people care about; `None` for fee and system bookkeeping.
fn describe(event: &RuntimeEvent) -> Option<String> {
	use pallet_attribution::Event as A;
	use pallet_datasets::Event as D;
	use pallet_inference::Event as I;
	use pallet_models::Event as M;
	Some(match event {
		RuntimeEvent::Datasets(e) => match e {
			D::DatasetCreated { dataset_id, owner, policy } =>
				format!("Datasets.DatasetCreated: dataset {dataset_id} ({policy:?}) owned by {}", ss58(owner)),
			D::ContributionSubmitted { contribution_id, dataset_id, contributor, content_hash, units } =>
				format!(
					"Datasets.ContributionSubmitted: contribution {contribution_id} to dataset {dataset_id} by {}, {units} units, content {content_hash:?}",
					ss58(contributor)
				),
			D::ContributionAccepted { contribution_id, dataset_id, leaf_index, merkle_root, .. } =>
				format!(
					"Datasets.ContributionAccepted: contribution {contribution_id} is leaf {leaf_index} of dataset {dataset_id}, root {merkle_root:?}"
				),
			D::ContributionRejected { contribution_id, slashed, .. } => format!(
				"Datasets.ContributionRejected: contribution {contribution_id}, {} slashed",
				format_lin(*slashed)
			),
			D::ContributionWithdrawn { contribution_id, .. } =>
				format!("Datasets.ContributionWithdrawn: contribution {contribution_id}"),
			D::CuratorAdded { dataset_id, curator } =>
				format!("Datasets.CuratorAdded: {} curates dataset {dataset_id}", ss58(curator)),
			D::CuratorRemoved { dataset_id, curator } =>
				format!("Datasets.CuratorRemoved: {} no longer curates dataset {dataset_id}", ss58(curator)),
			D::DatasetStatusChanged { dataset_id, status } =>
				format!("Datasets.DatasetStatusChanged: dataset {dataset_id} is {status:?}"),
			other => format!("Datasets.{other:?}"),
		},
		RuntimeEvent::Models(e) => match e {
			M::ModelRegistered { model_id, owner, fee_per_inference, split, .. } => format!(
				"Models.ModelRegistered: model {model_id} of {}, fee {}, split {:?}/{:?}/{:?}",
				ss58(owner),
				format_lin(*fee_per_inference),
				split.contributors,
				split.owner,
				split.protocol
			),
			other => format!("Models.{other:?}"),
		},
		RuntimeEvent::Inference(e) => match e {
			I::InferenceRecorded { inference_id, model_id, consumer, fee, .. } => format!(
				"Inference.InferenceRecorded: inference {inference_id} of model {model_id} for {}, fee {}",
				ss58(consumer),
				format_lin(*fee)
			),
			I::Authorized { consumer, model_id, max_total, max_fee_per_inference } => format!(
				"Inference.Authorized: {} lets model {model_id} charge up to {} ({} per inference)",
				ss58(consumer),
				format_lin(*max_total),
				format_lin(*max_fee_per_inference)
			),
			I::Revoked { model_id, released, .. } => format!(
				"Inference.Revoked: model {model_id}, {} released",
				format_lin(*released)
			),
			other => format!("Inference.{other:?}"),
		},
		RuntimeEvent::Attribution(e) => match e {
			A::InferenceAttributed { inference_id, fee, to_contributors, to_owner, to_protocol, .. } =>
				format!(
					"Attribution.InferenceAttributed: inference {inference_id}, fee {fee}: contributors {to_contributors}, owner {to_owner}, protocol {to_protocol} (plancks)"
				),
			A::ContributionCredited { contribution_id, contributor, amount, .. } => format!(
				"Attribution.ContributionCredited: contribution {contribution_id} ({}) +{amount} plancks",
				ss58(contributor)
			),
			A::DatasetCredited { dataset_id, amount, units, .. } => format!(
				"Attribution.DatasetCredited: dataset {dataset_id} +{amount} plancks over {units} units"
			),
			A::RewardsClaimed { who, amount } =>
				format!("Attribution.RewardsClaimed: {} claimed {}", ss58(who), format_lin(*amount)),
			other => format!("Attribution.{other:?}"),
		},
		RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount }) =>
			format!("Balances.Transfer: {} -> {}: {}", ss58(from), ss58(to), format_lin(*amount)),
		_ => return None,
	})
}
