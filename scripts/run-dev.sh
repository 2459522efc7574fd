#!/usr/bin/env bash
# README command 1: installs what is needed (once), builds lineage-node, the lineage client and the
# web app, and starts a development chain with JSON-RPC on ws://127.0.0.1:9944 and the web app on
# http://127.0.0.1:5173 beside it.
#
#   ./scripts/run-dev.sh                   # Aura: a block every 6 s, GRANDPA finality
#   ./scripts/run-dev.sh --instant-seal    # a block per transaction, finalised at once
#
# Any other arguments are passed to lineage-node. The chain is temporary (--tmp): it starts from
# genesis every time. Set LINEAGE_BASE_PATH to keep it between runs. The web app (web/, built once
# and again only when its sources change) is served from web/dist by python3's http.server on
# LINEAGE_WEB_PORT (default 5173) and stops with the node; LINEAGE_WEB=0 starts the node alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RPC_PORT="${LINEAGE_RPC_PORT:-9944}"
P2P_PORT="${LINEAGE_P2P_PORT:-30333}"
PROMETHEUS_PORT="${LINEAGE_PROMETHEUS_PORT:-9615}"
WEB_PORT="${LINEAGE_WEB_PORT:-5173}"
WEB="${LINEAGE_WEB:-1}"
WEB_DIR="$LINEAGE_ROOT/web"

ensure_toolchain
build_node

ports=("$RPC_PORT:JSON-RPC:LINEAGE_RPC_PORT" "$P2P_PORT:peer-to-peer:LINEAGE_P2P_PORT"
	"$PROMETHEUS_PORT:Prometheus:LINEAGE_PROMETHEUS_PORT")
if [ "$WEB" = 1 ]; then
	case " $RPC_PORT $P2P_PORT $PROMETHEUS_PORT " in
	*" $WEB_PORT "*) die "LINEAGE_WEB_PORT=$WEB_PORT is one of the node's ports: choose another" ;;
	esac
	ports+=("$WEB_PORT:web app:LINEAGE_WEB_PORT")
fi
for pair in "${ports[@]}"; do
	IFS=: read -r port what var <<<"$pair"
	port_free "$port" || die "the $what port $port is in use (is a lineage-node already running? 'pkill lineage-node' stops it), or set $var to another port"
done

# The web app: npm ci when package-lock.json changed, vite build when a source changed.
build_web() {
	command -v npm >/dev/null 2>&1 || die "npm is not installed, and the web app needs it: run scripts/setup.sh, or LINEAGE_WEB=0 to start the node alone"
	if [ ! -f "$WEB_DIR/node_modules/.package-lock.json" ] ||
		[ "$WEB_DIR/package-lock.json" -nt "$WEB_DIR/node_modules/.package-lock.json" ]; then
		say "installing the web app's npm packages (npm ci)"
		(cd "$WEB_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
			die "npm ci failed in web/: check access to the npm registry, or LINEAGE_WEB=0 to start the node alone"
	fi
	if [ -f "$WEB_DIR/dist/index.html" ] && [ -z "$(find "$WEB_DIR/src" "$WEB_DIR/index.html" "$WEB_DIR/vite.config.ts" \
		"$WEB_DIR/package-lock.json" "$LINEAGE_ROOT/scripts/polkadot-js/lineage-rpc.json" \
		-newer "$WEB_DIR/dist/index.html" -print -quit)" ]; then
		ok "web app up to date (web/dist)"
		return 0
	fi
	say "building the web app (vite build -> web/dist)"
	(cd "$WEB_DIR" && npm run --silent build -- --logLevel warn) ||
		die "the web app's build failed (see above), or LINEAGE_WEB=0 to start the node alone"
}

web_url=""
if [ "$WEB" = 1 ]; then
	build_web
	command -v python3 >/dev/null 2>&1 || die "python3 is not installed (it serves the web app): run scripts/setup.sh"
	python3 -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory "$WEB_DIR/dist" >/dev/null 2>&1 &
	web_pid=$!
	# The web server stops with the node (or with this script, however it ends).
	trap 'kill "$web_pid" 2>/dev/null || true' EXIT
	web_url="http://127.0.0.1:$WEB_PORT/?rpc=ws://127.0.0.1:$RPC_PORT"
fi

if [ -n "${LINEAGE_BASE_PATH:-}" ]; then
	storage=(--base-path "$LINEAGE_BASE_PATH")
else
	storage=(--tmp)
fi

cat <<MSG

${_bold}Lineage dev node${_reset}
  JSON-RPC:        ws://127.0.0.1:$RPC_PORT
  Web app:         ${web_url:-(not started: LINEAGE_WEB=0)}
  polkadot.js:     https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$RPC_PORT#/explorer
  Prometheus:      http://127.0.0.1:$PROMETHEUS_PORT/metrics
  Client:          $LINEAGE_CLIENT_BIN --help   (dataset, contribute, model, voucher, infer, earnings, claim, ...)
  Stop with Ctrl-C.

MSG
status=0
"$LINEAGE_NODE_BIN" --dev "${storage[@]}" \
	--rpc-port "$RPC_PORT" --port "$P2P_PORT" --prometheus-port "$PROMETHEUS_PORT" \
	--rpc-cors all "$@" || status=$?
exit "$status"
