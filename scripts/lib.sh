# Shared settings for the Lineage scripts. Sourced, never executed.
#
# One cargo target directory outside the checkout is shared by every script, by CI and by later
# sessions on the same machine, so the ~1,000 dependencies of a node compile once. Everything is
# built in the `release` profile: unit tests, clippy, the node and the end-to-end tests share it.

set -euo pipefail

LINEAGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LINEAGE_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lineage/target}"
LINEAGE_STATE_DIR="${LINEAGE_STATE_DIR:-$HOME/.cache/lineage}"
export LINEAGE_STATE_DIR
# Written by setup.sh when the WASM target comes from Debian's toolchain instead of rustup.
LINEAGE_ENV_FILE="$LINEAGE_STATE_DIR/toolchain.env"
LINEAGE_NODE_BIN="$CARGO_TARGET_DIR/release/lineage-node"
LINEAGE_CLIENT_BIN="$CARGO_TARGET_DIR/release/lineage"
# The runtime one spec_version later, with try-runtime: what the upgrade test and
# scripts/try-runtime.sh upgrade to (build_next_runtime).
LINEAGE_NEXT_RUNTIME_WASM="$CARGO_TARGET_DIR/next-runtime/release/wbuild/lineage-runtime/lineage_runtime.compact.compressed.wasm"
export LINEAGE_NODE_BIN LINEAGE_CLIENT_BIN LINEAGE_NEXT_RUNTIME_WASM

if [ -t 1 ]; then
	_bold=$'\033[1m' _red=$'\033[31m' _green=$'\033[32m' _reset=$'\033[0m'
else
	_bold='' _red='' _green='' _reset=''
fi

say() { printf '%s==> %s%s\n' "$_bold" "$*" "$_reset"; }
ok() { printf '%s  ok%s %s\n' "$_green" "$_reset" "$*"; }
# One clear line naming the cause and the fix, then exit.
die() {
	printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
	exit 1
}

# Loads the toolchain choice made by setup.sh (WASM_BUILD_TOOLCHAIN for the runtime build).
load_toolchain_env() {
	if [ -f "$LINEAGE_ENV_FILE" ]; then
		# shellcheck disable=SC1090
		. "$LINEAGE_ENV_FILE"
	fi
}

# True when setup.sh has completed on this machine and its result is still in place.
toolchain_ready() {
	command -v cargo >/dev/null 2>&1 || return 1
	command -v protoc >/dev/null 2>&1 || return 1
	command -v npm >/dev/null 2>&1 || return 1
	command -v python3 >/dev/null 2>&1 || return 1
	[ -f "$LINEAGE_ENV_FILE" ] || return 1
	load_toolchain_env
	if [ -n "${WASM_BUILD_TOOLCHAIN:-}" ]; then
		rustup run "$WASM_BUILD_TOOLCHAIN" rustc --version >/dev/null 2>&1 || return 1
		local sysroot
		sysroot="$(rustup run "$WASM_BUILD_TOOLCHAIN" rustc --print sysroot)"
		compgen -G "$sysroot/lib/rustlib/wasm32v1-none/lib/libcore-*.rlib" >/dev/null || return 1
	else
		rustup target list --installed 2>/dev/null | grep -q '^wasm32v1-none$' || return 1
	fi
}

ensure_toolchain() {
	if ! toolchain_ready; then
		say "toolchain not set up yet: running scripts/setup.sh"
		"$LINEAGE_ROOT/scripts/setup.sh"
		toolchain_ready || die "the WASM toolchain is still missing after scripts/setup.sh; read its output above and fix the step it names"
	fi
	load_toolchain_env
}

# cargo in the shared profile, with progress shown while the (long) first build runs.
lineage_cargo() {
	(cd "$LINEAGE_ROOT" && cargo "$@")
}

# True when nothing listens on TCP `port` of this host.
port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Builds lineage-node and the lineage client (release profile). The first build compiles about
# 1,000 crates.
build_node() {
	# The test suite has just built the binary (with `cargo test`): building it again with
	# `cargo build -p lineage-node` could resolve features differently and relink it for nothing.
	if [ "${LINEAGE_SKIP_BUILD:-0}" = 1 ] && [ -x "$LINEAGE_NODE_BIN" ]; then
		return 0
	fi
	if [ ! -x "$LINEAGE_NODE_BIN" ]; then
		say "building lineage-node for the first time: about 1,000 crates, about 40 minutes on 2 cores"
		say "(later builds reuse $CARGO_TARGET_DIR and take minutes)"
	else
		say "building lineage-node (incremental)"
	fi
	lineage_cargo build --release --locked -p lineage-node -p lineage-client ||
		die "the build failed (see the compiler output above)"
	[ -x "$LINEAGE_NODE_BIN" ] || die "the build did not produce $LINEAGE_NODE_BIN"
	[ -x "$LINEAGE_CLIENT_BIN" ] || die "the build did not produce $LINEAGE_CLIENT_BIN"
}

# Builds the next runtime (features upgrade-test and try-runtime). It has a target directory of
# its own: the runtime's WASM is built in a directory of the target directory named after the
# crate, and the node's must not be replaced by this one.
build_next_runtime() {
	say "building the next runtime (spec_version + 1, with try-runtime) in $CARGO_TARGET_DIR/next-runtime"
	CARGO_TARGET_DIR="$CARGO_TARGET_DIR/next-runtime" lineage_cargo build --release --locked \
		-p lineage-runtime --features upgrade-test,try-runtime ||
		die "building the next runtime failed (see the compiler output above)"
	[ -f "$LINEAGE_NEXT_RUNTIME_WASM" ] || die "the build did not produce $LINEAGE_NEXT_RUNTIME_WASM"
}
