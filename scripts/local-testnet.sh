#!/usr/bin/env bash
# A four-validator Lineage network (chain `local`: Alice, Bob, Charlie, Dave) on this machine, and
# a fifth operator (Eve) who joins it as a validator.
#
#   ./scripts/local-testnet.sh start   # run the four validators until Ctrl-C
#   ./scripts/local-testnet.sh check   # the automated scenario (part of scripts/test.sh):
#     1. all four author blocks and finality advances;
#     2. the council shortens sessions to 10 blocks (a motion: propose, vote, close);
#     3. each validator in turn is stopped: finality goes on with the other three (GRANDPA needs
#        more than 2/3), and the stopped one restarts and catches up;
#     4. Eve joins by the operator steps of the README: she starts a node, has it make new session
#        keys and registers them (`lineage validator rotate-keys`: author_rotateKeysWithOwner, then
#        session.set_keys), bonds a candidacy (`lineage validator register`), and authors blocks
#        from a later session.
#   Every step prints the block numbers it saw.
#
# Each validator gets its own base path, its session keys inserted with `lineage-node key insert`,
# node keys (`lineage-node key generate-node-key`), and distinct ports; Alice's address is the
# bootnode of the others. Dave starts from the raw chain spec `build-spec --chain local --raw`
# writes, which must be the same network as the built-in `local`. The `local` chain is secured by
# development keys, so every node runs with --allow-dev-keys. Every process started here is
# stopped on exit, also on failure or Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE="${1:-start}"
case "$MODE" in start | check) ;; *) die "unknown mode '$MODE': use 'start' or 'check'" ;; esac
NAMES=(alice bob charlie dave eve)
SURIS=(//Alice //Bob //Charlie //Dave //Eve)
VALIDATORS=(0 1 2 3)
JOINER=4
SESSION_BLOCKS=10
BASE_PORT="${LINEAGE_TESTNET_BASE_PORT:-31300}"
WORK="${LINEAGE_TESTNET_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/lineage-testnet.XXXXXX")}"
declare -a PIDS=()

p2p_port() { echo $((BASE_PORT + $1)); }
rpc_port() { echo $((BASE_PORT + 10 + $1)); }
prometheus_port() { echo $((BASE_PORT + 20 + $1)); }
url() { echo "ws://127.0.0.1:$(rpc_port "$1")"; }

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
json_field() { python3 -c "import json,sys; v=json.load(sys.stdin)$1; print(v if not isinstance(v, (list, dict)) else json.dumps(v))"; }
best() { rpc "$(rpc_port "$1")" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'; }
finalized() {
	local port hash
	port=$(rpc_port "$1")
	hash=$(rpc "$port" chain_getFinalizedHead)
	rpc "$port" chain_getHeader "[$hash]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'
}
peers() { rpc "$(rpc_port "$1")" system_health | json_field '["peers"]'; }
genesis() { rpc "$(rpc_port "$1")" chain_getBlockHash '[0]'; }
authored() { grep -c "Prepared block for proposing" "$WORK/${NAMES[$1]}.log" 2>/dev/null || true; }
# lineage ARGS...: the client.
lineage() { "$LINEAGE_CLIENT_BIN" "$@"; }
status_json() { lineage validator status --json --url "$(url "$1")"; }
# "block #N, finalised #F" as seen by node $1.
where() { echo "block #$(best "$1"), finalised #$(finalized "$1")"; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every second.
wait_until() {
	local limit=$1 what=$2
	shift 2
	local start=$SECONDS
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS - start > limit)); then
			for name in "${NAMES[@]}"; do
				[ -f "$WORK/$name.log" ] || continue
				echo "---- last lines of $name.log" >&2
				tail -n 15 "$WORK/$name.log" >&2 || true
			done
			die "timed out after ${limit}s waiting until $what"
		fi
		sleep 1
	done
	ok "$what (after $((SECONDS - start))s)"
}

