#!/usr/bin/env bash
# Runs the Lineage pallets' benchmarks on this machine with the real runtime and writes their
# `weights.rs` (scripts/weight-template.hbs), plus the measured figures in scripts/benchmark-results/
# (one file per pallet, and payout-vs-contributors.txt: the payout against contributors and snapshots).
#
#   ./scripts/benchmark.sh                    # all four pallets and the payout comparison
#   ./scripts/benchmark.sh pallet_inference   # one pallet
#   ./scripts/benchmark.sh payout             # only the payout-vs-contributors/snapshots comparison
#
# It builds lineage-node with `--features runtime-benchmarks` in its own target directory
# (LINEAGE_BENCH_TARGET_DIR, default next to the main one), so the node and test builds are not
# disturbed. STEPS and REPEAT tune the measurement (defaults: 10 and 5).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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
