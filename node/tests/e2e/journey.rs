//! End-to-end: the contributor, consumer and model-owner journey through the `lineage` client,
//! against a fresh dev node, exactly as users would type it: contributions by commit and reveal,
//! curation with units, a model, vouchers, metering, earnings, claims, unbonding, verification.

use crate::common::*;
use lineage_client::keys::ss58;
use lineage_runtime::{Runtime, RuntimeEvent, UNIT};
use serde_json::Value;
use std::{path::Path, process::Command};

/// Runs `lineage <args> --url <node>`; returns success, stdout and stderr.
pub fn cli(node: &TestNode, args: &[&str]) -> (bool, String, String) {
	let out =
		Command::new(client_binary()).args(args).args(["--url", &node.url()]).output().unwrap();
	(
		out.status.success(),
		String::from_utf8_lossy(&out.stdout).into_owned(),
		String::from_utf8_lossy(&out.stderr).into_owned(),
	)
}

/// Runs a command that must succeed and prints JSON on its last line.
pub fn cli_json(node: &TestNode, args: &[&str]) -> Value {
	let (ok, stdout, stderr) = cli(node, &[args, &["--json"]].concat());
	assert!(ok, "lineage {args:?} failed:\n{stdout}\n{stderr}");
	serde_json::from_str(stdout.lines().last().unwrap_or_default())
		.unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

pub fn cli_ok(node: &TestNode, args: &[&str]) -> String {
	let (ok, stdout, stderr) = cli(node, args);
	assert!(ok, "lineage {args:?} failed:\n{stdout}\n{stderr}");
	stdout
}

pub fn write(dir: &Path, name: &str, content: &str) -> String {
	let path = dir.join(name);
	std::fs::write(&path, content).unwrap();
	path.display().to_string()
}

/// Signs vouchers as `consumer` for `requests`; returns the JSON array.
pub fn vouchers(
	node: &TestNode,
	model: &str,
	consumer: &str,
	requests: &[&str],
	extra: &[&str],
) -> Value {
	let mut args =
		vec!["voucher", "sign", "--model", model, "--max-fee", "1LIN", "--suri", consumer];
	for r in requests {
		args.extend(["--request", r]);
	}
	args.extend(extra);
	let (ok, stdout, stderr) = cli(node, &args);
	assert!(ok, "voucher sign failed: {stdout}\n{stderr}");
	serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn contributor_consumer_and_model_owner_journey() {
	let node = TestNode::instant();
	let chain = node.connect().await;
	let files = tempfile::tempdir().unwrap();
	let dir = files.path();

	// Alice creates a curated dataset and adds Bob as curator.
	let created = cli_json(
		&node,
		&[
			"dataset",
			"create",
			"--name",
			"speech",
			"--license",
			"CC-BY-4.0",
			"--curated",
			"--suri",
			"//Alice",
		],
	);
	let dataset = created["datasetId"].as_u64().unwrap().to_string();
	let out = cli_ok(&node, &["dataset", "curator", "add", &dataset, "//Bob", "--suri", "//Alice"]);
	assert!(out.contains("Datasets.CuratorAdded"), "{out}");

	// Charlie and Dave contribute files (each commits, then reveals); each unit holds a deposit.
	let a = write(dir, "a.txt", "charlie's first recording\n");
	let b = write(dir, "b.txt", "charlie's second recording\n");
	let c = write(dir, "c.txt", "dave's recording\n");
	let d = write(dir, "d.txt", "dave's spam\n");
	let charlie = cli_json(
		&node,
		&["contribute", "--dataset", &dataset, "--units", "30", &a, "--suri", "//Charlie"],
	);
	let charlie_b = cli_json(
		&node,
		&["contribute", "--dataset", &dataset, "--units", "10", &b, "--suri", "//Charlie"],
	);
	let dave_cd = cli_json(
		&node,
		&["contribute", "--dataset", &dataset, "--units", "20", &c, &d, "--suri", "//Dave"],
	);
	let id = |v: &Value, i: usize| v["contributions"][i].as_u64().unwrap();
	let (ca, cb, dc, dd) = (id(&charlie, 0), id(&charlie_b, 0), id(&dave_cd, 0), id(&dave_cd, 1));
	// Dave submits one of Charlie's files: it is already on chain, and skipped.
	let dup = cli_json(&node, &["contribute", "--dataset", &dataset, &a, "--suri", "//Dave"]);
	assert_eq!(dup["contributions"].as_array().unwrap().len(), 0, "{dup}");
	assert_eq!(dup["skipped"][0]["contributionId"], ca, "{dup}");

	// Bob accepts three (Dave's recording with 15 of the 20 units declared) and rejects Dave's
	// spam: half its deposit is slashed, the rest returned.
	let dave = account(&dev("Dave"));
	let dave_total = |at| {
		let chain = &chain;
		let dave = dave.clone();
		async move {
			let info = chain.account(&dave, at).await.unwrap();
			info.data.free + info.data.reserved
		}
	};
	for accept in [ca, cb] {
		let out = cli_ok(&node, &["review", &accept.to_string(), "--accept", "--suri", "//Bob"]);
		assert!(out.contains("Datasets.ContributionAccepted"), "{out}");
	}
	let out =
		cli_ok(&node, &["review", &dc.to_string(), "--accept", "--units", "15", "--suri", "//Bob"]);
	assert!(out.contains("(15 units)"), "{out}");
	let before = dave_total(None).await;
	let out = cli_ok(&node, &["review", &dd.to_string(), "--reject", "--suri", "//Bob"]);
	// 0.1 LIN + 20 units × 0.001 LIN = 0.12 LIN: 0.06 LIN slashed.
	assert!(
		out.contains("Datasets.ContributionRejected") && out.contains("0.06 LIN slashed"),
		"{out}"
	);
	assert_eq!(dave_total(None).await, before - 60 * UNIT / 1000);
	// Curators only: Charlie cannot review.
	let (ok, stdout, _) =
		cli(&node, &["review", &ca.to_string(), "--accept", "--suri", "//Charlie"]);
	assert!(!ok && stdout.contains("Datasets.NotCurator"), "{stdout}");

	let shown = cli_json(&node, &["dataset", "show", &dataset]);
	assert_eq!(shown["acceptedCount"], 3);
	assert_eq!(shown["acceptedUnits"], "55");
	assert_eq!(shown["curators"][0], ss58(&account(&dev("Bob"))));

	// Eve registers a model on the dataset (trained on it as it is now): fee 1 LIN, 60%
	// contributors, 25% owner, 5% operator, 10% protocol.
	let model = cli_json(
		&node,
		&[
			"model",
			"register",
			"--name",
			"lin-speech",
			"--version",
			"v1",
			"--dataset",
			&format!("{dataset}:100"),
			"--fee",
			"1LIN",
			"--split",
			"60/25/5/10",
			"--suri",
			"//Eve",
		],
	)["modelId"]
		.as_u64()
		.unwrap()
		.to_string();
	// Ferdie authorises up to 5 LIN, at most 1 LIN per inference, through Eve (the default).
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
	// Eve bonds to record attribution.
	let out = cli_ok(&node, &["bond", "--model", &model, "--suri", "//Eve"]);
	assert!(out.contains("OperatorBonded"), "{out}");

	// Ferdie signs a voucher per request; Eve records the three inferences with them.
	let signed = vouchers(&node, &model, "//Ferdie", &["req-1", "req-2", "req-3"], &[]);
	let inferences = write(
		dir,
		"inferences.json",
		&serde_json::json!([
			{ "voucher": signed[0], "output": "hello" },
			{ "voucher": signed[1], "output": "world",
			  "attribution": [{ "contribution": ca, "weight": 50 }] },
			{ "voucher": signed[2], "output": "again",
			  "attribution": [{ "contribution": dc, "weight": 25 }, { "contribution": cb, "weight": "25" }] },
		])
		.to_string(),
	);
	let recorded = cli_json(&node, &["infer", "--model", &model, &inferences, "--suri", "//Eve"]);
	assert_eq!(recorded["inferences"].as_array().unwrap().len(), 3, "{recorded}");
	// Replaying the same vouchers is refused.
	let (ok, stdout, _) = cli(&node, &["infer", "--model", &model, &inferences, "--suri", "//Eve"]);
	assert!(!ok && stdout.contains("Inference.DuplicateRequest"), "{stdout}");

	// A voucher tampered with (a higher maximum) is caught before any fee is spent; an expired
	// one is refused by the chain; Ferdie's hold does not move.
	let ferdie = account(&dev("Ferdie"));
	let held = |who: lineage_runtime::AccountId| {
		let chain = &chain;
		async move { chain.account(&who, None).await.unwrap().data.reserved }
	};
	let ferdie_held = held(ferdie.clone()).await;
	let mut tampered = vouchers(&node, &model, "//Ferdie", &["req-4"], &[]);
	tampered[0]["maxFee"] = Value::String((2 * UNIT).to_string());
	let forged = write(
		dir,
		"forged.json",
		&serde_json::json!([{ "voucher": tampered[0], "output": "x" }]).to_string(),
	);
	let (ok, _, stderr) = cli(&node, &["infer", "--model", &model, &forged, "--suri", "//Eve"]);
	assert!(!ok && stderr.contains("not its consumer's"), "{stderr}");
	let short = vouchers(&node, &model, "//Ferdie", &["req-5"], &["--expires-in", "1"]);
	let expires_at = short[0]["expiresAt"].as_u64().unwrap() as u32;
	node.wait_for_block(&chain, expires_at, std::time::Duration::from_secs(30)).await;
	let expired = write(
		dir,
		"expired.json",
		&serde_json::json!([{ "voucher": short[0], "output": "y" }]).to_string(),
	);
	let (ok, stdout, _) = cli(&node, &["infer", "--model", &model, &expired, "--suri", "//Eve"]);
	assert!(!ok && stdout.contains("Inference.VoucherExpired"), "{stdout}");
	assert_eq!(held(ferdie.clone()).await, ferdie_held);

	// By hand (C = 0.6 LIN per inference, 55 accepted units: Charlie 40, Dave 15):
	//   #1: pro rata 0.6         -> Charlie 0.6·40/55,            Dave 0.6·15/55
	//   #2: 50% to a (Charlie)   -> Charlie 0.3 + 0.3·40/55,      Dave 0.3·15/55
	//   #3: 25% to c, 25% to b   -> Charlie 0.15 + 0.3·40/55,     Dave 0.15 + 0.3·15/55
	//   pro rata: 1.2 LIN in all: Charlie 0.872727..., Dave 0.327272...
	//   Charlie 0.45 + 0.872727... = 1.322727272727 LIN, Dave 0.15 + 0.327272... = 0.477272727272
	//   LIN (rounded down to the planck), Eve (owner 25%, operator 5%) 0.9 LIN.
	let earnings = |who: &str| cli_json(&node, &["earnings", who]);
	let charlie_e = earnings("//Charlie");
	assert_eq!(charlie_e["pending"], "1322727272727", "{charlie_e}");
	assert_eq!(earnings("//Dave")["pending"], "477272727272");
	assert_eq!(earnings(&ss58(&account(&dev("Eve"))))["pending"], (90 * UNIT / 100).to_string());
	let human = cli_ok(&node, &["earnings", "//Charlie"]);
	assert!(human.contains("claimable now: 1.322727272727 LIN"), "{human}");

	// Charlie claims: his free balance rises by exactly that, less the claim's fee.
	let charlie_acc = account(&dev("Charlie"));
	let before = chain.free_balance(&charlie_acc, None).await.unwrap();
	let claim = cli_json(&node, &["claim", "--suri", "//Charlie"]);
	assert_eq!(claim["claimed"], "1322727272727");
	let block: sp_core::H256 = serde_json::from_value(claim["blockHash"].clone()).unwrap();
	let fee: u128 = chain
		.events(block)
		.await
		.unwrap()
		.into_iter()
		.find_map(|(_, e)| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, .. },
			) if who == charlie_acc => Some(actual_fee),
			_ => None,
		})
		.unwrap();
	let after = chain.free_balance(&charlie_acc, Some(block)).await.unwrap();
	assert_eq!(after, before + 1_322_727_272_727 - fee);
	assert_eq!(earnings("//Charlie")["pending"], "0");

	// The model as the chain keeps it.
	let shown = cli_json(&node, &["model", "show", &model]);
	assert_eq!(shown["owner"], ss58(&account(&dev("Eve"))));
	assert_eq!(shown["feePerInference"], UNIT.to_string());
	assert_eq!(
		shown["split"],
		serde_json::json!({ "contributors": 600_000_000, "owner": 250_000_000, "operator": 50_000_000, "protocol": 100_000_000 })
	);
	assert_eq!(shown["status"], "Active");
	assert_eq!(shown["currentVersion"]["snapshots"][0]["leafCount"], 3);
	// A fee increase is announced, not in force.
	let out = cli_ok(&node, &["model", "fee", &model, "2LIN", "--suri", "//Eve"]);
	assert!(out.contains("Models.FeeIncreaseAnnounced"), "{out}");
	let shown = cli_json(&node, &["model", "show", &model]);
	assert_eq!(shown["feePerInference"], UNIT.to_string());
	assert_eq!(shown["pendingFee"]["fee"], (2 * UNIT).to_string());

	// Ferdie revokes what is left of his allowance (5 LIN less 3 spent), waiting for finality.
	let ferdie_held = held(ferdie.clone()).await;
	let revoked = cli_json(
		&node,
		&["authorize", "--model", &model, "--revoke", "--finalized", "--suri", "//Ferdie"],
	);
	assert_eq!(revoked["finalized"], true, "{revoked}");
	let said = |report: &Value, text: &str| {
		report["events"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().contains(text))
	};
	assert!(said(&revoked, "Inference.Revoked: model 0, 2 LIN released"), "{revoked}");
	let authorization_deposit = <Runtime as pallet_inference::Config>::AuthorizationDeposit::get();
	assert_eq!(held(ferdie).await, ferdie_held - 2 * UNIT - authorization_deposit);

	// Dave withdraws his accepted contribution, signing with a key file: it stops earning at once,
	// but its deposit stays held while it unbonds; what it earned stays his.
	let key_file = write(dir, "dave.key", "//Dave\n");
	let dave_held = held(dave.clone()).await;
	let withdrawn = cli_json(&node, &["withdraw", &dc.to_string(), "--key-file", &key_file]);
	assert!(said(&withdrawn, "its deposit unbonds until block"), "{withdrawn}");
	assert_eq!(held(dave.clone()).await, dave_held);
	assert_eq!(earnings("//Dave")["pending"], "477272727272");
	assert_eq!(cli_json(&node, &["dataset", "show", &dataset])["acceptedUnits"], "40");
	let (ok, stdout, _) = cli(&node, &["withdraw", &dc.to_string(), "--key-file", &key_file]);
	assert!(!ok && stdout.contains("Datasets.AlreadyWithdrawn"), "{stdout}");
	let (ok, stdout, _) = cli(&node, &["release", &dc.to_string(), "--suri", "//Dave"]);
	assert!(!ok && stdout.contains("Datasets.StillUnbonding"), "{stdout}");

	// verify proves Charlie's file against the chain, and fails for a modified copy.
	let out = cli_ok(&node, &["verify", "--contribution", &ca.to_string(), &a]);
	assert!(out.contains("VERIFIED"), "{out}");
	let verdict = cli_json(&node, &["verify", "--contribution", &ca.to_string(), &a]);
	assert_eq!(verdict["verified"], true);
	let modified = write(dir, "a-modified.txt", "charlie's first recording!\n");
	let (ok, stdout, stderr) =
		cli(&node, &["verify", "--contribution", &ca.to_string(), &modified]);
	assert!(!ok, "a modified file verified: {stdout}");
	assert!(
		stderr.contains("NOT VERIFIED")
			&& stdout.contains("content hash matches the contribution: false"),
		"{stdout}{stderr}"
	);
	// A rejected contribution has no proof.
	let (ok, _, stderr) = cli(&node, &["verify", "--contribution", &dd.to_string(), &d]);
	assert!(!ok && stderr.contains("no inclusion proof"), "{stderr}");

	// Records of a JSONL file go in batches (a commitment each, then the reveals); content
	// already on chain is skipped, with one owner query per 1000 records.
	let mut lines: Vec<String> = (0..300).map(|i| format!("{{\"utterance\": {i}}}")).collect();
	let open = cli_json(&node, &["dataset", "create", "--name", "open", "--suri", "//Alice"])
		["datasetId"]
		.as_u64()
		.unwrap()
		.to_string();
	let records = write(dir, "records.jsonl", &lines.join("\n"));
	let first = cli_json(
		&node,
		&["contribute", "--dataset", &open, "--records", &records, "--suri", "//Charlie"],
	);
	assert_eq!(first["contributions"].as_array().unwrap().len(), 300);
	lines.push("{\"utterance\": \"new\"}".into());
	let records = write(dir, "records.jsonl", &lines.join("\n"));
	let second = cli_json(
		&node,
		&["contribute", "--dataset", &open, "--records", &records, "--suri", "//Dave"],
	);
	assert_eq!(second["contributions"].as_array().unwrap().len(), 1);
	assert_eq!(second["skipped"].as_array().unwrap().len(), 300);

	// Bad input gets one clear line.
	let (ok, _, stderr) = cli(&node, &["contribute", "--dataset", &dataset, &a]);
	assert!(!ok && stderr.contains("say who signs"), "{stderr}");
	let (ok, _, stderr) = cli(
		&node,
		&[
			"authorize",
			"--model",
			&model,
			"--max-total",
			"5",
			"--max-fee",
			"x",
			"--suri",
			"//Ferdie",
		],
	);
	assert!(!ok && stderr.contains("is not an amount"), "{stderr}");
	let (ok, _, stderr) = cli(&node, &["earnings", "not-an-account"]);
	assert!(!ok && stderr.contains("not an SS58 account address"), "{stderr}");
	let (ok, _, stderr) = cli(&node, &["dataset", "show", "99"]);
	assert!(!ok && stderr.contains("there is no dataset 99"), "{stderr}");

	drop(chain);
	assert!(node.stop().success());
}

/// Pointed at no node, the client says so and how to start one.
#[test]
fn client_commands_explain_a_missing_node() {
	let port = free_port();
	let out = Command::new(client_binary())
		.args(["earnings", "//Alice", "--url", &format!("ws://127.0.0.1:{port}")])
		.output()
		.unwrap();
	assert!(!out.status.success());
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(stderr.contains("cannot connect") && stderr.contains("run-dev.sh"), "{stderr}");
}
