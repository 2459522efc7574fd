// Regenerates tests/fixtures/chain-vectors.json from a real dev node and the Rust code, so that the
// unit tests check the TypeScript Merkle verification, commitments and vouchers against values the
// Rust side produced:
//   - inclusion proofs built by the runtime (datasets_contributionProof) for every leaf of trees of
//     1 to 7 leaves (read at the block after each contribution);
//   - vouchers signed by `lineage voucher sign`;
//   - commitments computed with Python's hashlib (blake2b, 32-byte digest), independently of
//     @polkadot/util-crypto.
// Usage: node tests/support/make-fixtures.mjs   (needs lineage-node, lineage and python3)
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const NODE = process.env.LINEAGE_NODE_BIN ?? join(homedir(), '.cache/lineage/target/release/lineage-node');
const CLI = process.env.LINEAGE_CLIENT_BIN ?? join(homedir(), '.cache/lineage/target/release/lineage');
const port = await new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const p2p = port + 1;
const node = spawn(NODE, ['--dev', '--tmp', '--instant-seal', '--rpc-port', String(port), '--port', String(p2p), '--no-prometheus', '--no-mdns', '--no-telemetry'], { stdio: 'ignore' });
const url = `ws://127.0.0.1:${port}`;
const rpc = async (method, params = []) => {
  const r = await fetch(`http://127.0.0.1:${port}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }) });
  const body = await r.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};
const cli = (args) => {
  const r = spawnSync(CLI, [...args, '--url', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lineage ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};
try {
  for (let i = 0; ; i++) {
    try { await rpc('chain_getHeader'); break; } catch { if (i > 200) throw new Error('node did not start'); await new Promise((r) => setTimeout(r, 250)); }
  }
  const dir = mkdtempSync(join(tmpdir(), 'lineage-fixtures-'));
  cli(['dataset', 'create', '--name', 'fixtures', '--license', 'MIT', '--suri', '//Alice']);
  const trees = [];
  const who = ['//Charlie', '//Dave', '//Eve'];
  for (let n = 1; n <= 7; n++) {
    const file = join(dir, `record-${n}.txt`);
    writeFileSync(file, `fixture record ${n}\n`);
    cli(['contribute', '--dataset', '0', '--units', String(n * 3), file, '--suri', who[n % 3]]);
    const at = await rpc('chain_getBlockHash', []);
    const dataset = await rpc('datasets_dataset', [0, at]);
    const proofs = [];
    for (let id = 0; id < n; id++) proofs.push(await rpc('datasets_contributionProof', [id, at]));
    trees.push({ leafCount: dataset.leafCount, merkleRoot: dataset.merkleRoot, proofs });
  }
  const vouchers = JSON.parse(cli(['voucher', 'sign', '--model', '3', '--max-fee', '0.25LIN', '--request', 'req-1', '--request', `0x${'ab'.repeat(32)}`, '--suri', '//Ferdie']));
  const py = `
import hashlib, json, sys
def b2(data): return hashlib.blake2b(data, digest_size=32).digest()
out = []
for account_hex, salt_hex, hashes in json.loads(sys.argv[1]):
    account = bytes.fromhex(account_hex); salt = bytes.fromhex(salt_hex)
    hs = [bytes.fromhex(h) for h in hashes]
    digest = hs[0] if len(hs) == 1 else b2(b''.join(hs))
    out.append({'accountId': '0x' + account_hex, 'salt': '0x' + salt_hex, 'contentHashes': ['0x' + h for h in hashes], 'batch': len(hs) > 1,
                'batchDigest': '0x' + b2(b''.join(hs)).hex(), 'commitment': '0x' + b2(digest + account + salt).hex()})
print(json.dumps(out))
`;
  const cases = [
    ['d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', '03'.repeat(32), ['ab'.repeat(32)]],
    ['90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22', '00'.repeat(32), ['01'.repeat(32), '02'.repeat(32), '03'.repeat(32)]],
    ['1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c', 'ff'.repeat(32), ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '5e'.repeat(32)]],
  ];
  const commitments = JSON.parse(execFileSync('python3', ['-c', py, JSON.stringify(cases)], { encoding: 'utf8' }));
  const out = { generatedBy: 'tests/support/make-fixtures.mjs', trees, vouchers, commitments };
  writeFileSync(new URL('../fixtures/chain-vectors.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${trees.length} trees, ${vouchers.length} vouchers, ${commitments.length} commitments`);
} finally {
  node.kill('SIGTERM');
}
