//! End-to-end: the real `lineage-node` binary, its block production, its standard JSON-RPC and a
//! signed transfer, in both block production modes; TCP_NODELAY on its RPC connections; and its
//! answers to bad input.

use crate::common::*;
use jsonrpsee::rpc_params;
use lineage_client::Wait;
use lineage_runtime::{BalancesCall, RuntimeCall, RuntimeEvent};
use std::{process::Command, time::Duration};

/// Aura block production and GRANDPA finality on a `--dev` node: blocks arrive, the standard
/// RPC answers, a signed `balances.transfer_keep_alive` lands in a block and in the receiver's
/// balance, and the node stops cleanly on Ctrl-C.
#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_blocks_serves_rpc_and_takes_a_transfer() {
	let node = TestNode::dev(&[]);
	let chain = node.connect().await;
	// Aura slots are 6 s: two blocks within a minute.
	node.wait_for_block(&chain, 2, Duration::from_secs(60)).await;

	// Its JSON-RPC connections do not wait on Nagle's algorithm (`rpc::nodelay`): the RPC
	// listeners (IPv4 and IPv6 loopback) carry TCP_NODELAY, which every accepted connection
	// inherits, while the Prometheus listener, left alone, does not.
	#[cfg(target_os = "linux")]
	{
		let rpc = node.listener_nodelay(node.rpc_port);
		assert!(!rpc.is_empty() && rpc.iter().all(|nodelay| *nodelay), "RPC listeners: {rpc:?}");
		assert_eq!(node.listener_nodelay(node.prometheus_port), vec![false]);
	}

	let health: serde_json::Value = chain.call("system_health", rpc_params![]).await.unwrap();
	assert_eq!(health["isSyncing"], false, "{health}");
	assert_eq!(health["shouldHavePeers"], false, "{health}");

	let header: serde_json::Value = chain.call("chain_getHeader", rpc_params![]).await.unwrap();
	let number =
		u32::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16)
			.unwrap();
	assert!(number >= 2, "{header}");

	let metadata: String = chain.call("state_getMetadata", rpc_params![]).await.unwrap();
	// SCALE-encoded metadata starts with the magic "meta".
	assert!(metadata.starts_with("0x6d657461"), "{}", &metadata[..20]);

	let methods: serde_json::Value = chain.call("rpc_methods", rpc_params![]).await.unwrap();
	let methods: Vec<&str> =
		methods["methods"].as_array().unwrap().iter().filter_map(|m| m.as_str()).collect();
	for expected in [
		"system_health",
		"system_accountNextIndex",
		"chain_getHeader",
		"state_getMetadata",
		"author_submitExtrinsic",
		"payment_queryInfo",
		"datasets_contributionProof",
		"datasets_dataset",
		"datasets_contribution",
		"datasets_contentOwner",
		"datasets_accountContributions",
		"datasets_contentOwners",
		"datasets_snapshot",
		"datasets_pendingCommit",
		"models_model",
		"models_version",
		"models_modelsOf",
		"models_modelIds",
		"inference_authorization",
		"inference_inference",
		"inference_operatorBond",
		"attribution_pendingRewards",
		"attribution_earnings",
		"attribution_contributionEarnings",
		"attribution_modelRevenue",
		"attribution_disputes",
	] {
		assert!(methods.contains(&expected), "rpc_methods lacks {expected}");
	}
	// The validator's dev mode has no dev-seal RPCs.
	assert!(!methods.contains(&"engine_createBlock"));

	let properties: serde_json::Value =
		chain.call("system_properties", rpc_params![]).await.unwrap();
	assert_eq!(properties["tokenSymbol"], "LIN");
	assert_eq!(properties["tokenDecimals"], 12);
	assert_eq!(properties["ss58Format"], 42);

	// A signed transfer to a fresh account.
	let alice = dev("Alice");
	let receiver = account(&dev("lineage-e2e-receiver"));
	let amount = lin(10);
	let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: receiver.clone().into(),
		value: amount,
	});
	// Its fee can be queried first.
	let signed = chain.sign(&alice, call.clone()).await.unwrap();
	let info: serde_json::Value = chain
		.call(
			"payment_queryInfo",
			rpc_params![format!("0x{}", hex::encode(codec::Encode::encode(&signed)))],
		)
		.await
		.unwrap();
	assert!(info["partialFee"].as_str().unwrap().parse::<u128>().unwrap() > 0, "{info}");

	let report = submit_ok(&chain, &alice, call).await;
	assert!(
		report.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Balances(pallet_balances::Event::Transfer { from, to, amount: a })
				if *from == account(&alice) && *to == receiver && *a == amount
		)),
		"{:?}",
		report.events
	);
	assert_eq!(chain.free_balance(&receiver, Some(report.block_hash)).await.unwrap(), amount);
	assert_eq!(chain.free_balance(&receiver, None).await.unwrap(), amount);

	// The same transaction sent twice at once (6 s blocks: both reach the pool before a block
	// does): the pool takes the first and answers the second "Already Imported", as stable2609's
	// fork-aware pool may answer a single submission that races a block import; both report the
	// one inclusion. Sent again once included, it is refused: its nonce is used.
	let twice = chain
		.sign(
			&alice,
			RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
				dest: account(&dev("Charlie")).into(),
				value: lin(1),
			}),
		)
		.await
		.unwrap();
	let twice = codec::Encode::encode(&twice);
	let (first, second) = futures::join!(
		chain.submit_extrinsic(&twice, Wait::InBlock),
		chain.submit_extrinsic(&twice, Wait::InBlock)
	);
	let (first, second) = (first.unwrap(), second.unwrap());
	assert_eq!(
		(first.block_hash, first.extrinsic_index),
		(second.block_hash, second.extrinsic_index)
	);
	assert!(first.outcome.is_ok());
	let replayed = chain.submit_extrinsic(&twice, Wait::InBlock).await;
	assert!(replayed.is_err(), "a replayed transaction was reported as included again");

	// Prometheus metrics are served, and the database is ParityDB.
	let metrics = node.metrics();
	assert!(
		metrics.starts_with("HTTP/1.0 200") || metrics.starts_with("HTTP/1.1 200"),
		"{metrics}"
	);
	assert!(metrics.contains("substrate_block_height"), "{metrics}");
	node.wait_for_log("Database: ParityDb").await;

	// GRANDPA finalises on its own.
	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	while chain.finalized_number().await.unwrap() < report.block_number {
		assert!(std::time::Instant::now() < deadline, "no finality\n{}", node.log_tail());
		tokio::time::sleep(Duration::from_millis(500)).await;
	}

	drop(chain);
	let status = node.stop();
	assert!(status.success(), "the node exited with {status}");
}

