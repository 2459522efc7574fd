#!/usr/bin/env python3
"""Where a node's block import time goes, from `perf record` profiles of the load benchmark's blocks.

Usage: import_profile.py LOAD_JSON [--import IMPORT_LOG PERF_DATA] [--execute PHASE=PERF_DATA ...]

- --import: one profile (`perf record -k CLOCK_REALTIME`) of `lineage-node import-blocks`
  importing the whole load chain once into a new database, with each block's import time in
  IMPORT_LOG (`LINEAGE_IMPORT_TIMES=1`, read as scripts/import_time.py reads it): each phase's
  samples are those taken from the start of its first measured block to the import of its last,
  on every thread of the node but the main one, which reads the input file.
- --execute: per phase, a profile of `benchmark block` executing the phase's measured blocks
  three times each, nothing committed (the second and third time over keys read before).

Each profile's samples are grouped by what their function does (signature checks, database, trie,
hashing, the runtime's own code, the wasm executor, ...) and printed as shares of the samples,
one row per phase, then as CPU milliseconds per block (`perf record -e cpu-clock -F 999`: one
sample every 1/999 s of a thread's CPU time), both measurements side by side when both are
given. Compiling the runtime to native code (cranelift, once per process) and import-blocks
reading its input file are left out: neither is part of importing a block."""
import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_time import import_stamps, measured_ranges  # noqa: E402

# `perf record -F` of scripts/benchmark.sh: samples per second of a thread's CPU time.
SAMPLE_HZ = 999
# `benchmark block --repeat` of the profiled executions in scripts/benchmark.sh.
EXECUTIONS_PER_BLOCK = 3

# (column, what it covers, pattern over the symbol); the first match wins.
BUCKETS = [
    ("sr25519", "signature checks (schnorrkel, curve25519)", r"curve25519|schnorrkel|merlin|keccak|ristretto|scalar_mul|edwards|FieldElement"),
    ("compile", "compiling the runtime (left out)", r"cranelift|regalloc|wasmtime_cranelift|wasmtime_environ|wasmparser|gimli|object::"),
    ("input", "import-blocks reading its input file (left out)", r"serde_json|serde::de|chain_ops::import_blocks|from_hex|hex::"),
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
# Not part of importing a block: compiling the runtime (once per process), reading the exported chain.
LEFT_OUT = ("compile", "input")
# A line of `perf report --show-nr-samples --sort dso,sym`: share, samples, object, kind, symbol.
LINE = re.compile(r"^\s+([\d.]+)%\s+(\d+)\s+(\[JIT\] tid \d+|\S+)\s+\[(.)\]\s+(.*?)\s*$")


def bucket(dso, kind, sym):
    if dso.startswith("[JIT]") or dso.startswith("perf-") or dso.startswith("jitted-"):
        return "runtime"
    if kind == "k" or dso.startswith("[kernel"):
        return "kernel"
    for column, _, pattern in BUCKETS:
        if pattern and re.search(pattern, sym):
            return column
    return "other"


def perf_report(data, *options):
    report = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", *options],
                            capture_output=True, text=True)
    if report.returncode != 0:
        raise ValueError(f"perf report -i {data} failed: {report.stderr.strip()}")
    return report.stdout


