//! End-to-end: Proof-of-Attribution payouts on the real node. Two contributors, a model,
//! inferences with and without explicit attribution; the `attribution_*` JSON-RPC figures equal
//! hand-computed values; `claim_rewards` moves balances by exactly those amounts.

use crate::common::*;
use frame_support::BoundedVec;
use jsonrpsee::rpc_params;
use lineage_node::{
	client::{keys::ss58, Chain},
	rpc::attribution::{DatasetEarnings, Earnings, ModelRevenue},
};
use lineage_primitives::{CurationPolicy, RevenueSplit};
use lineage_runtime::{Runtime, RuntimeCall, RuntimeEvent, UNIT};
use sp_core::H256;
use sp_runtime::Perbill;

fn datasets(call: pallet_datasets::Call<Runtime>) -> RuntimeCall {
	call.into()
}

/// The fee a report's transaction paid.
fn fee_paid(report: &lineage_node::client::TxReport) -> u128 {
	report
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.expect("every signed transaction pays a fee")
}

async fn pending(chain: &Chain, who: &str, at: Option<H256>) -> String {
	chain.call("attribution_pendingRewards", rpc_params![who, at]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn payouts_over_rpc_match_hand_computed_figures_and_claims_pay_them() {
	let node = TestNode::instant();
	let chain = node.connect().await;
	let (alice, bob, charlie, eve, ferdie) =
		(dev("Alice"), dev("Bob"), dev("Charlie"), dev("Eve"), dev("Ferdie"));

	// An open dataset: Bob contributes 30 units, Charlie 10.
	submit_ok(
		&chain,
		&alice,
		datasets(pallet_datasets::Call::create_dataset {
			name: BoundedVec::try_from(b"speech".to_vec()).unwrap(),
			description: Default::default(),
			license: BoundedVec::try_from(b"CC-BY-4.0".to_vec()).unwrap(),
			policy: CurationPolicy::Open,
		}),
	)
	.await;
	let contribute = |hash: u8, units: u64| {
		datasets(pallet_datasets::Call::contribute {
			dataset_id: 0,
			content_hash: H256::repeat_byte(hash),
			units,
			metadata: Default::default(),
		})
	};
	submit_ok(&chain, &bob, contribute(1, 30)).await;
	submit_ok(&chain, &charlie, contribute(2, 10)).await;
	let (bob_c, charlie_c) = (0u64, 1u64);

	// Eve's model: fee 1 LIN, 70% contributors, 20% owner, 10% protocol.
	submit_ok(
		&chain,
		&eve,
		pallet_models::Call::<Runtime>::register_model {
			name: BoundedVec::try_from(b"lin-lm".to_vec()).unwrap(),
			version_hash: H256::repeat_byte(9),
			datasets: BoundedVec::try_from(vec![(0, Perbill::one())]).unwrap(),
			fee_per_inference: UNIT,
			split: RevenueSplit {
				contributors: Perbill::from_percent(70),
				owner: Perbill::from_percent(20),
				protocol: Perbill::from_percent(10),
			},
		}
		.into(),
	)
	.await;
	submit_ok(
		&chain,
		&ferdie,
		pallet_inference::Call::<Runtime>::authorize {
			model_id: 0,
			max_total: 10 * UNIT,
			max_fee_per_inference: UNIT,
		}
		.into(),
	)
	.await;
	let record = |request: u64, attribution: Vec<(u64, Perbill)>| -> RuntimeCall {
		pallet_inference::Call::<Runtime>::record_inferences {
			model_id: 0,
			records: BoundedVec::try_from(vec![pallet_inference::InferenceRecord {
				consumer: account(&ferdie),
				request_hash: H256::from_low_u64_be(request),
				output_hash: H256::from_low_u64_be(1000 + request),
				attribution: BoundedVec::try_from(attribution).unwrap(),
			}])
			.unwrap(),
		}
		.into()
	};
	let before_inferences = chain.best().await.unwrap().0;
	// Without attribution: 0.7 LIN pro rata, Bob 3/4 = 0.525, Charlie 1/4 = 0.175.
	let first = submit_ok(&chain, &eve, record(1, vec![])).await;
	assert!(first.events.iter().any(|e| matches!(
		e,
		RuntimeEvent::Attribution(pallet_attribution::Event::InferenceAttributed {
			fee, to_contributors, to_owner, to_protocol, ..
		}) if *fee == UNIT && *to_contributors == 700_000_000_000 && *to_owner == 200_000_000_000 && *to_protocol == 100_000_000_000
	)));
	// Half the contributors' share to Charlie's contribution: 0.35 to Charlie, and 0.35 pro rata:
	// Bob 0.2625, Charlie 0.0875.
	submit_ok(&chain, &eve, record(2, vec![(charlie_c, Perbill::from_percent(50))])).await;

	let (bob_a, charlie_a, eve_a) =
		(ss58(&account(&bob)), ss58(&account(&charlie)), ss58(&account(&eve)));
	assert_eq!(pending(&chain, &bob_a, None).await, "787500000000");
	assert_eq!(pending(&chain, &charlie_a, None).await, "612500000000");
	assert_eq!(pending(&chain, &eve_a, None).await, "400000000000");
	// At a block before the inferences, nothing was due yet.
	assert_eq!(pending(&chain, &bob_a, Some(before_inferences)).await, "0");

	let earnings: Earnings =
		chain.call("attribution_earnings", rpc_params![charlie_a.clone()]).await.unwrap();
	assert_eq!(
		earnings,
		Earnings {
			pending: "612500000000".into(),
			claimed: "0".into(),
			earned: "612500000000".into(),
			datasets: vec![DatasetEarnings { dataset_id: 0, pending: "262500000000".into() }],
		}
	);
	let explicit: String =
		chain.call("attribution_contributionEarnings", rpc_params![charlie_c]).await.unwrap();
	assert_eq!(explicit, "350000000000");
	let none: String =
		chain.call("attribution_contributionEarnings", rpc_params![bob_c]).await.unwrap();
	assert_eq!(none, "0");
	let revenue: ModelRevenue =
		chain.call("attribution_modelRevenue", rpc_params![0]).await.unwrap();
	assert_eq!(
		revenue,
		ModelRevenue {
			fees: "2000000000000".into(),
			contributors: "1400000000000".into(),
			owner: "400000000000".into(),
			protocol: "200000000000".into(),
			inferences: 2,
		}
	);
	// An unknown model is a valid input: it earned nothing.
	let unknown: ModelRevenue =
		chain.call("attribution_modelRevenue", rpc_params![77]).await.unwrap();
	assert_eq!(unknown.fees, "0");
	// Malformed parameters are JSON-RPC errors with a clear message.
	let bad =
		chain.call::<String>("attribution_pendingRewards", rpc_params!["5Grw"]).await.unwrap_err();
	assert!(bad.to_string().contains("not an SS58 account address"), "{bad}");
	let bad = chain.call::<Earnings>("attribution_earnings", rpc_params![]).await;
	assert!(bad.is_err());
	let bad = chain.call::<ModelRevenue>("attribution_modelRevenue", rpc_params!["zero"]).await;
	assert!(bad.is_err());

	// Claims move balances by exactly the pending amounts (less each claimer's transaction fee).
	for (pair, expected) in
		[(&bob, 787_500_000_000u128), (&charlie, 612_500_000_000), (&eve, 400_000_000_000)]
	{
		let who = account(pair);
		let before = chain.free_balance(&who, None).await.unwrap();
		let report =
			submit_ok(&chain, pair, pallet_attribution::Call::<Runtime>::claim_rewards {}.into())
				.await;
		assert!(report.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Attribution(pallet_attribution::Event::RewardsClaimed { who: w, amount })
				if *w == who && *amount == expected
		)));
		let after = chain.free_balance(&who, Some(report.block_hash)).await.unwrap();
		assert_eq!(after, before + expected - fee_paid(&report), "{}", ss58(&who));
		assert_eq!(pending(&chain, &ss58(&who), None).await, "0");
	}
	let earnings: Earnings = chain.call("attribution_earnings", rpc_params![bob_a]).await.unwrap();
	assert_eq!(
		(earnings.claimed.as_str(), earnings.earned.as_str()),
		("787500000000", "787500000000")
	);

	// A second claim has nothing to pay: a named error, and no money moves.
	let report = chain
		.submit(
			&bob,
			pallet_attribution::Call::<Runtime>::claim_rewards {}.into(),
			lineage_node::client::Wait::InBlock,
		)
		.await
		.unwrap();
	let failure = report.ensure_success().unwrap_err().to_string();
	assert!(failure.contains("Attribution.NothingToClaim"), "{failure}");

	// The pot kept exactly the existential deposit: everything due was paid out.
	let pot: sp_runtime::AccountId32 =
		chain.runtime_call("AttributionApi_pot_account", (), None).await.unwrap();
	assert_eq!(chain.free_balance(&pot, None).await.unwrap(), lineage_runtime::EXISTENTIAL_DEPOSIT);
	assert!(node.stop().success());
}
