//! A runtime upgrade of a running chain through governance: the council authorises the new code
//! by a two-thirds motion (propose, vote, close), anyone applies it, blocks go on, and the
//! pallets' state is intact. The new runtime is this runtime built with `--features upgrade-test`
//! (spec_version one higher), which scripts/test.sh builds and names in
//! `LINEAGE_NEXT_RUNTIME_WASM`.

use crate::{
	common::*,
	journey::{cli, cli_json, cli_ok, write},
};
use jsonrpsee::{core::client::ClientT, rpc_params};
use lineage_rpc_api::{DatasetsApiClient, ModelsApiClient};
use std::time::{Duration, Instant};

fn next_runtime() -> String {
	let path = std::env::var("LINEAGE_NEXT_RUNTIME_WASM").unwrap_or_default();
	assert!(
		std::path::Path::new(&path).is_file(),
		"LINEAGE_NEXT_RUNTIME_WASM ('{path}') is not a file: build the next runtime with \
		 `CARGO_TARGET_DIR=$CARGO_TARGET_DIR/upgrade-test cargo build --release -p lineage-runtime \
		 --features upgrade-test` (scripts/test.sh does) and point the variable at its \
		 lineage_runtime.compact.compressed.wasm"
	);
	path
}

async fn spec_version(chain: &lineage_client::Chain) -> u64 {
	let version: serde_json::Value =
		chain.rpc.request("state_getRuntimeVersion", rpc_params![]).await.unwrap();
	version["specVersion"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_council_upgrades_a_running_chain_and_its_state_survives() {
	let wasm = next_runtime();
	let node = TestNode::instant();
	let chain = node.connect().await;
	let files = tempfile::tempdir().unwrap();
	assert_eq!(spec_version(&chain).await, u64::from(lineage_runtime::VERSION.spec_version));

	// State in the Lineage pallets: a dataset, a contribution, a model.
	cli_json(&node, &["dataset", "create", "--name", "before", "--suri", "//Alice"]);
	let record = write(files.path(), "record.txt", "recorded before the upgrade");
	cli_ok(&node, &["contribute", "--dataset", "0", &record, "--suri", "//Charlie"]);
	cli_ok(
		&node,
		&[
			"model",
			"register",
			"--name",
			"m",
			"--version",
			"v1",
			"--dataset",
			"0:100",
			"--fee",
			"1LIN",
			"--split",
			"70/15/5/10",
			"--suri",
			"//Eve",
		],
	);
	let dataset = chain.rpc.dataset(0, None).await.unwrap().expect("dataset 0");
	let model = chain.rpc.model(0, None).await.unwrap().expect("model 0");
	let contribution = chain.rpc.contribution(0, None).await.unwrap().expect("contribution 0");
	let (before_upgrade, _) = chain.best().await.unwrap();

	// Someone outside the council can not propose; Alice (a member) proposes the upgrade.
	let (ok, _, stderr) =
		cli(&node, &["council", "propose", "upgrade", "--wasm", &wasm, "--suri", "//Ferdie"]);
	assert!(!ok && stderr.contains("NotMember"), "{stderr}");
	let proposed = cli_json(
		&node,
		&[
			"council",
			"propose",
			"upgrade",
			"--wasm",
			&wasm,
			"--threshold",
			"2",
			"--suri",
			"//Alice",
		],
	);
	let index = proposed["index"].as_u64().expect("a motion index").to_string();
	// One vote of three is not enough to close it.
	let (ok, _, stderr) = cli(&node, &["council", "close", &index, "--suri", "//Charlie"]);
	assert!(!ok, "closed with one vote: {stderr}");
	cli_ok(&node, &["council", "vote", &index, "--aye", "--suri", "//Bob"]);
	let closed = cli_json(&node, &["council", "close", &index, "--suri", "//Charlie"]);
	assert_eq!(closed["executed"], true, "{closed}");
	// The code is authorised, not yet applied: anyone applies it.
	assert_eq!(spec_version(&chain).await, u64::from(lineage_runtime::VERSION.spec_version));
	cli_ok(&node, &["upgrade", "--wasm", &wasm, "--suri", "//Dave"]);

	let deadline = Instant::now() + Duration::from_secs(60);
	while spec_version(&chain).await != u64::from(lineage_runtime::VERSION.spec_version) + 1 {
		assert!(Instant::now() < deadline, "the runtime was not upgraded\n{}", node.log_tail());
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
	// Blocks go on under the new runtime, and the state is what it was.
	let (_, upgraded_at) = chain.best().await.unwrap();
	let record = write(files.path(), "after.txt", "recorded after the upgrade");
	cli_ok(&node, &["contribute", "--dataset", "0", &record, "--suri", "//Dave"]);
	node.wait_for_block(&chain, upgraded_at + 1, Duration::from_secs(30)).await;
	// The chain now runs code this node was not built with: its Lineage methods are answered by
	// the chain's runtime, no longer natively.
	let (native, wasm) = (NATIVE_QUERIES, "path=\"wasm\"");
	let native_before = node.counter(native, "path=\"native\"");
	assert!(native_before > 0.0, "the queries before the upgrade ran natively");
	let wasm_before = node.counter(native, wasm);
	let after = chain.rpc.dataset(0, None).await.unwrap().expect("dataset 0");
	assert_eq!(after.name, dataset.name);
	assert_eq!(after.owner, dataset.owner);
	assert_eq!(after.accepted_count, dataset.accepted_count + 1);
	assert_eq!(chain.rpc.model(0, None).await.unwrap(), Some(model));
	assert_eq!(chain.rpc.contribution(0, None).await.unwrap(), Some(contribution));
	assert_eq!(node.counter(native, wasm) - wasm_before, 3.0);
	assert_eq!(node.counter(native, "path=\"native\""), native_before);
	// A block from before the upgrade still runs this node's code: native again.
	let then = chain.rpc.dataset(0, Some(before_upgrade)).await.unwrap().expect("dataset 0");
	assert_eq!(then.accepted_count, dataset.accepted_count);
	assert_eq!(node.counter(native, "path=\"native\""), native_before + 1.0);
	assert!(node.stop().success());
}
