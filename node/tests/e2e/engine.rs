//! End-to-end: attribution anyone can recompute. Contributors' text records, a model output
//! built partly from two of them; `lineage attribute`, then `lineage infer --attribute` with a
//! consumer's voucher, then `lineage attribution verify` prints MATCH; the same output checked
//! against records with one of them altered fails, naming the difference; a challenge upheld by
//! Root moves the bonds by exactly the slashed amounts.

use crate::{common::*, journey::*};
use lineage_client::keys::ss58;
use lineage_runtime::{Runtime, RuntimeCall, RuntimeEvent, UNIT};

/// A paragraph of `words` words, different for each `seed`.
fn paragraph(seed: u64, words: usize) -> String {
	const VOCABULARY: [&str; 24] = [
		"river", "stone", "bread", "salt", "window", "garden", "lantern", "copper", "meadow",
		"harbor", "violet", "thunder", "candle", "orchard", "silver", "ember", "willow", "falcon",
		"marble", "saffron", "glacier", "velvet", "cedar", "quartz",
	];
	let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
	(0..words)
		.map(|_| {
			state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
			VOCABULARY[(state >> 33) as usize % VOCABULARY.len()]
		})
		.collect::<Vec<_>>()
		.join(" ")
}

fn fee_paid_by(events: &[(Option<u32>, RuntimeEvent)], who: &lineage_runtime::AccountId) -> u128 {
	events
		.iter()
		.filter_map(|(_, e)| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: w, actual_fee, ..
				},
			) if w == who => Some(*actual_fee),
			_ => None,
		})
		.sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn attribution_is_recomputed_verified_and_disputed() {
	let node = TestNode::instant();
	let chain = node.connect().await;
	let files = tempfile::tempdir().unwrap();
	let records = files.path().join("records");
	std::fs::create_dir(&records).unwrap();
	let texts: Vec<String> = (0..4).map(|i| paragraph(i, 80)).collect();
	for (i, text) in texts.iter().enumerate() {
		std::fs::write(records.join(format!("record-{i}.txt")), text).unwrap();
	}
	let dataset = cli_json(&node, &["dataset", "create", "--name", "prose", "--suri", "//Alice"])
		["datasetId"]
		.as_u64()
		.unwrap()
		.to_string();
	// Charlie contributes records 0 and 1, Dave records 2 and 3.
	let path = |i: usize| records.join(format!("record-{i}.txt")).display().to_string();
	let charlie = cli_json(
		&node,
		&["contribute", "--dataset", &dataset, &path(0), &path(1), "--suri", "//Charlie"],
	);
	let dave = cli_json(
		&node,
		&["contribute", "--dataset", &dataset, &path(2), &path(3), "--suri", "//Dave"],
	);
	let ids: Vec<u64> = [&charlie, &dave]
		.iter()
		.flat_map(|v| v["contributions"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap()))
		.collect();
	assert_eq!(ids.len(), 4);

	// Eve's model, trained on all four; she bonds to record attribution.
	let model = cli_json(
		&node,
		&[
			"model",
			"register",
			"--name",
			"prose-lm",
			"--version",
			"v1",
			"--dataset",
			&format!("{dataset}:100"),
			"--fee",
			"1LIN",
			"--split",
			"70/15/5/10",
			"--suri",
			"//Eve",
		],
	)["modelId"]
		.as_u64()
		.unwrap()
		.to_string();
	cli_ok(&node, &["bond", "--model", &model, "--suri", "//Eve"]);

	// An output: 30 words of record 0, new words, 20 words of record 2, new words.
	let words = |text: &str, from: usize, n: usize| {
		text.split(' ').skip(from).take(n).collect::<Vec<_>>().join(" ")
	};
	let output = format!(
		"{} the answer continues here with words of its own {} and it ends here",
		words(&texts[0], 10, 30),
		words(&texts[2], 40, 20)
	);
	let out = write(files.path(), "out.txt", &output);

	let attributed = cli_json(
		&node,
		&[
			"attribute",
			"--model",
			&model,
			"--output",
			&out,
			"--records",
			&records.display().to_string(),
		],
	);
	let entries = attributed["attribution"].as_array().unwrap();
	let attributed_ids: Vec<u64> =
		entries.iter().map(|e| e["contribution"].as_u64().unwrap()).collect();
	assert!(attributed_ids.contains(&ids[0]) && attributed_ids.contains(&ids[2]), "{attributed}");
	assert!(!attributed_ids.contains(&ids[1]) && !attributed_ids.contains(&ids[3]), "{attributed}");
	// Record 0's share is larger (30 tokens against 20).
	let weight = |id: u64| {
		entries.iter().find(|e| e["contribution"] == id).unwrap()["weightParts"].as_u64().unwrap()
	};
	assert!(weight(ids[0]) > weight(ids[2]), "{attributed}");
	assert_eq!(attributed["method"], serde_json::json!({ "kind": "spanMatchV1", "minTokens": 8 }));

	// Ferdie authorises and signs a voucher; Eve meters the inference with its attribution.
	cli_ok(
		&node,
		&[
			"authorize",
			"--model",
			&model,
			"--max-total",
			"5LIN",
			"--max-fee",
			"1LIN",
			"--suri",
			"//Ferdie",
		],
	);
	let signed = vouchers(&node, &model, "//Ferdie", &["prose-1"], &[]);
	let file = write(
		files.path(),
		"inference.json",
		&serde_json::json!([{ "voucher": signed[0], "outputFile": out }]).to_string(),
	);
	let recorded = cli_json(
		&node,
		&[
			"infer",
			"--model",
			&model,
			&file,
			"--attribute",
			"--records",
			&records.display().to_string(),
			"--suri",
			"//Eve",
		],
	);
	let inference = recorded["inferences"][0].as_u64().unwrap().to_string();

	// Anyone holding the output and the records recomputes it: MATCH.
	let verify = |records: &str| {
		cli(
			&node,
			&[
				"attribution",
				"verify",
				"--inference",
				&inference,
				"--output",
				&out,
				"--records",
				records,
			],
		)
	};
	let (ok, stdout, stderr) = verify(&records.display().to_string());
	assert!(ok && stdout.contains("MATCH: inference"), "{stdout}\n{stderr}");

	// With one record altered, verification fails and names the difference.
	let altered = files.path().join("altered");
	std::fs::create_dir(&altered).unwrap();
	for (i, text) in texts.iter().enumerate() {
		let text = if i == 2 { text.replacen(' ', " changed ", 45) } else { text.clone() };
		std::fs::write(altered.join(format!("record-{i}.txt")), text).unwrap();
	}
	let (ok, stdout, _) = verify(&altered.display().to_string());
	assert!(!ok, "an altered record verified: {stdout}");
	assert!(stdout.contains("MISMATCH"), "{stdout}");
	assert!(stdout.contains("is no contribution on chain"), "{stdout}");
	assert!(stdout.contains(&format!("contribution {}: recomputed 0 plancks", ids[2])), "{stdout}");
	assert!(stdout.contains("evidence hash"), "{stdout}");
	// And so does another output.
	let other = write(files.path(), "other.txt", &words(&texts[1], 0, 40));
	let (ok, stdout, _) = cli(
		&node,
		&[
			"attribution",
			"verify",
			"--inference",
			&inference,
			"--output",
			&other,
			"--records",
			&records.display().to_string(),
		],
	);
	assert!(!ok && stdout.contains("output hash"), "{stdout}");

	// Bob challenges the attribution; Root upholds it: half of Eve's 100 LIN bond is slashed, 25
	// LIN to Bob (whose 10 LIN bond returns), 25 LIN to the treasury, and Eve is no longer an
	// operator (she stays the owner).
	let out = cli_ok(
		&node,
		&[
			"challenge",
			"--inference",
			&inference,
			"--evidence-uri",
			"https://example.org/evidence",
			"--suri",
			"//Bob",
		],
	);
	assert!(out.contains("Inference.Challenged"), "{out}");
	let disputes = cli_json(&node, &["disputes", "--model", &model]);
	assert_eq!(disputes.as_array().unwrap().len(), 1, "{disputes}");
	let (bob, eve) = (account(&dev("Bob")), account(&dev("Eve")));
	let treasury: lineage_runtime::AccountId = lineage_runtime::configs::TreasuryAccount::get();
	let total = |who: lineage_runtime::AccountId| {
		let chain = &chain;
		async move {
			let data = chain.account(&who, None).await.unwrap().data;
			(data.free, data.reserved)
		}
	};
	let ((bob_free, bob_reserved), (eve_free, eve_reserved), (treasury_free, _)) =
		(total(bob.clone()).await, total(eve.clone()).await, total(treasury.clone()).await);
	let challenge_bond = <Runtime as pallet_inference::Config>::ChallengeBond::get();
	assert_eq!(bob_reserved, challenge_bond);
	let resolve = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
		call: Box::new(RuntimeCall::Inference(pallet_inference::Call::resolve_dispute {
			inference_id: inference.parse().unwrap(),
			upheld: true,
		})),
	});
	let report = submit_ok(&chain, &dev("Alice"), resolve).await;
	assert!(report.events.iter().any(|e| matches!(
		e,
		RuntimeEvent::Inference(pallet_inference::Event::DisputeUpheld { to_challenger, to_treasury, .. })
			if *to_challenger == 25 * UNIT && *to_treasury == 25 * UNIT
	)), "{:?}", report.events);
	let events = chain.events(report.block_hash).await.unwrap();
	let (bob_after, eve_after, treasury_after) =
		(total(bob).await, total(eve.clone()).await, total(treasury).await);
	assert_eq!(bob_after, (bob_free + challenge_bond + 25 * UNIT, bob_reserved - challenge_bond));
	assert_eq!(eve_after, (eve_free, eve_reserved - 50 * UNIT));
	// The treasury also received the fee of the sudo call (transaction fees go to it).
	let sudo_fee = fee_paid_by(&events, &account(&dev("Alice")));
	assert_eq!(treasury_after.0, treasury_free + 25 * UNIT + sudo_fee);
	assert!(cli_json(&node, &["disputes"]).as_array().unwrap().is_empty());
	let shown = cli_json(&node, &["model", "show", &model]);
	assert_eq!(shown["owner"], ss58(&eve));

	drop(chain);
	assert!(node.stop().success());
}
