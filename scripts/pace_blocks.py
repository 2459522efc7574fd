#!/usr/bin/env python3
"""Feeds a chain's exported blocks to `lineage-node import-blocks` on stdin, paced like a live chain.

Usage: pace_blocks.py CHAIN_JSON PERIOD_SECONDS [--after-import LOG] [FIRST-LAST ...]

CHAIN_JSON is what `lineage-node export-blocks` writes without `--binary`: one JSON object per
block, one after another. Each block numbered inside one of the FIRST-LAST ranges is written
PERIOD_SECONDS after the block before it, as a node receives one block per slot, so that the node
imports it with nothing else of the import in progress; every other block is written at once.
Without ranges, every block is paced.

import-blocks queues what it reads, so a long stretch of unpaced blocks (a history of a million
records) can still be importing when a paced block is written. With --after-import, the log
import-blocks writes (with `LINEAGE_IMPORT_TIMES=1`), a paced block also waits until the
block before it is imported, and when that came later than its slot, a whole period more."""
import argparse
import json
import os
import sys
import time

# The import log's line for an imported block, as scripts/import_time.py reads it.
from import_time import IMPORTED

# How long a paced block waits at most for the block before it to be imported.
IMPORT_TIMEOUT_SECONDS = 1800


def block_number(block):
    number = block["block"]["header"]["number"]
    return int(number, 16) if isinstance(number, str) else int(number)


def blocks(text):
    """Each block's number and its JSON text, in the order of the file."""
    decoder = json.JSONDecoder()
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        block, end = decoder.raw_decode(text, at)
        yield block_number(block), text[at:end]
        at = end


def parse_range(text):
    first, _, last = text.partition("-")
    return int(first), int(last or first)


class ImportLog:
    """Follows import-blocks' log as it grows, for the blocks it has imported."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.pending = ""
        self.imported = set()

    def wait_for(self, number):
        """Waits until block `number` is imported; returns when (time.monotonic())."""
        deadline = time.monotonic() + IMPORT_TIMEOUT_SECONDS
        while number not in self.imported:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"block #{number} not imported after {IMPORT_TIMEOUT_SECONDS} s (see {self.path})"
                )
            if os.path.exists(self.path):
                with open(self.path) as log:
                    log.seek(self.offset)
                    self.pending += log.read()
                    self.offset = log.tell()
                *lines, self.pending = self.pending.split("\n")
                for line in lines:
                    if m := IMPORTED.search(line):
                        self.imported.add(int(m.group(1)))
            if number not in self.imported:
                time.sleep(0.02)
        return time.monotonic()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chain_json")
    parser.add_argument("period", type=float)
    parser.add_argument("--after-import", metavar="LOG")
    parser.add_argument("ranges", nargs="*", type=parse_range, metavar="FIRST-LAST")
    args = parser.parse_intermixed_args()
    text = open(args.chain_json).read()
    log = ImportLog(args.after_import) if args.after_import else None
    out = sys.stdout
    last_sent = None
    previous = None
    for number, block in blocks(text):
        paced = not args.ranges or any(first <= number <= last for first, last in args.ranges)
        if paced and last_sent is not None:
            due = last_sent + args.period
            if log:
                imported = log.wait_for(previous)
                if imported > due:
                    due = imported + args.period
            time.sleep(max(0.0, due - time.monotonic()))
        out.write(block)
        out.write("\n")
        out.flush()
        last_sent = time.monotonic()
        previous = number


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit("pace_blocks.py: import-blocks stopped reading (see its log)")
    except json.JSONDecodeError as e:
        sys.exit(f"pace_blocks.py: {sys.argv[1]} is not export-blocks' JSON: {e}")
    except (OSError, ValueError, KeyError, TimeoutError) as e:
        sys.exit(f"pace_blocks.py: {e}")
