#!/usr/bin/env python3
"""Where a node's block import time goes, from `perf record` profiles of `benchmark block`.

Usage: import_profile.py PHASE=PERF_DATA [PHASE=PERF_DATA ...]

Each profile's samples are grouped by what their function does (signature checks, database, trie,
hashing, the runtime's own code, the wasm executor, ...) and printed as shares of the samples,
one row per phase. Compiling the runtime to native code (cranelift, once per process) is left out
of the shares: it is not part of importing a block."""
import collections
import re
import subprocess
import sys

# (column, what it covers, pattern over the symbol); the first match wins.
BUCKETS = [
    ("sr25519", "signature checks (schnorrkel, curve25519)", r"curve25519|schnorrkel|merlin|keccak|ristretto|scalar_mul|edwards|FieldElement"),
    ("compile", "compiling the runtime (left out)", r"cranelift|regalloc|wasmtime_cranelift|wasmtime_environ|wasmparser|gimli|object::"),
    ("db", "database reads (parity-db, state-db)", r"parity_db|sc_state_db|sc_client_db|lz4|snap::|crc32|xxh3"),
    ("trie-read", "trie lookups (decoding nodes on the way to a key)", r"trie_db::(lookup|triedb::|node::|iter|recorder)|decode_plan|NodePlan|trie_backend_essence"),
    ("trie-root", "the state root (re-encoding and hashing changed nodes)", r"trie_db|sp_trie|memory_db|hash_db|trie_root|branch_node|leaf_node"),
    ("overlay", "the storage overlay (sp-state-machine)", r"sp_state_machine|overlayed|OverlayedMap|sp_externalities"),
    ("hashing", "hashing keys and nodes (blake2, twox)", r"blake2|twox|xxhash|XxHash|sixty_four|sp_crypto_hashing"),
    ("executor", "the wasm executor, host calls and allocator", r"sc_executor|sc_allocator|wasmtime|sp_wasm_interface|sp_io|with_function_context|FreeingBump"),
    ("mem", "memory copies and compares (libc, from every layer)", r"memmove|memcpy|memset|memcmp|bcmp"),
    ("malloc", "the native allocator", r"malloc|_int_free|cfree|calloc|realloc|unlink_chunk|tcache|^free$|_int_"),
    # Known by where the code lives rather than by its name: see `bucket`.
    ("runtime", "the runtime's own code (JIT-compiled wasm)", None),
    ("collections", "native hash maps and B-trees", r"hashbrown|DefaultHasher|sip::Hasher|btree|BTreeMap|hash_one"),
    ("codec", "SCALE encoding and decoding", r"parity_scale_codec"),
    ("kernel", "the kernel", None),
]
LINE = re.compile(r"^\s+([\d.]+)%\s+(\[JIT\] tid \d+|\S+)\s+\[(.)\]\s+(.*?)\s*$")


def bucket(dso, kind, sym):
    if dso.startswith("[JIT]") or dso.startswith("perf-") or dso.startswith("jitted-"):
        return "runtime"
    if kind == "k" or dso.startswith("[kernel"):
        return "kernel"
    for column, _, pattern in BUCKETS:
        if pattern and re.search(pattern, sym):
            return column
    return "other"


def shares(data):
    report = subprocess.run(
        ["perf", "report", "-i", data, "--no-children", "--sort", "dso,sym", "--stdio",
         "--percent-limit", "0"],
        capture_output=True, text=True, check=True).stdout
    counter = collections.Counter()
    for line in report.splitlines():
        m = LINE.match(line)
        if m:
            counter[bucket(m.group(2), m.group(3), m.group(4))] += float(m.group(1))
    counter.pop("compile", None)
    total = sum(counter.values()) or 1.0
    return {k: v / total for k, v in counter.items()}


def main():
    rows = []
    for arg in sys.argv[1:]:
        phase, _, data = arg.rpartition("=")
        rows.append((phase, shares(data)))
    columns = [c for c, _, _ in BUCKETS if c != "compile"] + ["other"]
    columns = [c for c in columns if any(r.get(c, 0) >= 0.005 for _, r in rows)]
    width = max([len(p) for p, _ in rows] + [5])
    print("Share of each phase's block import time (perf samples of `benchmark block` over its full")
    print("blocks, compiling the runtime left out):")
    print(f"{'phase':<{width}} " + " ".join(f"{c:>11}" for c in columns))
    for phase, r in rows:
        print(f"{phase:<{width}} " + " ".join(f"{r.get(c, 0):>11.0%}" for c in columns))
    print()
    for column, meaning, _ in BUCKETS:
        if column in columns:
            print(f"  {column}: {meaning}")
    if "other" in columns:
        print("  other: everything else")


if __name__ == "__main__":
    main()
