// Datasets: the list (owner, policy, contributions, units, Merkle root) with paging, and the form
// that creates one.
import { type Ctx, heading, needAccount } from '../app';
import type { Dataset } from '../chain/rpc';
import { button, facts, field, h, notice, replace, select, table } from '../ui/dom';
import { accountEl, hashEl } from '../ui/format';

const PAGE_SIZE = 20;

function constNumber(ctx: Ctx, pallet: string, name: string): number {
  const consts = ctx.chain.api.consts as unknown as Record<string, Record<string, { toString(): string }>>;
  return Number(consts[pallet]?.[name]?.toString() ?? '0');
}

export function constBig(ctx: Ctx, pallet: string, name: string): bigint {
  const consts = ctx.chain.api.consts as unknown as Record<string, Record<string, { toString(): string }>>;
  return BigInt(consts[pallet]?.[name]?.toString() ?? '0');
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function createForm(ctx: Ctx, onCreated: (id: number) => void): HTMLElement {
  const maxName = constNumber(ctx, 'datasets', 'maxNameLen');
  const maxDescription = constNumber(ctx, 'datasets', 'maxDescriptionLen');
  const maxLicense = constNumber(ctx, 'datasets', 'maxLicenseLen');
  const name = field('Name', h('input', { type: 'text', id: 'dataset-name', autocomplete: 'off', required: true }), `At most ${maxName} bytes.`);
  const description = field('Description', h('textarea', { id: 'dataset-description', rows: 2 }), `Optional; at most ${maxDescription} bytes.`);
  const license = field('License', h('input', { type: 'text', id: 'dataset-license', autocomplete: 'off', value: 'CC-BY-4.0' }), 'An SPDX identifier or a URL.');
  const policy = field(
    'Curation',
    select(
      [
        { value: 'Open', label: 'Open: contributions count at once' },
        { value: 'Curated', label: 'Curated: the owner or a curator reviews each' },
      ],
      { id: 'dataset-policy' },
    ),
  );
  const out = h('div', { class: 'result' });
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a dataset'),
    h('p', { class: 'muted' }, `Holds a deposit of ${ctx.fmt(constBig(ctx, 'datasets', 'datasetDeposit'))} while the dataset exists.`),
    name.root,
    description.root,
    license.root,
    policy.root,
    h('button', { type: 'submit' }, 'Create dataset'),
    out,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]') as HTMLButtonElement;
    const n = name.control.value.trim();
    const checks: [typeof name | typeof description | typeof license, string | null][] = [
      [name, n === '' ? 'Give the dataset a name.' : byteLength(n) > maxName ? `The name is ${byteLength(n)} bytes; at most ${maxName}.` : null],
      [description, byteLength(description.control.value) > maxDescription ? `At most ${maxDescription} bytes.` : null],
      [license, license.control.value.trim() === '' ? 'Name a license, e.g. CC-BY-4.0.' : byteLength(license.control.value.trim()) > maxLicense ? `At most ${maxLicense} bytes.` : null],
    ];
    let first: HTMLElement | null = null;
    for (const [f, problem] of checks) {
      f.setError(problem);
      if (problem && !first) first = f.control;
    }
    if (first) {
      first.focus();
      return;
    }
    submit.disabled = true;
    try {
      const tx = ctx.chain.api.tx.datasets!.createDataset!(n, description.control.value, license.control.value.trim(), policy.control.value);
      const outcome = await ctx.submit(`Create dataset "${n}"`, tx, out);
      const created = outcome?.events.find((e) => e.section === 'datasets' && e.method === 'DatasetCreated');
      if (created) {
        const id = Number(created.fields.datasetId!.toString());
        replace(out, notice('success', `Dataset #${id} "${n}" created in block #${outcome!.blockNumber}. `, h('a', { href: `#/datasets/${id}` }, 'Open it')));
        onCreated(id);
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export function datasetRow(ctx: Ctx, d: Dataset): (HTMLElement | string)[] {
  return [
    h('a', { href: `#/datasets/${d.id}` }, `#${d.id} ${d.name}`),
    accountEl(d.owner, ctx.names, ctx.account?.address),
    d.policy + (d.status === 'Frozen' ? ' (frozen)' : ''),
    `${d.acceptedCount} accepted${d.pendingCount ? `, ${d.pendingCount} pending` : ''}`,
    BigInt(d.acceptedUnits).toLocaleString('en-US'),
    h('span', null, hashEl(d.merkleRoot), h('span', { class: 'muted' }, ` (${d.leafCount} leaves)`)),
  ];
}

export async function datasetsPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const list = h('div', { 'aria-live': 'polite' });
  let page = 0;
  const draw = async () => {
    const count = await ctx.chain.rpc.datasetCount();
    const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    // Newest first.
    const top = count - 1 - page * PAGE_SIZE;
    const ids: number[] = [];
    for (let id = top; id >= 0 && ids.length < PAGE_SIZE; id--) ids.push(id);
    const datasets = (await Promise.all(ids.map((id) => ctx.chain.rpc.dataset(id)))).filter((d): d is Dataset => d !== null);
    const pager = h(
      'div',
      { class: 'pager' },
      button('Newer', () => { page -= 1; return draw(); }, { disabled: page === 0 }),
      h('span', null, `Page ${page + 1} of ${pages} (${count} dataset${count === 1 ? '' : 's'})`),
      button('Older', () => { page += 1; return draw(); }, { disabled: page >= pages - 1 }),
    );
    replace(
      list,
      count === 0
        ? h('p', { class: 'muted' }, 'No datasets yet: create the first one below.')
        : [table('Datasets, newest first', ['Dataset', 'Owner', 'Policy', 'Contributions', 'Units', 'Merkle root'], datasets.map((d) => datasetRow(ctx, d)), { 'data-testid': 'datasets-table' }), pager],
    );
  };
  await draw();
  replace(
    main,
    heading('Datasets'),
    h('p', { class: 'lead' }, 'Each dataset commits to its accepted contributions with a Merkle root; the data stays with its owners, only hashes are on chain.'),
    facts([
      ['Contribution deposit', `${ctx.fmt(constBig(ctx, 'datasets', 'contributionDeposit'))} + ${ctx.fmt(constBig(ctx, 'datasets', 'depositPerUnit'))} per unit`],
    ]),
    list,
    ctx.account ? createForm(ctx, () => void draw()) : needAccount('create a dataset'),
  );
}
