// My data: the selected account's contributions with status and earnings, per contribution and per
// dataset, and "prove it": the inclusion proof checked here against the on-chain Merkle root, and
// whether a local file is the contributed content.
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { type Ctx, heading, needAccount, pageError } from '../app';
import type { Dataset } from '../chain/rpc';
import { accountBreakdown, emptyParts, type OwnContribution, type Parts } from '../lib/earnings';
import { sha256Hex } from '../lib/hashing';
import { contributionLeafHash, verifyInclusion } from '../lib/merkle';
import { isJsonl, jsonlRecords } from '../lib/records';
import { button, facts, field, h, notice, replace, table } from '../ui/dom';
import { hashEl } from '../ui/format';
import { contributionsByIds, type StoredContribution } from './dataset';

const MAX_CONTRIBUTIONS = 1000;
const PAGE = 20;

/** Every contribution id of `account` (up to MAX_CONTRIBUTIONS), oldest first. */
export async function ownContributionIds(ctx: Ctx, account: string): Promise<number[]> {
  const ids: number[] = [];
  // The node pages in storage order; `next` is the cursor. (The first page is asked for without
  // a cursor: @polkadot/api would send a missing middle parameter as 0, a cursor.)
  let page = await ctx.chain.rpc.accountContributions(account);
  for (;;) {
    ids.push(...page.contributions);
    if (page.next === null || ids.length >= MAX_CONTRIBUTIONS) break;
    page = await ctx.chain.rpc.accountContributions(account, page.next, 100);
  }
  return ids.sort((a, b) => a - b);
}

export async function ownContributions(ctx: Ctx, account: string): Promise<StoredContribution[]> {
  const ids = await ownContributionIds(ctx, account);
  return (await contributionsByIds(ctx, ids)).filter((c): c is StoredContribution => c !== null);
}

/** The proof of a contribution, checked in the browser; and a local file compared with it. */
async function proofView(ctx: Ctx, c: StoredContribution): Promise<HTMLElement> {
  const { rpc, api } = ctx.chain;
  // Proof and root read at the same block.
  const at = (await api.rpc.chain.getBlockHash()).toHex();
  const [proof, dataset] = await Promise.all([rpc.contributionProof(c.id, at), rpc.dataset(c.datasetId, at)]);
  if (!dataset) throw new Error(`dataset #${c.datasetId} is not on chain`);
  const leaf = contributionLeafHash({
    contributionId: BigInt(proof.contributionId),
    datasetId: proof.datasetId,
    contributor: decodeAddress(proof.contributor),
    contentHash: hexToU8a(proof.contentHash),
    units: BigInt(proof.units),
  });
  const leafMatches = u8aToHex(leaf) === proof.leafHash;
  const fieldsMatch = proof.contributor === c.contributor && proof.contentHash === c.contentHash && proof.datasetId === c.datasetId;
  const result = verifyInclusion(hexToU8a(dataset.merkleRoot), leaf, BigInt(proof.leafIndex), BigInt(proof.leafCount), proof.proof.map((p) => hexToU8a(p)));
  const valid = result.valid && leafMatches && fieldsMatch;
  const verdict = valid
    ? notice('success', h('strong', null, 'Verified. '), `Contribution #${c.id} is leaf ${proof.leafIndex} of the ${proof.leafCount} in dataset #${c.datasetId}'s Merkle tree: its audit path, hashed here in your browser, leads to the on-chain root.`)
    : notice('error', h('strong', null, 'Not verified: '), !leafMatches ? 'the leaf hash recomputed from the contribution does not match the node’s.' : !fieldsMatch ? 'the proof is about other content.' : `${result.reason ?? 'the path does not lead to the root'}.`);
  const fileOut = h('div', { 'aria-live': 'polite', 'data-testid': 'file-check' });
  const fileField = field('Compare a local file', h('input', { type: 'file', id: `proof-file-${c.id}` }), 'Its sha2-256 is computed here; a .jsonl file is searched line by line.');
  fileField.control.addEventListener('change', async () => {
    const file = fileField.control.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const whole = await sha256Hex(bytes);
    if (whole === c.contentHash) {
      replace(fileOut, notice('success', h('strong', null, 'Match: '), `${file.name} is the content of contribution #${c.id} (sha2-256 ${whole}).`));
      return;
    }
    if (isJsonl(file.name)) {
      try {
        for (const line of jsonlRecords(file.name, bytes)) {
          if ((await sha256Hex(line.bytes)) === c.contentHash) {
            replace(fileOut, notice('success', h('strong', null, 'Match: '), `${line.label} is the content of contribution #${c.id}.`));
            return;
          }
        }
      } catch {
        // not text: compared as a whole above
      }
    }
    replace(fileOut, notice('warning', h('strong', null, 'No match: '), `${file.name} has sha2-256 ${whole}, not ${c.contentHash}.`));
  });
  return h(
    'section',
    { class: 'card proof', 'aria-labelledby': `proof-title-${c.id}`, 'data-testid': 'proof' },
    h('h2', { id: `proof-title-${c.id}`, tabindex: -1 }, `Proof of contribution #${c.id}`),
    verdict,
    facts([
      ['Leaf', `sha256(0x00 ‖ SCALE(contribution ${proof.contributionId}, dataset ${proof.datasetId}, contributor, content hash, ${proof.units} units))`],
      ['Leaf hash', h('code', { class: 'hash wrap' }, u8aToHex(leaf))],
      ['Position', `leaf ${proof.leafIndex} of ${proof.leafCount}`],
      ['Computed root', h('code', { class: 'hash wrap', 'data-testid': 'computed-root' }, u8aToHex(result.computedRoot))],
      ['On-chain root', h('code', { class: 'hash wrap', 'data-testid': 'chain-root' }, dataset.merkleRoot)],
      ['Read at block', h('code', { class: 'hash wrap' }, at)],
    ]),
    result.steps.length
      ? table('Audit path, from the leaf up', ['Step', 'Sibling', 'Side', 'Hash'], result.steps.map((step, i) => [String(i + 1), hashEl(u8aToHex(step.sibling)), step.side === 'left' ? 'left of ours' : 'right of ours', hashEl(u8aToHex(step.result))]), { 'data-testid': 'proof-path' })
      : h('p', { class: 'muted' }, 'The tree has a single leaf: the leaf is the root.'),
    fileField.root,
    fileOut,
  );
}

