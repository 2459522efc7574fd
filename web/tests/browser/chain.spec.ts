// The pure modules against a live node, without a page: commitments the chain accepts, JSONL
// records hashed as the CLI hashes them, every inclusion proof verified, and vouchers signed here
// (raw, and wrapped as browser wallets sign) that the chain and `lineage infer` accept.
import { expect, test } from '@playwright/test';
import type { ApiPromise } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, sha256AsU8a } from '@polkadot/util-crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchCommitment, contributionCommitment, randomSalt } from '../../src/lib/commitment';
import { sha256Hex } from '../../src/lib/hashing';
import { contributionLeafHash, verifyInclusion } from '../../src/lib/merkle';
import { jsonlRecords } from '../../src/lib/records';
import { multiSignature, requestHash, signedVoucherJson, voucherPayload, wrappedVoucherPayload } from '../../src/lib/voucher';
import { rpcJson, testApi } from '../support/chain';
import { lineageJson } from '../support/cli';
import { startNode, type TestNode } from '../support/node';

test.describe.configure({ mode: 'serial' });

let node: TestNode;
let api: ApiPromise;
let keyring: Keyring;
const pair = (name: string): KeyringPair => keyring.addFromUri(`//${name}`);

test.beforeAll(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode();
  api = await testApi(node.url);
});

test.afterAll(async () => {
  await api?.disconnect();
  await node?.stop();
});

/** Sends and waits for the block; throws the pallet error's name on failure. */
function send(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<string[]> {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const m = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
        reject(new Error(m ? `${m.section}.${m.name}` : dispatchError.toString()));
      } else if (status.isInBlock || status.isFinalized) {
        resolve(events.map(({ event }) => `${event.section}.${event.method}`));
      }
    }).catch(reject);
  });
}

const tx = () => api.tx as unknown as Record<string, Record<string, (...args: unknown[]) => SubmittableExtrinsic<'promise'>>>;
const hash = (text: string) => u8aToHex(sha256AsU8a(stringToU8a(text)));

test('the chain accepts reveals of commitments computed here, single and batched', async () => {
  const charlie = pair('Charlie');
  expect(await send(tx().datasets!.createDataset!('chain-spec', '', 'MIT', 'Open'), pair('Alice'))).toContain('datasets.DatasetCreated');
  // One record: commit to its content hash, reveal with `contribute`.
  const single = hash('single record');
  const salt = randomSalt();
  await send(tx().datasets!.commit!(u8aToHex(contributionCommitment(hexToU8a(single), decodeAddress(charlie.address), salt))), charlie);
  expect(await send(tx().datasets!.contribute!(0, single, 2, '0x', u8aToHex(salt)), charlie)).toContain('datasets.ContributionAccepted');
  // A batch: commit to the digest of its hashes, reveal with `contribute_batch`.
  const batch = ['b1', 'b2', 'b3'].map(hash);
  const batchSalt = randomSalt();
  await send(tx().datasets!.commit!(u8aToHex(batchCommitment(batch.map((h) => hexToU8a(h)), decodeAddress(charlie.address), batchSalt))), charlie);
  const events = await send(tx().datasets!.contributeBatch!(0, batch.map((h) => [h, 4]), u8aToHex(batchSalt)), charlie);
  expect(events.filter((e) => e === 'datasets.ContributionAccepted')).toHaveLength(3);
  // The same batch in another order is another commitment: refused.
  const other = ['c1', 'c2'].map(hash);
  const otherSalt = randomSalt();
  await send(tx().datasets!.commit!(u8aToHex(batchCommitment(other.map((h) => hexToU8a(h)), decodeAddress(charlie.address), otherSalt))), charlie);
  await expect(send(tx().datasets!.contributeBatch!(0, [...other].reverse().map((h) => [h, 1]), u8aToHex(otherSalt)), charlie)).rejects.toThrow('datasets.NoCommitment');
});

test('JSONL records are hashed here exactly as `lineage contribute --records` hashes them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lineage-jsonl-'));
  const file = join(dir, 'records.jsonl');
  writeFileSync(file, '{"text":"one"}\r\n\n  \n{"text":"two"}  \n\t{"text":"three"}');
  lineageJson(node.url, ['contribute', '--dataset', '0', '--records', file, '--suri', '//Dave']);
  const records = jsonlRecords('records.jsonl', new Uint8Array(readFileSync(file)));
  expect(records).toHaveLength(3);
  const hashes = await Promise.all(records.map((r) => sha256Hex(r.bytes)));
  const owners = await rpcJson<({ owner: string } | null)[]>(node.url, 'datasets_contentOwners', [hashes]);
  expect(owners.map((o) => o?.owner)).toEqual(Array(3).fill(pair('Dave').address));
});

