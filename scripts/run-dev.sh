#!/usr/bin/env bash
# README command 1: installs what is needed (once), builds lineage-node and the lineage client, and
# starts a development chain with JSON-RPC on ws://127.0.0.1:9944.
#
#   ./scripts/run-dev.sh                   # Aura: a block every 6 s, GRANDPA finality
#   ./scripts/run-dev.sh --instant-seal    # a block per transaction, finalised at once
#
# Any other arguments are passed to lineage-node. The chain is temporary (--tmp): it starts from
# genesis every time. Set LINEAGE_BASE_PATH to keep it between runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RPC_PORT="${LINEAGE_RPC_PORT:-9944}"
P2P_PORT="${LINEAGE_P2P_PORT:-30333}"
PROMETHEUS_PORT="${LINEAGE_PROMETHEUS_PORT:-9615}"

ensure_toolchain
build_node

for pair in "$RPC_PORT:JSON-RPC:LINEAGE_RPC_PORT" "$P2P_PORT:peer-to-peer:LINEAGE_P2P_PORT" \
	"$PROMETHEUS_PORT:Prometheus:LINEAGE_PROMETHEUS_PORT"; do
	IFS=: read -r port what var <<<"$pair"
	port_free "$port" || die "the $what port $port is in use (is a lineage-node already running? 'pkill lineage-node' stops it), or set $var to another port"
done

if [ -n "${LINEAGE_BASE_PATH:-}" ]; then
	storage=(--base-path "$LINEAGE_BASE_PATH")
else
	storage=(--tmp)
fi

cat <<MSG

${_bold}Lineage dev node${_reset}
  JSON-RPC:        ws://127.0.0.1:$RPC_PORT
  polkadot.js:     https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$RPC_PORT#/explorer
  Prometheus:      http://127.0.0.1:$PROMETHEUS_PORT/metrics
  Client:          $LINEAGE_CLIENT_BIN --help   (dataset, contribute, model, voucher, infer, earnings, claim, ...)
  Stop with Ctrl-C.

MSG
exec "$LINEAGE_NODE_BIN" --dev "${storage[@]}" \
	--rpc-port "$RPC_PORT" --port "$P2P_PORT" --prometheus-port "$PROMETHEUS_PORT" \
	--rpc-cors all "$@"
