#!/usr/bin/env bash
# Runs the Lineage pallets' benchmarks on this machine with the real runtime and writes their
# `weights.rs` (scripts/weight-template.hbs), plus the measured figures in scripts/benchmark-results/
# (one file per pallet, and payout-vs-contributors.txt: the payout against contributors and snapshots).
#
#   ./scripts/benchmark.sh                    # all four pallets and the payout comparison
#   ./scripts/benchmark.sh pallet_inference   # one pallet
#   ./scripts/benchmark.sh payout             # only the payout-vs-contributors/snapshots comparison
#   ./scripts/benchmark.sh load [--quick]     # the load benchmark (issue 14): throughput and RPC latency
#
# `load` starts `lineage-node --dev --tmp` (Aura, 6 s blocks) on free ports with a large
# transaction pool, runs `lineage bench load` against it (more options after `--quick` go to it),
# stops the node, and writes scripts/benchmark-results/load.json and load.txt (with --quick, a
# smoke test of about three minutes, into a temporary directory instead). It uses the release
# binaries of lineage-node and lineage (built first unless LINEAGE_SKIP_BUILD=1), not the
# runtime-benchmarks build below.
#
# The other modes build lineage-node with `--features runtime-benchmarks` in its own target directory
# (LINEAGE_BENCH_TARGET_DIR, default next to the main one), so the node and test builds are not
# disturbed. STEPS and REPEAT tune the measurement (defaults: 10 and 5).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The load benchmark: a dev node of its own, the `lineage bench load` client, the results.
load_benchmark() {
	local quick=0 args=()
	for arg in "$@"; do
		if [ "$arg" = --quick ]; then quick=1; fi
		args+=("$arg")
	done
	ensure_toolchain
	if [ "${LINEAGE_SKIP_BUILD:-0}" = 1 ] && [ -x "$LINEAGE_NODE_BIN" ] && [ -x "$LINEAGE_CLIENT_BIN" ]; then
		:
	else
		build_node
	fi
	local work results out
	work=$(mktemp -d "${TMPDIR:-/tmp}/lineage-load.XXXXXX")
	results="$LINEAGE_ROOT/scripts/benchmark-results"
	if [ "$quick" = 1 ]; then out="$work"; else out="$results"; fi
	mkdir -p "$out"
	# Free ports for JSON-RPC and p2p (no Prometheus).
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 20000))
		if port_free "$port" && port_free $((port + 1)); then break; fi
		port=""
	done
	[ -n "$port" ] || die "found no free port for the node; stop other nodes and run again"
	NODE_PID=""
	# shellcheck disable=SC2317
	stop_node() {
		if [ -n "$NODE_PID" ]; then
			kill -TERM "$NODE_PID" 2>/dev/null || true
			wait "$NODE_PID" 2>/dev/null || true
			NODE_PID=""
		fi
	}
	trap stop_node EXIT
	say "starting lineage-node --dev --tmp on ws://127.0.0.1:$port (log: $work/node.log)"
	# A pool large enough for every phase's extrinsics at once, and room for the RPC connections.
	"$LINEAGE_NODE_BIN" --dev --tmp --rpc-port "$port" --port $((port + 1)) --no-prometheus \
		--no-mdns --pool-limit 300000 --pool-kbytes 2000000 --rpc-max-connections 1000 \
		--rpc-max-request-size 64 --rpc-max-response-size 256 \
		>"$work/node.log" 2>&1 &
	NODE_PID=$!
	say "lineage bench load ${args[*]} (log of each phase on stderr)"
	local status=0
	"$LINEAGE_CLIENT_BIN" bench load --url "ws://127.0.0.1:$port" "${args[@]}" \
		--output "$out/load.json" --text-output "$out/load.txt" || status=$?
	stop_node
	if [ "$status" -ne 0 ]; then
		tail -n 20 "$work/node.log" >&2
		die "the load benchmark failed (see above; the node's log is $work/node.log)"
	fi
	ok "load benchmark results: $out/load.txt and $out/load.json (node log: $work/node.log)"
}

if [ "${1:-}" = load ]; then
	shift
	load_benchmark "$@"
	exit 0
fi

STEPS="${STEPS:-10}"
REPEAT="${REPEAT:-5}"
BENCH_TARGET_DIR="${LINEAGE_BENCH_TARGET_DIR:-$(dirname "$CARGO_TARGET_DIR")/target-benchmarks}"
BIN="$BENCH_TARGET_DIR/release/lineage-node"
PALLETS=("${@:-pallet_datasets pallet_models pallet_inference pallet_attribution payout}")
# shellcheck disable=SC2206
PALLETS=(${PALLETS[*]})

ensure_toolchain