start_node() {
	local i=$1 name=${NAMES[$1]} chain=local extra=()
	[ "$i" -eq 3 ] && chain="$WORK/local-raw.json"
	[ "$i" -eq 0 ] || extra=(--bootnodes "$BOOTNODE")
	"$LINEAGE_NODE_BIN" --chain "$chain" --allow-dev-keys --base-path "$WORK/$name" --validator \
		--name "$name" --port "$(p2p_port "$i")" --rpc-port "$(rpc_port "$i")" \
		--prometheus-port "$(prometheus_port "$i")" --no-mdns --no-telemetry "${extra[@]}" \
		>>"$WORK/$name.log" 2>&1 &
	PIDS[$i]=$!
	say "started $name (pid ${PIDS[$i]}): p2p $(p2p_port "$i"), rpc $(url "$i"), prometheus $(prometheus_port "$i")"
}

stop_node() {
	local i=$1
	stop_pids "${PIDS[$i]}"
	PIDS[$i]=""
	say "stopped ${NAMES[$i]}"
}

ensure_toolchain
build_node
command -v python3 >/dev/null 2>&1 || die "python3 is needed to talk to the nodes: apt-get install python3"
for i in "${VALIDATORS[@]}" "$JOINER"; do
	for port in "$(p2p_port "$i")" "$(rpc_port "$i")" "$(prometheus_port "$i")"; do
		port_free "$port" || die "port $port is in use: stop what uses it or set LINEAGE_TESTNET_BASE_PORT"
	done
done

say "preparing $WORK"
"$LINEAGE_NODE_BIN" build-spec --chain local --raw >"$WORK/local-raw.json" 2>/dev/null ||
	die "build-spec --chain local --raw failed"
for i in "${VALIDATORS[@]}"; do
	for key in "aura Sr25519" "gran Ed25519"; do
		set -- $key
		"$LINEAGE_NODE_BIN" key insert --base-path "$WORK/${NAMES[$i]}" --chain local \
			--key-type "$1" --scheme "$2" --suri "${SURIS[$i]}" ||
			die "inserting the $1 key of ${NAMES[$i]} failed"
	done
done
ok "session keys of the four genesis validators inserted (aura: sr25519, gran: ed25519) with 'lineage-node key insert'"
for i in "${VALIDATORS[@]}" "$JOINER"; do
	"$LINEAGE_NODE_BIN" key generate-node-key --base-path "$WORK/${NAMES[$i]}" --chain local 2>/dev/null ||
		die "generating the node key of ${NAMES[$i]} failed"
done
ok "node keys generated with 'lineage-node key generate-node-key'"
ALICE_PEER_ID=$("$LINEAGE_NODE_BIN" key inspect-node-key \
	--file "$WORK/alice/chains/lineage_local/network/secret_ed25519")
BOOTNODE="/ip4/127.0.0.1/tcp/$(p2p_port 0)/p2p/$ALICE_PEER_ID"
ok "bootnode: $BOOTNODE"

for i in "${VALIDATORS[@]}"; do start_node "$i"; done

all_answer() { for i in "${VALIDATORS[@]}"; do best "$i" >/dev/null || return 1; done; }
wait_until 60 "all four validators answer JSON-RPC" all_answer
[ "$(genesis 0)" = "$(genesis 3)" ] && [ "$(genesis 0)" = "$(genesis 1)" ] ||
	die "Dave (raw spec) has genesis $(genesis 3), Alice (built-in local) $(genesis 0): build-spec --raw is not the same network"
ok "the raw chain spec and the built-in 'local' have the same genesis $(genesis 0)"
all_peered() { for i in "${VALIDATORS[@]}"; do [ "$(peers "$i")" -ge 3 ] || return 1; done; }
wait_until 60 "every validator has found its 3 peers (through the bootnode)" all_peered

if [ "$MODE" = start ]; then
	cat <<-MSG

		${_bold}Lineage local testnet${_reset} ($WORK)
		  Alice:   $(url 0)   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$(rpc_port 0)
		  Bob:     $(url 1)
		  Charlie: $(url 2)
		  Dave:    $(url 3)
		  Logs:    $WORK/{alice,bob,charlie,dave}.log
		  Stop with Ctrl-C (stops all four).
	MSG
	wait
	exit 0
fi

command -v "$LINEAGE_CLIENT_BIN" >/dev/null 2>&1 || die "the lineage client is not built at $LINEAGE_CLIENT_BIN"

