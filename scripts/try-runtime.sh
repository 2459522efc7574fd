#!/usr/bin/env bash
# try-runtime against a live chain: the next runtime's migrations with their pre- and
# post-upgrade checks, and every pallet's `try_state` invariants, run on a state snapshot of a
# chain (part of scripts/test.sh).
#
#   ./scripts/try-runtime.sh                       # a dev node it starts and fills with data
#   LINEAGE_TRY_RUNTIME_URI=ws://host:9944 ./scripts/try-runtime.sh   # any running node
#
# The runtime checked is this repository's, built with `--features upgrade-test,try-runtime`
# (spec_version + 1: what a runtime upgrade would install), by `lineage-try-runtime`
# (runtime/try-runtime), which snapshots the node's finalised state and executes the runtime's
# `TryRuntime_on_runtime_upgrade` on it, as `try-runtime on-runtime-upgrade snap` does.
#
# The dev node gets data in every Lineage pallet and in the governance and validator pallets,
# through the `lineage` client: datasets (curated and open, reviewed, snapshotted, a withdrawal
# unbonding), a model with an operator bond, an authorisation, inferences with vouchers and
# attribution, a challenge, claims, a council motion and treasury spend, a validator candidate.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_toolchain
[ -f "$LINEAGE_NEXT_RUNTIME_WASM" ] && [ "${LINEAGE_SKIP_BUILD:-0}" = 1 ] || build_next_runtime
lineage_cargo build --release --locked -p lineage-try-runtime || die "building lineage-try-runtime failed"
PID=""
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lineage-try-runtime.XXXXXX")
cleanup() {
	[ -z "$PID" ] || kill -TERM "$PID" 2>/dev/null || true
	[ -z "$PID" ] || wait "$PID" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${LINEAGE_TRY_RUNTIME_URI:-}" ]; then
	build_node
	port=$((20000 + RANDOM % 20000))
	port_free "$port" || die "port $port is in use: run again"
	"$LINEAGE_NODE_BIN" --dev --tmp --instant-seal --rpc-port "$port" --port $((port + 1)) \
		--no-prometheus --no-mdns >"$WORK/node.log" 2>&1 &
	PID=$!
	URL="ws://127.0.0.1:$port"
	l() { "$LINEAGE_CLIENT_BIN" "$@" --url "$URL" >>"$WORK/client.log" 2>&1 || {
		tail -n 20 "$WORK/client.log" >&2
		die "lineage $* failed"
	}; }
	lj() { "$LINEAGE_CLIENT_BIN" "$@" --url "$URL" --json 2>>"$WORK/client.log" | tail -n 1; }
	for _ in $(seq 60); do
		"$LINEAGE_CLIENT_BIN" validator status --url "$URL" >/dev/null 2>&1 && break
		sleep 1
	done
	say "filling a dev node ($URL) with data in every pallet"
	for i in 1 2 3 4; do echo "record $i of the curated dataset, for try-runtime" >"$WORK/r$i.txt"; done
	printf '{"text":"an open record one"}\n{"text":"an open record two"}\n' >"$WORK/open.jsonl"
	l dataset create --name curated --curated --suri //Alice
	l dataset curator add 0 //Bob --suri //Alice
	l contribute --dataset 0 --units 30 "$WORK/r1.txt" "$WORK/r2.txt" --suri //Charlie
	l contribute --dataset 0 --units 10 "$WORK/r3.txt" "$WORK/r4.txt" --suri //Dave
	l review 0 --accept --suri //Bob
	l review 1 --accept --units 20 --suri //Bob
	l review 2 --accept --suri //Bob
	l review 3 --reject --suri //Bob
	l dataset create --name open --suri //Alice
	l contribute --dataset 1 --records "$WORK/open.jsonl" --suri //Ferdie
	l dataset snapshot 1 --suri //Ferdie
	l model register --name m --version v1 --dataset 0:60 --dataset 1:40 --fee 1LIN --split 70/15/5/10 --suri //Eve
	l bond --model 0 --suri //Eve
	l authorize --model 0 --max-total 20LIN --max-fee 1LIN --suri //Ferdie
	"$LINEAGE_CLIENT_BIN" voucher sign --model 0 --max-fee 1LIN --request a --request b \
		--suri //Ferdie --url "$URL" >"$WORK/vouchers.json" || die "signing vouchers failed"
	python3 - "$WORK/vouchers.json" >"$WORK/infer.json" <<-'PY'
		import json, sys
		v = json.load(open(sys.argv[1]))
		print(json.dumps([
		    {"voucher": v[0], "output": "an answer"},
		    {"voucher": v[1], "output": "another answer", "attribution": [{"contribution": 2, "weight": 50}]},
		]))
	PY
	l infer --model 0 "$WORK/infer.json" --suri //Eve
	l challenge --inference 1 --evidence-uri https://example.org/evidence --suri //Dave
	l claim --suri //Charlie
	l withdraw 1 --suri //Charlie
	spend=$(lj council propose spend --amount 1LIN --to //Ferdie --threshold 2 --suri //Alice |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["index"])')
	l council vote "$spend" --aye --suri //Bob
	l council close "$spend" --suri //Charlie
	l validator rotate-keys --suri //Dave
	l validator register --suri //Dave
	ok "data in every pallet (client log: $WORK/client.log)"
	LINEAGE_TRY_RUNTIME_URI="$URL"
fi

say "try-runtime: the next runtime's on-runtime-upgrade and every try_state, on a snapshot of $LINEAGE_TRY_RUNTIME_URI"
"$CARGO_TARGET_DIR/release/lineage-try-runtime" --uri "$LINEAGE_TRY_RUNTIME_URI" \
	--runtime "$LINEAGE_NEXT_RUNTIME_WASM" --snapshot "$WORK/state.snap" ||
	die "try-runtime failed (see above)"
# The negative control: the same run on a snapshot whose attribution pot was emptied must fail.
if "$CARGO_TARGET_DIR/release/lineage-try-runtime" --uri "$LINEAGE_TRY_RUNTIME_URI" \
	--runtime "$LINEAGE_NEXT_RUNTIME_WASM" --tamper-attribution-pot >"$WORK/tampered.log" 2>&1; then
	cat "$WORK/tampered.log" >&2
	die "try-runtime passed on a snapshot with an emptied attribution pot: the checks do not run"
fi
grep -q "the pot holds less than what is claimable" "$WORK/tampered.log" || {
	cat "$WORK/tampered.log" >&2
	die "the tampered snapshot failed, but not on the attribution pot's invariant"
}
ok "negative control: a snapshot with an emptied attribution pot fails on 'the pot holds less than what is claimable'"
ok "try-runtime passed"
