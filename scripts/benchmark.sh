#!/usr/bin/env bash
# Runs the Lineage pallets' benchmarks on this machine with the real runtime and writes their
# `weights.rs` (scripts/weight-template.hbs), plus the measured figures in scripts/benchmark-results/
# (one file per pallet, and payout-vs-contributors.txt: the payout against contributors and snapshots).
#
#   ./scripts/benchmark.sh                    # all four pallets and the payout comparison
#   ./scripts/benchmark.sh pallet_inference   # one pallet
#   ./scripts/benchmark.sh payout             # only the payout-vs-contributors/snapshots comparison
#   ./scripts/benchmark.sh overhead           # the block and extrinsic base weights (runtime/src/weights/)
#   ./scripts/benchmark.sh load [--quick]     # the load benchmark (issue 14): throughput and RPC latency
#   ./scripts/benchmark.sh load --history 1000000   # the same after 10^6 records and 10^6 inferences
#
# `load` starts a dev node (Aura, 6 s blocks) with a kept chain on free ports with a large
# transaction pool, runs `lineage bench load` against it (every option goes to it), stops the
# node, and writes scripts/benchmark-results/load.json and load.txt, then what one JSON-RPC request
# costs the node idle on that chain (rpc-cost.txt), how the idle latency ratios spread over
# repeated measurements (rpc-latency.txt), the import time, the
# import profile and the storage weights of that chain (with --quick, a smoke test of
# about five minutes, into a temporary directory instead; with --history, into
# scripts/benchmark-results/history/). It uses the release
# binaries of lineage-node and lineage (built first unless LINEAGE_SKIP_BUILD=1), not the
# runtime-benchmarks build below. LINEAGE_NODE_ARGS adds options to the node's command line (e.g.
# `-l lineage-rpc=debug`, which logs every Lineage query slower than 2 ms step by step).
#
# The other modes build lineage-node with `--features runtime-benchmarks` in its own target directory
# (LINEAGE_BENCH_TARGET_DIR, default next to the main one), so the node and test builds are not
# disturbed. STEPS and REPEAT tune the measurement (defaults: 10 and 5).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The runtime-benchmarks build of the node: the pallet, overhead and extrinsic benchmarks, and the
# load benchmark's `benchmark block` and `benchmark storage`.
BENCH_TARGET_DIR="${LINEAGE_BENCH_TARGET_DIR:-$(dirname "$CARGO_TARGET_DIR")/target-benchmarks}"
BIN="$BENCH_TARGET_DIR/release/lineage-node"

# Each measured phase's full blocks (all its blocks when none was full), one line per phase:
# "first last name", from the load benchmark's report $1 (a history's phases left out).
measured_block_ranges() {
	python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
from import_time import measured_ranges
for name, first, last in measured_ranges(sys.argv[2]):
    print(first, last, name)' "$LINEAGE_ROOT/scripts" "$1"
}

# The sampling of every profile: CPU time (a clock event, so one sample per 1/999 s of a thread's
# CPU, as scripts/import_profile.py counts them).
PERF_SAMPLING=(-e cpu-clock -F 999)

# Whether `perf record` works here, with that sampling and wall-clock times (a probe into the work
# directory $1).
perf_can_record() {
	command -v perf >/dev/null &&
		perf record -q "${PERF_SAMPLING[@]}" -k CLOCK_REALTIME -o "$1/perf-probe.data" true >/dev/null 2>&1
}

# `import-blocks` of the load chain's blocks (from the file $3, or stdin) into a new ParityDB
# database $1/import-$2, with the node's line per block that scripts/import_time.py reads
# (`LINEAGE_IMPORT_TIMES`, logged at info: a trace directive would raise the log level the runtime
# reads and slow the import it times) in $1/import-$2.log. With `--perf DATA` first (before the
# file), under `perf record`, with wall-clock sample times so that the lines' millisecond
# timestamps (`--detailed-log-output`) find each phase's samples (scripts/import_profile.py).
import_load_chain() {
	local work=$1 name=$2 runner=()
	shift 2
	if [ "${1:-}" = --perf ]; then
		runner=(perf record -q "${PERF_SAMPLING[@]}" -k CLOCK_REALTIME -o "$2" --)
		shift 2
	fi
	LINEAGE_IMPORT_TIMES=1 "${runner[@]}" "$LINEAGE_NODE_BIN" import-blocks --detailed-log-output \
		--chain "$work/dev-raw.json" --base-path "$work/import-$name" --database paritydb "$@" \
		>"$work/import-$name.log" 2>&1
}

