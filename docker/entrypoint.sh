#!/bin/sh
# The lineage-node image's entrypoint: prepares the keys, then runs lineage-node with the
# container's command.
#
# - Session keys come from mounted files, never from the image: for each `/keys/aura` (an sr25519
#   secret URI) and `/keys/gran` (an ed25519 secret URI) present, the key is inserted into the
#   node's keystore under /data before the node starts (again on every start: it is idempotent).
#   Without them the node has no session keys; a validator then asks its own node for new ones
#   with `author_rotateKeys` (see the README's operator section).
# - The node key (the peer id) comes from `/keys/node-key` if mounted; otherwise one is generated
#   into /data on the first start and kept there.
#
# LINEAGE_CHAIN names the chain (default `local`): the same value must be given to --chain.
# LINEAGE_NODE, LINEAGE_BASE_PATH and LINEAGE_KEYS move the binary, /data and /keys (the test
# suite runs this script outside a container with them).
set -eu
NODE="${LINEAGE_NODE:-/usr/local/bin/lineage-node}"
CHAIN="${LINEAGE_CHAIN:-local}"
BASE="${LINEAGE_BASE_PATH:-/data}"
KEYS="${LINEAGE_KEYS:-/keys}"

# insert_key TYPE SCHEME: inserts $KEYS/TYPE, if it is there, as a key of that type and scheme.
insert_key() {
	if [ -f "$KEYS/$1" ]; then
		"$NODE" key insert --base-path "$BASE" --chain "$CHAIN" --key-type "$1" --scheme "$2" \
			--suri "$(cat "$KEYS/$1")"
		echo "inserted the $1 session key from $KEYS/$1"
	fi
}
insert_key aura Sr25519
insert_key gran Ed25519

if [ -f "$KEYS/node-key" ]; then
	NODE_KEY="--node-key-file=$KEYS/node-key"
else
	# Where the node looks for its key: /data/chains/<chain id>/network/secret_ed25519.
	if ! ls "$BASE"/chains/*/network/secret_ed25519 >/dev/null 2>&1; then
		"$NODE" key generate-node-key --base-path "$BASE" --chain "$CHAIN"
	fi
	NODE_KEY=""
fi

# shellcheck disable=SC2086
exec "$NODE" $NODE_KEY "$@"