function partsTotal(p: Parts | undefined): bigint {
  return p ? p.attributed + p.proRata : 0n;
}

export async function myDataPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const account = ctx.account;
  if (!account) {
    replace(main, heading('My data'), needAccount('see your contributions'));
    return;
  }
  const [contributions, earnings] = await Promise.all([ownContributions(ctx, account.address), ctx.chain.rpc.earnings(account.address)]);
  const newestFirst = [...contributions].reverse();
  const datasetIds = [...new Set(contributions.map((c) => c.datasetId))].sort((a, b) => a - b);
  const datasets = new Map<number, Dataset>();
  for (const d of await Promise.all(datasetIds.map((id) => ctx.chain.rpc.dataset(id)))) if (d) datasets.set(d.id, d);
  const pendingByDataset = new Map(earnings.datasets.map((d) => [d.datasetId, BigInt(d.pending)]));
  const own: OwnContribution[] = contributions.map((c) => ({ id: c.id, datasetId: c.datasetId, units: c.units, epoch: c.epoch, status: c.status }));

  const proofSlot = h('div');
  const tableSlot = h('div');
  const datasetSlot = h('div');
  const windowNote = h('p', { class: 'muted' });
  let page = 0;

  const draw = async () => {
    const models = new Map<number, string>();
    const breakdown = accountBreakdown(ctx.events.events(), account.address, models, own);
    const log = ctx.events;
    windowNote.textContent = log.loading
      ? 'Reading the payout events of recent blocks…'
      : log.oldest !== null
        ? `"Recent" = blocks #${log.oldest} to #${log.newest}${log.prunedBelow ? ` (the node keeps no state before #${log.prunedBelow})` : ''}. Explicit attribution is the chain's exact lifetime figure; the pro-rata share is worked out from the DatasetCredited events of these blocks.`
        : '';
    const slice = newestFirst.slice(page * PAGE, (page + 1) * PAGE);
    const explicit = await Promise.all(slice.map((c) => ctx.chain.rpc.contributionEarnings(c.id)));
    const pages = Math.max(1, Math.ceil(newestFirst.length / PAGE));
    replace(
      tableSlot,
      slice.length === 0
        ? h('p', { class: 'muted' }, 'No contributions yet. ', h('a', { href: '#/contribute' }, 'Contribute'), '.')
        : [
            table(
              'My contributions, newest first',
              ['Id', 'Dataset', 'Content hash', 'Units', 'Status', 'Explicit attribution (lifetime)', 'Pro rata (recent blocks)', 'Proof'],
              slice.map((c, i) => [
                `#${c.id}`,
                h('a', { href: `#/datasets/${c.datasetId}` }, `#${c.datasetId} ${datasets.get(c.datasetId)?.name ?? ''}`),
                hashEl(c.contentHash),
                String(c.units),
                h('span', { class: `status status-${c.status.toLowerCase()}` }, c.status),
                ctx.fmt(explicit[i]!),
                ctx.fmt(breakdown.byContribution.get(c.id)?.proRata ?? 0n),
                c.leafIndex !== null
                  ? button('Prove it', async () => {
                      replace(proofSlot, h('p', { role: 'status' }, `Fetching the proof of #${c.id}…`));
                      try {
                        const view = await proofView(ctx, c);
                        replace(proofSlot, view);
                        view.querySelector('h2')?.focus();
                      } catch (error) {
                        replace(proofSlot, pageError(error));
                      }
                    }, { 'aria-label': `Prove contribution #${c.id}` })
                  : h('span', { class: 'muted' }, c.status === 'Pending' ? 'after acceptance' : '–'),
              ]),
              { 'data-testid': 'my-contributions' },
            ),
            h(
              'div',
              { class: 'pager' },
              button('Newer', () => { page -= 1; return draw(); }, { disabled: page === 0 }),
              h('span', null, `Page ${page + 1} of ${pages} (${newestFirst.length} contributions)`),
              button('Older', () => { page += 1; return draw(); }, { disabled: page >= pages - 1 }),
            ),
          ],
    );
    replace(
      datasetSlot,
      datasetIds.length === 0
        ? null
        : table(
            'Per dataset',
            ['Dataset', 'Contributions', 'Accepted units', 'Claimable now (pro rata)', 'Earned in recent blocks'],
            datasetIds.map((id) => {
              const mine = contributions.filter((c) => c.datasetId === id);
              return [
                h('a', { href: `#/datasets/${id}` }, `#${id} ${datasets.get(id)?.name ?? ''}`),
                String(mine.length),
                String(mine.filter((c) => c.status === 'Accepted').reduce((n, c) => n + c.units, 0)),
                ctx.fmt(pendingByDataset.get(id) ?? 0n),
                ctx.fmt(partsTotal(breakdown.byDataset.get(id) ?? emptyParts())),
              ];
            }),
            { 'data-testid': 'per-dataset' },
          ),
    );
  };
  await draw();
  ctx.onLeave(ctx.events.onChange(() => void draw().catch(() => undefined)));
  void ctx.events.start();

  replace(
    main,
    heading('My data'),
    facts([
      ['Account', h('code', { class: 'hash wrap' }, account.address)],
      ['Contributions', String(contributions.length)],
      ['Claimable now', h('span', { 'data-testid': 'mydata-pending' }, ctx.fmt(BigInt(earnings.pending)))],
      ['Earned in all', ctx.fmt(BigInt(earnings.earned))],
    ]),
    h('p', null, 'Claim on the ', h('a', { href: '#/earnings' }, 'Earnings'), ' page.'),
    h('section', { class: 'card', 'aria-labelledby': 'contribs-title' }, h('h2', { id: 'contribs-title' }, 'Contributions'), tableSlot, windowNote),
    h('section', { class: 'card', 'aria-labelledby': 'per-dataset-title' }, h('h2', { id: 'per-dataset-title' }, 'Per dataset'), datasetSlot),
    proofSlot,
  );
}
