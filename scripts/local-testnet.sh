#!/usr/bin/env bash
# A three-validator Lineage network (chain `local`: Alice, Bob, Charlie) on this machine.
#
#   ./scripts/local-testnet.sh start   # run it until Ctrl-C
#   ./scripts/local-testnet.sh check   # the automated scenario (part of scripts/test.sh):
#                                      #   all three author blocks and finality advances;
#                                      #   Charlie stops: Alice and Bob keep producing blocks;
#                                      #   Charlie restarts and catches up; finality resumes.
#
# Each validator gets its own base path, its session keys inserted with `lineage-node key insert`,
# and node keys (`lineage-node key generate-node-key`), and distinct ports. Alice's address is the
# bootnode of the others.
# Charlie starts from the raw chain spec `build-spec --chain local --raw` writes, which must be the
# same network as the built-in `local`. Every process started here is stopped on exit, also on
# failure or Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE="${1:-start}"
case "$MODE" in start | check) ;; *) die "unknown mode '$MODE': use 'start' or 'check'" ;; esac
NAMES=(alice bob charlie)
SURIS=(//Alice //Bob //Charlie)
BASE_PORT="${LINEAGE_TESTNET_BASE_PORT:-31300}"
WORK="${LINEAGE_TESTNET_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/lineage-testnet.XXXXXX")}"
declare -a PIDS=()

p2p_port() { echo $((BASE_PORT + $1)); }
rpc_port() { echo $((BASE_PORT + 10 + $1)); }
prometheus_port() { echo $((BASE_PORT + 20 + $1)); }

