//! End-to-end: Proof-of-Attribution payouts on the real node, and the attacks the rules exist
//! against, played over JSON-RPC: a reveal without a commitment, inflated units, a contribution
//! added after a model's snapshot, forged and expired vouchers. The `attribution_*` figures equal
//! hand-computed values; claims move balances by exactly those amounts.

use crate::common::*;
use codec::Encode;
use frame_support::BoundedVec;
use jsonrpsee::rpc_params;
use lineage_client::{keys::ss58, Chain, TxReport};
use lineage_primitives::{
	voucher::VoucherSignature, AuthorizationDetails, ContributionDetails, ContributionId,
	ContributionProof, CurationPolicy, DatasetDetails, DatasetId, DisputeDetails, InferenceDetails,
	InferenceId, ModelDetails, ModelId, ModelVersionDetails, RevenueSplit, SnapshotDetails,
};
use lineage_rpc_api::{
	AttributionApiClient, ContributionPage, DatasetEarnings, DatasetsApiClient, DisputeFilter,
	Earnings, InferenceApiClient, ModelPage, ModelRevenue, ModelsApiClient, OperatorBond, Snapshot,
};
use lineage_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UNIT};
use sp_core::{Pair, H256};
use sp_runtime::Perbill;

/// The fee a report's transaction paid.
fn fee_paid(report: &TxReport) -> u128 {
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

/// Each of the 21 Lineage RPC methods, asked at the best block for `accounts`, `contributions`
/// and pending `commitments` (and for ids that do not exist), answers what the chain's wasm
/// runtime answers through `state_call` at that block, converted as the node converts it. The
/// node answers these natively (`rpc::native`): this is what makes that safe.
async fn every_method_answers_as_the_wasm_runtime(
	chain: &Chain,
	accounts: &[AccountId],
	contributions: &[ContributionId],
	commitments: &[(AccountId, H256)],
) {
	let (at, _) = chain.best().await.unwrap();
	let (rpc, some) = (&chain.rpc, Some(at));
	// The runtime's answer to `$method` with `$args` (SCALE-encoded one after another).
	macro_rules! wasm {
		($method:literal $(, $arg:expr)*) => {
			state_call(chain, $method, ($($arg,)*).encode(), some).await
		};
	}
	let mut asked = 0;

	let datasets: DatasetId = wasm!("DatasetsApi_dataset_count");
	assert_eq!(rpc.dataset_count(some).await.unwrap(), datasets);
	for dataset_id in 0..=datasets {
		let wasm: Option<DatasetDetails<AccountId, Balance>> =
			wasm!("DatasetsApi_dataset", dataset_id);
		assert_eq!(rpc.dataset(dataset_id, some).await.unwrap(), wasm.map(Into::into));
		for index in 0..3 {
			let wasm: Option<SnapshotDetails<BlockNumber>> =
				wasm!("DatasetsApi_snapshot", dataset_id, index);
			let native = rpc.snapshot(dataset_id, index, some).await.unwrap();
			assert_eq!(native, wasm.map(|s| Snapshot::of(dataset_id, s)));
			asked += 1;
		}
	}
	let mut content_hashes = Vec::new();
	for &id in contributions.iter().chain([&ContributionId::MAX]) {
		let wasm: Option<ContributionDetails<AccountId, Balance, BlockNumber>> =
			wasm!("DatasetsApi_contribution", id);
		content_hashes.extend(wasm.as_ref().map(|c| c.content_hash));
		assert_eq!(rpc.contribution(id, some).await.unwrap(), wasm.map(Into::into), "{id}");
		let wasm: Option<ContributionProof<AccountId>> =
			wasm!("DatasetsApi_contribution_proof", id);
		match wasm {
			Some(proof) => {
				assert_eq!(rpc.contribution_proof(id, some).await.unwrap(), proof.into())
			},
			None => assert!(rpc.contribution_proof(id, some).await.is_err(), "{id}"),
		}
		let wasm: Balance = wasm!("AttributionApi_contribution_earnings", id);
		assert_eq!(rpc.contribution_earnings(id, some).await.unwrap(), wasm.to_string());
		asked += 3;
	}
	assert!(content_hashes.len() >= contributions.len(), "every contribution listed exists");
	content_hashes.push(H256::repeat_byte(0xee));
	for hash in &content_hashes {
		let wasm: Option<(AccountId, ContributionId)> = wasm!("DatasetsApi_content_owner", hash);
		assert_eq!(rpc.content_owner(*hash, some).await.unwrap(), wasm.map(Into::into));
		asked += 1;
	}
	let wasm: Vec<Option<(AccountId, ContributionId)>> =
		wasm!("DatasetsApi_content_owners", content_hashes.clone());
	let native = rpc.content_owners(content_hashes, some).await.unwrap();
	assert_eq!(native, wasm.into_iter().map(|o| o.map(Into::into)).collect::<Vec<_>>());
	let mut pending_commits = 0;
	for (who, commitment) in commitments {
		let wasm: Option<BlockNumber> = wasm!("DatasetsApi_pending_commit", who, commitment);
		pending_commits += usize::from(wasm.is_some());
		assert_eq!(rpc.pending_commit(ss58(who), *commitment, some).await.unwrap(), wasm);
	}
	assert!(pending_commits >= 1, "a pending commitment among those asked about");

	let models = [0, 1, ModelId::MAX];
	for model_id in models {
		let wasm: Option<ModelDetails<AccountId, Balance, BlockNumber>> =
			wasm!("ModelsApi_model", model_id);
		assert_eq!(rpc.model(model_id, some).await.unwrap(), wasm.map(Into::into));
		for number in 0..3 {
			let wasm: Option<ModelVersionDetails<BlockNumber>> =
				wasm!("ModelsApi_version", model_id, number);
			assert_eq!(rpc.version(model_id, number, some).await.unwrap(), wasm.map(Into::into));
		}
		let wasm: lineage_primitives::ModelRevenue<Balance> =
			wasm!("AttributionApi_model_revenue", model_id);
		assert_eq!(rpc.model_revenue(model_id, some).await.unwrap(), wasm.into());
		let wasm: Vec<DisputeDetails<AccountId, Balance, BlockNumber>> =
			wasm!("InferenceApi_disputes", None::<InferenceId>, Some(model_id));
		let filter = DisputeFilter { inference_id: None, model_id: Some(model_id) };
		let native = rpc.disputes(Some(filter), some).await.unwrap();
		assert_eq!(native, wasm.into_iter().map(Into::into).collect::<Vec<_>>());
		asked += 6;
	}
	for (start, limit) in [(None, None), (Some(1), Some(1))] {
		let (models, next): (Vec<ModelId>, Option<ModelId>) =
			wasm!("ModelsApi_model_ids", start.unwrap_or_default(), limit.unwrap_or(100));
		assert_eq!(rpc.model_ids(start, limit, some).await.unwrap(), ModelPage { models, next });
	}
	for inference_id in [0, 1, 2, 3, InferenceId::MAX] {
		let wasm: Option<InferenceDetails<AccountId, Balance, BlockNumber>> =
			wasm!("InferenceApi_inference", inference_id);
		assert_eq!(rpc.inference(inference_id, some).await.unwrap(), wasm.map(Into::into));
		let wasm: Vec<DisputeDetails<AccountId, Balance, BlockNumber>> =
			wasm!("InferenceApi_disputes", Some(inference_id), None::<ModelId>);
		let filter = DisputeFilter { inference_id: Some(inference_id), model_id: None };
		let native = rpc.disputes(Some(filter), some).await.unwrap();
		assert_eq!(native, wasm.into_iter().map(Into::into).collect::<Vec<_>>());
		asked += 2;
	}
	let wasm: Vec<DisputeDetails<AccountId, Balance, BlockNumber>> =
		wasm!("InferenceApi_disputes", None::<InferenceId>, None::<ModelId>);
	let native = rpc.disputes(None, some).await.unwrap();
	assert_eq!(native, wasm.into_iter().map(Into::into).collect::<Vec<_>>());

	for who in accounts {
		let address = ss58(who);
		// The first page (the default size), and a page of one after the first contribution.
		for (start_after, limit) in [(None, None), (contributions.first().copied(), Some(1))] {
			let (contributions, next): (Vec<ContributionId>, Option<ContributionId>) =
				wasm!("DatasetsApi_account_contributions", who, start_after, limit.unwrap_or(100));
			let native =
				rpc.account_contributions(address.clone(), start_after, limit, some).await.unwrap();
			assert_eq!(native, ContributionPage { contributions, next });
			let (models, next): (Vec<ModelId>, Option<ModelId>) = wasm!(
				"ModelsApi_models_of",
				who,
				start_after.map(|_| 0 as ModelId),
				limit.unwrap_or(100)
			);
			let native =
				rpc.models_of(address.clone(), start_after.map(|_| 0), limit, some).await.unwrap();
			assert_eq!(native, ModelPage { models, next });
		}
		let wasm: Balance = wasm!("AttributionApi_pending_rewards", who);
		assert_eq!(rpc.pending_rewards(address.clone(), some).await.unwrap(), wasm.to_string());
		let wasm: lineage_primitives::AccountEarnings<Balance> =
			wasm!("AttributionApi_earnings", who);
		assert_eq!(rpc.earnings(address.clone(), some).await.unwrap(), wasm.into());
		for model_id in models {
			let wasm: Option<AuthorizationDetails<AccountId, Balance>> =
				wasm!("InferenceApi_authorization", who, model_id);
			let native = rpc.authorization(address.clone(), model_id, some).await.unwrap();
			assert_eq!(native, wasm.map(Into::into));
			let wasm: Option<(Balance, Option<BlockNumber>)> =
				wasm!("InferenceApi_operator_bond", model_id, who);
			let native = rpc.operator_bond(model_id, address.clone(), some).await.unwrap();
			assert_eq!(
				native,
				wasm.map(|(amount, last_attributed)| OperatorBond {
					amount: amount.to_string(),
					last_attributed
				})
			);
		}
		asked += 4;
	}
	// The answers were not all empty: the chain has what the comparisons are about.
	assert!(asked > 50, "{asked}");
}

async fn pending(chain: &Chain, who: &sp_core::sr25519::Pair) -> String {
	chain.rpc.pending_rewards(ss58(&account(who)), None).await.unwrap()
}

fn failed_with(report: &TxReport, error: &str) -> bool {
	report.ensure_success().is_err_and(|e| e.to_string().contains(error))
}

#[tokio::test(flavor = "multi_thread")]
async fn payouts_over_rpc_match_hand_computed_figures_and_the_attacks_fail() {
	let node = TestNode::instant();
	let chain = node.connect().await;
	let (alice, bob, charlie, dave, eve, ferdie) =
		(dev("Alice"), dev("Bob"), dev("Charlie"), dev("Dave"), dev("Eve"), dev("Ferdie"));

	submit_ok(
		&chain,
		&alice,
		pallet_datasets::Call::<Runtime>::create_dataset {
			name: BoundedVec::try_from(b"speech".to_vec()).unwrap(),
			description: Default::default(),
			license: BoundedVec::try_from(b"CC-BY-4.0".to_vec()).unwrap(),
			policy: CurationPolicy::Open,
		}
		.into(),
	)
	.await;
	// Bob contributes 30 units, Charlie 10: commit, then reveal a block later.
	let bob_c = contribute(&chain, &bob, 0, H256::repeat_byte(1), 30).await;
	let charlie_c = contribute(&chain, &charlie, 0, H256::repeat_byte(2), 10).await;

	// Attack: a reveal with no earlier commitment (a watcher copying a pending contribution).
	let raced = submit(&chain, &dave, reveal(0, H256::repeat_byte(1), 1)).await;
	assert!(failed_with(&raced, "Datasets.NoCommitment"), "{:?}", raced.outcome);
	let raced = submit(&chain, &dave, reveal(0, H256::repeat_byte(9), 1)).await;
	assert!(failed_with(&raced, "Datasets.NoCommitment"), "{:?}", raced.outcome);

	// Attack: inflated units pay their deposit per unit, up to the cap.
	let per_unit = <Runtime as pallet_datasets::Config>::DepositPerUnit::get();
	let base = <Runtime as pallet_datasets::Config>::ContributionDeposit::get();
	let dave_account = account(&dave);
	let dave_reserved = || {
		let (chain, who) = (&chain, dave_account.clone());
		async move { chain.account(&who, None).await.unwrap().data.reserved }
	};
	commit(&chain, &dave, H256::repeat_byte(5)).await;
	let too_many = submit(&chain, &dave, reveal(0, H256::repeat_byte(5), 1_000_001)).await;
	assert!(failed_with(&too_many, "Datasets.TooManyUnits"), "{:?}", too_many.outcome);

	// Eve's model: fee 1 LIN, 70% contributors, 15% owner, 5% operator, 10% protocol; trained on
	// the dataset as it is now (snapshot 0: Bob's and Charlie's contributions).
	submit_ok(
		&chain,
		&eve,
		pallet_models::Call::<Runtime>::register_model {
			name: BoundedVec::try_from(b"lin-lm".to_vec()).unwrap(),
			version_hash: H256::repeat_byte(9),
			datasets: BoundedVec::try_from(vec![pallet_models::DatasetChoice {
				dataset_id: 0,
				weight: Perbill::one(),
				snapshot: None,
			}])
			.unwrap(),
			fee_per_inference: UNIT,
			split: RevenueSplit {
				contributors: Perbill::from_percent(70),
				owner: Perbill::from_percent(15),
				operator: Perbill::from_percent(5),
				protocol: Perbill::from_percent(10),
			},
		}
		.into(),
	)
	.await;
	// Attack: Dave's sock puppet, accepted after the model's snapshot, with 40 units (their
	// deposit held per unit).
	let before = dave_reserved().await;
	let late = contribute(&chain, &dave, 0, H256::repeat_byte(3), 40).await;
	assert_eq!(dave_reserved().await, before + base + 40 * per_unit);

	submit_ok(
		&chain,
		&ferdie,
		pallet_inference::Call::<Runtime>::authorize {
			model_id: 0,
			max_total: 10 * UNIT,
			max_fee_per_inference: UNIT,
			operators: None,
		}
		.into(),
	)
	.await;
	submit_ok(
		&chain,
		&eve,
		pallet_inference::Call::<Runtime>::bond_operator { model_id: 0 }.into(),
	)
	.await;
	let meter = |records: Vec<pallet_inference::InferenceRecord<Runtime>>| -> RuntimeCall {
		pallet_inference::Call::<Runtime>::record_inferences {
			model_id: 0,
			records: BoundedVec::try_from(records).unwrap(),
		}
		.into()
	};
	let attributed = |mut r: pallet_inference::InferenceRecord<Runtime>,
	                  entries: Vec<(u64, Perbill)>| {
		r.attribution = BoundedVec::try_from(entries).unwrap();
		r
	};
	let best = chain.best().await.unwrap().1;
	let before_inferences = chain.best().await.unwrap().0;

	// #0 without attribution: 0.7 LIN pro rata to the snapshot's 40 units: Bob 0.525, Charlie
	// 0.175; Dave's 40 later units get nothing. Eve: 0.15 as owner, 0.05 as operator.
	let first = submit_ok(
		&chain,
		&eve,
		meter(vec![voucher_record(&chain, &ferdie, 0, "req-1", UNIT, best)]),
	)
	.await;
	assert!(first.events.iter().any(|e| matches!(
		e,
		RuntimeEvent::Attribution(pallet_attribution::Event::InferenceAttributed {
			fee, to_contributors, to_owner, to_operator, to_protocol, ..
		}) if *fee == UNIT && *to_contributors == 700_000_000_000 && *to_owner == 150_000_000_000
			&& *to_operator == 50_000_000_000 && *to_protocol == 100_000_000_000
	)));
	// Explicit attribution to Dave's late contribution is refused.
	let refused = submit(
		&chain,
		&eve,
		meter(vec![attributed(
			voucher_record(&chain, &ferdie, 0, "req-2", UNIT, best),
			vec![(late, Perbill::from_percent(50))],
		)]),
	)
	.await;
	assert!(
		failed_with(&refused, "Inference.ContributionOutsideSnapshot"),
		"{:?}",
		refused.outcome
	);
	// #1: half the contributors' share to Charlie's contribution: 0.35 to Charlie, and 0.35 pro
	// rata: Bob 0.2625, Charlie 0.0875.
	submit_ok(
		&chain,
		&eve,
		meter(vec![attributed(
			voucher_record(&chain, &ferdie, 0, "req-2", UNIT, best),
			vec![(charlie_c, Perbill::from_percent(50))],
		)]),
	)
	.await;
	assert_eq!(pending(&chain, &bob).await, "787500000000");
	assert_eq!(pending(&chain, &charlie).await, "612500000000");
	assert_eq!(pending(&chain, &dave).await, "0");
	assert_eq!(pending(&chain, &eve).await, "400000000000");

	// Attack: a forged voucher (Eve signs for Ferdie) and an expired one change nothing.
	let ferdie_held = chain.account(&account(&ferdie), None).await.unwrap().data.reserved;
	let mut forged = voucher_record(&chain, &ferdie, 0, "req-3", UNIT, best);
	forged.signature = VoucherSignature::Raw(eve.sign(&forged.voucher.signing_payload()).into());
	let refused = submit(&chain, &eve, meter(vec![forged])).await;
	assert!(failed_with(&refused, "Inference.BadVoucherSignature"), "{:?}", refused.outcome);
	let now = chain.best().await.unwrap().1;
	let mut expired = voucher_record(&chain, &ferdie, 0, "req-4", UNIT, best);
	expired.voucher.expires_at = now;
	let signed = ferdie.sign(&expired.voucher.signing_payload());
	expired.signature = VoucherSignature::Raw(signed.into());
	let refused = submit(&chain, &eve, meter(vec![expired])).await;
	assert!(failed_with(&refused, "Inference.VoucherExpired"), "{:?}", refused.outcome);
	assert_eq!(chain.account(&account(&ferdie), None).await.unwrap().data.reserved, ferdie_held);

	// Version 1 is trained on the dataset as it is now: Dave's 40 units are in its snapshot.
	submit_ok(
		&chain,
		&eve,
		pallet_models::Call::<Runtime>::publish_version {
			model_id: 0,
			version_hash: H256::repeat_byte(10),
			snapshots: Default::default(),
		}
		.into(),
	)
	.await;
	// #2: 0.7 over 80 units: Bob 0.2625, Charlie 0.0875, Dave 0.35.
	submit_ok(&chain, &eve, meter(vec![voucher_record(&chain, &ferdie, 0, "req-5", UNIT, best)]))
		.await;
	assert_eq!(pending(&chain, &bob).await, "1050000000000");
	assert_eq!(pending(&chain, &charlie).await, "700000000000");
	assert_eq!(pending(&chain, &dave).await, "350000000000");
	assert_eq!(pending(&chain, &eve).await, "600000000000");
	// At a block before the inferences, nothing was due yet.
	let earlier = chain.rpc.pending_rewards(ss58(&account(&bob)), Some(before_inferences)).await;
	assert_eq!(earlier.unwrap(), "0");

	let earnings = chain.rpc.earnings(ss58(&account(&charlie)), None).await.unwrap();
	assert_eq!(
		earnings,
		Earnings {
			pending: "700000000000".into(),
			claimed: "0".into(),
			earned: "700000000000".into(),
			datasets: vec![DatasetEarnings { dataset_id: 0, pending: "350000000000".into() }],
		}
	);
	// The JSON is camelCase.
	let raw: serde_json::Value =
		chain.call("attribution_earnings", rpc_params![ss58(&account(&charlie))]).await.unwrap();
	assert_eq!(raw["datasets"][0]["datasetId"], 0, "{raw}");
	assert_eq!(chain.rpc.contribution_earnings(charlie_c, None).await.unwrap(), "350000000000");
	assert_eq!(chain.rpc.contribution_earnings(bob_c, None).await.unwrap(), "0");
	let revenue = chain.rpc.model_revenue(0, None).await.unwrap();
	assert_eq!(
		revenue,
		ModelRevenue {
			fees: "3000000000000".into(),
			contributors: "2100000000000".into(),
			owner: "450000000000".into(),
			operators: "150000000000".into(),
			protocol: "300000000000".into(),
			inferences: 3,
		}
	);
	// The node answers these methods natively (it runs the chain's runtime, compiled in); the
	// chain's wasm runtime, asked through `state_call`, gives the same answers.
	let native_before = node.counter(NATIVE_QUERIES, "path=\"native\"");
	for pair in [&bob, &charlie, &dave, &eve, &ferdie] {
		let wasm: u128 =
			state_call(&chain, "AttributionApi_pending_rewards", account(pair).encode(), None)
				.await;
		assert_eq!(pending(&chain, pair).await, wasm.to_string());
		let wasm: lineage_primitives::AccountEarnings<u128> =
			state_call(&chain, "AttributionApi_earnings", account(pair).encode(), None).await;
		let native = chain.rpc.earnings(ss58(&account(pair)), None).await.unwrap();
		assert_eq!(native, Earnings::from(wasm));
	}
	for contribution in [bob_c, charlie_c, late] {
		let wasm: Option<lineage_primitives::ContributionProof<AccountId>> =
			state_call(&chain, "DatasetsApi_contribution_proof", contribution.encode(), None).await;
		let native = chain.rpc.contribution_proof(contribution, None).await.unwrap();
		assert_eq!(native, wasm.expect("an accepted contribution's proof").into());
	}
	let wasm: lineage_primitives::ModelRevenue<u128> =
		state_call(&chain, "AttributionApi_model_revenue", 0u32.encode(), None).await;
	assert_eq!(chain.rpc.model_revenue(0, None).await.unwrap(), ModelRevenue::from(wasm));
	// 5 x 2 + 3 + 1 queries, all native; none went to the wasm runtime.
	assert_eq!(node.counter(NATIVE_QUERIES, "path=\"native\"") - native_before, 14.0);
	assert_eq!(node.counter(NATIVE_QUERIES, "path=\"wasm\""), 0.0);
	// Every Lineage method, with every kind of argument this chain gives, at one block.
	let accounts = [&alice, &bob, &charlie, &dave, &eve, &ferdie].map(account);
	let dave_commitment =
		lineage_primitives::contribution_commitment(&H256::repeat_byte(5), &account(&dave), &SALT);
	every_method_answers_as_the_wasm_runtime(
		&chain,
		&accounts,
		&[bob_c, charlie_c, late],
		&[(account(&dave), dave_commitment), (account(&bob), dave_commitment)],
	)
	.await;
	assert_eq!(node.counter(NATIVE_QUERIES, "path=\"wasm\""), 0.0);

	// The model, its versions and snapshots, and the inferences say which version served them.
	let model = chain.rpc.model(0, None).await.unwrap().unwrap();
	assert_eq!(model.current_version.number, 1);
	assert_eq!(model.versions[0].snapshots[0].leaf_count, 2);
	assert_eq!(model.current_version.snapshots[0].leaf_count, 3);
	let snapshot = chain.rpc.snapshot(0, 1, None).await.unwrap().unwrap();
	assert_eq!(snapshot.leaf_count, 3);
	let inference = chain.rpc.inference(1, None).await.unwrap().unwrap();
	assert_eq!(
		(inference.version, inference.operator.as_str()),
		(0, ss58(&account(&eve)).as_str())
	);
	assert_eq!(chain.rpc.inference(2, None).await.unwrap().unwrap().version, 1);
	// An unknown model is a valid input: it earned nothing.
	assert_eq!(chain.rpc.model_revenue(77, None).await.unwrap().fees, "0");
	assert!(chain.rpc.model(77, None).await.unwrap().is_none());
	// Malformed parameters are JSON-RPC errors with a clear message.
	let bad = chain.rpc.pending_rewards("5Grw".into(), None).await.unwrap_err();
	assert!(bad.to_string().contains("not an SS58 account address"), "{bad}");
	let bad = chain.call::<Earnings>("attribution_earnings", rpc_params![]).await;
	assert!(bad.is_err());
	let bad = chain.call::<ModelRevenue>("attribution_modelRevenue", rpc_params!["zero"]).await;
	assert!(bad.is_err());
	let too_many: Vec<H256> = vec![H256::zero(); 1001];
	assert!(chain.rpc.content_owners(too_many, None).await.is_err());

	// Claims move balances by exactly the pending amounts (less each claimer's transaction fee).
	for (pair, expected) in [
		(&bob, 1_050_000_000_000u128),
		(&charlie, 700_000_000_000),
		(&dave, 350_000_000_000),
		(&eve, 600_000_000_000),
	] {
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
		assert_eq!(pending(&chain, pair).await, "0");
	}
	// A second claim has nothing to pay: a named error, and no money moves.
	let report =
		submit(&chain, &bob, pallet_attribution::Call::<Runtime>::claim_rewards {}.into()).await;
	assert!(failed_with(&report, "Attribution.NothingToClaim"));
	assert!(node.stop().success());
}