# The load chain imported again by a node that syncs it: its blocks exported, then imported into a
# new ParityDB database by `import-blocks`, which logs each block's verification and import
# (execution and commit) time (scripts/import_time.py). Twice: live, each measured block fed a slot
# (6 s) after the block before it, and not before that block is imported (scripts/pace_blocks.py),
# as a node receives a live chain's blocks; and catching up, every block at once. `benchmark block`
# below times the execution alone (nothing committed) while the storage weights charge each write
# with its commit (`benchmark storage` times it so): these are the times to set against the declared
# weight. Leaves $work/import-live.log and $work/import-catch-up.log; where `perf` can record, a
# third import, catching up under `perf record`, leaves $work/import-profiled.log and .data.
full_import_of_load_chain() {
	local work=$1 out=$2 measured ranges=() from to status
	measured=$(measured_block_ranges "$out/load.json") && [ -n "$measured" ] ||
		die "could not read the load benchmark's blocks from $out/load.json"
	while read -r from to _; do ranges+=("$from-$to"); done <<<"$measured"
	say "export-blocks, then import-blocks into new databases, live and catching up (logs: $work/import-*.log)"
	"$LINEAGE_NODE_BIN" export-blocks --chain "$work/dev-raw.json" --base-path "$work/node" \
		"$work/chain.json" >"$work/export.log" 2>&1 ||
		{ tail -n 20 "$work/export.log" >&2; die "export-blocks failed (log: $work/export.log)"; }
	import_load_chain "$work" catch-up "$work/chain.json" ||
		{ tail -n 20 "$work/import-catch-up.log" >&2; die "import-blocks failed (log: $work/import-catch-up.log)"; }
	python3 "$LINEAGE_ROOT/scripts/pace_blocks.py" "$work/chain.json" 6 "${ranges[@]}" \
		--after-import "$work/import-live.log" | import_load_chain "$work" live ||
		{
			status=("${PIPESTATUS[@]}")
			[ "${status[0]}" -eq 0 ] || die "pace_blocks.py failed (exit ${status[0]}; see above)"
			tail -n 20 "$work/import-live.log" >&2
			die "paced import-blocks failed (log: $work/import-live.log)"
		}
	if perf_can_record "$work"; then
		say "import-blocks again, catching up, under perf record (log: $work/import-profiled.log)"
		# The profile only explains the times above: without it the run goes on.
		if ! import_load_chain "$work" profiled --perf "$work/import-profiled.data" "$work/chain.json"; then
			tail -n 20 "$work/import-profiled.log" >&2
			say "import-blocks under perf failed (log: $work/import-profiled.log): no profile of the single import"
			rm -f "$work/import-profiled.data"
		fi
	fi
	rm -rf "$work/import-catch-up" "$work/import-live" "$work/import-profiled" "$work/chain.json"
}

# `benchmark block` over the blocks the load benchmark filled: each block imported again (5 times)
# by the runtime-benchmarks build of the node (skipped without that build), then per phase the
# real time of both measurements against the weight the blocks declared, in $out/import-time.txt.
import_time_of_load_blocks() {
	local work=$1 out=$2 measured first best
	: >"$work/blocks.txt"
	if [ -x "$BIN" ]; then
		# The measured blocks, from the first to the last (a history's are not imported again).
		measured=$(measured_block_ranges "$out/load.json") && [ -n "$measured" ] ||
			die "could not read the load benchmark's blocks from $out/load.json"
		read -r first best < <(awk 'NR == 1 { first = $1 } { last = $2 } END { print first, last }' <<<"$measured")
		say "benchmark block --from $first --to $best: execution time against declared weight"
		"$BIN" benchmark block --chain "$work/dev-raw.json" --base-path "$work/node" \
			--from "$first" --to "$best" --repeat 5 >"$work/blocks.txt" 2>&1 ||
			{ tail -n 20 "$work/blocks.txt" >&2; die "benchmark block failed (log: $work/blocks.txt)"; }
	else
		say "no runtime-benchmarks build at $BIN: skipping benchmark block (execution alone)"
	fi
	python3 "$LINEAGE_ROOT/scripts/import_time.py" "$out/load.json" --live "$work/import-live.log" \
		--catch-up "$work/import-catch-up.log" --execute "$work/blocks.txt" >"$out/import-time.txt" ||
		die "could not summarise the import logs in $work and $work/blocks.txt"
	cat "$out/import-time.txt"
}

