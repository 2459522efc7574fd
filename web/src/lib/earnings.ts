// Where an account's earnings came from, worked out from the payout events of recent blocks:
// owner and operator shares (InferenceAttributed with InferenceRecorded), explicit attribution
// (ContributionCredited) and pro-rata dataset credits (DatasetCredited, shared by accepted units).
import type { PayoutEvent } from '../chain/events';

export interface OwnContribution {
  id: number;
  datasetId: number;
  units: number;
  /** The epoch it was accepted in; snapshots from this index on contain it. */
  epoch: number | null;
  status: string;
}

export interface Parts {
  owner: bigint;
  operator: bigint;
  attributed: bigint;
  proRata: bigint;
}

export const PART_NAMES: Record<keyof Parts, string> = {
  owner: 'model owner share',
  operator: 'operator share',
  attributed: 'explicit attribution',
  proRata: 'pro rata (dataset units)',
};

export function emptyParts(): Parts {
  return { owner: 0n, operator: 0n, attributed: 0n, proRata: 0n };
}

export function sumParts(p: Parts): bigint {
  return p.owner + p.operator + p.attributed + p.proRata;
}

export interface Breakdown {
  total: Parts;
  /** By model id; -1 where the inference is older than the blocks read. */
  byModel: Map<number, Parts>;
  byDataset: Map<number, Parts>;
  byContribution: Map<number, Parts>;
  byBlock: Map<number, Parts>;
}

export interface FeeParts {
  contributors: bigint;
  owner: bigint;
  operator: bigint;
  protocol: bigint;
}

function add(map: Map<number, Parts>, key: number, part: keyof Parts, amount: bigint): void {
  if (amount === 0n) return;
  let parts = map.get(key);
  if (!parts) {
    parts = emptyParts();
    map.set(key, parts);
  }
  parts[part] += amount;
}

/**
 * What `account` was credited in `events`, by model, dataset, contribution and block. Pro-rata
 * credits are shared over `own` contributions by their units, as the chain does (rounded down per
 * contribution; the chain keeps fractions of a planck, so figures may be a planck lower).
 */
export function accountBreakdown(events: PayoutEvent[], account: string, modelOwners: Map<number, string>, own: OwnContribution[]): Breakdown {
  const result: Breakdown = { total: emptyParts(), byModel: new Map(), byDataset: new Map(), byContribution: new Map(), byBlock: new Map() };
  const modelOf = new Map<number, number>();
  const operatorOf = new Map<number, string>();
  for (const e of events) {
    if (e.kind === 'InferenceAttributed' || e.kind === 'InferenceRecorded') modelOf.set(e.inferenceId, e.modelId);
    if (e.kind === 'InferenceRecorded') operatorOf.set(e.inferenceId, e.operator);
  }
  const contributions = new Map(own.map((c) => [c.id, c]));
  const credit = (part: keyof Parts, amount: bigint, block: number, model: number, dataset?: number, contribution?: number) => {
    if (amount === 0n) return;
    result.total[part] += amount;
    add(result.byModel, model, part, amount);
    add(result.byBlock, block, part, amount);
    if (dataset !== undefined) add(result.byDataset, dataset, part, amount);
    if (contribution !== undefined) add(result.byContribution, contribution, part, amount);
  };
  for (const e of events) {
    if (e.kind === 'InferenceAttributed') {
      if (modelOwners.get(e.modelId) === account) credit('owner', e.toOwner, e.block, e.modelId);
      if (operatorOf.get(e.inferenceId) === account) credit('operator', e.toOperator, e.block, e.modelId);
    } else if (e.kind === 'ContributionCredited') {
      if (e.contributor !== account) continue;
      const c = contributions.get(e.contributionId);
      credit('attributed', e.amount, e.block, modelOf.get(e.inferenceId) ?? -1, c?.datasetId, e.contributionId);
    } else if (e.kind === 'DatasetCredited') {
      if (e.units === 0n) continue;
      const model = modelOf.get(e.firstInference) ?? -1;
      for (const c of own) {
        if (c.datasetId !== e.datasetId || c.status !== 'Accepted' || c.epoch === null || c.epoch > e.snapshot) continue;
        credit('proRata', (e.amount * BigInt(c.units)) / e.units, e.block, model, c.datasetId, c.id);
      }
    }
  }
  return result;
}

/** Every inference fee in `events`, split as the chain split it, by block. */
export function feesByBlock(events: PayoutEvent[]): Map<number, FeeParts> {
  const out = new Map<number, FeeParts>();
  for (const e of events) {
    if (e.kind !== 'InferenceAttributed') continue;
    const p = out.get(e.block) ?? { contributors: 0n, owner: 0n, operator: 0n, protocol: 0n };
    p.contributors += e.toContributors;
    p.owner += e.toOwner;
    p.operator += e.toOperator;
    p.protocol += e.toProtocol;
    out.set(e.block, p);
  }
  return out;
}

/** Groups per-block values into `buckets` equal ranges of blocks from `from` to `to`. */
export function bucketBlocks<T>(byBlock: Map<number, T>, from: number, to: number, buckets: number, zero: () => T, merge: (into: T, value: T) => void): { start: number; end: number; value: T }[] {
  const span = Math.max(1, to - from + 1);
  const count = Math.max(1, Math.min(buckets, span));
  const size = Math.ceil(span / count);
  const out: { start: number; end: number; value: T }[] = [];
  for (let start = from; start <= to; start += size) out.push({ start, end: Math.min(to, start + size - 1), value: zero() });
  for (const [block, value] of byBlock) {
    if (block < from || block > to) continue;
    merge(out[Math.floor((block - from) / size)]!.value, value);
  }
  return out;
}
