#!/usr/bin/env python3
"""How long the load benchmark's full blocks take to import, against the weight they declared.

Usage: import_time.py LOAD_JSON --live LOG [--catch-up LOG] [--execute BENCHMARK_BLOCK_OUTPUT]

Per phase, medians over the phase's full blocks (or over all its blocks when none was full, as in
a quick run), with the largest share of one block:
- live: `lineage-node import-blocks` into a new ParityDB database, fed each block a slot after the
  one before (scripts/pace_blocks.py), as a node imports a live chain's blocks: verification,
  execution and the commit, with the database's writing-out of the block before done.
- catch-up: the same with every block at once, as a node catching up imports them: the database's
  writing-out of earlier blocks shares the machine with the import of the next.
- execute: `benchmark block` (it needs the runtime-benchmarks build), each block executed five
  times with `execute_block` and nothing committed.

The import times come from the node's own lines (`LINEAGE_IMPORT_TIMES=1`, node/src/import_timing.rs:
`block #N (hash) with E extrinsics: verified in V µs, imported in I µs`), logged at `info` with
`--detailed-log-output` for their millisecond timestamps: the consensus verifier's part (the Aura
seal, the inherents) and the block import's (execution and the commit to the database). Trace
lines would raise the node's log level, which the runtime reads, and slow what they time (by 15%
over run F's chain). The storage weights charge each write with its commit (`benchmark storage`
times it so), so the import columns are the ones to set against the declared weight."""
import argparse
import json
import re
import statistics
import sys
from datetime import datetime

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")
# The node's line for a block it imported (node/src/import_timing.rs).
IMPORTED = re.compile(
    r"block #(\d+) \(0x[0-9a-f]+\) with \d+ extrinsics: (?:verified in (\d+) µs, )?imported in (\d+) µs"
)
BENCHMARK_BLOCK = re.compile(
    r"Block (\d+) with +(\d+) tx used +([\d.]+)% of its weight \( *([\d,]+) of +([\d,]+) ns"
)


def measured_phases(load_json):
    """Each measured phase of the load benchmark's report `load_json` as (name, [(block number,
    declared weight in ps, fill)]). A history's phases are left out: they are neither paced,
    profiled nor run through `benchmark block`."""
    try:
        return [
            (p["name"], [(b["number"], b["weight"], b["fill"]) for b in p["blocksDetail"]])
            for p in json.load(open(load_json))["phases"]
            if not p.get("history")
        ]
    except (KeyError, TypeError, json.JSONDecodeError) as e:
        raise ValueError(f"{load_json} is not a load benchmark report ({e!r})") from e


def measured_ranges(load_json):
    """Each measured phase of `load_json` as (name, first block, last block): from its first full
    block to its last (all its blocks when none was full, as in a quick run)."""
    ranges = []
    for name, blocks in measured_phases(load_json):
        full = [number for number, _, fill in blocks if fill in ("weight", "length")]
        numbers = full or [number for number, _, _ in blocks]
        if numbers:
            ranges.append((name, min(numbers), max(numbers)))
    return ranges


def import_lines(path):
    """Per block number: (ms since the epoch at which it was imported, µs verifying it, µs
    importing it), from the node's lines in the import-blocks log `path`."""
    found = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        stamp = STAMP.match(line)
        m = IMPORTED.search(line)
        if not (stamp and m):
            continue
        number = int(m.group(1))
        if number in found:
            raise ValueError(f"{path} names block #{number} twice: not one chain")
        ms = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp() * 1e3
        found[number] = (ms, int(m.group(2) or 0), int(m.group(3)))
    if not found:
        raise ValueError(
            f"{path} has no block's import time: run import-blocks with LINEAGE_IMPORT_TIMES=1 "
            "and --detailed-log-output"
        )
    return found


def import_stamps(path):
    """Per block number, the ms (since the epoch) at which the node started verifying it and at
    which it had imported it: two dicts, from its lines in `path`."""
    lines = import_lines(path)
    started = {n: ms - (verified + imported) / 1e3 for n, (ms, verified, imported) in lines.items()}
    return started, {n: ms for n, (ms, _, _) in lines.items()}


def import_times(path):
    """Per block number: (ms verifying and importing it, of which verifying), from `path`."""
    return {
        n: ((verified + imported) / 1e3, verified / 1e3)
        for n, (_, verified, imported) in import_lines(path).items()
    }


def executions(path):
    """Per block number: (execution ns, declared ns), from `benchmark block`'s output."""
    found = {}
    for line in open(path):
        if m := BENCHMARK_BLOCK.search(line):
            took, declared = (float(m.group(i).replace(",", "")) for i in (4, 5))
            if declared > 0:
                found[int(m.group(1))] = (took, declared)
    return found


def columns(times, declared):
    """Median ms of the blocks in `times`, its share of their median declared ms (`declared`,
    every value above 0), and the largest share of one block."""
    numbers = [n for n in times if n in declared]
    if not numbers:
        raise ValueError(f"no time for any of blocks {sorted(declared)}")
    median = statistics.median(times[n] for n in numbers)
    median_declared = statistics.median(declared[n] for n in numbers)
    largest = max(times[n] / declared[n] for n in numbers)
    return f" {median:>8.1f} {median / median_declared:>6.0%} {largest:>6.0%}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("load_json")
    parser.add_argument("--live", required=True)
    parser.add_argument("--catch-up")
    parser.add_argument("--execute")
    args = parser.parse_args()
    measured = measured_phases(args.load_json)
    live = import_times(args.live)
    catch_up = import_times(args.catch_up) if args.catch_up else None
    executed = executions(args.execute) if args.execute else {}
    print("Real import time of the load benchmark's full blocks against the weight each declared")
    print("(declared: the blocks' normal-class weight, ms; medians over the phase; max: the largest")
    print("share of one block; a share below 100% means the weight covers the time).")
    print("live: import-blocks fed one block a slot after the one before; verification, execution")
    print("and commit (verify: the consensus verifier's part, the Aura seal and the inherents).")
    if catch_up:
        print("catch-up: the same with every block at once.")
    if executed:
        print("execute: benchmark block, median of 5 runs of execute_block each, nothing committed,")
        print("against the whole block's weight as benchmark block counts it.")
    header = f"{'phase':<44} {'blocks':>6} {'declared':>8} {'live ms':>8} {'share':>6} {'max':>6} {'verify':>6}"
    if catch_up:
        header += f" {'catch-up':>8} {'share':>6} {'max':>6}"
    if executed:
        header += f" {'execute':>8} {'share':>6} {'max':>6}"
    print(header)
    for name, blocks in measured:
        blocks = [b for b in blocks if b[0] in live and b[1] > 0]
        # Its full blocks, or all of its blocks when none was full (a quick run).
        blocks = [b for b in blocks if b[2] in ("weight", "length")] or blocks
        if not blocks:
            continue
        # The weight a block declared, in ms (load.json has it in picoseconds).
        declared = {number: weight / 1e9 for number, weight, _ in blocks}
        row = f"{name:<44} {len(declared):>6} {statistics.median(declared.values()):>8.1f}"
        row += columns({n: live[n][0] for n in declared}, declared)
        row += f" {statistics.median(live[n][1] for n in declared):>6.1f}"
        if catch_up:
            row += columns({n: catch_up[n][0] for n in declared if n in catch_up}, declared)
        runs = {n: executed[n] for n in declared if n in executed}
        if runs:
            row += columns(
                {n: r[0] / 1e6 for n, r in runs.items()}, {n: r[1] / 1e6 for n, r in runs.items()}
            )
        print(row)


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError) as e:
        sys.exit(f"import_time.py: {e}")