# Where the import time of each phase's full blocks goes, grouped by what the sampled code does
# (scripts/import_profile.py), written to $out/import-profile.txt: the single import under `perf
# record` (full_import_of_load_chain) and, in a full run with the runtime-benchmarks build, `perf
# record` over `benchmark block` (3 executions of each block). Skipped where `perf` cannot record.
profile_of_load_blocks() {
	local work=$1 out=$2 quick=$3 args=() ranges phase from to i=0
	if ! perf_can_record "$work"; then
		say "perf cannot record here: skipping the import profile"
		return 0
	fi
	if [ -f "$work/import-profiled.data" ]; then
		args=(--import "$work/import-profiled.log" "$work/import-profiled.data")
	fi
	if [ -x "$BIN" ] && [ "$quick" = 0 ]; then
		ranges=$(measured_block_ranges "$out/load.json") ||
			die "could not read the load benchmark's blocks from $out/load.json"
		while read -r from to phase; do
			i=$((i + 1))
			say "perf record: benchmark block --from $from --to $to ($phase)"
			perf record -q "${PERF_SAMPLING[@]}" -o "$work/profile-$i.data" -- "$BIN" benchmark block \
				--chain "$work/dev-raw.json" --base-path "$work/node" \
				--from "$from" --to "$to" --repeat 3 >>"$work/profile.log" 2>&1 ||
				{ tail -n 20 "$work/profile.log" >&2; die "profiling the import of blocks $from-$to failed (log: $work/profile.log)"; }
			args+=(--execute "$phase=$work/profile-$i.data")
		done <<<"$ranges"
	fi
	[ "${#args[@]}" -gt 0 ] || return 0
	python3 "$LINEAGE_ROOT/scripts/import_profile.py" "$out/load.json" "${args[@]}" >"$out/import-profile.txt" ||
		die "could not summarise the import profiles in $work"
	cat "$out/import-profile.txt"
}

# The margin `benchmark storage` puts on its measured read and write (`--mul`). It times a key's
# commit in batches of 1,000 keys, and a block imported once by a node that did not author it pays
# more per key: in run G (spec 302, ×1.0) the live import of batched records took 113% of their
# declared weight and of inferences with one attribution entry 117%, against 73–93% for the
# phases with fewer keys per unit of weight. ×1.3 covers them (run H checks it, README).
DB_WEIGHT_MUL="${LINEAGE_DB_WEIGHT_MUL:-1.3}"

# `benchmark storage` on the state the load benchmark left: the time to read a key and to write one
# (amortised over commits of 1,000 keys) in this machine's ParityDB, written to
# $out/storage.txt. With LINEAGE_WRITE_DB_WEIGHTS=1 it also regenerates
# runtime/src/weights/paritydb_weights.rs, the runtime's `DbWeight`.
db_weights_of_load_state() {
	local work=$1 out=$2 weights_dir
	weights_dir="$work/db-weights"
	if [ "${LINEAGE_WRITE_DB_WEIGHTS:-0}" = 1 ]; then weights_dir="$LINEAGE_ROOT/runtime/src/weights"; fi
	mkdir -p "$weights_dir"
	printf '%s\n' "// Generated by ./scripts/benchmark.sh load (LINEAGE_WRITE_DB_WEIGHTS=1) on the reference machine: do not edit." >"$work/db-header.txt"
	say "benchmark storage on the load benchmark's state -> $out/storage.txt"
	"$BIN" benchmark storage --chain "$work/dev-raw.json" --base-path "$work/node" \
		--state-version 1 --database paritydb --warmups 1 --batch-size 1000 --mul "$DB_WEIGHT_MUL" \
		--header "$work/db-header.txt" --weight-path "$weights_dir" >"$out/storage.txt" 2>&1 ||
		{ tail -n 5 "$out/storage.txt" >&2; die "benchmark storage failed (see $out/storage.txt)"; }
	grep -E "keys|Average|Percentiles|Writing weights" "$out/storage.txt" || true
}

# Starts the node again on the chain a load run left, on the same ports, logging to $3; more
# options (e.g. `--dev`, to author blocks) follow. Sets NODE_PID (stop_node stops it).
start_node_on_load_chain() {
	local work=$1 port=$2 log=$3
	shift 3
	"$LINEAGE_NODE_BIN" "$@" --chain "$work/dev-raw.json" --base-path "$work/node" \
		--rpc-port "$port" --port $((port + 1)) --no-prometheus --no-mdns >"$log" 2>&1 &
	NODE_PID=$!
}

