// Starts a throwaway Lineage dev node (--dev --tmp --instant-seal) on free ports for a test, and
// stops it. The binary is $LINEAGE_NODE_BIN (exported by scripts/lib.sh), else the shared target's.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export function nodeBinary(): string {
  const bin = process.env.LINEAGE_NODE_BIN ?? join(homedir(), '.cache/lineage/target/release/lineage-node');
  if (!existsSync(bin)) throw new Error(`lineage-node not found at ${bin}: build it (./scripts/run-dev.sh or cargo build --release -p lineage-node) or set LINEAGE_NODE_BIN`);
  return bin;
}

export function clientBinary(): string {
  const bin = process.env.LINEAGE_CLIENT_BIN ?? join(homedir(), '.cache/lineage/target/release/lineage');
  if (!existsSync(bin)) throw new Error(`lineage not found at ${bin}: build it (cargo build --release -p lineage-client) or set LINEAGE_CLIENT_BIN`);
  return bin;
}

/** A TCP port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestNode {
  url: string;
  rpcPort: number;
  logFile: string;
  stop(): Promise<void>;
}

async function rpcAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'chain_getHeader', params: [] }),
    });
    const body = (await response.json()) as { result?: { number?: string } };
    return Boolean(body.result?.number);
  } catch {
    return false;
  }
}

export async function startNode(extra: string[] = ['--instant-seal']): Promise<TestNode> {
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'lineage-web-node-'));
  const logFile = join(dir, 'node.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    nodeBinary(),
    ['--dev', '--tmp', '--rpc-port', String(rpcPort), '--port', String(p2pPort), '--no-prometheus', '--no-mdns', '--no-telemetry', '--rpc-cors', 'all', ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.pipe(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!(await rpcAnswers(rpcPort))) {
    if (exited) throw new Error(`lineage-node exited at start; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lineage-node did not answer on port ${rpcPort} within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `ws://127.0.0.1:${rpcPort}`,
    rpcPort,
    logFile,
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
