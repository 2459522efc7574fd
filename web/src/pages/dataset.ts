// One dataset: its facts and curators, its contributions with paging, the owner's curator
// management, and the review of pending contributions by the owner or a curator.
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { type Ctx, heading, pageError } from '../app';
import type { Dataset } from '../chain/rpc';
import { button, facts, field, h, notice, replace, select, table } from '../ui/dom';
import { accountEl, hashEl } from '../ui/format';

export interface StoredContribution {
  id: number;
  datasetId: number;
  contributor: string;
  contentHash: string;
  units: number;
  status: string;
  submittedAt: number;
  leafIndex: number | null;
  epoch: number | null;
}

interface ContributionCodec {
  datasetId: { toNumber(): number };
  contributor: { toString(): string };
  contentHash: { toHex(): string };
  units: { toNumber(): number };
  status: { type: string };
  submittedAt: { toNumber(): number };
  leafIndex: { isSome: boolean; unwrap(): { toNumber(): number } };
  epoch: { isSome: boolean; unwrap(): { toNumber(): number } };
}

/** Contributions by id, straight from storage (one request for many ids). */
export async function contributionsByIds(ctx: Ctx, ids: number[]): Promise<(StoredContribution | null)[]> {
  if (ids.length === 0) return [];
  const query = ctx.chain.api.query.datasets!.contributions!;
  const results = (await query.multi(ids)) as unknown as { isSome: boolean; unwrap(): ContributionCodec }[];
  return results.map((opt, i) => {
    if (!opt.isSome) return null;
    const c = opt.unwrap();
    return {
      id: ids[i]!,
      datasetId: c.datasetId.toNumber(),
      contributor: c.contributor.toString(),
      contentHash: c.contentHash.toHex(),
      units: c.units.toNumber(),
      status: c.status.type,
      submittedAt: c.submittedAt.toNumber(),
      leafIndex: c.leafIndex.isSome ? c.leafIndex.unwrap().toNumber() : null,
      epoch: c.epoch.isSome ? c.epoch.unwrap().toNumber() : null,
    };
  });
}

/** Checks an address typed by a person: SS58 (any prefix) or 0x + 64 hex digits; returns it in the chain's format. */
export function readAddress(text: string, ss58: number): { address: string } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Enter an account address (SS58).' };
  try {
    return { address: encodeAddress(decodeAddress(t), ss58) };
  } catch {
    return { error: `"${t}" is not an account address: use its SS58 form, e.g. 5GrwvaEF…` };
  }
}

/** Known accounts as <datalist> suggestions for address fields. */
export function accountSuggestions(ctx: Ctx, id: string): HTMLDataListElement {
  return h('datalist', { id }, [...ctx.names].map(([address, name]) => h('option', { value: address }, name)));
}

const SCAN = 256;
const PAGE = 20;

function curatorSection(ctx: Ctx, d: Dataset, isOwner: boolean, reload: () => void): HTMLElement {
  const out = h('div', { class: 'result' });
  const items = d.curators.map((c) =>
    h(
      'li',
      null,
      accountEl(c, ctx.names, ctx.account?.address),
      isOwner
        ? [' ', button(`Remove`, async () => { if (await ctx.submit(`Remove curator from dataset #${d.id}`, ctx.chain.api.tx.datasets!.removeCurator!(d.id, c), out)) reload(); }, { 'aria-label': `Remove curator ${ctx.names.get(c) ?? c}`, class: 'secondary' })]
        : null,
    ),
  );
  let form: HTMLElement | null = null;
  if (isOwner) {
    const who = field('New curator', h('input', { type: 'text', id: 'curator-address', list: 'known-accounts', autocomplete: 'off', spellcheck: 'false' }), 'An SS58 address.');
    form = h('form', { class: 'inline-form', novalidate: true }, who.root, accountSuggestions(ctx, 'known-accounts'), h('button', { type: 'submit' }, 'Add curator'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const parsed = readAddress(who.control.value, ctx.chain.ss58);
      if ('error' in parsed) {
        who.setError(parsed.error);
        who.control.focus();
        return;
      }
      if (d.curators.includes(parsed.address)) {
        who.setError('This account is a curator already.');
        return;
      }
      who.setError(null);
      if (await ctx.submit(`Add curator to dataset #${d.id}`, ctx.chain.api.tx.datasets!.addCurator!(d.id, parsed.address), out)) reload();
    });
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'curators-title' },
    h('h2', { id: 'curators-title' }, 'Curators'),
    items.length ? h('ul', { class: 'plain' }, items) : h('p', { class: 'muted' }, d.policy === 'Curated' ? 'No curators: the owner reviews.' : 'None (an open dataset needs no review).'),
    form,
    out,
  );
}

function reviewControls(ctx: Ctx, c: StoredContribution, onDone: () => void): HTMLElement {
  const out = h('div', { class: 'result' });
  const units = field(`Units for #${c.id}`, h('input', { type: 'number', min: 1, max: c.units, value: c.units, inputmode: 'numeric', class: 'narrow' }), `At most ${c.units}.`);
  const accept = button('Accept', async () => {
    const n = Number(units.control.value);
    if (!Number.isInteger(n) || n < 1 || n > c.units) {
      units.setError(`Accept between 1 and ${c.units} units.`);
      units.control.focus();
      return;
    }
    units.setError(null);
    if (await ctx.submit(`Accept contribution #${c.id} with ${n} units`, ctx.chain.api.tx.datasets!.reviewContribution!(c.id, { Accept: { units: n } }), out)) onDone();
  }, { 'aria-label': `Accept contribution #${c.id}` });
  const reject = button('Reject', async () => {
    if (await ctx.submit(`Reject contribution #${c.id}`, ctx.chain.api.tx.datasets!.reviewContribution!(c.id, 'Reject'), out)) onDone();
  }, { class: 'danger', 'aria-label': `Reject contribution #${c.id}` });
  return h('div', { class: 'review' }, units.root, accept, reject, out);
}