# stop_pids PID...: asks each process to stop (SIGTERM), waits up to 30 s for all of them, then
# kills what is left, so that neither a check nor Ctrl-C can hang on a node that does not exit.
stop_pids() {
	local pid deadline=$((SECONDS + 30))
	for pid in "$@"; do
		[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "$@"; do
		[ -n "$pid" ] || continue
		while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
			sleep 0.2
		done
		if kill -0 "$pid" 2>/dev/null; then
			echo "node $pid did not stop within 30 s: killing it" >&2
			kill -KILL "$pid" 2>/dev/null || true
		fi
		wait "$pid" 2>/dev/null || true
	done
}

cleanup() {
	stop_pids "${PIDS[@]}"
	if [ "$MODE" = check ] && [ -z "${LINEAGE_TESTNET_DIR:-}" ]; then
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# rpc PORT METHOD [JSON-PARAMS] -> prints the JSON result (uses python3, no other tools).
rpc() {
	python3 - "$@" <<-'PY'
		import json, sys, urllib.request
		port, method = sys.argv[1], sys.argv[2]
		params = json.loads(sys.argv[3]) if len(sys.argv) > 3 else []
		body = json.dumps({"id": 1, "jsonrpc": "2.0", "method": method, "params": params}).encode()
		req = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
		try:
		    reply = json.load(urllib.request.urlopen(req, timeout=5))
		except Exception as e:
		    sys.exit(f"rpc {method} on port {port}: {e}")
		if "error" in reply:
		    sys.exit(f"rpc {method} on port {port}: {reply['error']}")
		print(json.dumps(reply["result"]))
	PY
}
best() { rpc "$(rpc_port "$1")" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'; }
finalized() {
	local port hash
	port=$(rpc_port "$1")
	hash=$(rpc "$port" chain_getFinalizedHead)
	rpc "$port" chain_getHeader "[$hash]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'
}
peers() { rpc "$(rpc_port "$1")" system_health | python3 -c 'import json,sys; print(json.load(sys.stdin)["peers"])'; }
genesis() { rpc "$(rpc_port "$1")" chain_getBlockHash '[0]'; }
authored() { grep -c "Prepared block for proposing" "$WORK/${NAMES[$1]}.log" 2>/dev/null || true; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every second.
wait_until() {
	local limit=$1 what=$2
	shift 2
	local start=$SECONDS
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS - start > limit)); then
			for name in "${NAMES[@]}"; do
				echo "---- last lines of $name.log" >&2
				tail -n 15 "$WORK/$name.log" >&2 || true
			done
			die "timed out after ${limit}s waiting until $what"
		fi
		sleep 1
	done
	ok "$what (after $((SECONDS - start))s)"
}

start_validator() {
	local i=$1 name=${NAMES[$1]} chain=local extra=()
	[ "$i" -eq 2 ] && chain="$WORK/local-raw.json"
	[ "$i" -eq 0 ] || extra=(--bootnodes "$BOOTNODE")
	"$LINEAGE_NODE_BIN" --chain "$chain" --base-path "$WORK/$name" --validator --name "$name" \
		--port "$(p2p_port "$i")" --rpc-port "$(rpc_port "$i")" --prometheus-port "$(prometheus_port "$i")" \
		--no-mdns --no-telemetry "${extra[@]}" >>"$WORK/$name.log" 2>&1 &
	PIDS[$i]=$!
	say "started $name (pid ${PIDS[$i]}): p2p $(p2p_port "$i"), rpc ws://127.0.0.1:$(rpc_port "$i"), prometheus $(prometheus_port "$i")"
}

stop_validator() {
	local i=$1
	stop_pids "${PIDS[$i]}"
	PIDS[$i]=""
	say "stopped ${NAMES[$i]}"
}

ensure_toolchain
build_node
command -v python3 >/dev/null 2>&1 || die "python3 is needed to talk to the nodes: apt-get install python3"
for i in 0 1 2; do
	for port in "$(p2p_port "$i")" "$(rpc_port "$i")" "$(prometheus_port "$i")"; do
		port_free "$port" || die "port $port is in use: stop what uses it or set LINEAGE_TESTNET_BASE_PORT"
	done
done

say "preparing $WORK"
"$LINEAGE_NODE_BIN" build-spec --chain local --raw >"$WORK/local-raw.json" 2>/dev/null ||
	die "build-spec --chain local --raw failed"
for i in 0 1 2; do
	for key in "aura Sr25519" "gran Ed25519"; do
		set -- $key
		"$LINEAGE_NODE_BIN" key insert --base-path "$WORK/${NAMES[$i]}" --chain local \
			--key-type "$1" --scheme "$2" --suri "${SURIS[$i]}" ||
			die "inserting the $1 key of ${NAMES[$i]} failed"
	done
done
ok "session keys inserted (aura: sr25519, gran: ed25519) with 'lineage-node key insert'"
for name in "${NAMES[@]}"; do
	"$LINEAGE_NODE_BIN" key generate-node-key --base-path "$WORK/$name" --chain local 2>/dev/null ||
		die "generating the node key of $name failed"
done
ok "node keys generated with 'lineage-node key generate-node-key'"
ALICE_PEER_ID=$("$LINEAGE_NODE_BIN" key inspect-node-key \
	--file "$WORK/alice/chains/lineage_local/network/secret_ed25519")
BOOTNODE="/ip4/127.0.0.1/tcp/$(p2p_port 0)/p2p/$ALICE_PEER_ID"
ok "bootnode: $BOOTNODE"

for i in 0 1 2; do start_validator "$i"; done

all_answer() { for i in 0 1 2; do best "$i" >/dev/null || return 1; done; }
wait_until 60 "all three validators answer JSON-RPC" all_answer
[ "$(genesis 0)" = "$(genesis 2)" ] && [ "$(genesis 0)" = "$(genesis 1)" ] ||
	die "Charlie (raw spec) has genesis $(genesis 2), Alice (built-in local) $(genesis 0): build-spec --raw is not the same network"
ok "the raw chain spec and the built-in 'local' have the same genesis $(genesis 0)"
all_peered() { for i in 0 1 2; do [ "$(peers "$i")" -ge 2 ] || return 1; done; }
wait_until 60 "every validator has found its 2 peers (through the bootnode)" all_peered

if [ "$MODE" = start ]; then
	cat <<-MSG

		${_bold}Lineage local testnet${_reset} ($WORK)
		  Alice:   ws://127.0.0.1:$(rpc_port 0)   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$(rpc_port 0)
		  Bob:     ws://127.0.0.1:$(rpc_port 1)
		  Charlie: ws://127.0.0.1:$(rpc_port 2)
		  Logs:    $WORK/{alice,bob,charlie}.log
		  Stop with Ctrl-C (stops all three).
	MSG
	wait
	exit 0
fi

all_authored() { for i in 0 1 2; do [ "$(authored "$i")" -ge 1 ] || return 1; done; }
wait_until 90 "all three validators have authored blocks" all_authored
finality_at_least() { [ "$(finalized 0)" -ge "$1" ]; }
wait_until 60 "finality advances (block #2 finalised)" finality_at_least 2

say "stopping Charlie: Alice and Bob go on"
stop_validator 2
stopped_at=$(best 0)
final_at_stop=$(finalized 0)
blocks_after() { [ "$(best 0)" -ge $((stopped_at + 3)) ]; }
wait_until 60 "blocks are still produced with 2 of 3 validators (#$stopped_at -> #$((stopped_at + 3)))" blocks_after
final_now=$(finalized 0)
# GRANDPA needs more than 2/3 of the votes: with three equal validators, all three. So finality
# must not pass what the three of them could finalise before the stop.
[ "$final_now" -le "$stopped_at" ] ||
	die "finality went on to #$final_now with 2 of 3 validators: GRANDPA's 2/3 rule is not what this chain runs"
say "finality waits at #$final_now (was #$final_at_stop when Charlie stopped): GRANDPA needs more than 2/3 of the votes, with 3 validators all of them"

say "restarting Charlie"
start_validator 2
caught_up() { [ "$(best 2)" -ge "$(best 0)" ] && [ "$(best 0)" -ge $((stopped_at + 3)) ]; }
wait_until 120 "Charlie caught up with the chain" caught_up
target=$(best 0)
finalized_everywhere() { [ "$(finalized 0)" -ge "$target" ] && [ "$(finalized 2)" -ge "$target" ]; }
wait_until 120 "finality resumed past the stop (#$target finalised on Alice and Charlie)" finalized_everywhere
ok "local testnet check passed"
