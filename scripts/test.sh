#!/usr/bin/env bash
# README command 2 (and what CI runs): the whole test suite.
#
#   1. formatting (cargo fmt --check)
#   2. lints (cargo clippy -D warnings, all crates and targets)
#   3. unit tests of every pallet, the primitives, the attribution engine and the client; runtime
#      tests; the payout property test against a naive reference (10,000 sequences; a million
#      with LINEAGE_PROPTEST_CASES=1000000); end-to-end tests that start the real lineage-node
#      binary and drive it over JSON-RPC and through the `lineage` command-line client
#      (including a runtime upgrade through the council to the next runtime, and the operator
#      section of the README followed from `key generate` to two validators of a production spec)
#   4. a four-validator local testnet that survives any one validator down and that a fifth joins
#      (scripts/local-testnet.sh check)
#   5. try-runtime: the next runtime's migrations and every pallet's try_state on a snapshot of a
#      chain with data in every pallet (scripts/try-runtime.sh)
#   6. the pallets' benchmarks, run once each as tests (feature runtime-benchmarks)
#   7. the attribution engine's benchmark in quick mode (10 MB corpus; the full 10 MB + 100 MB run
#      is `cargo bench -p lineage-attribution-engine`)
#   8. the load benchmark in quick mode (about 5 minutes: every phase, a fraction of a block each;
#      the full run that produces the README's table is `./scripts/benchmark.sh load`)
#   9. the web app (web/): type check, build, unit tests, and browser tests in headless chromium
#      (Debian's) against dev nodes they start, with the lineage client
#
# Everything uses the release profile and the shared target directory of scripts/lib.sh, so the
# dependencies compile once for all steps.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_toolchain
cd "$LINEAGE_ROOT"
started=$SECONDS
step() { say "[$(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s] $*"; }

step "formatting"
cargo fmt --all -- --check || die "code is not formatted: run 'cargo fmt --all' and commit the result"

[ -x "$LINEAGE_NODE_BIN" ] || say "first build: about 1,000 crates, about 40 minutes on 2 cores; later runs take minutes"

step "clippy (-D warnings)"
lineage_cargo clippy --release --locked --workspace --all-targets -- -D warnings ||
	die "clippy found problems (see above)"

step "npm packages of the @polkadot/api compatibility check"
command -v npm >/dev/null 2>&1 || die "npm is not installed: install Node.js 18+ and npm (apt-get install nodejs npm)"
npm ci --prefix "$LINEAGE_ROOT/scripts/polkadot-js" --no-audit --no-fund --loglevel=error ||
	die "npm ci failed in scripts/polkadot-js: check access to the npm registry"

step "the lineage-node and lineage binaries the end-to-end tests start"
build_node

step "the next runtime (spec_version + 1, try-runtime) the upgrade tests install"
build_next_runtime

step "unit, runtime, property and end-to-end tests"
lineage_cargo test --release --locked --workspace || die "tests failed (see above)"

step "a four-validator local testnet: finality with any one down, a fifth validator joins"
LINEAGE_SKIP_BUILD=1 "$LINEAGE_ROOT/scripts/local-testnet.sh" check || die "the local testnet check failed (see above)"

step "try-runtime on a snapshot of a chain with data in every pallet"
LINEAGE_SKIP_BUILD=1 "$LINEAGE_ROOT/scripts/try-runtime.sh" || die "the try-runtime check failed (see above)"

step "benchmarks of the Lineage pallets, as tests"
lineage_cargo test --release --locked --features runtime-benchmarks \
	-p pallet-datasets -p pallet-models -p pallet-inference -p pallet-attribution benchmark ||
	die "a benchmark failed (see above)"

step "the attribution engine's benchmark, quick mode"
LINEAGE_ENGINE_BENCH_QUICK=1 lineage_cargo bench --locked -p lineage-attribution-engine --bench engine ||
	die "the attribution engine benchmark failed (see above)"

step "the load benchmark, quick mode (the full run: ./scripts/benchmark.sh load)"
load_log="${TMPDIR:-/tmp}/lineage-load-quick.log"
LINEAGE_SKIP_BUILD=1 "$LINEAGE_ROOT/scripts/benchmark.sh" load --quick >"$load_log" 2>&1 ||
	{ tail -n 40 "$load_log"; die "the load benchmark failed (see above)"; }
tail -n 3 "$load_log"

step "the web app in headless chromium: type check, build, unit and browser tests"
command -v chromium >/dev/null 2>&1 || "$LINEAGE_ROOT/scripts/setup.sh"
command -v chromium >/dev/null 2>&1 || die "chromium is missing after scripts/setup.sh: install it (apt-get install chromium)"
(
	cd "$LINEAGE_ROOT/web" &&
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error &&
		npm run --silent typecheck &&
		npm run --silent build -- --logLevel warn &&
		LINEAGE_CHROMIUM="$(command -v chromium)" npx playwright test
) || die "the web app's checks failed (see above; screenshots and traces in web/test-results/)"

step "all tests passed"
