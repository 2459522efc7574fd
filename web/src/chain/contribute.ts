// Contributing records: which are new, what it costs, then commit every batch (consecutive nonces,
// no waiting between them), wait for a later block, and reveal them the same way.
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { batchCommitment, randomSalt } from '../lib/commitment';
import type { Account } from './accounts';
import type { Chain } from './connection';
import type { ContentOwner } from './rpc';
import { nextNonce, sendTx, TxError, type TxReporter } from './tx';

/** At most this many hashes per datasets_contentOwners call. */
export const OWNERS_PER_CALL = 1000;

export interface HashedRecord {
  label: string;
  hash: string;
  size: number;
}

export type RecordCheck =
  | { record: HashedRecord; status: 'new' }
  | { record: HashedRecord; status: 'repeated'; firstLabel: string }
  | { record: HashedRecord; status: 'on-chain'; owner: ContentOwner; mine: boolean };

/** Marks records repeated in the selection, and those already on chain (one RPC call per 1,000). */
export async function checkRecords(chain: Chain, records: HashedRecord[], me?: string): Promise<RecordCheck[]> {
  const first = new Map<string, string>();
  const checks: RecordCheck[] = [];
  const unique: HashedRecord[] = [];
  for (const record of records) {
    const seen = first.get(record.hash);
    if (seen !== undefined) {
      checks.push({ record, status: 'repeated', firstLabel: seen });
    } else {
      first.set(record.hash, record.label);
      unique.push(record);
      checks.push({ record, status: 'new' });
    }
  }
  const owners = new Map<string, ContentOwner>();
  for (let i = 0; i < unique.length; i += OWNERS_PER_CALL) {
    const chunk = unique.slice(i, i + OWNERS_PER_CALL);
    const answer = await chain.rpc.contentOwners(chunk.map((r) => r.hash));
    answer.forEach((owner, j) => {
      if (owner) owners.set(chunk[j]!.hash, owner);
    });
  }
  return checks.map((check) => {
    const owner = check.status === 'new' ? owners.get(check.record.hash) : undefined;
    return owner ? { record: check.record, status: 'on-chain', owner, mine: owner.owner === me } : check;
  });
}

export function planBatches<T>(items: T[], maxBatch: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += maxBatch) batches.push(items.slice(i, i + maxBatch));
  return batches;
}

export interface DepositRules {
  contributionDeposit: bigint;
  depositPerUnit: bigint;
  commitDeposit: bigint;
  maxBatch: number;
  maxUnits: number;
}

export function depositRules(chain: Chain): DepositRules {
  const c = chain.api.consts.datasets as unknown as Record<string, { toString(): string }>;
  const get = (name: string) => {
    const value = c[name];
    if (value === undefined) throw new Error(`the chain has no datasets.${name} constant`);
    return value.toString();
  };
  return {
    contributionDeposit: BigInt(get('contributionDeposit')),
    depositPerUnit: BigInt(get('depositPerUnit')),
    commitDeposit: BigInt(get('commitDeposit')),
    maxBatch: Number(get('maxBatch')),
    maxUnits: Number(get('maxUnitsPerContribution')),
  };
}

/** What the records hold while they count (returned on withdrawal, after unbonding). */
export function contributionDeposit(rules: DepositRules, records: number, units: number): bigint {
  return BigInt(records) * (rules.contributionDeposit + rules.depositPerUnit * BigInt(units));
}

export interface Estimate {
  /** Fees of every commit and reveal (paymentInfo). */
  fee: bigint;
  /** Held while the contributions count. */
  deposit: bigint;
  /** Held from each commit to its reveal. */
  commitDeposit: bigint;
  transactions: number;
}

function revealCall(chain: Chain, datasetId: number, hashes: string[], units: number, salt: Uint8Array) {
  return chain.api.tx.datasets!.contributeBatch!(datasetId, hashes.map((h) => [h, units]), u8aToHex(salt));
}

export async function estimate(chain: Chain, address: string, datasetId: number, batches: string[][], units: number): Promise<Estimate> {
  const rules = depositRules(chain);
  const zero = new Uint8Array(32);
  const commitFee = (await chain.api.tx.datasets!.commit!(u8aToHex(zero)).paymentInfo(address)).partialFee.toBigInt();
  const bySize = new Map<number, bigint>();
  let fee = 0n;
  for (const batch of batches) {
    let revealFee = bySize.get(batch.length);
    if (revealFee === undefined) {
      revealFee = (await revealCall(chain, datasetId, batch, units, zero).paymentInfo(address)).partialFee.toBigInt();
      bySize.set(batch.length, revealFee);
    }
    fee += commitFee + revealFee;
  }
  const records = batches.reduce((n, b) => n + b.length, 0);
  return {
    fee,
    deposit: contributionDeposit(rules, records, units),
    commitDeposit: rules.commitDeposit * BigInt(batches.length),
    transactions: batches.length * 2,
  };
}

