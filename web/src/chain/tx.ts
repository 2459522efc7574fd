// Signing and sending transactions, with their progress (signing, in the pool, in a block,
// finalised) and dispatch errors turned into the pallet error's documentation, as the CLI does.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import { stringCamelCase } from '@polkadot/util';
import { type Account, extensionSigner } from './accounts';
import type { Chain } from './connection';

export type TxStage = 'signing' | 'pool' | 'inBlock' | 'finalized' | 'failed';

/** Where a transaction's progress is shown. */
export interface TxReporter {
  update(stage: TxStage, detail: string): void;
}

export interface ChainEvent {
  section: string;
  method: string;
  /** The fields by camelCase name. */
  fields: Record<string, Codec>;
}

export interface TxOutcome {
  blockHash: string;
  blockNumber: number;
  events: ChainEvent[];
  /** The fee paid (TransactionFeePaid), in plancks. */
  fee: bigint;
  /** Resolves once the block is finalised. */
  finalized: Promise<void>;
}

export class TxError extends Error {
  constructor(
    message: string,
    /** `Pallet.Error` for dispatch errors. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TxError';
  }
}

/** An event's fields by camelCase name. */
export function eventFields(event: EventRecord['event']): Record<string, Codec> {
  const names = (event.data as unknown as { names?: string[] | null }).names ?? [];
  const fields: Record<string, Codec> = {};
  event.data.forEach((value, i) => {
    fields[stringCamelCase(names[i] ?? String(i))] = value;
  });
  return fields;
}

export function toChainEvents(records: EventRecord[]): ChainEvent[] {
  return records.map(({ event }) => ({ section: event.section, method: event.method, fields: eventFields(event) }));
}

/** `Pallet.Error: docs`, like `lineage` prints a failed dispatch. */
export function describeDispatchError(api: ApiPromise, error: DispatchError): { code: string; message: string } {
  if (error.isModule) {
    const module = error.asModule;
    try {
      const meta = api.registry.findMetaError(module);
      const pallet = api.runtimeMetadata.asLatest.pallets.find((p) => p.index.eq(module.index))?.name.toString() ?? meta.section;
      const code = `${pallet}.${meta.name}`;
      const docs = meta.docs.map((d) => d.trim()).join(' ').trim();
      return { code, message: docs ? `${code}: ${docs}` : code };
    } catch {
      const code = `pallet#${module.index.toString()}.error#${module.error.toHex()}`;
      return { code, message: code };
    }
  }
  if (error.isToken) return { code: `Token.${error.asToken.type}`, message: `Token.${error.asToken.type}: the account cannot pay this (funds too low, or frozen).` };
  if (error.isArithmetic) return { code: `Arithmetic.${error.asArithmetic.type}`, message: `Arithmetic.${error.asArithmetic.type}` };
  if (error.isBadOrigin) return { code: 'BadOrigin', message: 'BadOrigin: this account may not make this call.' };
  return { code: error.type, message: error.type };
}

/** A message for an error thrown while signing or submitting (a wallet refusal, an invalid transaction). */
export function describeSubmitError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/cancel|reject/i.test(message)) return `Not signed: ${message}`;
  if (/1010/.test(message) && /pay some fees|balance too low/i.test(message)) {
    return 'The node refused the transaction: the account cannot pay its fee (balance too low).';
  }
  if (/1014|Priority is too low/i.test(message)) return `The node refused the transaction: another one with the same nonce is pending (${message}).`;
  return `The node refused the transaction: ${message}`;
}

function stageOf(result: ISubmittableResult): TxStage | null {
  const s = result.status;
  if (s.isReady || s.isBroadcast || s.isFuture) return 'pool';
  if (s.isInBlock) return 'inBlock';
  if (s.isFinalized) return 'finalized';
  return null;
}

/**
 * Signs `tx` as `account`, sends it and resolves once it is in a block (or finalised, on chains that
 * finalise at once); rejects with a TxError naming the pallet error if it fails.
 */
export async function sendTx(
  chain: Chain,
  account: Account,
  tx: SubmittableExtrinsic<'promise'>,
  reporter: TxReporter,
  options: { nonce?: number } = {},
): Promise<TxOutcome> {
  const { api } = chain;
  reporter.update('signing', account.kind === 'dev' ? `Signing as ${account.name} (dev key)` : `Waiting for ${account.source} to sign…`);
  let resolveFinal!: () => void;
  let rejectFinal!: (e: Error) => void;
  const finalized = new Promise<void>((res, rej) => {
    resolveFinal = res;
    rejectFinal = rej;
  });
  finalized.catch(() => undefined);

  return new Promise<TxOutcome>((resolve, reject) => {
    let settled = false;
    let done = false;
    let unsubscribe: (() => void) | null = null;
    const fail = (error: TxError) => {
      done = true;
      reporter.update('failed', error.message);
      rejectFinal(error);
      unsubscribe?.();
      if (!settled) {
        settled = true;
        reject(error);
      }
    };
    const onStatus = (result: ISubmittableResult) => {
      const { status, dispatchError, events } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        fail(new TxError(`The transaction was ${status.type.toLowerCase()} by the node's pool.`));
        return;
      }
      const stage = stageOf(result);
      if (!stage) return;
      if (stage === 'pool') {
        reporter.update('pool', 'Sent; waiting for a block…');
        return;
      }
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      if (dispatchError) {
        const { code, message } = describeDispatchError(api, dispatchError);
        fail(new TxError(message, code));
        return;
      }
      if (stage === 'finalized') {
        done = true;
        resolveFinal();
        unsubscribe?.();
      }
      if (settled) {
        if (stage === 'finalized') reporter.update('finalized', 'Finalised');
        return;
      }
      settled = true;
      const chainEvents = toChainEvents(events);
      const feeEvent = chainEvents.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
      const fee = feeEvent?.fields.actualFee ? BigInt(feeEvent.fields.actualFee.toString()) : 0n;
      api.rpc.chain
        .getHeader(blockHash)
        .then((header) => header.number.toNumber())
        .catch(() => -1)
        .then((blockNumber) => {
          reporter.update(stage, stage === 'finalized' ? `Finalised in block #${blockNumber}` : `In block #${blockNumber}; waiting for finality…`);
          resolve({ blockHash, blockNumber, events: chainEvents, fee, finalized });
        });
    };
    const send = async () => {
      if (account.pair) return tx.signAndSend(account.pair, { nonce: options.nonce ?? -1 }, onStatus);
      const signer = await extensionSigner(account);
      return tx.signAndSend(account.address, { signer, nonce: options.nonce ?? -1 }, onStatus);
    };
    send()
      .then((unsub) => {
        unsubscribe = unsub;
        // Finalised already (instant seal) or failed: nothing more to follow.
        if (done) unsub();
      })
      .catch((error: unknown) => fail(new TxError(describeSubmitError(error))));
  });
}

/** The account's next nonce, counting the transactions already in the pool. */
export async function nextNonce(chain: Chain, address: string): Promise<number> {
  return (await chain.api.rpc.system.accountNextIndex(address)).toNumber();
}
