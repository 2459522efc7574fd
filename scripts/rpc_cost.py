#!/usr/bin/env python3
"""What one JSON-RPC request costs a running node: its CPU time per request and the latency of
requests sent one at a time, for `system_health`, `attribution_pendingRewards` and
`datasets_contributionProof` (the methods the load benchmark times at fixed rates).

    python3 scripts/rpc_cost.py --url ws://127.0.0.1:9944 --pid <node pid> [--requests 4000]

Run it against an idle node whose chain has contributions (the chain a load benchmark left:
`lineage-node --chain <work>/dev-raw.json --base-path <work>/node --rpc-port <port>`). The node's
CPU time is read from /proc/<pid>/stat before and after each method's requests (Linux). The
contributors whose pending rewards are asked for are those of contributions 0 to 99. Standard
library only: a minimal WebSocket client (RFC 6455, text frames), one connection.
"""
import argparse
import base64
import json
import os
import socket
import struct
import time
from urllib.parse import urlparse


class WebSocket:
    def __init__(self, url):
        parsed = urlparse(url)
        self.sock = socket.create_connection((parsed.hostname, parsed.port or 80), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {parsed.path or '/'} HTTP/1.1\r\nHost: {parsed.hostname}:{parsed.port}\r\n"
                f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the node closed the connection during the handshake")
            head += chunk
        status, _, self.buffer = head.partition(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n")[0]:
            raise ConnectionError(f"no WebSocket upgrade: {status.splitlines()[0]!r}")

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the node closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                (length,) = struct.unpack(">H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack(">Q", self._read(8))
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x9:  # ping: answer, keep reading
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("the node closed the WebSocket")
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if first & 0x80:
                    return message.decode()


def cpu_seconds(pid):
    # Fields 14 and 15 of /proc/<pid>/stat (utime, stime), after the parenthesised name.
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="ws://127.0.0.1:9944")
    parser.add_argument("--pid", type=int, required=True, help="the node's process id")
    parser.add_argument("--requests", type=int, default=4000, help="per method (default 4000)")
    args = parser.parse_args()
    ws = WebSocket(args.url)
    next_id = iter(range(1, 1 << 62))

    def call(method, params):
        ws.send(json.dumps({"jsonrpc": "2.0", "id": next(next_id), "method": method, "params": params}))
        reply = json.loads(ws.recv())
        if "result" not in reply:
            raise SystemExit(f"{method}{params}: {reply}")
        return reply["result"]

    contributors = []
    for i in range(100):
        proof = call("datasets_contributionProof", [i])
        if proof is None:
            raise SystemExit(f"no contribution {i} on this chain: run it on a load benchmark's chain")
        contributors.append(proof["contributor"])
    contributions = proof["leafCount"]
    methods = [
        ("system_health", lambda i: []),
        ("attribution_pendingRewards", lambda i: [contributors[i % len(contributors)]]),
        ("datasets_contributionProof", lambda i: [i % contributions]),
    ]
    print(f"{args.requests} requests per method, one at a time over one connection, node pid {args.pid}")
    print(f"{'method':<28} {'node CPU (us/request)':>22} {'p50 (ms)':>9} {'p99 (ms)':>9} {'req/s':>7}")
    for method, params in methods:
        for i in range(200):  # warm-up
            call(method, params(i))
        latencies = []
        cpu_before, started = cpu_seconds(args.pid), time.perf_counter()
        for i in range(args.requests):
            sent = time.perf_counter()
            call(method, params(i))
            latencies.append((time.perf_counter() - sent) * 1e3)
        cpu_after, elapsed = cpu_seconds(args.pid), time.perf_counter() - started
        latencies.sort()
        print(
            f"{method:<28} {1e6 * (cpu_after - cpu_before) / args.requests:>22.1f} "
            f"{latencies[len(latencies) // 2]:>9.3f} {latencies[int(len(latencies) * 0.99)]:>9.3f} "
            f"{args.requests / elapsed:>7.0f}"
        )


if __name__ == "__main__":
    main()