export interface Progress {
  phase: 'commit' | 'wait' | 'reveal' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface ContributedRecord {
  label: string;
  hash: string;
  contributionId: number;
  accepted: boolean;
}

export interface BatchFailure {
  labels: string[];
  error: string;
}

export interface Summary {
  contributed: ContributedRecord[];
  failed: BatchFailure[];
  fees: bigint;
  deposit: bigint;
  firstBlock: number;
  lastBlock: number;
}

export interface RunOptions {
  onProgress(progress: Progress): void;
  /** A progress line for each transaction. */
  reporter(label: string): TxReporter;
}

/** Waits until the best block is above `block`. */
async function waitForBlockAfter(chain: Chain, block: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let unsub: (() => void) | null = null;
    let finished = false;
    chain.api.rpc.chain
      .subscribeNewHeads((header) => {
        const n = header.number.toNumber();
        if (n > block && !finished) {
          finished = true;
          unsub?.();
          resolve(n);
        }
      })
      .then((u) => {
        unsub = u;
        if (finished) u();
      })
      .catch(reject);
  });
}

/** Commits every batch, then reveals each in a later block. Batches whose commit fails are reported, not revealed. */
export async function commitAndReveal(
  chain: Chain,
  account: Account,
  datasetId: number,
  batches: HashedRecord[][],
  units: number,
  options: RunOptions,
): Promise<Summary> {
  const accountId = decodeAddress(account.address);
  const total = batches.length * 2 + 1;
  let done = 0;
  const summary: Summary = { contributed: [], failed: [], fees: 0n, deposit: 0n, firstBlock: Number.MAX_SAFE_INTEGER, lastBlock: 0 };
  const note = (block: number) => {
    summary.firstBlock = Math.min(summary.firstBlock, block);
    summary.lastBlock = Math.max(summary.lastBlock, block);
  };
  const salts = batches.map(() => randomSalt());

  // 1. Commit every batch, consecutive nonces, without waiting between them.
  options.onProgress({ phase: 'commit', done, total, message: `Committing ${batches.length} batch${batches.length > 1 ? 'es' : ''}…` });
  let nonce = await nextNonce(chain, account.address);
  const commits = await Promise.allSettled(
    batches.map((batch, i) => {
      const commitment = batchCommitment(batch.map((r) => hexToU8a(r.hash)), accountId, salts[i]!);
      const tx = chain.api.tx.datasets!.commit!(u8aToHex(commitment));
      return sendTx(chain, account, tx, options.reporter(`Commit batch ${i + 1} of ${batches.length}`), { nonce: nonce + i }).then((outcome) => {
        done += 1;
        options.onProgress({ phase: 'commit', done, total, message: `Committed batch ${i + 1} in block #${outcome.blockNumber}` });
        return outcome;
      });
    }),
  );
  let lastCommitBlock = 0;
  const committed: number[] = [];
  commits.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      summary.fees += result.value.fee;
      lastCommitBlock = Math.max(lastCommitBlock, result.value.blockNumber);
      note(result.value.blockNumber);
      committed.push(i);
    } else {
      done += 2;
      summary.failed.push({ labels: batches[i]!.map((r) => r.label), error: `commit: ${(result.reason as Error).message}` });
    }
  });
  if (committed.length === 0) {
    options.onProgress({ phase: 'done', done: total, total, message: 'Nothing was committed.' });
    return summary;
  }

  // 2. A reveal counts only in a block after its commitment's.
  options.onProgress({ phase: 'wait', done, total, message: `Waiting for a block after #${lastCommitBlock} to reveal…` });
  await waitForBlockAfter(chain, lastCommitBlock);
  done += 1;

  // 3. Reveal, consecutive nonces again.
  options.onProgress({ phase: 'reveal', done, total, message: `Revealing ${committed.length} batch${committed.length > 1 ? 'es' : ''}…` });
  nonce = await nextNonce(chain, account.address);
  const reveals = await Promise.allSettled(
    committed.map((i, k) => {
      const batch = batches[i]!;
      const tx = revealCall(chain, datasetId, batch.map((r) => r.hash), units, salts[i]!);
      return sendTx(chain, account, tx, options.reporter(`Reveal batch ${i + 1} of ${batches.length} (${batch.length} record${batch.length > 1 ? 's' : ''})`), {
        nonce: nonce + k,
      }).then((outcome) => {
        done += 1;
        options.onProgress({ phase: 'reveal', done, total, message: `Revealed batch ${i + 1} in block #${outcome.blockNumber}` });
        return outcome;
      });
    }),
  );
  reveals.forEach((result, k) => {
    const batch = batches[committed[k]!]!;
    if (result.status === 'rejected') {
      done += 1;
      const error = result.reason instanceof TxError ? result.reason.message : String(result.reason);
      summary.failed.push({ labels: batch.map((r) => r.label), error: `reveal: ${error}` });
      return;
    }
    const outcome = result.value;
    summary.fees += outcome.fee;
    note(outcome.blockNumber);
    const accepted = new Set(
      outcome.events.filter((e) => e.section === 'datasets' && e.method === 'ContributionAccepted').map((e) => Number(e.fields.contributionId!.toString())),
    );
    const byHash = new Map(batch.map((r) => [r.hash, r]));
    for (const e of outcome.events) {
      if (e.section !== 'datasets' || e.method !== 'ContributionSubmitted') continue;
      const hash = e.fields.contentHash!.toHex();
      const id = Number(e.fields.contributionId!.toString());
      const record = byHash.get(hash);
      summary.contributed.push({ label: record?.label ?? hash, hash, contributionId: id, accepted: accepted.has(id) });
    }
  });
  const rules = depositRules(chain);
  summary.deposit = contributionDeposit(rules, summary.contributed.length, units);
  options.onProgress({ phase: 'done', done: total, total, message: `${summary.contributed.length} contributed, ${summary.failed.length} batch${summary.failed.length === 1 ? '' : 'es'} failed.` });
  return summary;
}
