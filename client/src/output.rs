//! How the commands print transactions and their events.

use crate::{amounts::format_lin, errors::explain, keys::ss58, TxReport};
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
pub fn describe(event: &RuntimeEvent) -> Option<String> {
	use pallet_attribution::Event as A;
	use pallet_datasets::Event as D;
	use pallet_inference::Event as I;
	use pallet_models::Event as M;
	Some(match event {
		RuntimeEvent::Datasets(e) => match e {
			D::DatasetCreated { dataset_id, owner, policy } =>
				format!("Datasets.DatasetCreated: dataset {dataset_id} ({policy:?}) owned by {}", ss58(owner)),
			D::Committed { who, commitment } =>
				format!("Datasets.Committed: {} committed {commitment:?}", ss58(who)),
			D::ContributionSubmitted { contribution_id, dataset_id, contributor, content_hash, units } =>
				format!(
					"Datasets.ContributionSubmitted: contribution {contribution_id} to dataset {dataset_id} by {}, {units} units, content {content_hash:?}",
					ss58(contributor)
				),
			D::ContributionAccepted { contribution_id, dataset_id, units, epoch, leaf_index, merkle_root, .. } =>
				format!(
					"Datasets.ContributionAccepted: contribution {contribution_id} ({units} units) is leaf {leaf_index} of dataset {dataset_id}, epoch {epoch}, root {merkle_root:?}"
				),
			D::ContributionRejected { contribution_id, slashed, reserved_until, .. } => format!(
				"Datasets.ContributionRejected: contribution {contribution_id}, {} slashed, its hash reserved for its contributor until block #{reserved_until}",
				format_lin(*slashed)
			),
			D::ContributionWithdrawn { contribution_id, slashed, unbonding_until, .. } => match unbonding_until {
				Some(until) => format!(
					"Datasets.ContributionWithdrawn: contribution {contribution_id} earns no more; its deposit unbonds until block #{until}"
				),
				None => format!(
					"Datasets.ContributionWithdrawn: pending contribution {contribution_id} withdrawn, {} slashed",
					format_lin(*slashed)
				),
			},
			D::DepositReleased { contribution_id, amount, .. } => format!(
				"Datasets.DepositReleased: contribution {contribution_id}, {} back",
				format_lin(*amount)
			),
			D::ContributionSlashed { contribution_id, amount, .. } => format!(
				"Datasets.ContributionSlashed: contribution {contribution_id}, {} to the treasury",
				format_lin(*amount)
			),
			D::SnapshotTaken { dataset_id, index, leaf_count, root, .. } => format!(
				"Datasets.SnapshotTaken: snapshot {index} of dataset {dataset_id}: {leaf_count} leaves, root {root:?}"
			),
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
				"Models.ModelRegistered: model {model_id} of {}, fee {}, split contributors {:?} / owner {:?} / operator {:?} / protocol {:?}",
				ss58(owner),
				format_lin(*fee_per_inference),
				split.contributors,
				split.owner,
				split.operator,
				split.protocol
			),
			M::VersionPublished { model_id, number, snapshots, .. } => format!(
				"Models.VersionPublished: model {model_id} version {number}, snapshots {:?}",
				snapshots.iter().map(|(index, leaves)| format!("#{index} ({leaves} leaves)")).collect::<Vec<_>>()
			),
			M::FeeChanged { model_id, fee_per_inference } => format!(
				"Models.FeeChanged: model {model_id} costs {} per inference from now on",
				format_lin(*fee_per_inference)
			),
			M::FeeIncreaseAnnounced { model_id, fee_per_inference, effective_at } => format!(
				"Models.FeeIncreaseAnnounced: model {model_id} will cost {} per inference from block #{effective_at}",
				format_lin(*fee_per_inference)
			),
			M::OperatorsSet { model_id, operators } => format!(
				"Models.OperatorsSet: model {model_id} operators {}",
				operators.iter().map(ss58).collect::<Vec<_>>().join(", ")
			),
			other => format!("Models.{other:?}"),
		},
		RuntimeEvent::Inference(e) => match e {
			I::InferenceRecorded { inference_id, model_id, version, consumer, operator, fee, .. } =>
				format!(
					"Inference.InferenceRecorded: inference {inference_id} of model {model_id} v{version} for {} by {}, fee {}",
					ss58(consumer),
					ss58(operator),
					format_lin(*fee)
				),
			I::Authorized { consumer, model_id, max_total, max_fee_per_inference, operators } => format!(
				"Inference.Authorized: {} lets model {model_id} charge up to {} ({} per inference) through {}",
				ss58(consumer),
				format_lin(*max_total),
				format_lin(*max_fee_per_inference),
				operators.iter().map(ss58).collect::<Vec<_>>().join(", ")
			),
			I::Revoked { model_id, released, .. } =>
				format!("Inference.Revoked: model {model_id}, {} released", format_lin(*released)),
			I::Challenged { inference_id, challenger, .. } => format!(
				"Inference.Challenged: inference {inference_id} challenged by {}",
				ss58(challenger)
			),
			I::DisputeUpheld { inference_id, to_challenger, to_treasury, .. } => format!(
				"Inference.DisputeUpheld: inference {inference_id}: {} to the challenger, {} to the treasury",
				format_lin(*to_challenger),
				format_lin(*to_treasury)
			),
			other => format!("Inference.{other:?}"),
		},
		RuntimeEvent::Attribution(e) => match e {
			A::InferenceAttributed { inference_id, fee, to_contributors, to_owner, to_operator, to_protocol, .. } =>
				format!(
					"Attribution.InferenceAttributed: inference {inference_id}, fee {fee}: contributors {to_contributors}, owner {to_owner}, operator {to_operator}, protocol {to_protocol} (plancks)"
				),
			A::ContributionCredited { contribution_id, contributor, amount, .. } => format!(
				"Attribution.ContributionCredited: contribution {contribution_id} ({}) +{amount} plancks",
				ss58(contributor)
			),
			A::DatasetCredited { dataset_id, snapshot, amount, units, .. } => format!(
				"Attribution.DatasetCredited: dataset {dataset_id} (snapshot {snapshot}) +{amount} plancks over {units} units"
			),
			A::RewardsClaimed { who, amount } =>
				format!("Attribution.RewardsClaimed: {} claimed {}", ss58(who), format_lin(*amount)),
			other => format!("Attribution.{other:?}"),
		},
		RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount }) =>
			format!("Balances.Transfer: {} -> {}: {}", ss58(from), ss58(to), format_lin(*amount)),
		RuntimeEvent::Council(e) => format!("Council.{e:?}"),
		RuntimeEvent::Whitelist(e) => format!("Whitelist.{e:?}"),
		RuntimeEvent::Sudo(e) => format!("Sudo.{e:?}"),
		RuntimeEvent::Session(e) => format!("Session.{e:?}"),
		RuntimeEvent::CollatorSelection(e) => format!("CollatorSelection.{e:?}"),
		RuntimeEvent::Treasury(e) => format!("Treasury.{e:?}"),
		RuntimeEvent::Parameters(e) => format!("Parameters.{e:?}"),
		RuntimeEvent::System(
			e @ (frame_system::Event::CodeUpdated { .. } |
			frame_system::Event::UpgradeAuthorized { .. }),
		) => format!("System.{e:?}"),
		_ => return None,
	})
}
