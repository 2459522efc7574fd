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

The import times come from the timestamps (ms) of import-blocks' trace lines (`--log
sync::import-queue=trace,sc_service::client=trace`): the queue starts a block, the client has
executed it, the queue has imported it (committed). The storage weights charge each write with
its commit (`benchmark storage` times it so), so the import columns are the ones to set against
the declared weight."""
import argparse
import json
import re
import statistics
import sys
from datetime import datetime

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")
STARTED = re.compile(r"sync::import-queue: Block (\d+) \(\S+\) has \d+ logs")
EXECUTED = re.compile(r"Imported \S+, \(#(\d+)\)")
IMPORTED = re.compile(r"Block imported successfully Some\((\d+)\)")
BENCHMARK_BLOCK = re.compile(
    r"Block (\d+) with +(\d+) tx used +([\d.]+)% of its weight \( *([\d,]+) of +([\d,]+) ns"
)


def import_times(lines):
    """Per block number: (import ms, of which the commit's ms), from import-blocks' trace lines."""
    started, executed, done = {}, {}, {}
    for line in lines:
        stamp = STAMP.match(line)
        if not stamp:
            continue
        ms = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp() * 1e3
        for pattern, found in ((STARTED, started), (EXECUTED, executed), (IMPORTED, done)):
            if m := pattern.search(line):
                found[int(m.group(1))] = ms
                break
    if not done or not set(started) == set(executed) == set(done):
        raise ValueError(
            f"an import log names {len(started)} started, {len(executed)} executed and "
            f"{len(done)} imported blocks: it needs one of each per block (was it run with the "
            "trace targets above?)"
        )
    return {n: (done[n] - started[n], done[n] - executed[n]) for n in started}


def executions(lines):
    """Per block number: (execution ns, declared ns), from `benchmark block`'s output."""
    found = {}
    for line in lines:
        if m := BENCHMARK_BLOCK.search(line):
            found[int(m.group(1))] = (
                float(m.group(4).replace(",", "")),
                float(m.group(5).replace(",", "")),
            )
    return found


def columns(times, numbers, declared):
    """Median ms, its share of the median declared ms, and the largest share of one block."""
    median = statistics.median(times[n] for n in numbers)
    largest = max(times[n] / declared[n] for n in numbers)
    return f" {median:>8.1f} {median / statistics.median(declared.values()):>5.0%} {largest:>5.0%}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("load_json")
    parser.add_argument("--live", required=True)
    parser.add_argument("--catch-up")
    parser.add_argument("--execute")
    args = parser.parse_args()
    report = json.load(open(args.load_json))
    live = import_times(open(args.live))
    catch_up = import_times(open(args.catch_up)) if args.catch_up else None
    executed = executions(open(args.execute)) if args.execute else {}
    print("Real import time of the load benchmark's full blocks against the weight each declared")
    print("(medians over the phase; max: the largest share of one block; a share below 100% means")
    print("the weight covers the time). live: import-blocks fed one block per slot, verification,")
    print("execution and commit (commit: its part); catch-up: the same, every block at once;")
    print("execute: benchmark block, 5 runs of execute_block each, nothing committed.")
    header = f"{'phase':<44} {'blocks':>6} {'declared':>8} {'live ms':>8} {'share':>5} {'max':>5} {'commit':>6}"
    if catch_up:
        header += f" {'catch-up':>8} {'share':>5} {'max':>5}"
    if executed:
        header += f" {'execute':>8} {'share':>5} {'max':>5}"
    print(header)
    for phase in report["phases"]:
        blocks = [b for b in phase["blocksDetail"] if b["number"] in live and b["weight"] > 0]
        blocks = [b for b in blocks if b["fill"] in ("weight", "length")] or blocks
        if not blocks:
            continue
        # The weight a block declared, in ms (load.json has it in picoseconds).
        declared = {b["number"]: b["weight"] / 1e9 for b in blocks}
        numbers = list(declared)
        row = f"{phase['name']:<44} {len(numbers):>6} {statistics.median(declared.values()):>8.1f}"
        row += columns({n: live[n][0] for n in numbers}, numbers, declared)
        row += f" {statistics.median(live[n][1] for n in numbers):>6.1f}"
        if catch_up:
            row += columns({n: catch_up[n][0] for n in numbers if n in catch_up}, numbers, declared)
        if executed:
            runs = [n for n in numbers if n in executed]
            if runs:
                row += columns(
                    {n: executed[n][0] / 1e6 for n in runs},
                    runs,
                    {n: executed[n][1] / 1e6 for n in runs},
                )
        print(row)


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"import_time.py: {e}")
