// The payout events of recent blocks (Attribution.InferenceAttributed, ContributionCredited,
// DatasetCredited, RewardsClaimed and Inference.InferenceRecorded), read block by block and kept
// up to date with every new block.
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Chain } from './connection';
import { type ChainEvent, toChainEvents } from './tx';

export type PayoutEvent =
  | { kind: 'InferenceAttributed'; block: number; inferenceId: number; modelId: number; fee: bigint; toContributors: bigint; toOwner: bigint; toOperator: bigint; toProtocol: bigint }
  | { kind: 'InferenceRecorded'; block: number; inferenceId: number; modelId: number; consumer: string; operator: string; fee: bigint }
  | { kind: 'ContributionCredited'; block: number; inferenceId: number; contributionId: number; contributor: string; amount: bigint }
  | { kind: 'DatasetCredited'; block: number; firstInference: number; lastInference: number; datasetId: number; snapshot: number; amount: bigint; units: bigint }
  | { kind: 'RewardsClaimed'; block: number; who: string; amount: bigint };

/** The payout events among a block's events. */
export function parsePayoutEvents(block: number, events: ChainEvent[]): PayoutEvent[] {
  const out: PayoutEvent[] = [];
  for (const { section, method, fields: f } of events) {
    const big = (name: string) => BigInt(f[name]?.toString() ?? '0');
    const num = (name: string) => Number(f[name]?.toString() ?? '0');
    const str = (name: string) => f[name]?.toString() ?? '';
    if (section === 'attribution') {
      if (method === 'InferenceAttributed') {
        out.push({ kind: method, block, inferenceId: num('inferenceId'), modelId: num('modelId'), fee: big('fee'), toContributors: big('toContributors'), toOwner: big('toOwner'), toOperator: big('toOperator'), toProtocol: big('toProtocol') });
      } else if (method === 'ContributionCredited') {
        out.push({ kind: method, block, inferenceId: num('inferenceId'), contributionId: num('contributionId'), contributor: str('contributor'), amount: big('amount') });
      } else if (method === 'DatasetCredited') {
        out.push({ kind: method, block, firstInference: num('firstInference'), lastInference: num('lastInference'), datasetId: num('datasetId'), snapshot: num('snapshot'), amount: big('amount'), units: big('units') });
      } else if (method === 'RewardsClaimed') {
        out.push({ kind: method, block, who: str('who'), amount: big('amount') });
      }
    } else if (section === 'inference' && method === 'InferenceRecorded') {
      out.push({ kind: method, block, inferenceId: num('inferenceId'), modelId: num('modelId'), consumer: str('consumer'), operator: str('operator'), fee: big('fee') });
    }
  }
  return out;
}

export class EventLog {
  private readonly blocks = new Map<number, PayoutEvent[]>();
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private started = false;
  /** The oldest block read; null before the first. */
  oldest: number | null = null;
  newest: number | null = null;
  /** Set when the node no longer has the state of older blocks (pruned). */
  prunedBelow: number | null = null;
  loading = false;
  error: string | null = null;

  constructor(
    private readonly chain: Chain,
    /** How many blocks back to read when started. */
    readonly window: number,
  ) {}

  /** Reads a block's payout events; returns how many it had. */
  private async read(number: number, hash?: string): Promise<number> {
    const { api } = this.chain;
    const blockHash = hash ?? (await api.rpc.chain.getBlockHash(number)).toHex();
    const records = (await api.query.system!.events!.at(blockHash)) as unknown as EventRecord[];
    const payouts = parsePayoutEvents(number, toChainEvents(records));
    this.blocks.set(number, payouts);
    this.oldest = this.oldest === null ? number : Math.min(this.oldest, number);
    this.newest = this.newest === null ? number : Math.max(this.newest, number);
    return payouts.length;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Reads the last `window` blocks and follows new ones. Safe to call again. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.loading = true;
    this.changed();
    const { api } = this.chain;
    try {
      const head = (await api.rpc.chain.getHeader()).number.toNumber();
      this.unsubscribe = await api.rpc.chain.subscribeNewHeads((header) => {
        const n = header.number.toNumber();
        if (n <= head) return;
        // Listeners hear of blocks with payouts only (and of the end of the first read).
        this.read(n, header.hash.toHex())
          .then((found) => {
            if (found > 0 && !this.loading) this.changed();
          })
          .catch(() => undefined);
      });
      const from = Math.max(0, head - this.window + 1);
      const numbers: number[] = [];
      for (let n = head; n >= from; n--) numbers.push(n);
      // A few requests at a time, newest first; stop at the first pruned block.
      const parallel = 8;
      for (let i = 0; i < numbers.length && this.prunedBelow === null; i += parallel) {
        const slice = numbers.slice(i, i + parallel);
        const results = await Promise.allSettled(slice.map((n) => this.read(n)));
        results.forEach((r, k) => {
          if (r.status === 'rejected') this.prunedBelow = Math.max(this.prunedBelow ?? 0, slice[k]! + 1);
        });
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
      this.changed();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
  }

  /** Every payout event read, oldest block first. */
  events(): PayoutEvent[] {
    return [...this.blocks.keys()].sort((a, b) => a - b).flatMap((n) => this.blocks.get(n)!);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