/// `--instant-seal`: a transaction is sealed into a block and finalised at once.
#[tokio::test(flavor = "multi_thread")]
async fn instant_seal_includes_and_finalises_at_once() {
	let node = TestNode::instant();
	let chain = node.connect().await;
	let bob = account(&dev("Bob"));
	let before = chain.free_balance(&bob, None).await.unwrap();
	let started = std::time::Instant::now();
	let report = chain
		.submit(
			&dev("Alice"),
			RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
				dest: bob.clone().into(),
				value: lin(1),
			}),
			Wait::Finalized,
		)
		.await
		.unwrap();
	assert!(report.finalized);
	assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
	assert_eq!(chain.free_balance(&bob, Some(report.block_hash)).await.unwrap(), before + lin(1));

	// A transaction the pool refuses (nonce already used) is an error, not a hang.
	let stale = chain
		.sign(
			&dev("Alice"),
			RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
				dest: bob.into(),
				value: lin(1),
			}),
		)
		.await
		.unwrap();
	chain.submit_extrinsic(&codec::Encode::encode(&stale), Wait::InBlock).await.unwrap();
	let again = chain.submit_extrinsic(&codec::Encode::encode(&stale), Wait::InBlock).await;
	assert!(again.is_err(), "a replayed transaction was accepted");

	// Malformed RPC parameters get a clear JSON-RPC error.
	let bad: Result<String, _> =
		chain.call("attribution_pendingRewards", rpc_params!["not-an-address"]).await;
	let message = bad.unwrap_err().to_string();
	assert!(message.contains("not an SS58 account address"), "{message}");
	let bad: Result<serde_json::Value, _> =
		chain.call("datasets_contributionProof", rpc_params!["seven"]).await;
	assert!(bad.is_err());
	let bad: Result<String, _> = chain.call("author_submitExtrinsic", rpc_params!["0x00"]).await;
	assert!(bad.is_err());

	// It runs the chain's runtime, so it answers the Lineage methods natively (`rpc::native`).
	node.wait_for_log("Lineage RPC: answered natively").await;
	assert!(node.stop().success());
}