# What one JSON-RPC request costs the idle node on the chain a load run left, sent one at a time
# (`lineage bench rpc-cost`, with each contributor's first `attribution_pendingRewards` against
# the same query again): a node started again on that chain, which does not author.
rpc_cost_of_load_chain() {
	local work=$1 out=$2 port=$3 quick=$4 requests=20000 status=0
	if [ "$quick" = 1 ]; then requests=500; fi
	start_node_on_load_chain "$work" "$port" "$work/node-idle.log"
	say "lineage bench rpc-cost against the idle node (log: $work/node-idle.log)"
	"$LINEAGE_CLIENT_BIN" bench rpc-cost --url "ws://127.0.0.1:$port" --node-pid "$NODE_PID" \
		--requests "$requests" --first-queries --text-output "$out/rpc-cost.txt" || status=$?
	stop_node
	[ "$status" -eq 0 ] || die "lineage bench rpc-cost failed (the node's log: $work/node-idle.log)"
}

# How far the p99 of the Lineage methods against `system_health`'s moves between measurements of
# one node (`lineage bench rpc-latency`, idle at 5,000 req/s, five times over), in the load
# benchmark's turns of one request and in the 0.1 s turns (500 requests) it used before: a node
# started again on the load's chain as a dev node, so that it authors its (empty) blocks as the
# load's node did while it was measured idle.
rpc_latency_of_load_chain() {
	local work=$1 out=$2 port=$3 quick=$4 status=0 turns=(1 500) repeat=5 seconds=8
	if [ "$quick" = 1 ]; then turns=(1); repeat=1; seconds=1; fi
	start_node_on_load_chain "$work" "$port" "$work/node-latency.log" --dev
	say "lineage bench rpc-latency against the idle dev node (log: $work/node-latency.log)"
	# A node that has just started is still setting up (its keystore, its first blocks).
	if [ "$quick" = 0 ]; then sleep 20; fi
	: >"$out/rpc-latency.txt"
	for turn in "${turns[@]}"; do
		"$LINEAGE_CLIENT_BIN" bench rpc-latency --url "ws://127.0.0.1:$port" --node-pid "$NODE_PID" \
			--rates 5000 --seconds "$seconds" --repeat "$repeat" --turn-requests "$turn" \
			--text-output "$work/rpc-latency-$turn.txt" >/dev/null || { status=$?; break; }
		cat "$work/rpc-latency-$turn.txt" >>"$out/rpc-latency.txt"
		echo >>"$out/rpc-latency.txt"
	done
	stop_node
	[ "$status" -eq 0 ] || die "lineage bench rpc-latency failed (the node's log: $work/node-latency.log)"
	grep "^At " "$out/rpc-latency.txt" || true
}

