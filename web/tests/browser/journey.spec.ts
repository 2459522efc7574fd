// The contributor's journey in headless chromium against a real dev node: create a dataset,
// contribute three files (one already on chain, skipped), prove one, register a model, authorise it
// and sign vouchers that `lineage infer` meters, see the earnings, claim them; then the curator's
// review, a phone-sized screen, a wrong node URL and a dropped connection.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { ApiPromise } from '@polkadot/api';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rpcJson, testApi } from '../support/chain';
import { lineageJson, lineageOk } from '../support/cli';
import { amountIn, docShot, pageReady, shot, unlabelledControls, useAccount } from '../support/helpers';
import { freePort, startNode, type TestNode } from '../support/node';
import { serveDist, type StaticServer } from '../support/server';

test.describe.configure({ mode: 'serial' });

let node: TestNode;
let web: StaticServer;
let api: ApiPromise;
let context: BrowserContext;
let page: Page;
let files: { a: string; b: string; c: string; dir: string };

const sha256 = (content: string) => `0x${createHash('sha256').update(content).digest('hex')}`;
const CONTENT = { a: 'the first recording, transcribed\n', b: 'a second record: 42 apples\n', c: 'a record someone contributed before\n' };

test.beforeAll(async ({ browser }) => {
  node = await startNode();
  web = await serveDist();
  api = await testApi(node.url);
  const dir = mkdtempSync(join(tmpdir(), 'lineage-web-files-'));
  files = { a: join(dir, 'a.txt'), b: join(dir, 'b.txt'), c: join(dir, 'c.txt'), dir };
  for (const k of ['a', 'b', 'c'] as const) writeFileSync(files[k], CONTENT[k]);
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The connection tests make the WebSocket fail on purpose.
    if (message.type() === 'error' && !/API-WS|WebSocket connection to/.test(message.text())) console.log(`console: ${message.text()}`);
  });
});

test.afterAll(async () => {
  await context?.close();
  await api?.disconnect();
  await web?.stop();
  await node?.stop();
});

const open = async (hash: string) => {
  // A fresh load each time (a change of hash alone would not reload the app).
  await page.goto('about:blank');
  await page.goto(`${web.url}/?rpc=${encodeURIComponent(node.url)}#${hash}`);
  await expect(page.getByTestId('best-block')).toBeVisible();
  await pageReady(page);
};

test('connects and offers the dev accounts on a dev chain', async () => {
  await open('/datasets');
  await expect(page.getByRole('status').filter({ hasText: 'Lineage Development' }).first()).toContainText('LIN, 12 decimals');
  const select = page.getByLabel('Account', { exact: true });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    await expect(select.locator('option', { hasText: `${name} (dev account)` })).toHaveCount(1);
  }
  await useAccount(page, 'Charlie');
  await expect(page.locator('#header-balance')).toContainText('Balance 1,000,000 LIN');
});

test('creates a dataset, with errors shown next to the fields', async () => {
  await open('/datasets');
  await expect(page.getByText('No datasets yet')).toBeVisible();
  const name = page.getByLabel('Name', { exact: true });
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByText('Give the dataset a name.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await name.fill('web-journey');
  await page.getByLabel('Description').fill('Records contributed from the browser');
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByText('Dataset #0 "web-journey" created')).toBeVisible();
  await expect(page.locator('.tx').first()).toHaveAttribute('data-stage', /inBlock|finalized/);
  await page.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByRole('heading', { name: 'Dataset #0: web-journey' })).toBeVisible();
  const onChain = await rpcJson<{ owner: string; name: string; policy: string }>(node.url, 'datasets_dataset', [0]);
  expect(onChain.name).toBe('web-journey');
  expect(onChain.policy).toBe('Open');
  expect(await unlabelledControls(page)).toEqual([]);
});