test('every contribution’s proof from the node verifies here against the dataset root', async () => {
  const dataset = await rpcJson<{ merkleRoot: string; leafCount: number }>(node.url, 'datasets_dataset', [0]);
  expect(dataset.leafCount).toBe(7);
  for (let id = 0; id < dataset.leafCount; id++) {
    const p = await rpcJson<{ contributionId: number; datasetId: number; contributor: string; contentHash: string; units: number; leafHash: string; leafIndex: number; leafCount: number; proof: string[] }>(node.url, 'datasets_contributionProof', [id]);
    const leaf = contributionLeafHash({ contributionId: BigInt(p.contributionId), datasetId: p.datasetId, contributor: decodeAddress(p.contributor), contentHash: hexToU8a(p.contentHash), units: BigInt(p.units) });
    expect(u8aToHex(leaf)).toBe(p.leafHash);
    const path = p.proof.map((x) => hexToU8a(x));
    expect(verifyInclusion(hexToU8a(dataset.merkleRoot), leaf, BigInt(p.leafIndex), BigInt(p.leafCount), path).valid).toBe(true);
    const wrongUnits = contributionLeafHash({ contributionId: BigInt(p.contributionId), datasetId: p.datasetId, contributor: decodeAddress(p.contributor), contentHash: hexToU8a(p.contentHash), units: BigInt(p.units + 1) });
    expect(verifyInclusion(hexToU8a(dataset.merkleRoot), wrongUnits, BigInt(p.leafIndex), BigInt(p.leafCount), path).valid).toBe(false);
  }
});

test('vouchers signed here, raw and wrapped, are accepted by the chain and by `lineage infer`', async () => {
  const eve = pair('Eve');
  const ferdie = pair('Ferdie');
  await send(tx().models!.registerModel!('chain-model', hash('w'), [{ datasetId: 0, weight: 1_000_000_000, snapshot: null }], 10n ** 12n, { contributors: 700_000_000, owner: 150_000_000, operator: 50_000_000, protocol: 100_000_000 }), eve);
  await send(tx().inference!.authorize!(0, 10n * 10n ** 12n, 10n ** 12n, null), ferdie);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const voucher = (request: string) => ({ genesisHash: api.genesisHash.toHex(), modelId: 0, requestHash: requestHash(request), maxFee: 10n ** 12n, expiresAt: best + 100 });
  const record = (request: string, signature: unknown) => ({
    consumer: ferdie.address,
    voucher: { ...voucher(request), maxFee: (10n ** 12n).toString() },
    signature,
    outputHash: hash(`out ${request}`),
    attribution: [],
    method: 'Unspecified',
    evidenceHash: `0x${'00'.repeat(32)}`,
  });
  const raw = ferdie.sign(voucherPayload(voucher('raw-1')));
  const wrapped = ferdie.sign(wrappedVoucherPayload(voucher('wrapped-1')));
  const events = await send(tx().inference!.recordInferences!(0, [record('raw-1', { Raw: { Sr25519: u8aToHex(raw) } }), record('wrapped-1', { Wrapped: { Sr25519: u8aToHex(wrapped) } })]), eve);
  expect(events.filter((e) => e === 'inference.InferenceRecorded')).toHaveLength(2);
  // A signature over the wrong form is refused.
  const swapped = ferdie.sign(voucherPayload(voucher('swapped')));
  await expect(send(tx().inference!.recordInferences!(0, [record('swapped', { Wrapped: { Sr25519: u8aToHex(swapped) } })]), eve)).rejects.toThrow('inference.BadVoucherSignature');

  // The JSON built here, as a wallet-signed ("wrapped") voucher, through the CLI.
  const w = voucher('cli-wrapped');
  const json = signedVoucherJson(ferdie.address, w, 'wrapped', multiSignature(ferdie.sign(wrappedVoucherPayload(w)), 'sr25519'));
  const file = join(mkdtempSync(join(tmpdir(), 'lineage-vouchers-')), 'inferences.json');
  writeFileSync(file, JSON.stringify([{ voucher: json, output: 'an answer' }]));
  const recorded = lineageJson<{ inferences: unknown[] }>(node.url, ['infer', '--model', '0', file, '--suri', '//Eve']);
  expect(recorded.inferences).toHaveLength(1);
  const auth = await rpcJson<{ spent: string }>(node.url, 'inference_authorization', [ferdie.address, 0]);
  expect(auth.spent).toBe((3n * 10n ** 12n).toString());
});
