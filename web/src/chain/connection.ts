// Connecting to a Lineage node: the WebSocket, @polkadot/api with the Lineage RPC definitions, and
// the checks that it is a Lineage chain. Every failure is a ConnectionError with a clear message.
import { ApiPromise, WsProvider } from '@polkadot/api';
import lineageRpc from '../../../scripts/polkadot-js/lineage-rpc.json';
import { LineageRpc } from './rpc';

export const LINEAGE_PALLETS = ['datasets', 'models', 'inference', 'attribution'] as const;

export type ConnectionErrorKind = 'bad-url' | 'unreachable' | 'timeout' | 'not-lineage';

export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: ConnectionErrorKind,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface Chain {
  api: ApiPromise;
  provider: WsProvider;
  rpc: LineageRpc;
  url: string;
  name: string;
  chainType: string;
  /** A development or local chain: the well-known dev accounts are offered. */
  isDev: boolean;
  decimals: number;
  symbol: string;
  ss58: number;
  genesisHash: string;
}

/** Checks a node URL: a WebSocket URL (ws:// or wss://) with a host. Returns an error message or null. */
export function checkNodeUrl(url: string): string | null {
  const text = url.trim();
  if (text === '') return 'Enter the node URL, e.g. ws://127.0.0.1:9944.';
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `"${text}" is not a URL: use e.g. ws://127.0.0.1:9944.`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `A node URL starts with ws:// or wss://, not ${parsed.protocol}// (e.g. ws://127.0.0.1:9944).`;
  }
  if (!parsed.hostname) return 'The URL has no host.';
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Connects to the node at `url`. Refuses within `timeoutMs` with a ConnectionError when nothing
 * answers there, or when the chain does not run the Lineage pallets and RPC methods.
 */
export async function connect(url: string, timeoutMs = 10_000): Promise<Chain> {
  const problem = checkNodeUrl(url);
  if (problem) throw new ConnectionError(problem, 'bad-url');
  const endpoint = url.trim();
  // Reconnects every 2.5 s after a dropped connection; requests time out after 60 s.
  const provider = new WsProvider(endpoint, 2_500, {}, 60_000);
  const unreachable = () =>
    new ConnectionError(
      `Cannot connect to ${endpoint}: nothing answers there. Is a Lineage node running, and is this its RPC port? (./scripts/run-dev.sh starts one on ws://127.0.0.1:9944)`,
      'unreachable',
    );
  try {
    const opened = new Promise<void>((resolve, reject) => {
      const offConnected = provider.on('connected', () => {
        offConnected();
        offError();
        resolve();
      });
      const offError = provider.on('error', () => {
        offConnected();
        offError();
        reject(unreachable());
      });
      if (provider.isConnected) {
        offConnected();
        offError();
        resolve();
      }
    });
    await withTimeout(opened, timeoutMs, () =>
      new ConnectionError(`Cannot connect to ${endpoint}: no answer within ${timeoutMs / 1000} s. Is the URL right?`, 'timeout'),
    );
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    if (error instanceof ConnectionError) throw error;
    throw unreachable();
  }

  let api: ApiPromise;
  try {
    api = await withTimeout(
      ApiPromise.create({ provider, rpc: lineageRpc, noInitWarn: true, throwOnConnect: true }),
      timeoutMs,
      () => new ConnectionError(`${endpoint} answered, but did not describe its chain within ${timeoutMs / 1000} s: is it a Substrate node?`, 'timeout'),
    );
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    if (error instanceof ConnectionError) throw error;
    throw new ConnectionError(`${endpoint} answered, but not as a Substrate node: ${(error as Error).message}`, 'not-lineage');
  }

  try {
    const [chainName, chainType, methods] = await Promise.all([
      api.rpc.system.chain(),
      api.rpc.system.chainType(),
      api.rpc.rpc.methods(),
    ]);
    const tx = api.tx as unknown as Record<string, unknown>;
    const missing = LINEAGE_PALLETS.filter((pallet) => !tx[pallet]);
    if (missing.length > 0) {
      throw new ConnectionError(
        `${endpoint} runs "${chainName.toString()}", which is not a Lineage chain: its runtime has no ${missing.join(', ')} pallet${missing.length > 1 ? 's' : ''}. Point the app at a Lineage node.`,
        'not-lineage',
      );
    }
    const served = new Set(methods.methods.map((m) => m.toString()));
    const absent = ['datasets_dataset', 'datasets_contentOwners', 'attribution_earnings', 'models_model'].filter((m) => !served.has(m));
    if (absent.length > 0) {
      throw new ConnectionError(
        `${endpoint} runs the Lineage pallets but does not serve the Lineage RPC methods (${absent.join(', ')}): connect to a lineage-node.`,
        'not-lineage',
      );
    }
    const type = chainType.toString();
    return {
      api,
      provider,
      rpc: new LineageRpc(api),
      url: endpoint,
      name: chainName.toString(),
      chainType: type,
      isDev: type === 'Development' || type === 'Local',
      decimals: api.registry.chainDecimals[0] ?? 12,
      symbol: api.registry.chainTokens[0] ?? 'LIN',
      ss58: api.registry.chainSS58 ?? 42,
      genesisHash: api.genesisHash.toHex(),
    };
  } catch (error) {
    await api.disconnect().catch(() => undefined);
    if (error instanceof ConnectionError) throw error;
    throw new ConnectionError(`${endpoint}: ${(error as Error).message}`, 'not-lineage');
  }
}