/// A node that replaces some of the chain's code (`--wasm-runtime-overrides`; a chain spec's
/// `codeSubstitutes` likewise) answers the Lineage methods through the wasm runtime, never
/// natively: a native answer would bypass the replacement.
#[tokio::test(flavor = "multi_thread")]
async fn a_node_with_runtime_overrides_answers_through_the_wasm_runtime() {
	let overrides = tempfile::tempdir().unwrap();
	let dir = overrides.path().to_str().unwrap();
	let node = TestNode::dev(&["--instant-seal", "--wasm-runtime-overrides", dir]);
	let chain = node.connect().await;
	let count: u32 = chain.call("datasets_datasetCount", rpc_params![]).await.unwrap();
	let wasm: u32 = state_call(&chain, "DatasetsApi_dataset_count", Vec::new(), None).await;
	assert_eq!(count, wasm);
	assert_eq!(node.counter(NATIVE_QUERIES, "path=\"wasm\""), 1.0);
	assert_eq!(node.counter(NATIVE_QUERIES, "path=\"native\""), 0.0);
	node.wait_for_log("Lineage RPC: answered by each block's wasm runtime").await;
	assert!(node.stop().success());
}

/// Bad input on the command line: one clear line naming the cause and the fix.
#[test]
fn bad_command_lines_fail_with_one_clear_line() {
	let out =
		Command::new(BINARY).args(["build-spec", "--chain", "no-such-chain"]).output().unwrap();
	assert!(!out.status.success());
	let stderr = String::from_utf8_lossy(&out.stderr);
	let first = stderr.lines().next().unwrap_or_default();
	assert!(
		first.starts_with("error:") && first.contains("unknown chain 'no-such-chain'"),
		"{stderr}"
	);
	assert!(first.contains("--chain dev"), "{stderr}");
	assert!(!stderr.contains("stack backtrace"), "{stderr}");

	// Ports in use, and dev seal on a chain with real validators: the node refuses to start.
	let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
	let port = taken.local_addr().unwrap().port().to_string();
	let free = || free_port().to_string();
	let cases = [
		(["--dev", "--rpc-port", &port, "--prometheus-port", &free()], "in use", "--rpc-port"),
		(
			["--dev", "--prometheus-port", &port, "--rpc-port", &free()],
			"Prometheus",
			"--prometheus-port",
		),
		(
			[
				"--chain=local",
				"--instant-seal",
				"--rpc-port",
				&free(),
				&format!("--prometheus-port={}", free()),
			],
			"--instant-seal is for development chains only",
			"--dev",
		),
	];
	for (args, cause, fix) in cases {
		let out =
			Command::new(BINARY).args(args).args(["--tmp", "--port", &free()]).output().unwrap();
		assert!(!out.status.success(), "{args:?} started");
		let stderr = String::from_utf8_lossy(&out.stderr);
		let line = stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default();
		assert!(line.contains(cause) && line.contains(fix), "{args:?}: {stderr}");
	}
}

/// Both chains build, also raw, with the token properties wallets need.
#[test]
fn chain_specs_build_for_dev_and_local() {
	for chain in ["dev", "local"] {
		for raw in [false, true] {
			let mut args = vec!["build-spec", "--chain", chain];
			if raw {
				args.push("--raw");
			}
			let out = Command::new(BINARY).args(&args).output().unwrap();
			assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
			let spec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
			assert_eq!(spec["properties"]["tokenSymbol"], "LIN");
			assert_eq!(spec["properties"]["tokenDecimals"], 12);
			assert_eq!(spec["properties"]["ss58Format"], 42);
			assert_eq!(spec["protocolId"], "lin");
			if raw {
				assert!(spec["genesis"]["raw"]["top"].is_object());
			}
		}
	}
}

/// @polkadot/api, with no custom types but the RPC definitions the README documents, signs and
/// submits standard and Lineage transactions and calls the Lineage RPC methods
/// (scripts/polkadot-js/check.mjs; scripts/test.sh installs its npm packages).
#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_works_without_custom_types() {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/polkadot-js");
	assert!(
		dir.join("node_modules/@polkadot/api").is_dir(),
		"@polkadot/api is not installed: run `npm ci --prefix scripts/polkadot-js` (scripts/test.sh does)"
	);
	let node = TestNode::instant();
	drop(node.connect().await);
	let out = Command::new("node")
		.arg(dir.join("check.mjs"))
		.arg(node.url())
		.output()
		.expect("node.js runs");
	assert!(
		out.status.success(),
		"{}\n{}",
		String::from_utf8_lossy(&out.stdout),
		String::from_utf8_lossy(&out.stderr)
	);
	assert!(String::from_utf8_lossy(&out.stdout).contains("polkadot-js check passed"));
	assert!(node.stop().success());
}