export async function datasetPage(ctx: Ctx, main: HTMLElement, params: string[]): Promise<void> {
  const id = Number(params[0]);
  const d = await ctx.chain.rpc.dataset(id);
  if (!d) {
    replace(main, heading(`Dataset #${id}`), notice('error', `There is no dataset #${id} on this chain.`), h('p', null, h('a', { href: '#/datasets' }, 'All datasets')));
    return;
  }
  const me = ctx.account?.address;
  const isOwner = me === d.owner;
  const canReview = isOwner || (me !== undefined && d.curators.includes(me));
  const reload = () => ctx.refresh();

  // Contributions, newest first, found by scanning contribution ids downwards.
  const listSlot = h('div', { 'aria-live': 'polite' });
  const filter = field('Show', select([
    { value: 'all', label: 'All contributions' },
    { value: 'Pending', label: 'Pending review' },
    { value: 'Accepted', label: 'Accepted' },
    { value: 'Withdrawn', label: 'Withdrawn' },
  ], { id: 'contribution-filter' }));
  const nextId = Number((await ctx.chain.api.query.datasets!.nextContributionId!()).toString());
  const cursors: number[] = [nextId - 1];
  let pageIndex = 0;
  const drawList = async () => {
    const wanted = filter.control.value;
    const found: StoredContribution[] = [];
    let cursor = cursors[pageIndex]!;
    scan: while (cursor >= 0 && found.length < PAGE) {
      const ids: number[] = [];
      for (let i = cursor; i >= 0 && ids.length < SCAN; i--) ids.push(i);
      const batch = await contributionsByIds(ctx, ids);
      for (let k = 0; k < ids.length; k++) {
        const c = batch[k];
        cursor = ids[k]! - 1;
        if (c && c.datasetId === id && (wanted === 'all' || c.status === wanted)) {
          found.push(c);
          if (found.length >= PAGE) break scan;
        }
      }
    }
    cursors[pageIndex + 1] = cursor;
    const rows = found.map((c) => [
      `#${c.id}`,
      accountEl(c.contributor, ctx.names, me),
      hashEl(c.contentHash),
      String(c.units),
      h('span', { class: `status status-${c.status.toLowerCase()}` }, c.status),
      `#${c.submittedAt}`,
      c.status === 'Pending' && canReview ? reviewControls(ctx, c, reload) : c.leafIndex !== null ? `leaf ${c.leafIndex}, epoch ${c.epoch}` : '',
    ]);
    replace(
      listSlot,
      rows.length ? table(`Contributions to dataset #${id}, newest first`, ['Id', 'Contributor', 'Content hash', 'Units', 'Status', 'Submitted', canReview ? 'Review / leaf' : 'Leaf'], rows, { 'data-testid': 'contributions-table' }) : h('p', { class: 'muted' }, 'No contributions here.'),
      h(
        'div',
        { class: 'pager' },
        button('Newer', () => { pageIndex -= 1; return drawList(); }, { disabled: pageIndex === 0 }),
        h('span', null, `Page ${pageIndex + 1}`),
        button('Older', () => { pageIndex += 1; return drawList(); }, { disabled: cursor < 0 }),
      ),
    );
  };
  filter.control.addEventListener('change', () => {
    pageIndex = 0;
    cursors.length = 1;
    drawList().catch((e) => replace(listSlot, pageError(e)));
  });
  await drawList();

  const snapshotOut = h('div', { class: 'result' });
  replace(
    main,
    h('p', { class: 'breadcrumbs' }, h('a', { href: '#/datasets' }, 'Datasets'), ` › #${d.id}`),
    heading(`Dataset #${d.id}: ${d.name}`),
    d.description ? h('p', { class: 'lead' }, d.description) : null,
    facts([
      ['Owner', accountEl(d.owner, ctx.names, me)],
      ['Policy', d.policy],
      ['Status', d.status],
      ['License', d.license],
      ['Accepted', `${d.acceptedCount} contribution${d.acceptedCount === 1 ? '' : 's'}, ${BigInt(d.acceptedUnits).toLocaleString('en-US')} units`],
      ['Pending review', String(d.pendingCount)],
      ['Merkle root', h('code', { class: 'hash wrap', 'data-testid': 'merkle-root' }, d.merkleRoot)],
      ['Leaves', String(d.leafCount)],
      ['Snapshots', String(d.snapshotCount)],
      ['Deposit', ctx.fmt(BigInt(d.deposit))],
    ]),
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'button', href: `#/contribute/${d.id}` }, 'Contribute to this dataset'),
      ctx.account
        ? button('Take a snapshot', async () => { if (await ctx.submit(`Snapshot dataset #${d.id}`, ctx.chain.api.tx.datasets!.snapshotDataset!(d.id), snapshotOut)) reload(); }, { class: 'secondary' })
        : null,
    ),
    snapshotOut,
    curatorSection(ctx, d, isOwner, reload),
    h('section', { class: 'card', 'aria-labelledby': 'contributions-title' }, h('h2', { id: 'contributions-title' }, 'Contributions'), canReview && d.pendingCount > 0 ? notice('info', `${d.pendingCount} contribution${d.pendingCount === 1 ? ' waits' : 's wait'} for your review.`) : null, filter.root, listSlot),
  );
}
