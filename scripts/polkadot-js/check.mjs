// Connects to a Lineage node with @polkadot/api, with no custom types but the RPC definitions of
// lineage-rpc.json, and exercises the standard and the Lineage parts:
//   node check.mjs ws://127.0.0.1:9944
// Exits 0 when everything works, 1 with the reason otherwise.
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { readFileSync } from 'node:fs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const rpc = JSON.parse(readFileSync(new URL('./lineage-rpc.json', import.meta.url)));

function check(condition, message) {
  if (!condition) throw new Error(message);
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

  // Lineage's pallets, from the metadata alone.
  const hash = '0x' + 'ab'.repeat(32);
  const created = await send(api.tx.datasets.createDataset('polkadot-js', '', 'MIT', 'Open'), alice);
  check(created.includes('datasets.DatasetCreated'), `create events ${created}`);
  const datasetId = (await api.query.datasets.nextDatasetId()).toNumber() - 1;
  const contributed = await send(api.tx.datasets.contribute(datasetId, hash, 5, '0x'), alice);
  check(contributed.includes('datasets.ContributionAccepted'), `contribute events ${contributed}`);
  const contributionId = (await api.query.datasets.nextContributionId()).toNumber() - 1;

  // Lineage's JSON-RPC, through the definitions.
  const pending = await api.rpc.attribution.pendingRewards(alice.address);
  check(/^[0-9]+$/.test(pending.toString()), `pendingRewards ${pending}`);
  const earnings = (await api.rpc.attribution.earnings(alice.address)).toJSON();
  check(typeof earnings.pending === 'string' && Array.isArray(earnings.datasets), `earnings ${JSON.stringify(earnings)}`);
  const revenue = (await api.rpc.attribution.modelRevenue(0)).toJSON();
  check(revenue.fees === '0', `modelRevenue ${JSON.stringify(revenue)}`);
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
