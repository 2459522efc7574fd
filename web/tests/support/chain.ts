// @polkadot/api in the test process: an independent view of the chain to check what the app shows.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { readFileSync } from 'node:fs';

const lineageRpc = JSON.parse(readFileSync(new URL('../../../scripts/polkadot-js/lineage-rpc.json', import.meta.url), 'utf8')) as Record<string, never>;

export async function testApi(url: string): Promise<ApiPromise> {
  return ApiPromise.create({ provider: new WsProvider(url), rpc: lineageRpc, noInitWarn: true });
}

/** Calls a JSON-RPC method over HTTP (the node serves it on the same port) and returns its JSON result as sent. */
export async function rpcJson<T = unknown>(wsUrl: string, method: string, params: unknown[]): Promise<T> {
  const response = await fetch(wsUrl.replace(/^ws/, 'http'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}
