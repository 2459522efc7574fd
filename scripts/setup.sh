#!/usr/bin/env bash
# Installs what building and testing Lineage needs (including chromium for the web app's browser
# tests), and makes the WASM target available.
#
# Idempotent: every step checks first and does nothing when its result is already in place, so it
# is cheap to run before every build. Needs root (or sudo) only when a system package is missing.
#
# The runtime is compiled to WebAssembly (target `wasm32v1-none`). The normal way to get that target
# is `rustup target add wasm32v1-none`. Where rustup cannot download (machines that reach only the
# package registries), Debian's own Rust toolchain (`rustc-web`, which knows the target) is linked
# into rustup as the toolchain `web`, `core`/`alloc` are compiled once for the target from Debian's
# standard-library sources, and `WASM_BUILD_TOOLCHAIN=web` is recorded so that
# substrate-wasm-builder compiles the runtime with it while the node uses the default toolchain.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WASM_TARGET=wasm32v1-none
BASE_PACKAGES=(build-essential pkg-config protobuf-compiler git curl ca-certificates)
DEBIAN_WASM_PACKAGES=(rustc-web cargo-web rust-web-src lld-22)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "'$*' needs root: run scripts/setup.sh as root or install sudo"
	fi
}

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$p"
	done
}

APT_UPDATED=0
apt_install() {
	local missing
	missing="$(missing_packages "$@")"
	if [ -z "$missing" ]; then
		ok "system packages present: $*"
		return 0
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "missing packages ($missing) and no apt-get: install them with your system's package manager"
	say "installing system packages: $missing"
	if [ "$APT_UPDATED" -eq 0 ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
			die "apt-get update failed: check the network/proxy to the Debian mirrors, then rerun scripts/setup.sh"
		APT_UPDATED=1
	fi
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing ||
		die "apt-get install of '$missing' failed: see the apt output above, fix it, then rerun scripts/setup.sh"
	ok "installed: $missing"
}

write_env() {
	mkdir -p "$LINEAGE_STATE_DIR"
	if [ -n "$1" ]; then
		printf 'export WASM_BUILD_TOOLCHAIN=%s\n' "$1" >"$LINEAGE_ENV_FILE"
	else
		printf 'unset WASM_BUILD_TOOLCHAIN\n' >"$LINEAGE_ENV_FILE"
	fi
}

# Builds `core`, `alloc` and `compiler_builtins` for the WASM target from Debian's sources, once.
build_wasm_std_with_debian_toolchain() {
	local sysroot libdir work
	sysroot="$(rustup run web rustc --print sysroot)"
	libdir="$sysroot/lib/rustlib/$WASM_TARGET/lib"
	if compgen -G "$libdir/libcore-*.rlib" >/dev/null; then
		ok "core/alloc for $WASM_TARGET already in $libdir"
		return 0
	fi
	say "building core/alloc for $WASM_TARGET from Debian's Rust sources (about a minute)"
	work="$LINEAGE_STATE_DIR/wasm-std-build"
	rm -rf "$work"
	mkdir -p "$work/src"
	cat >"$work/Cargo.toml" <<-'EOF'
		[package]
		name = "wasm-std-build"
		version = "0.0.0"
		edition = "2021"
		publish = false

		[lib]
		crate-type = ["cdylib"]
		path = "src/lib.rs"

		[profile.release]
		panic = "abort"

		[workspace]
	EOF
	cat >"$work/src/lib.rs" <<-'EOF'
		#![no_std]
		#[panic_handler]
		fn panic(_: &core::panic::PanicInfo) -> ! {
			loop {}
		}
	EOF
	# -Cembed-bitcode=yes: the runtime is linked with LTO, which needs the bitcode of these rlibs.
	(cd "$work" && env -u CARGO_TARGET_DIR RUSTFLAGS="-Cembed-bitcode=yes" RUSTC_BOOTSTRAP=1 \
		cargo +web build --release --target "$WASM_TARGET" \
		-Z build-std=core,alloc -Z build-std-features=compiler-builtins-mem) ||
		die "building core/alloc for $WASM_TARGET failed (see above): check that rust-web-src is installed and /usr/lib/rustlib/src/rust exists"
	as_root mkdir -p "$libdir"
	local lib
	for lib in core alloc compiler_builtins; do
		compgen -G "$work/target/$WASM_TARGET/release/deps/lib$lib-*.rlib" >/dev/null ||
			die "lib$lib for $WASM_TARGET was not produced by the std build in $work"
		as_root cp "$work"/target/"$WASM_TARGET"/release/deps/lib"$lib"-*.rlib "$libdir/"
	done
	rm -rf "$work"
	ok "installed core/alloc for $WASM_TARGET into $libdir"
}

setup_wasm_target() {
	# LINEAGE_WASM_FROM_DEBIAN=1 takes the Debian route even where rustup could download (to test it).
	if [ "${LINEAGE_WASM_FROM_DEBIAN:-0}" = 1 ]; then
		setup_wasm_target_from_debian
		return 0
	fi
	if rustup target list --installed 2>/dev/null | grep -q "^$WASM_TARGET\$"; then
		ok "rustup target $WASM_TARGET installed"
		write_env ""
		return 0
	fi
	# An earlier run took the Debian route and it is still in place: do not wait for rustup's
	# download server again.
	if [ -f "$LINEAGE_ENV_FILE" ] && grep -q 'WASM_BUILD_TOOLCHAIN=web' "$LINEAGE_ENV_FILE" &&
		toolchain_ready; then
		ok "Debian toolchain 'web' with core/alloc for $WASM_TARGET already set up"
		return 0
	fi
	say "adding the WASM target: rustup target add $WASM_TARGET"
	if timeout 180 rustup target add "$WASM_TARGET"; then
		ok "rustup target $WASM_TARGET installed"
		write_env ""
		return 0
	fi
	say "rustup could not download $WASM_TARGET; using Debian's Rust toolchain for the runtime instead"
	setup_wasm_target_from_debian
}

setup_wasm_target_from_debian() {
	apt_install "${DEBIAN_WASM_PACKAGES[@]}"
	[ -x /usr/bin/rustc ] && /usr/bin/rustc --print target-list | grep -q "^$WASM_TARGET\$" ||
		die "Debian's rustc at /usr/bin/rustc does not know $WASM_TARGET: install rustc-web (bookworm-security) and rerun"
	[ -e /usr/bin/rust-lld ] || die "/usr/bin/rust-lld is missing (it comes with lld-22): install lld-22 and rerun"
	if ! rustup run web rustc --version >/dev/null 2>&1; then
		rustup toolchain link web /usr || die "'rustup toolchain link web /usr' failed: see above"
	fi
	ok "Debian toolchain linked as rustup toolchain 'web' ($(rustup run web rustc --version))"
	build_wasm_std_with_debian_toolchain
	write_env web
}

main() {
	say "Lineage set-up (target dir: $CARGO_TARGET_DIR)"
	apt_install "${BASE_PACKAGES[@]}"
	command -v rustup >/dev/null 2>&1 ||
		die "rustup is not installed: install it from https://rustup.rs (or your distribution), then rerun scripts/setup.sh"
	command -v cargo >/dev/null 2>&1 || die "cargo is not on PATH: add \$HOME/.cargo/bin to PATH and rerun"
	ok "rust toolchain: $(rustc --version)"
	local component
	for component in rustfmt clippy; do
		if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
			timeout 180 rustup component add "$component" ||
				die "rustup component add $component failed: install $component for $(rustc --version) and rerun"
		fi
	done
	ok "rustfmt and clippy present"
	setup_wasm_target
	# The @polkadot/api compatibility test runs on Node.js.
	if ! command -v npm >/dev/null 2>&1; then
		apt_install nodejs npm
	fi
	# The web app's toolchain (Vite 7, Playwright) needs Node.js 20.19 or later (Debian 12's own
	# nodejs is 18: on such a machine install Node.js 20.19+ from Debian 13 or NodeSource).
	node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
		die "node.js $(node --version) is too old for the web app (it needs 20.19 or later): install a newer Node.js (Debian 13's nodejs, or NodeSource's) and rerun"
	ok "node.js $(node --version) and npm $(npm --version 2>/dev/null) present"
	# The local testnet check talks JSON-RPC to its validators with python3's standard library.
	if ! command -v python3 >/dev/null 2>&1; then
		apt_install python3
	fi
	ok "python3 present ($(python3 --version 2>&1))"
	# The web app's browser tests drive Debian's chromium, headless (Playwright never downloads a
	# browser); a font so that its screenshots show text.
	apt_install chromium fonts-dejavu-core
	ok "chromium present ($(chromium --version 2>/dev/null | head -n 1))"
	mkdir -p "$CARGO_TARGET_DIR"
	say "set-up complete"
}

main "$@"