# 1. Authoring and finality.
all_authored() { for i in "${VALIDATORS[@]}"; do [ "$(authored "$i")" -ge 1 ] || return 1; done; }
wait_until 120 "all four validators have authored blocks" all_authored
finality_at_least() { [ "$(finalized "$1")" -ge "$2" ]; }
wait_until 60 "finality advances (block #2 finalised)" finality_at_least 0 2
say "now: $(where 0)"

# 2. The council shortens sessions, so that a new validator joins within minutes.
motion=$(lineage council propose session-length "$SESSION_BLOCKS" --threshold 2 --suri //Alice --json --url "$(url 0)" |
	tail -n 1 | json_field '["index"]') || die "proposing the session length failed"
lineage council vote "$motion" --aye --suri //Bob --url "$(url 0)" >/dev/null || die "Bob's vote failed"
lineage council close "$motion" --suri //Charlie --url "$(url 0)" >/dev/null || die "closing the motion failed"
length=$(status_json 0 | json_field '["sessionLength"]')
[ "$length" = "$SESSION_BLOCKS" ] || die "the session length is $length, not $SESSION_BLOCKS, after the council's motion"
ok "council motion $motion (Alice proposed, Bob voted, Charlie closed): sessions of $SESSION_BLOCKS blocks from now; $(where 0)"

# 3. Finality goes on with any one validator stopped; the stopped one catches up.
for i in "${VALIDATORS[@]}"; do
	other=$(((i + 1) % 4))
	say "stopping ${NAMES[$i]} at $(where "$other")"
	stop_node "$i"
	final_at_stop=$(finalized "$other")
	wait_until 90 "finality goes on without ${NAMES[$i]} (#$final_at_stop -> #$((final_at_stop + 3)))" \
		finality_at_least "$other" $((final_at_stop + 3))
	say "restarting ${NAMES[$i]}"
	start_node "$i"
	target=$(best "$other")
	caught_up() { [ "$(best "$i")" -ge "$target" ] && [ "$(finalized "$i")" -ge "$final_at_stop" ]; }
	wait_until 120 "${NAMES[$i]} caught up to #$target; it sees $(where "$other" 2>/dev/null)" caught_up
done

# 4. Eve joins as a validator by the operator steps.
say "Eve starts a node (validator role, no keys yet)"
start_node "$JOINER"
eve_synced() { [ "$(best "$JOINER")" -ge "$(best 0)" ]; }
wait_until 120 "Eve's node is in sync" eve_synced
# A node fresh out of its initial sync updates its transaction pool only from the blocks it
# imports afterwards: wait until it follows the chain (finalises past where it caught up), or
# its pool refuses transactions born in blocks it has not seen as "ancient".
synced_at=$(best 0)
eve_follows() { [ "$(finalized "$JOINER")" -ge "$synced_at" ]; }
wait_until 120 "Eve's node follows the chain (finalised #$synced_at)" eve_follows
lineage validator rotate-keys --node "$(url "$JOINER")" --suri //Eve --url "$(url "$JOINER")" >"$WORK/eve-keys.txt" ||
	die "rotating and registering Eve's session keys failed"
ok "lineage validator rotate-keys: Eve's node made new session keys for her account (author_rotateKeysWithOwner) and session.set_keys registered them: $(head -n 1 "$WORK/eve-keys.txt"); $(where 0)"
lineage validator register --suri //Eve --url "$(url "$JOINER")" >/dev/null ||
	die "registering Eve as a candidate failed"
EVE=$(status_json 0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["candidates"][0])')
registered_at=$(best 0)
ok "lineage validator register: Eve ($EVE) is a candidate at block #$registered_at, session $(status_json 0 | json_field '["session"]')"
eve_validates() { status_json 0 | python3 -c "import json,sys; sys.exit(0 if '$EVE' in json.load(sys.stdin)['validators'] else 1)"; }
wait_until $((SESSION_BLOCKS * 6 * 3 + 60)) "Eve is in the validator set" eve_validates
say "Eve validates from session $(status_json 0 | json_field '["session"]') at $(where 0)"
eve_authored() { [ "$(authored "$JOINER")" -ge 1 ]; }
wait_until 120 "Eve authors blocks" eve_authored
finality_past() { [ "$(finalized "$JOINER")" -ge "$(($1))" ]; }
target=$(best 0)
wait_until 90 "finality goes on with five validators (#$target finalised on Eve's node)" finality_past "$target"
ok "local testnet check passed: $(where 0)"