def threads_but_main(data):
    """The ids of the profiled process's sampled threads but its main one (whose id is the
    process's)."""
    threads = [int(m.group(1)) for m in re.finditer(r"^\s+[\d.]+%\s+(\d+):", perf_report(data, "--sort", "pid"), re.M)]
    with subprocess.Popen(["perf", "script", "-i", data, "-F", "pid"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True) as script:
        first = script.stdout.readline().split()
        script.kill()
    others = [t for t in threads if first and t != int(first[0])]
    if not others:
        raise ValueError(f"{data} has no samples of a thread but the main one")
    return others


def samples_by_bucket(data, window=None, threads=None):
    """The profile's samples per bucket (the LEFT_OUT buckets left out), from `perf report`; only
    those taken within `window` (seconds since the epoch, from, to) and on `threads` when given."""
    options = ["--show-nr-samples", "--sort", "dso,sym", "--percent-limit", "0"]
    if window:
        options += ["--time", f"{window[0]:.6f},{window[1]:.6f}"]
    if threads is not None:
        options += ["--tid", ",".join(map(str, threads))]
    report = perf_report(data, *options)
    samples = collections.Counter()
    for line in report.splitlines():
        if m := LINE.match(line):
            samples[bucket(m.group(3), m.group(4), m.group(5))] += int(m.group(2))
    for left_out in LEFT_OUT:
        samples.pop(left_out, None)
    return samples


def import_windows(load_json, log):
    """Per measured phase: (name, blocks, (from, to) in seconds since the epoch), from the start of
    the phase's first block to the import of its last, from import-blocks' log `log`."""
    started, done = import_stamps(log)
    windows = []
    for name, first, last in measured_ranges(load_json):
        if first not in started or last not in done:
            raise ValueError(f"{log} does not import blocks {first} to {last} ({name})")
        windows.append((name, last - first + 1, (started[first] / 1e3, done[last] / 1e3)))
    return windows


def print_table(title, columns, rows, cell):
    width = max([len(p) for p, _ in rows] + [5])
    print(title)
    print(f"{'phase':<{width}} " + " ".join(f"{c:>11}" for c in columns))
    for phase, r in rows:
        print(f"{phase:<{width}} " + " ".join(f"{cell(r, c):>11}" for c in columns))
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("load_json")
    parser.add_argument("--import", dest="imported", nargs=2, metavar=("IMPORT_LOG", "PERF_DATA"))
    parser.add_argument("--execute", action="append", default=[], metavar="PHASE=PERF_DATA")
    args = parser.parse_args()
    if not args.imported and not args.execute:
        parser.error("give --import, --execute or both")
    blocks = {name: last - first + 1 for name, first, last in measured_ranges(args.load_json)}
    # Per phase, CPU ms per block by bucket: (executed three times, imported once).
    executed, imported = {}, {}
    for arg in args.execute:
        phase, _, data = arg.rpartition("=")
        if phase not in blocks:
            raise ValueError(f"{args.load_json} has no measured phase {phase!r}")
        runs = blocks[phase] * EXECUTIONS_PER_BLOCK
        executed[phase] = {k: v * 1e3 / SAMPLE_HZ / runs for k, v in samples_by_bucket(data).items()}
    if args.imported:
        log, data = args.imported
        # import-blocks' main thread reads the exported chain (a read() call per byte of JSON) and
        # hands it to the import queue: not part of importing a block, as a syncing node does.
        threads = threads_but_main(data)
        for phase, count, window in import_windows(args.load_json, log):
            samples = samples_by_bucket(data, window, threads)
            imported[phase] = {k: v * 1e3 / SAMPLE_HZ / count for k, v in samples.items()}
    profiles = [(label, found) for label, found in (
        ("`benchmark block` executing the blocks again (three times each, nothing committed)", executed),
        ("`import-blocks` importing them once into a new database (verification, execution, commit)", imported),
    ) if found]
    columns = [c for c, _, _ in BUCKETS if c not in LEFT_OUT] + ["other"]
    columns = [c for c in columns
               if any(r.get(c, 0) >= 0.005 * sum(r.values()) for _, found in profiles for r in found.values())]

    def share(r, c):
        return f"{r.get(c, 0) / (sum(r.values()) or 1.0):.0%}"

    def ms(r, c):
        return f"{sum(r.values()):.1f}" if c == "total" else f"{r.get(c, 0):.1f}"

    for label, found in profiles:
        print_table(f"Share of each phase's block time, {label}:",
                    columns, list(found.items()), share)
    rows = []
    for phase in blocks:
        for label, found in (("execute", executed), ("import", imported)):
            if phase in found:
                rows.append((f"{phase}: {label}", found[phase]))
    print_table("CPU ms per block (execute: one of benchmark block's three executions, on every "
                "thread; import: the single import, on every thread but the main one):",
                columns + ["total"], rows, ms)
    for column, meaning, _ in BUCKETS:
        if column in columns:
            print(f"  {column}: {meaning}")
    if "other" in columns:
        print("  other: everything else")


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        sys.exit(f"import_profile.py: {e}")
