// One model: its terms (datasets, weights, split), fee and any announced increase, operators,
// versions with their snapshots, and revenue; its owner sets the fee, the operators, the status and
// publishes versions.
import { isHex } from '@polkadot/util';
import { type Ctx, amountField, heading } from '../app';
import { formatPerbill } from '../lib/amounts';
import { barChart } from '../ui/charts';
import { facts, field, h, notice, replace, select, table } from '../ui/dom';
import { accountEl, hashEl } from '../ui/format';
import { accountSuggestions, readAddress } from './dataset';

export async function modelPage(ctx: Ctx, main: HTMLElement, params: string[]): Promise<void> {
  const id = Number(params[0]);
  const [m, revenue] = await Promise.all([ctx.chain.rpc.model(id), ctx.chain.rpc.modelRevenue(id)]);
  if (!m) {
    replace(main, heading(`Model #${id}`), notice('error', `There is no model #${id} on this chain.`), h('p', null, h('a', { href: '#/models' }, 'All models')));
    return;
  }
  const me = ctx.account?.address;
  const isOwner = me === m.owner;
  const reload = () => ctx.refresh();
  const fmt = ctx.fmt;

  const revenueChart = barChart(
    'Where its fees went',
    [
      { key: 'contributors', label: 'data contributors', cls: 'c3' },
      { key: 'owner', label: 'model owner', cls: 'c1' },
      { key: 'operators', label: 'operators', cls: 'c2' },
      { key: 'protocol', label: 'protocol (treasury)', cls: 'c4' },
    ],
    [{ label: `${revenue.inferences} inference${revenue.inferences === 1 ? '' : 's'}`, values: { contributors: BigInt(revenue.contributors), owner: BigInt(revenue.owner), operators: BigInt(revenue.operators), protocol: BigInt(revenue.protocol) } }],
    ctx.fmtShort,
    'No inferences yet.',
    ctx.fmt,
  );

  let ownerTools: HTMLElement | null = null;
  if (isOwner) {
    const out = h('div', { class: 'result' });
    const fee = amountField(ctx, 'New fee per inference', { id: 'model-new-fee' }, `Now ${fmt(BigInt(m.feePerInference))}. A decrease applies at once; an increase after ${ctx.chain.api.consts.models!.feeChangeDelay!.toString()} blocks.`);
    const feeForm = h('form', { class: 'inline-form', novalidate: true }, fee.root, h('button', { type: 'submit' }, 'Set fee'));
    feeForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = fee.read();
      if (value === null) return fee.control.focus();
      if (await ctx.submit(`Set the fee of model #${id}`, ctx.chain.api.tx.models!.setFee!(id, value), out)) reload();
    });
    const operators = field('Operators', h('textarea', { id: 'model-operators', rows: 3, list: 'known-accounts', spellcheck: 'false', value: m.operators.join('\n') }), `One SS58 address per line; at most ${ctx.chain.api.consts.models!.maxOperators!.toString()}. Consumers who authorised the model before accept only the operators of that moment.`);
    operators.control.value = m.operators.join('\n');
    const opForm = h('form', { class: 'form', novalidate: true }, operators.root, accountSuggestions(ctx, 'known-accounts'), h('button', { type: 'submit' }, 'Set operators'));
    opForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const lines = operators.control.value.split('\n').map((l) => l.trim()).filter(Boolean);
      const addresses: string[] = [];
      for (const line of lines) {
        const parsed = readAddress(line, ctx.chain.ss58);
        if ('error' in parsed) {
          operators.setError(parsed.error);
          return operators.control.focus();
        }
        addresses.push(parsed.address);
      }
      if (new Set(addresses).size !== addresses.length) {
        operators.setError('An operator is named twice.');
        return operators.control.focus();
      }
      operators.setError(null);
      if (await ctx.submit(`Set the operators of model #${id}`, ctx.chain.api.tx.models!.setOperators!(id, addresses), out)) reload();
    });
    const status = field('Status', select([{ value: 'Active', label: 'Active' }, { value: 'Paused', label: 'Paused (no inferences)' }, { value: 'Retired', label: 'Retired (final; the deposit comes back)' }], { id: 'model-status' }));
    status.control.value = m.status;
    const statusForm = h('form', { class: 'inline-form', novalidate: true }, status.root, h('button', { type: 'submit' }, 'Set status'));
    statusForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (status.control.value === m.status) return status.setError(`The model is ${m.status} already.`);
      status.setError(null);
      if (await ctx.submit(`Set model #${id} ${status.control.value}`, ctx.chain.api.tx.models!.setModelStatus!(id, status.control.value), out)) reload();
    });
    const versionHash = field('New version hash', h('input', { type: 'text', id: 'model-new-version', spellcheck: 'false', autocomplete: 'off', placeholder: '0x…' }), 'Published on a new snapshot of each of its datasets.');
    const versionForm = h('form', { class: 'inline-form', novalidate: true }, versionHash.root, h('button', { type: 'submit' }, 'Publish version'));
    versionForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const v = versionHash.control.value.trim();
      if (!isHex(v, 256)) {
        versionHash.setError('Enter 0x and 64 hex digits.');
        return versionHash.control.focus();
      }
      versionHash.setError(null);
      if (await ctx.submit(`Publish a version of model #${id}`, ctx.chain.api.tx.models!.publishVersion!(id, v, []), out)) reload();
    });
    ownerTools = h('section', { class: 'card', 'aria-labelledby': 'owner-title' }, h('h2', { id: 'owner-title' }, 'Manage (you own it)'), feeForm, opForm, statusForm, versionForm, out);
  }

  replace(
    main,
    h('p', { class: 'breadcrumbs' }, h('a', { href: '#/models' }, 'Models'), ` › #${m.id}`),
    heading(`Model #${m.id}: ${m.name}`),
    facts([
      ['Owner', accountEl(m.owner, ctx.names, me)],
      ['Status', m.status],
      ['Fee per inference', h('span', { 'data-testid': 'model-fee' }, fmt(BigInt(m.feePerInference)))],
      ['Announced increase', m.pendingFee ? `${fmt(BigInt(m.pendingFee.fee))} from block #${m.pendingFee.effectiveAt}` : 'none'],
      ['Split', `contributors ${formatPerbill(m.split.contributors)}, owner ${formatPerbill(m.split.owner)}, operator ${formatPerbill(m.split.operator)}, protocol ${formatPerbill(m.split.protocol)}`],
      ['Operators', m.operators.length ? h('span', null, m.operators.map((o, i) => [i ? ', ' : '', accountEl(o, ctx.names, me)])) : 'none (the owner meters it)'],
      ['Deposit', fmt(BigInt(m.deposit))],
    ]),
    table('Terms: the datasets it was trained on', ['Dataset', 'Weight'], m.datasets.map((d) => [h('a', { href: `#/datasets/${d.datasetId}` }, `#${d.datasetId}`), formatPerbill(d.weight)])),
    table(
      'Versions (the current one is charged)',
      ['Version', 'Hash', 'Published', 'Snapshots'],
      m.versions.map((v) => [
        `${v.number}${v.number === m.currentVersion.number ? ' (current)' : ''}`,
        hashEl(v.versionHash),
        `#${v.publishedAt}`,
        v.snapshots.map((s) => `dataset #${s.datasetId}: snapshot ${s.snapshot} (${s.leafCount} leaves)`).join('; '),
      ]),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'revenue-title' },
      h('h2', { id: 'revenue-title' }, 'Revenue'),
      facts([
        ['Inferences', h('span', { 'data-testid': 'model-inferences' }, String(revenue.inferences))],
        ['Fees', fmt(BigInt(revenue.fees))],
        ['To data contributors', fmt(BigInt(revenue.contributors))],
        ['To the owner', fmt(BigInt(revenue.owner))],
        ['To operators', fmt(BigInt(revenue.operators))],
        ['To the protocol', fmt(BigInt(revenue.protocol))],
      ]),
      revenueChart,
    ),
    ownerTools,
    h('p', null, h('a', { href: '#/consumers' }, 'Authorise this model as a consumer')),
  );
}