# substrate-wasm-builder finds each WASM crate (our runtime, and the test runtime of
# frame-benchmarking-cli) in the `cargo metadata` of the workspace the hint names. The workspace's
# own metadata leaves out optional dependencies, so a small workspace that depends on the node
# with `runtime-benchmarks` serves as the hint, with a copy of our Cargo.lock (the same versions).
hint="$BENCH_TARGET_DIR/wasm-workspace-hint"
mkdir -p "$hint/src"
cat >"$hint/Cargo.toml" <<TOML
[package]
name = "lineage-benchmark-hint"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
lineage-node = { path = "$LINEAGE_ROOT/node", features = ["runtime-benchmarks"] }

[workspace]
TOML
: >"$hint/src/lib.rs"
cp "$LINEAGE_ROOT/Cargo.lock" "$hint/Cargo.lock"

say "building lineage-node with runtime benchmarks into $BENCH_TARGET_DIR (the first time: about 40 minutes)"
(cd "$LINEAGE_ROOT" && WASM_BUILD_WORKSPACE_HINT="$hint" CARGO_TARGET_DIR="$BENCH_TARGET_DIR" \
	cargo build --release --locked --features runtime-benchmarks -p lineage-node) ||
	die "the benchmark build failed (see above)"

results="$LINEAGE_ROOT/scripts/benchmark-results"
mkdir -p "$results"
for pallet in "${PALLETS[@]}"; do
	[ "$pallet" != payout ] || continue
	dir="${pallet#pallet_}"
	out="$LINEAGE_ROOT/pallets/$dir/src/weights.rs"
	summary="$results/$pallet.txt"
	: >"$summary"
	say "benchmarking $pallet -> $out"
	"$BIN" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" --heap-pages 4096 \
		--template "$LINEAGE_ROOT/scripts/weight-template.hbs" --output "$out" \
		2>&1 | tee -a "$summary" | grep -E "^(Pallet|Median Slopes|Min Squares|Time|Reads|Writes|\s+[a-z]+\s+[0-9])" || true
	[ "${PIPESTATUS[0]}" -eq 0 ] || die "benchmarking $pallet failed (see $summary)"
done
# The promise behind the payout design: metering an inference costs the same however many
# contributors its model's datasets have. Measured at both ends of the range, with two controls of
# how the measurement responds to the size of the state alone.
if [[ " ${PALLETS[*]} " == *" payout "* ]]; then
	flat="$results/payout-vs-contributors.txt"
	json="$BENCH_TARGET_DIR/payout-vs-contributors.json"
	say "record_inferences with 1 and with 100,000 contributors, 1 and 1,000 snapshots -> $flat"
	"$BIN" benchmark pallet --chain dev --pallet pallet_inference --extra \
		--extrinsic record_inferences_contributors,record_inferences_snapshots,record_inferences_state_size,authorize_state_size \
		--steps 2 --repeat "$REPEAT" --heap-pages 4096 \
		--json-file "$json" >/dev/null 2>&1 || die "the contributors benchmark failed"
	python3 - "$json" "$REPEAT" >"$flat" <<-'PY' || die "could not read $json"
		import json, statistics, sys
		print("Median of %s runs (WASM, this machine) at both ends of c (contributors) and s (snapshots):" % sys.argv[2])
		print("  record_inferences_contributors: one inference (one record, no explicit attribution) of a")
		print("    model on 16 datasets with c contributors; 100,000 - c more in another model (the state")
		print("    is as large at both ends);")
		print("  record_inferences_snapshots: one inference of a model trained on the last of s snapshots of")
		print("    its dataset; 1,000 - s more snapshots of another dataset;")
		print("  record_inferences_state_size: c contributors in another model, the metered model has 1;")
		print("  authorize_state_size: the same state, and a call (authorize) that touches none of it.")
		print(f"{'benchmark':<32} {'c or s':>8} {'time (us)':>10} {'reads':>6} {'writes':>7}")
		for result in json.load(open(sys.argv[1])):
		    name = bytes(result["benchmark"]).decode() if isinstance(result["benchmark"], list) else result["benchmark"]
		    times, db = {}, {}
		    for run in result["time_results"]:
		        [(_, size)] = run["components"]
		        times.setdefault(size, []).append(run["extrinsic_time"])
		    for run in result["db_results"]:
		        [(_, size)] = run["components"]
		        db[size] = (run["reads"], run["writes"])
		    for c in sorted(times):
		        reads, writes = db.get(c, ("?", "?"))
		        print(f"{name:<32} {c:>8} {statistics.median(times[c]) / 1000:>10.1f} {reads:>6} {writes:>7}")
	PY
	cat "$flat"
fi
ok "weights written; raw figures in $results/"
