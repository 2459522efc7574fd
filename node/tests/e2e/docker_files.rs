//! The Docker image and compose files, checked without a Docker engine: they parse, every path
//! they name exists, and every command and flag they give `lineage-node` is accepted by it.

use crate::common::BINARY;
use serde_yaml::Value;
use std::{path::PathBuf, process::Command};

fn repo() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `lineage-node <args> --help` succeeds only if clap accepts every argument before `--help`.
fn accepted(args: &[String]) {
	let out = Command::new(BINARY).args(args).arg("--help").output().unwrap();
	assert!(
		out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Usage"),
		"lineage-node refuses {args:?}: {}",
		String::from_utf8_lossy(&out.stderr)
	);
}

fn peer_id(node_key: &str) -> String {
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("key");
	std::fs::write(&file, node_key).unwrap();
	let out = Command::new(BINARY)
		.args(["key", "inspect-node-key", "--file"])
		.arg(&file)
		.output()
		.unwrap();
	assert!(out.status.success());
	String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn command_of(service: &Value) -> Vec<String> {
	service["command"]
		.as_sequence()
		.expect("a command list")
		.iter()
		.map(|a| a.as_str().unwrap().to_string())
		.collect()
}

#[test]
fn compose_file_is_four_wired_validators_and_a_loopback_rpc_node() {
	let text = std::fs::read_to_string(repo().join("docker/docker-compose.yml")).unwrap();
	let compose: Value = serde_yaml::from_str(&text).expect("docker-compose.yml is YAML");
	// serde_yaml does not apply merge keys (<<:); resolve them as compose does.
	let mut compose = compose;
	compose.apply_merge().unwrap();
	let services = compose["services"].as_mapping().expect("services");
	let names: Vec<_> = services.keys().filter_map(|k| k.as_str()).collect();
	assert_eq!(names, ["alice", "bob", "charlie", "dave", "rpc"]);

	let mut alice_key = None;
	let mut bootnodes = vec![];
	for (name, service) in services {
		let name = name.as_str().unwrap();
		assert_eq!(service["image"], "lineage-node:local", "{name} runs the Lineage image");
		// The image is built once, by the first service; the others run it.
		if name == "alice" {
			let build = &service["build"];
			let context = repo().join("docker").join(build["context"].as_str().unwrap());
			assert!(
				context.join(build["dockerfile"].as_str().unwrap()).is_file(),
				"{name}: no Dockerfile"
			);
		} else {
			assert!(service.get("build").is_none(), "{name} builds the image a second time");
		}
		let command = command_of(service);
		assert!(command.contains(&"--chain=local".to_string()), "{name}");
		assert!(command.contains(&"--base-path=/data".to_string()), "{name}");
		// The local chain runs on development keys: the node refuses it without the flag.
		assert!(command.contains(&"--allow-dev-keys".to_string()), "{name}");
		accepted(&command);
		let volumes: Vec<&str> =
			service["volumes"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
		assert_eq!(volumes[0], format!("{name}-data:/data"));
		assert!(compose["volumes"].get(format!("{name}-data")).is_some(), "volume {name}-data");
		bootnodes.extend(
			command.iter().filter_map(|a| a.strip_prefix("--bootnodes=")).map(str::to_string),
		);
		let validator = command.contains(&"--validator".to_string());
		assert_eq!(validator, name != "rpc", "{name}");
		if validator {
			// No validator publishes anything, nor listens for RPC or metrics beyond its
			// container's loopback.
			assert!(service.get("ports").is_none(), "{name} publishes ports");
			for flag in ["--rpc-external", "--unsafe-rpc-external", "--prometheus-external"] {
				assert!(!command.iter().any(|a| a.starts_with(flag)), "{name}: {flag}");
			}
			// Its session keys come from mounted files (the well-known dev keys of the local
			// chain), never from the image.
			assert_eq!(volumes[1], format!("./dev-keys/{name}:/keys:ro"));
			let keys = repo().join("docker/dev-keys").join(name);
			let expected = format!("//{}{}", name[..1].to_uppercase(), &name[1..]);
			for key in ["aura", "gran"] {
				let suri = std::fs::read_to_string(keys.join(key)).unwrap();
				assert_eq!(suri.trim(), expected, "{name}/{key}");
			}
			if name == "alice" {
				alice_key = Some(std::fs::read_to_string(keys.join("node-key")).unwrap());
			}
		} else {
			// The RPC node serves safe methods, on the host's loopback only.
			let ports: Vec<_> = service["ports"]
				.as_sequence()
				.unwrap()
				.iter()
				.map(|p| p.as_str().unwrap())
				.collect();
			assert_eq!(ports, ["127.0.0.1:9944:9944"]);
			assert!(command.contains(&"--rpc-methods=safe".to_string()));
		}
	}
	// The others find Alice at the address her mounted node key gives her.
	let alice = format!(
		"/dns/alice/tcp/30333/p2p/{}",
		peer_id(alice_key.expect("alice has a node key").trim())
	);
	assert_eq!(bootnodes, vec![alice; 4]);
}

/// The entrypoint inserts the mounted session keys and generates a node key, then runs the node
/// with the container's command (run here outside a container, on the real binary).
#[test]
fn entrypoint_inserts_mounted_keys_and_generates_a_node_key() {
	let base = tempfile::tempdir().unwrap();
	let out = Command::new("sh")
		.arg(repo().join("docker/entrypoint.sh"))
		.args(["key", "inspect", "//Alice"])
		.env("LINEAGE_NODE", BINARY)
		.env("LINEAGE_BASE_PATH", base.path())
		.env("LINEAGE_KEYS", repo().join("docker/dev-keys/bob"))
		.output()
		.unwrap();
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(stdout.contains("inserted the aura session key"), "{stdout}");
	assert!(stdout.contains("inserted the gran session key"), "{stdout}");
	let chain = base.path().join("chains/lineage_local");
	let keystore: Vec<String> = std::fs::read_dir(chain.join("keystore"))
		.unwrap()
		.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
		.collect();
	// Keystore files are named by the hex of the key type and the public key.
	assert!(keystore.iter().any(|f| f.starts_with(&hex::encode("aura"))), "{keystore:?}");
	assert!(keystore.iter().any(|f| f.starts_with(&hex::encode("gran"))), "{keystore:?}");
	assert!(chain.join("network/secret_ed25519").is_file(), "no node key was generated");
	// The command itself ran.
	assert!(stdout.contains("Secret Key URI `//Alice`"), "{stdout}");
}

#[test]
fn dockerfile_builds_with_the_setup_script_and_runs_slim_and_unprivileged() {
	let text = std::fs::read_to_string(repo().join("docker/Dockerfile")).unwrap();
	// Join continuation lines into instructions.
	let mut instructions: Vec<String> = vec![];
	let mut current = String::new();
	for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
		current.push_str(line.trim_end_matches('\\'));
		current.push(' ');
		if !line.ends_with('\\') {
			instructions.push(current.trim().to_string());
			current.clear();
		}
	}
	let find = |keyword: &str| -> Vec<&String> {
		instructions.iter().filter(|i| i.starts_with(&format!("{keyword} "))).collect()
	};
	let froms = find("FROM");
	assert_eq!(froms.len(), 2, "multi-stage: {froms:?}");
	assert!(froms[0].ends_with("AS builder"));
	assert!(froms[1].contains("slim"), "the final image is slim: {}", froms[1]);
	assert!(
		find("RUN").iter().any(|r| r.contains("./scripts/setup.sh")),
		"the builder uses scripts/setup.sh"
	);
	assert!(repo().join("scripts/setup.sh").is_file());
	let user = find("USER");
	assert_eq!(user.len(), 1);
	assert!(!user[0].contains("root"), "{}", user[0]);
	assert_eq!(find("VOLUME"), [&"VOLUME [\"/data\"]".to_string()]);
	let exposed: Vec<&str> = find("EXPOSE")[0].split_whitespace().skip(1).collect();
	assert_eq!(exposed, ["30333", "9944", "9615"]);
	assert!(find("HEALTHCHECK")[0].contains("system_health"));
	assert_eq!(
		find("ENTRYPOINT"),
		[&"ENTRYPOINT [\"/usr/local/bin/lineage-entrypoint\"]".to_string()]
	);
	// The default command is a full node serving safe methods, accepted by the node.
	let cmd = find("CMD");
	let cmd: Vec<String> = serde_json::from_str(cmd[0].trim_start_matches("CMD ")).unwrap();
	assert!(cmd.contains(&"--base-path=/data".to_string()));
	assert!(cmd.contains(&"--rpc-methods=safe".to_string()), "{cmd:?}");
	for unsafe_flag in ["--dev", "--validator", "--unsafe-rpc-external", "--rpc-methods=unsafe"] {
		assert!(!cmd.contains(&unsafe_flag.to_string()), "{unsafe_flag} in {cmd:?}");
	}
	accepted(&cmd);
	// Keys are never in the build context.
	let ignore = std::fs::read_to_string(repo().join("docker/Dockerfile.dockerignore")).unwrap();
	assert!(ignore.lines().any(|l| l.trim() == "docker/dev-keys"));
	// Everything copied from the build context exists.
	for copy in find("COPY") {
		if copy.contains("--from=") {
			continue;
		}
		let source = copy.split_whitespace().nth(1).unwrap();
		assert!(repo().join(source).exists(), "COPY {source}: missing");
	}
	assert!(repo().join("docker/Dockerfile.dockerignore").is_file());
}
