#!/usr/bin/env python3
"""Feeds a chain's exported blocks to `lineage-node import-blocks` on stdin, paced like a live chain.

Usage: pace_blocks.py CHAIN_JSON PERIOD_SECONDS [FIRST-LAST ...]

CHAIN_JSON is what `lineage-node export-blocks` writes without `--binary`: one JSON object per
block, one after another. Each block numbered inside one of the FIRST-LAST ranges is written
PERIOD_SECONDS after the block before it, as a node receives one block per slot, so that the node
imports it with nothing else of the import in progress (its database has written out the blocks
before); every other block is written at once. Without ranges, every block is paced."""
import json
import sys
import time


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


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__.splitlines()[2])
    text = open(argv[1]).read()
    period = float(argv[2])
    ranges = [parse_range(r) for r in argv[3:]]
    out = sys.stdout
    last_sent = None
    for number, block in blocks(text):
        paced = not ranges or any(first <= number <= last for first, last in ranges)
        if paced and last_sent is not None:
            time.sleep(max(0.0, last_sent + period - time.monotonic()))
        out.write(block)
        out.write("\n")
        out.flush()
        last_sent = time.monotonic()


if __name__ == "__main__":
    try:
        main(sys.argv)
    except BrokenPipeError:
        sys.exit("pace_blocks.py: import-blocks stopped reading (see its log)")
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"pace_blocks.py: {e}")