test('contributes three files: the one already on chain is shown and skipped', async () => {
  // Dave contributed c.txt before, with the CLI: the browser must hash it the same way.
  lineageOk(node.url, ['contribute', '--dataset', '0', files.c, '--suri', '//Dave']);
  const owner = await rpcJson<{ contributionId: number }>(node.url, 'datasets_contentOwner', [sha256(CONTENT.c)]);
  expect(owner.contributionId).toBe(0);

  await open('/contribute/0');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('0');
  await page.getByLabel('Units per record').fill('5');
  await page.getByLabel('Choose files').setInputFiles([files.a, files.b, files.c]);
  await expect(page.getByTestId('check-summary')).toHaveText('3 records: 2 new, 1 skipped.');
  const rows = page.getByTestId('records-table').locator('tbody tr');
  await expect(rows.filter({ hasText: 'c.txt' })).toContainText('Skipped: already on chain, contribution #0 by Dave');
  await expect(rows.filter({ hasText: 'a.txt' })).toContainText('New');
  await expect(rows.filter({ hasText: 'a.txt' }).locator('code')).toHaveAttribute('data-full', sha256(CONTENT.a));

  const perRecord = BigInt(api.consts.datasets!.contributionDeposit!.toString()) + 5n * BigInt(api.consts.datasets!.depositPerUnit!.toString());
  const deposit = await amountIn(page.getByTestId('estimated-deposit'));
  expect(deposit).toBe(2n * perRecord);
  expect(await amountIn(page.getByTestId('estimated-fee'))).toBeGreaterThan(0n);
  await shot(page, 'contribute-checked');

  await page.getByRole('button', { name: 'Contribute', exact: true }).click();
  const summary = page.getByTestId('contribute-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText('Contributed2 records');
  await expect(summary).toContainText('Skipped1 (already on chain or repeated)');
  // One batch: a commit, a block, a reveal; the bar is full.
  expect(await page.locator('#contribute-progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([3, 3]);
  for (const k of ['a', 'b'] as const) {
    const o = await rpcJson<{ owner: string }>(node.url, 'datasets_contentOwner', [sha256(CONTENT[k])]);
    expect(o.owner).toBe('5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'); // Charlie
  }
  await shot(page, 'contribute-summary');
  await docShot(page, 'contribute', summary);
});

test('reads a .jsonl file line by line and a folder file by file (nothing is sent before Contribute)', async () => {
  await open('/contribute/0');
  const jsonl = join(files.dir, 'records.jsonl');
  writeFileSync(jsonl, `{"text":"one"}\n\n${CONTENT.a.trimEnd()}\r\n{"text":"one"}\n`);
  await page.getByLabel('Choose files').setInputFiles(jsonl);
  // Line 3 is a.txt's content without its line ending: a different record; line 4 repeats line 1.
  await expect(page.getByTestId('check-summary')).toHaveText('3 records: 2 new, 1 skipped.');
  const rows = page.getByTestId('records-table').locator('tbody tr');
  await expect(rows.filter({ hasText: 'records.jsonl:4' })).toContainText('Skipped: the same content as records.jsonl:1');
  await expect(rows.filter({ hasText: 'records.jsonl:3' }).locator('code')).toHaveAttribute('data-full', sha256(CONTENT.a.trimEnd()));
  const folder = mkdtempSync(join(tmpdir(), 'lineage-folder-'));
  writeFileSync(join(folder, 'x.txt'), CONTENT.b);
  writeFileSync(join(folder, 'y.jsonl'), 'a folder keeps .jsonl files whole\nsecond line\n');
  await page.getByLabel('Or choose a folder').setInputFiles(folder);
  await expect(page.getByTestId('check-summary')).toHaveText('2 records: 1 new, 1 skipped.');
  await expect(rows.filter({ hasText: 'x.txt' })).toContainText('already on chain');
  await expect(rows.filter({ hasText: 'y.jsonl' }).locator('code')).toHaveAttribute('data-full', sha256('a folder keeps .jsonl files whole\nsecond line\n'));
  expect((await rpcJson<{ leafCount: number }>(node.url, 'datasets_dataset', [0])).leafCount).toBe(3);
});

test('proves a contribution in the browser, and tells which local file matches', async () => {
  await open('/my-data');
  const table = page.getByTestId('my-contributions');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const id = (await rpcJson<{ owner: string; contributionId: number }>(node.url, 'datasets_contentOwner', [sha256(CONTENT.a)])).contributionId;
  await page.getByRole('button', { name: `Prove contribution #${id}` }).click();
  const proof = page.getByTestId('proof');
  await expect(proof).toContainText('Verified.');
  const chain = await rpcJson<{ root: string; proof: string[]; leafCount: number }>(node.url, 'datasets_contributionProof', [id]);
  const dataset = await rpcJson<{ merkleRoot: string }>(node.url, 'datasets_dataset', [0]);
  await expect(proof.getByTestId('computed-root')).toHaveText(dataset.merkleRoot);
  await expect(proof.getByTestId('chain-root')).toHaveText(chain.root);
  await expect(proof.getByTestId('proof-path').locator('tbody tr')).toHaveCount(chain.proof.length);
  expect(chain.proof.length).toBeGreaterThan(0);

  await proof.getByLabel('Compare a local file').setInputFiles(files.b);
  await expect(proof.getByTestId('file-check')).toContainText('No match');
  await proof.getByLabel('Compare a local file').setInputFiles(files.a);
  await expect(proof.getByTestId('file-check')).toContainText(`Match: a.txt is the content of contribution #${id}`);
  await shot(page, 'my-data-proof');
});

test('a model owner registers a model in the browser', async () => {
  await open('/models');
  await useAccount(page, 'Eve');
  await expect(page.getByRole('heading', { name: 'Register a model' })).toBeVisible();
  await page.getByLabel('Model name').fill('web-model');
  await page.getByLabel('Version hash').fill('not a hash');
  await page.getByLabel('Contributors share (%)').fill('10');
  await page.getByLabel('Protocol share (%)').fill('70');
  await page.getByRole('button', { name: 'Register model' }).click();
  await expect(page.getByText('Enter 0x and 64 hex digits')).toBeVisible();
  await expect(page.getByText('The contributors’ share is at least 20%.')).toBeVisible();
  await page.getByLabel('Version hash').fill(sha256('weights v1'));
  await page.getByLabel('Contributors share (%)').fill('70');
  await page.getByLabel('Protocol share (%)').fill('10');
  await page.getByRole('button', { name: 'Register model' }).click();
  await expect(page.getByText('Model #0 "web-model" registered')).toBeVisible();
  const model = await rpcJson<{ owner: string; feePerInference: string; split: { contributors: number } }>(node.url, 'models_model', [0]);
  expect(model.feePerInference).toBe('1000000000000');
  expect(model.split.contributors).toBe(700_000_000);
  expect(await unlabelledControls(page)).toEqual([]);
});

let vouchers: Record<string, unknown>[] = [];

test('a consumer authorises the model and signs vouchers in the format of `lineage voucher sign`', async () => {
  await open('/consumers');
  await useAccount(page, 'Ferdie');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('0');
  await expect(page.getByTestId('authorization')).toContainText('Not authorised');
  await page.getByLabel('Most in total').fill('10');
  await page.getByLabel('Most per inference').fill('abc');
  await page.getByRole('button', { name: 'Authorise', exact: true }).click();
  await expect(page.getByText('"abc" is not an amount')).toBeVisible();
  await page.getByLabel('Most per inference').fill('1');
  await page.getByRole('button', { name: 'Authorise', exact: true }).click();
  await expect(page.getByTestId('auth-remaining')).toHaveText('10 LIN');
  await expect(page.getByTestId('auth-spent')).toHaveText('0 LIN');

  await page.getByLabel('Requests').fill('req-1\nreq-2\nreq-3');
  await page.getByRole('button', { name: 'Sign vouchers' }).click();
  const json = await page.getByTestId('voucher-json').inputValue();
  vouchers = JSON.parse(json) as Record<string, unknown>[];
  expect(vouchers).toHaveLength(3);
  // The same fields, in the same order and of the same types, as the CLI prints.
  const cli = JSON.parse(lineageOk(node.url, ['voucher', 'sign', '--model', '0', '--max-fee', '1LIN', '--request', 'req-1', '--suri', '//Ferdie'])) as Record<string, unknown>[];
  expect(Object.keys(vouchers[0]!)).toEqual(Object.keys(cli[0]!));
  for (const key of Object.keys(cli[0]!)) expect(typeof vouchers[0]![key]).toBe(typeof cli[0]![key]);
  expect(vouchers[0]!.requestHash).toBe(cli[0]!.requestHash);
  expect(vouchers[0]!.requestHash).toBe(sha256('req-1'));
  expect(vouchers[0]!.consumer).toBe(cli[0]!.consumer);
  expect(vouchers[0]!.genesisHash).toBe(cli[0]!.genesisHash);
  await shot(page, 'consumers');
});

test('the contributor sees the earnings appear as the operator meters the inferences with `lineage infer`', async () => {
  await open('/earnings');
  await useAccount(page, 'Charlie');
  await expect(page.getByText(/From the payout events of blocks/)).toBeVisible();
  await expect(page.getByTestId('earnings-pending')).toHaveText('0 LIN');
  await expect(page.getByRole('button', { name: 'Claim rewards' })).toBeDisabled();

  // Eve, the model's owner, meters the three inferences with Ferdie's vouchers, from the browser.
  const inferences = join(files.dir, 'inferences.json');
  writeFileSync(inferences, JSON.stringify(vouchers.map((voucher, i) => ({ voucher, output: `answer ${i + 1}` }))));
  const recorded = lineageJson<{ inferences: unknown[] }>(node.url, ['infer', '--model', '0', inferences, '--suri', '//Eve']);
  expect(recorded.inferences).toHaveLength(3);

  // The page follows the chain: no reload.
  const charlie = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
  const pending = BigInt(await rpcJson<string>(node.url, 'attribution_pendingRewards', [charlie]));
  expect(pending).toBeGreaterThan(0n);
  await expect.poll(async () => amountIn(page.getByTestId('earnings-pending'))).toBe(pending);
  await expect(page.getByRole('figure').filter({ hasText: 'Your credits in recent blocks, by model' })).toContainText('#0 web-model');
  const byModel = page.getByRole('figure').filter({ hasText: 'Your credits in recent blocks, by model' });
  await expect(byModel.locator('svg rect').first()).toBeVisible();
  await expect(page.getByRole('figure').filter({ hasText: 'All inference fees over recent blocks' }).locator('svg rect').first()).toBeVisible();
  await docShot(page, 'earnings', page.getByRole('figure').filter({ hasText: 'Your credits over recent blocks' }));
  // Worked out from the events in the browser, it adds up to what the chain says Charlie earned.
  await byModel.getByText('The figures as a table').click();
  const row = byModel.getByRole('row').filter({ hasText: '#0 web-model' });
  expect(await amountIn(row.getByRole('cell').last())).toBe(pending);
  expect(await amountIn(row.getByRole('cell').nth(4))).toBe(pending); // the pro-rata column
  await shot(page, 'earnings');
});

test('the contributor claims: the balance shown rises by the amount claimed, less the fee', async () => {
  await open('/earnings');
  const charlie = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
  const pending = BigInt(await rpcJson<string>(node.url, 'attribution_pendingRewards', [charlie]));
  expect(await amountIn(page.getByTestId('earnings-pending'))).toBe(pending);
  const shownBefore = await amountIn(page.getByTestId('free-balance'));
  const before = (await api.query.system!.account!(charlie)) as unknown as { data: { free: { toBigInt(): bigint } } };
  expect(shownBefore).toBe(before.data.free.toBigInt());
  await page.getByRole('button', { name: 'Claim rewards' }).click();
  const result = page.getByTestId('claim-result');
  await expect(result).toContainText('Claimed');
  const claimed = await amountIn(page.getByTestId('claimed-amount'));
  expect(claimed).toBe(pending);
  await expect(page.getByTestId('earnings-pending')).toHaveText('0 LIN');
  // The balance shown rose by the amount claimed, less the claim's fee, as the chain says.
  const after = (await api.query.system!.account!(charlie)) as unknown as { data: { free: { toBigInt(): bigint } } };
  const header = await api.rpc.chain.getHeader();
  let fee = -1n;
  for (let n = header.number.toNumber(), seen = 0; n > 0 && seen < 20 && fee < 0n; n--, seen++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const events = (await api.query.system!.events!.at(hash)) as unknown as { event: { section: string; method: string; data: { toString(): string }[] } }[];
    const claim = events.find((e) => e.event.section === 'attribution' && e.event.method === 'RewardsClaimed');
    if (!claim) continue;
    expect(claim.event.data[0]!.toString()).toBe(charlie);
    expect(BigInt(claim.event.data[1]!.toString())).toBe(claimed);
    fee = BigInt(events.find((e) => e.event.section === 'transactionPayment' && e.event.method === 'TransactionFeePaid')!.event.data[1]!.toString());
  }
  expect(fee).toBeGreaterThan(0n);
  expect(after.data.free.toBigInt() - before.data.free.toBigInt()).toBe(claimed - fee);
  await expect(page.getByTestId('free-balance')).toHaveText(/LIN/);
  expect(await amountIn(page.getByTestId('free-balance'))).toBe(shownBefore + claimed - fee);
  await shot(page, 'earnings-claimed');
});

test('the consumer sees what was held and spent', async () => {
  await open('/consumers');
  await useAccount(page, 'Ferdie');
  await expect(page.getByTestId('auth-spent')).toHaveText('3 LIN');
  await expect(page.getByTestId('auth-remaining')).toHaveText('7 LIN');
});

test('the model page shows its versions and revenue; its owner raises the fee and names an operator', async () => {
  await open('/models/0');
  await useAccount(page, 'Eve');
  await expect(page.getByTestId('model-inferences')).toHaveText('3');
  await expect(page.getByRole('table', { name: /Versions/ })).toContainText('snapshot 0 (3 leaves)');
  await page.getByLabel('New fee per inference').fill('2');
  await page.getByRole('button', { name: 'Set fee' }).click();
  const delay = Number(api.consts.models!.feeChangeDelay!.toString());
  await expect(page.getByText(/2 LIN from block #\d+/)).toBeVisible();
  const model = await rpcJson<{ feePerInference: string; pendingFee: { fee: string; effectiveAt: number } }>(node.url, 'models_model', [0]);
  expect(model.feePerInference).toBe('1000000000000');
  expect(model.pendingFee.fee).toBe('2000000000000');
  await expect(page.getByText(`2 LIN from block #${model.pendingFee.effectiveAt}`)).toBeVisible();
  expect(model.pendingFee.effectiveAt).toBeGreaterThan(delay);
  await page.getByLabel('Operators').fill('not an address');
  await page.getByRole('button', { name: 'Set operators' }).click();
  await expect(page.getByText('"not an address" is not an account address')).toBeVisible();
  await page.getByLabel('Operators').fill('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty');
  await page.getByRole('button', { name: 'Set operators' }).click();
  await expect(page.locator('.facts').first()).toContainText('OperatorsBob');
  await shot(page, 'model');
});

test('every form control of every page has a label', async () => {
  await open('/datasets');
  await useAccount(page, 'Charlie');
  for (const path of ['/datasets', '/datasets/0', '/contribute', '/my-data', '/models', '/models/0', '/earnings', '/consumers']) {
    await open(path);
    expect(await unlabelledControls(page), path).toEqual([]);
  }
});

test('an owner appoints a curator, who accepts and rejects pending contributions', async () => {
  const created = lineageJson<{ datasetId: number }>(node.url, ['dataset', 'create', '--name', 'curated', '--license', 'MIT', '--curated', '--suri', '//Alice']);
  const dataset = created.datasetId;
  const records = [1, 2, 3].map((n) => {
    const path = join(files.dir, `r${n}.txt`);
    writeFileSync(path, `curated record ${n}`);
    return path;
  });
  lineageOk(node.url, ['contribute', '--dataset', String(dataset), '--units', '8', ...records, '--suri', '//Dave']);

  await open(`/datasets/${dataset}`);
  await useAccount(page, 'Alice');
  const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
  await page.getByLabel('New curator').fill('not-an-address');
  await page.getByRole('button', { name: 'Add curator' }).click();
  await expect(page.getByText('"not-an-address" is not an account address')).toBeVisible();
  await page.getByLabel('New curator').fill(bob);
  await page.getByRole('button', { name: 'Add curator' }).click();
  // The page is drawn again with Bob in the list of curators.
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Curators' }) }).getByRole('listitem').filter({ hasText: 'Bob' })).toBeVisible();
  await pageReady(page);

  await useAccount(page, 'Bob');
  await expect(page.getByText('3 contributions wait for your review.')).toBeVisible();
  const owners = await rpcJson<({ contributionId: number } | null)[]>(node.url, 'datasets_contentOwners', [[1, 2, 3].map((n) => sha256(`curated record ${n}`))]);
  const [first, second, third] = owners.map((o) => o!.contributionId);
  await page.getByLabel(`Units for #${first}`).fill('9');
  await page.getByRole('button', { name: `Accept contribution #${first}` }).click();
  await expect(page.getByText('Accept between 1 and 8 units.')).toBeVisible();
  await page.getByLabel(`Units for #${first}`).fill('6');
  await page.getByRole('button', { name: `Accept contribution #${first}` }).click();
  const rowOf = (id: number) => page.getByTestId('contributions-table').getByRole('row').filter({ has: page.getByRole('cell', { name: `#${id}`, exact: true }) });
  await expect(rowOf(first!)).toContainText('Accepted');
  await page.getByRole('button', { name: `Reject contribution #${second}` }).click();
  await expect(rowOf(second!)).toHaveCount(0);
  // Meanwhile the owner reviews the third with the CLI: the chain refuses Bob's review, and the page
  // says why in the pallet's own words.
  lineageOk(node.url, ['review', String(third), '--accept', '--suri', '//Alice']);
  await page.getByRole('button', { name: `Accept contribution #${third}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Datasets.NotPending: Only pending contributions can be reviewed.' }).first()).toBeVisible();
  await expect(page.locator('.tx').first()).toHaveAttribute('data-stage', 'failed');
  const accepted = await rpcJson<{ status: string; units: number }>(node.url, 'datasets_contribution', [first]);
  expect(accepted).toMatchObject({ status: 'Accepted', units: 6 });
  expect(await rpcJson(node.url, 'datasets_contribution', [second])).toBeNull();
  await shot(page, 'dataset-curated');
});

test('is usable on a phone-sized screen and with the keyboard', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const p = await phone.newPage();
  await p.goto(`${web.url}/?rpc=${encodeURIComponent(node.url)}#/earnings`);
  await p.getByLabel('Account', { exact: true }).selectOption({ label: 'Charlie (dev account)' });
  await pageReady(p);
  await expect(p.getByTestId('earnings-earned')).toBeVisible();
  await expect(p.getByText(/From the payout events of blocks/)).toBeVisible();
  // Nothing sticks out sideways: the page scrolls only down (tables scroll inside their box).
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(p, 'phone-earnings');
  await phone.close();

  // With the keyboard alone: the skip link comes first and reaches the content; the navigation
  // opens a page and puts the focus on its heading; focus is visible.
  const k = await browser.newPage();
  await k.goto(`${web.url}/?rpc=${encodeURIComponent(node.url)}#/datasets`);
  await expect(k.getByTestId('datasets-table')).toBeVisible();
  await k.keyboard.press('Tab');
  const skip = k.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await k.keyboard.press('Enter');
  await expect(k.locator('main')).toBeFocused();
  const models = k.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' });
  await models.focus();
  expect(await models.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await k.keyboard.press('Enter');
  await expect(k.getByRole('heading', { name: 'Models', level: 1 })).toBeFocused();
  await k.close();
});

test('a wrong node URL shows the connection error, and a bad URL a message at the field', async ({ browser }) => {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const port = await freePort();
  await p.goto(`${web.url}/?rpc=${encodeURIComponent(`ws://127.0.0.1:${port}`)}`);
  await expect(p.getByRole('heading', { name: 'Cannot connect to the node' })).toBeVisible();
  await expect(p.getByRole('alert')).toContainText(`Cannot connect to ws://127.0.0.1:${port}`);
  await shot(p, 'connection-error');
  await p.getByLabel('Node URL').fill('http://127.0.0.1:9944');
  await p.getByRole('button', { name: 'Connect' }).click();
  await expect(p.getByText('A node URL starts with ws:// or wss://')).toBeVisible();
  await expect(p.getByLabel('Node URL')).toHaveAttribute('aria-invalid', 'true');
  // The field connects to the right node.
  await p.getByLabel('Node URL').fill(node.url);
  await p.getByRole('button', { name: 'Connect' }).click();
  await expect(p.getByTestId('best-block')).toBeVisible();
  await ctx.close();
});

test('a dropped connection is announced', async () => {
  await open('/datasets');
  await api.disconnect();
  await node.stop();
  await expect(page.getByRole('alert').filter({ hasText: 'Connection lost' })).toBeVisible();
  await shot(page, 'connection-lost');
});