# The load benchmark: a dev node of its own, the `lineage bench load` client, the results.
load_benchmark() {
	local quick=0 history=0 args=()
	for arg in "$@"; do
		if [ "$arg" = --quick ]; then quick=1; fi
		if [ "$arg" = --history ]; then history=1; fi
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
	# A run after a history (`--history N`) keeps its results apart from the fresh chain's.
	if [ "$quick" = 1 ]; then out="$work"; elif [ "$history" = 1 ]; then out="$results/history"; else out="$results"; fi
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
	# The chain is kept (a raw spec of `dev`, a base path) so that `benchmark block` can import its
	# blocks again afterwards and compare their real import time with their declared weight.
	"$LINEAGE_NODE_BIN" build-spec --chain dev --raw >"$work/dev-raw.json" 2>/dev/null ||
		die "could not export the dev chain spec"
	say "starting lineage-node --dev on ws://127.0.0.1:$port (log: $work/node.log, chain: $work/node)"
	local node_args=()
	read -r -a node_args <<<"${LINEAGE_NODE_ARGS:-}"
	# A pool large enough for every phase's extrinsics at once, and room for the RPC connections.
	"$LINEAGE_NODE_BIN" --dev --chain "$work/dev-raw.json" --base-path "$work/node" \
		--rpc-port "$port" --port $((port + 1)) --no-prometheus \
		--no-mdns --pool-limit 300000 --pool-kbytes 2000000 --rpc-max-connections 1000 \
		--rpc-max-request-size 64 --rpc-max-response-size 256 "${node_args[@]}" \
		>"$work/node.log" 2>&1 &
	NODE_PID=$!
	say "lineage bench load ${args[*]} (log of each phase on stderr)"
	local status=0
	"$LINEAGE_CLIENT_BIN" bench load --url "ws://127.0.0.1:$port" --node-pid "$NODE_PID" "${args[@]}" \
		--output "$out/load.json" --text-output "$out/load.txt" || status=$?
	stop_node
	if [ "$status" -ne 0 ]; then
		tail -n 20 "$work/node.log" >&2
		die "the load benchmark failed (see above; the node's log is $work/node.log)"
	fi
	rpc_cost_of_load_chain "$work" "$out" "$port" "$quick"
	rpc_latency_of_load_chain "$work" "$out" "$port" "$quick"
	full_import_of_load_chain "$work" "$out"
	import_time_of_load_blocks "$work" "$out"
	# Profiling `benchmark block` takes minutes: the full run only (the single import's profile is
	# made in every run).
	profile_of_load_blocks "$work" "$out" "$quick"
	# This needs the runtime-benchmarks build (`./scripts/benchmark.sh overhead` makes it).
	if [ -x "$BIN" ]; then
		db_weights_of_load_state "$work" "$out"
	else
		say "no runtime-benchmarks build at $BIN: skipping the benchmark block profile and benchmark storage"
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
PALLETS=("${@:-pallet_datasets pallet_models pallet_inference pallet_attribution payout overhead}")
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
	[ "$pallet" != payout ] && [ "$pallet" != overhead ] || continue
	dir="${pallet#pallet_}"
	out="$LINEAGE_ROOT/pallets/$dir/src/weights.rs"
	summary="$results/$pallet.txt"
	: >"$summary"
	say "benchmarking $pallet -> $out"
	# The benchmark's own exit status decides (a filter that matches nothing must not hide it).
	"$BIN" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" --heap-pages 4096 \
		--template "$LINEAGE_ROOT/scripts/weight-template.hbs" --output "$out" \
		>"$summary" 2>&1 || { tail -n 5 "$summary" >&2; die "benchmarking $pallet failed (see $summary)"; }
	grep -E "^(Pallet|Median Slopes|Min Squares|Time|Reads|Writes|\s+[a-z]+\s+[0-9])" "$summary" || true
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
# The base weights of an empty block and of an extrinsic (a `System::remark`), measured on this
# machine instead of frame-support's defaults: runtime/src/weights/{block,extrinsic}_weights.rs.
# First `benchmark machine` (CPU, memory and disk scores against polkadot-sdk's reference
# hardware, machine.txt): what says how this machine compares with the one the other figures
# came from, since hosts of the same kind differ.
if [[ " ${PALLETS[*]} " == *" overhead "* ]]; then
	say "benchmark machine -> $results/machine.txt"
	"$BIN" benchmark machine --dev --allow-fail --base-path "$BENCH_TARGET_DIR/machine-db" >"$results/machine.txt" 2>&1 ||
		{ tail -n 5 "$results/machine.txt" >&2; die "benchmark machine failed (see $results/machine.txt)"; }
	rm -rf "$BENCH_TARGET_DIR/machine-db"
	grep -E "Score|Passed|Failed|[|]" "$results/machine.txt" || true
	header="$BENCH_TARGET_DIR/overhead-header.txt"
	printf '%s\n' "// Generated by ./scripts/benchmark.sh overhead on the reference machine: do not edit." >"$header"
	say "benchmark overhead -> $LINEAGE_ROOT/runtime/src/weights/"
	"$BIN" benchmark overhead --chain dev --weight-path "$LINEAGE_ROOT/runtime/src/weights" \
		--header "$header" --warmup 10 --repeat 100 >"$results/overhead.txt" 2>&1 ||
		{ tail -n 5 "$results/overhead.txt" >&2; die "benchmark overhead failed (see $results/overhead.txt)"; }
	grep -E "Writing weights|execution overhead|Min|Median|Average" "$results/overhead.txt" || true
	# Blocks full of one extrinsic each (`benchmark extrinsic`, the node's builders): the real time
	# per extrinsic, to set beside the weight it declares.
	: >"$results/extrinsic.txt"
	for builder in "system remark" "balances transfer_keep_alive" "datasets commit" "datasets create_dataset"; do
		read -r pallet extrinsic <<<"$builder"
		say "benchmark extrinsic $pallet.$extrinsic -> $results/extrinsic.txt"
		echo "== $pallet.$extrinsic" >>"$results/extrinsic.txt"
		"$BIN" benchmark extrinsic --chain dev --pallet "$pallet" --extrinsic "$extrinsic" \
			--warmup 2 --repeat 10 >"$BENCH_TARGET_DIR/extrinsic.log" 2>&1 ||
			{ tail -n 5 "$BENCH_TARGET_DIR/extrinsic.log" >&2; die "benchmark extrinsic $pallet.$extrinsic failed"; }
		grep -E "Extrinsics per block|Min|Average|Percentiles" "$BENCH_TARGET_DIR/extrinsic.log" |
			tee -a "$results/extrinsic.txt"
	done
fi
ok "weights written; raw figures in $results/"
