// Connects to a Lineage node with @polkadot/api, with no custom types but the RPC definitions of
// lineage-rpc.json, and exercises the standard and the Lineage parts:
//   node check.mjs ws://127.0.0.1:9944
// Exits 0 when everything works, 1 with the reason otherwise.
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { stringToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { readFileSync } from 'node:fs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const rpc = JSON.parse(readFileSync(new URL('./lineage-rpc.json', import.meta.url)));

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// The commitment a contributor makes before revealing content `hash` (see lineage_primitives):
// blake2_256(hash ‖ SCALE(account) ‖ salt).
function commitment(hash, address, salt) {
  return u8aToHex(blake2AsU8a(u8aConcat(hash, decodeAddress(address), salt), 256));
}

// The bytes a consumer signs for a voucher: the context, then the SCALE-encoded voucher.
function voucherPayload(api, voucher) {
  const encoded = api.createType('(H256, u32, H256, u128, u32)', [
    voucher.genesisHash, voucher.modelId, voucher.requestHash, voucher.maxFee, voucher.expiresAt,
  ]).toU8a();
  return u8aConcat(stringToU8a('lineage/inference-voucher/v1'), encoded);
}

// Signs and sends a transaction; resolves with its events once it is in a block.
function send(tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(`dispatch failed: ${dispatchError.toString()}`));
      else if (status.isInBlock || status.isFinalized) resolve(events.map(({ event }) => `${event.section}.${event.method}`));
      else if (status.isInvalid || status.isDropped) reject(new Error(`transaction ${status.type}`));
    }).catch(reject);
  });
}

async function main() {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');

  check(api.registry.chainTokens[0] === 'LIN', `token ${api.registry.chainTokens}`);
  check(api.registry.chainDecimals[0] === 12, `decimals ${api.registry.chainDecimals}`);
  check(api.registry.chainSS58 === 42, `ss58 ${api.registry.chainSS58}`);

  // Standard parts: a transfer with the standard transaction extensions (incl. CheckMetadataHash).
  const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
  const transfer = await send(api.tx.balances.transferKeepAlive(bob.address, 10n ** 12n), alice);
  check(transfer.includes('balances.Transfer'), `transfer events ${transfer}`);
  const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
  check(after === before + 10n ** 12n, `bob's balance ${before} -> ${after}`);

  // Lineage's pallets, from the metadata alone: a contribution by commit, then reveal.
  const hash = '0x' + 'ab'.repeat(32);
  const salt = new Uint8Array(32).fill(3);
  const created = await send(api.tx.datasets.createDataset('polkadot-js', '', 'MIT', 'Open'), alice);
  check(created.includes('datasets.DatasetCreated'), `create events ${created}`);
  const datasetId = (await api.query.datasets.nextDatasetId()).toNumber() - 1;
  const committed = await send(api.tx.datasets.commit(commitment(hash, alice.address, salt)), alice);
  check(committed.includes('datasets.Committed'), `commit events ${committed}`);
  const contributed = await send(api.tx.datasets.contribute(datasetId, hash, 5, '0x', salt), alice);
  check(contributed.includes('datasets.ContributionAccepted'), `contribute events ${contributed}`);
  const contributionId = (await api.query.datasets.nextContributionId()).toNumber() - 1;

  // A model, an authorisation, and an inference metered with a voucher Bob signs as a browser
  // wallet does (signRaw wraps the bytes in <Bytes>…</Bytes>).
  const registered = await send(api.tx.models.registerModel('pjs-model', hash,
    [{ datasetId, weight: 1_000_000_000, snapshot: null }], 10n ** 12n,
    { contributors: 700_000_000, owner: 150_000_000, operator: 50_000_000, protocol: 100_000_000 }), alice);
  check(registered.includes('models.ModelRegistered'), `register events ${registered}`);
  const modelId = (await api.query.models.nextModelId()).toNumber() - 1;
  await send(api.tx.inference.authorize(modelId, 10n ** 13n, 10n ** 12n, null), bob);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const voucher = {
    genesisHash: api.genesisHash.toHex(), modelId, requestHash: '0x' + '0c'.repeat(32),
    maxFee: 10n ** 12n, expiresAt: best + 100,
  };
  const signature = bob.sign(u8aWrapBytes(voucherPayload(api, voucher)));
  const metered = await send(api.tx.inference.recordInferences(modelId, [{
    consumer: bob.address, voucher, signature: { Wrapped: { Sr25519: signature } },
    outputHash: '0x' + '0d'.repeat(32), attribution: [], method: 'Unspecified', evidenceHash: '0x' + '00'.repeat(32),
  }]), alice);
  check(metered.includes('inference.InferenceRecorded'), `record events ${metered}`);

  // Lineage's JSON-RPC, through the definitions.
  const pending = await api.rpc.attribution.pendingRewards(alice.address);
  check(/^[0-9]+$/.test(pending.toString()), `pendingRewards ${pending}`);
  const earnings = (await api.rpc.attribution.earnings(alice.address)).toJSON();
  check(typeof earnings.pending === 'string' && Array.isArray(earnings.datasets), `earnings ${JSON.stringify(earnings)}`);
  const revenue = (await api.rpc.attribution.modelRevenue(modelId)).toJSON();
  check(revenue.fees === '1000000000000' && revenue.operators === '50000000000', `modelRevenue ${JSON.stringify(revenue)}`);
  const model = (await api.rpc.models.model(modelId)).toJSON();
  check(model.currentVersion.snapshots[0].leafCount === 1, `model ${JSON.stringify(model)}`);
  const inference = (await api.rpc.inference.inference(0)).toJSON();
  check(inference.consumer === bob.address && inference.operator === alice.address, `inference ${JSON.stringify(inference)}`);
  const authorization = (await api.rpc.inference.authorization(bob.address, modelId)).toJSON();
  check(authorization.spent === '1000000000000', `authorization ${JSON.stringify(authorization)}`);
  // A JSON array comes back as an object keyed by position.
  const owners = Object.values((await api.rpc.datasets.contentOwners([hash, '0x' + '00'.repeat(32)])).toJSON());
  check(owners.length === 2 && owners[1] === null && owners[0].contributionId === contributionId, `contentOwners ${JSON.stringify(owners)}`);
  const disputes = Object.values((await api.rpc.attribution.disputes(null)).toJSON());
  check(disputes.length === 0, `disputes ${JSON.stringify(disputes)}`);
  const owner = (await api.rpc.datasets.contentOwner(hash)).toJSON();
  check(owner.owner === alice.address && owner.contributionId === contributionId, `contentOwner ${JSON.stringify(owner)}`);
  const proof = (await api.rpc.datasets.contributionProof(contributionId)).toJSON();
  check(proof.contentHash === hash && typeof proof.root === 'string', `contributionProof ${JSON.stringify(proof)}`);
  const dataset = (await api.rpc.datasets.dataset(datasetId)).toJSON();
  check(dataset.merkleRoot === proof.root, `dataset root ${dataset.merkleRoot} vs proof root ${proof.root}`);

  await api.disconnect();
  console.log(`polkadot-js check passed against ${url}`);
}

main().then(() => process.exit(0)).catch((error) => {
  console.error(`polkadot-js check failed: ${error.message}`);
  process.exit(1);
});
