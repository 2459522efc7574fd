#!/usr/bin/env bash
# Runs the Lineage pallets' benchmarks on this machine with the real runtime and writes their
# `weights.rs` (scripts/weight-template.hbs), plus a summary of the measured figures.
#
#   ./scripts/benchmark.sh                    # all four pallets
#   ./scripts/benchmark.sh pallet_inference   # one pallet
#
# It builds lineage-node with `--features runtime-benchmarks` in its own target directory
# (LINEAGE_BENCH_TARGET_DIR, default next to the main one), so the node and test builds are not
# disturbed. STEPS and REPEAT tune the measurement (defaults: 10 and 5).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STEPS="${STEPS:-10}"
REPEAT="${REPEAT:-5}"
BENCH_TARGET_DIR="${LINEAGE_BENCH_TARGET_DIR:-$(dirname "$CARGO_TARGET_DIR")/target-benchmarks}"
BIN="$BENCH_TARGET_DIR/release/lineage-node"
PALLETS=("${@:-pallet_datasets pallet_models pallet_inference pallet_attribution}")
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

say "building lineage-node with runtime benchmarks into $BENCH_TARGET_DIR (the first time: 40-60 minutes)"
(cd "$LINEAGE_ROOT" && WASM_BUILD_WORKSPACE_HINT="$hint" CARGO_TARGET_DIR="$BENCH_TARGET_DIR" \
	cargo build --release --locked --features runtime-benchmarks -p lineage-node) ||
	die "the benchmark build failed (see above)"

summary="$LINEAGE_ROOT/scripts/benchmark-results.txt"
: >"$summary"
for pallet in "${PALLETS[@]}"; do
	dir="${pallet#pallet_}"
	out="$LINEAGE_ROOT/pallets/$dir/src/weights.rs"
	say "benchmarking $pallet -> $out"
	"$BIN" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" --heap-pages 4096 \
		--template "$LINEAGE_ROOT/scripts/weight-template.hbs" --output "$out" \
		2>&1 | tee -a "$summary" | grep -E "^(Pallet|Median Slopes|Min Squares|Time|Reads|Writes|\s+[a-z]+\s+[0-9])" || true
	[ "${PIPESTATUS[0]}" -eq 0 ] || die "benchmarking $pallet failed (see $summary)"
done
ok "weights written; raw figures in $summary"
