//! The README's operator section, followed step by step: keys from `lineage-node key generate`,
//! a production chain spec from `lineage-node production-spec` (no sudo, no development account),
//! session keys inserted with `lineage-node key insert`, and two validators that author and
//! finalise blocks. Also: the node refuses chains secured by development keys, and bad specs.

use crate::common::{free_port, TestNode, BINARY};
use std::{path::Path, process::Command, time::Duration};

/// Runs `lineage-node args…` and returns its standard output; panics with its error otherwise.
fn node(args: &[&str]) -> String {
	let out = Command::new(BINARY).args(args).output().unwrap();
	assert!(
		out.status.success(),
		"lineage-node {args:?}: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `lineage-node args…`, expecting it to fail; returns its standard error.
fn node_fails(args: &[&str]) -> String {
	let out = Command::new(BINARY).args(args).output().unwrap();
	assert!(!out.status.success(), "lineage-node {args:?} succeeded");
	String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A new key: `key generate` (sr25519) and the same phrase's ed25519 key (`key inspect`).
struct Keys {
	phrase: String,
	sr25519: String,
	ed25519: String,
}

fn generate() -> Keys {
	let json: serde_json::Value = serde_json::from_str(&node(&[
		"key",
		"generate",
		"--scheme",
		"Sr25519",
		"--output-type",
		"json",
	]))
	.unwrap();
	let phrase = json["secretPhrase"].as_str().unwrap().to_string();
	let ed: serde_json::Value = serde_json::from_str(&node(&[
		"key",
		"inspect",
		"--scheme",
		"Ed25519",
		"--output-type",
		"json",
		&phrase,
	]))
	.unwrap();
	Keys {
		sr25519: json["ss58Address"].as_str().unwrap().to_string(),
		ed25519: ed["ss58Address"].as_str().unwrap().to_string(),
		phrase,
	}
}

/// Inserts a validator's session keys (from its phrase) into the keystore under `base`.
fn insert_keys(base: &Path, spec: &Path, keys: &Keys) {
	for (key_type, scheme) in [("aura", "Sr25519"), ("gran", "Ed25519")] {
		node(&[
			"key",
			"insert",
			"--base-path",
			base.to_str().unwrap(),
			"--chain",
			spec.to_str().unwrap(),
			"--key-type",
			key_type,
			"--scheme",
			scheme,
			"--suri",
			&keys.phrase,
		]);
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operator_starts_a_production_network_from_generated_keys() {
	let dir = tempfile::tempdir().unwrap();
	// 1. Keys: each validator's session keys (one phrase: sr25519 for Aura, ed25519 for
	//    GRANDPA) and its account; the council's account.
	let validators: Vec<(Keys, Keys)> = (0..2).map(|_| (generate(), generate())).collect();
	let council = generate();
	// 2. The chain spec, from the production preset and those keys.
	let spec = dir.path().join("spec-raw.json");
	let mut args = vec![
		"production-spec".to_string(),
		"--name".into(),
		"Lineage Rehearsal".into(),
		"--id".into(),
		"lineage_rehearsal".into(),
		"--council".into(),
		council.sr25519.clone(),
		"--endow".into(),
		format!("{}=1000LIN", council.sr25519),
		"--raw".into(),
		"--output".into(),
		spec.to_str().unwrap().into(),
	];
	for (session, account) in &validators {
		args.push("--validator".into());
		args.push(format!("{},{},{}", account.sr25519, session.sr25519, session.ed25519));
	}
	let args: Vec<&str> = args.iter().map(String::as_str).collect();
	node(&args);
	let raw: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
	assert_eq!(raw["chainType"], "Live");
	assert_eq!(raw["properties"]["tokenSymbol"], "LIN");
	let top = raw["genesis"]["raw"]["top"].as_object().expect("a raw genesis");
	// No sudo key in genesis.
	let sudo_key =
		format!("0x{}", hex::encode(frame_support::storage::storage_prefix(b"Sudo", b"Key")));
	assert!(!top.contains_key(&sudo_key), "the production genesis has a sudo key");
	// No development account: //Alice has no account entry.
	let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
	let alice_key = format!(
		"0x{}",
		hex::encode(frame_system::Account::<lineage_runtime::Runtime>::hashed_key_for(&alice))
	);
	assert!(!top.contains_key(&alice_key), "the production genesis endows //Alice");

	// 3. Each validator's keystore gets its session keys; node keys are generated.
	let bases: Vec<_> = (0..2).map(|i| dir.path().join(format!("validator-{i}"))).collect();
	for (base, (session, _)) in bases.iter().zip(&validators) {
		insert_keys(base, &spec, session);
		node(&[
			"key",
			"generate-node-key",
			"--base-path",
			base.to_str().unwrap(),
			"--chain",
			spec.to_str().unwrap(),
		]);
	}
	let peer_id = node(&[
		"key",
		"inspect-node-key",
		"--file",
		bases[0].join("chains/lineage_rehearsal/network/secret_ed25519").to_str().unwrap(),
	]);
	// 4. Both validators start from the spec; the second finds the first as its bootnode. No
	//    --allow-dev-keys: these are the operator's own keys.
	let first = TestNode::start(
		&[
			"--chain",
			spec.to_str().unwrap(),
			"--validator",
			"--base-path",
			bases[0].to_str().unwrap(),
		],
		&[],
	);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", first.p2p_port, peer_id.trim());
	// The second logs how long each block it imports from the first took (LINEAGE_IMPORT_TIMES).
	let second = TestNode::start_with_env(
		&[
			"--chain",
			spec.to_str().unwrap(),
			"--validator",
			"--base-path",
			bases[1].to_str().unwrap(),
			"--bootnodes",
			&bootnode,
		],
		&[],
		&[("LINEAGE_IMPORT_TIMES", "1")],
	);
	let chain = first.connect().await;
	first.wait_for_block(&chain, 4, Duration::from_secs(90)).await;
	// Both author (Aura takes turns), and GRANDPA finalises with both voting.
	let authored = |n: &TestNode| {
		std::fs::read_to_string(&n.log)
			.unwrap_or_default()
			.matches("Prepared block for proposing")
			.count()
	};
	let deadline = std::time::Instant::now() + Duration::from_secs(90);
	while authored(&first) == 0 || authored(&second) == 0 {
		assert!(
			std::time::Instant::now() < deadline,
			"both validators should author\n{}\n{}",
			first.log_tail(),
			second.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let deadline = std::time::Instant::now() + Duration::from_secs(90);
	while chain.finalized_number().await.unwrap() < 2 {
		assert!(std::time::Instant::now() < deadline, "no finality\n{}", first.log_tail());
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	// A block the first authored, imported by the second: timed, and only where asked for.
	const TIMED: &str = " extrinsics: verified in ";
	second.wait_for_log(TIMED).await;
	let timed = std::fs::read_to_string(&second.log).unwrap_or_default();
	let line = timed.lines().find(|l| l.contains(TIMED)).unwrap_or_default();
	assert!(line.contains("block #") && line.trim_end().ends_with(" µs"), "{line}");
	let untimed = std::fs::read_to_string(&first.log).unwrap_or_default();
	assert!(!untimed.contains(TIMED), "{}", first.log_tail());
	assert!(first.stop().success());
	assert!(second.stop().success());
}

#[test]
fn production_specs_refuse_development_keys_and_bad_input() {
	let k = generate();
	let validator = format!("{0},{0},{1}", k.sr25519, k.ed25519);
	let base = ["production-spec", "--name", "x", "--id", "x"];
	let with = |extra: &[&str]| -> Vec<String> {
		base.iter().chain(extra).map(|s| s.to_string()).collect()
	};
	let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id().to_string();
	let cases: Vec<(Vec<String>, &str)> = vec![
		(with(&["--validator", &validator, "--council", &alice]), "development key"),
		(with(&["--validator", "not,three", "--council", &k.sr25519]), "not ACCOUNT,AURA,GRANDPA"),
		(
			with(&[
				"--validator",
				&validator,
				"--council",
				&k.sr25519,
				"--endow",
				&format!("{}=lots", k.sr25519),
			]),
			"is not `<number>LIN`",
		),
		(
			with(&["--validator", &validator, "--validator", &validator, "--council", &k.sr25519]),
			"given twice",
		),
		(with(&["--validator", &validator]), "--council"),
	];
	for (args, message) in cases {
		let args: Vec<&str> = args.iter().map(String::as_str).collect();
		let stderr = node_fails(&args);
		assert!(stderr.contains(message), "{args:?}: {stderr}");
	}
}

/// Chains other than `dev` secured by development keys are refused unless the operator says it
/// is a test network; the node never picks a chain by itself.
#[test]
fn the_node_refuses_development_keys_on_other_chains() {
	let stderr = node_fails(&[
		"--chain",
		"local",
		"--tmp",
		"--rpc-port",
		&free_port().to_string(),
		"--port",
		&free_port().to_string(),
		"--no-prometheus",
	]);
	assert!(stderr.contains("well-known development keys"), "{stderr}");
	assert!(stderr.contains("--allow-dev-keys"), "{stderr}");
	assert!(stderr.contains("//Alice"), "{stderr}");
	let stderr = node_fails(&["--tmp", "--rpc-port", &free_port().to_string(), "--no-prometheus"]);
	assert!(stderr.contains("no chain given"), "{stderr}");
	let stderr = node_fails(&["build-spec", "--chain", "production"]);
	assert!(stderr.contains("production-spec"), "{stderr}");
}
