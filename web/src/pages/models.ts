// Models: the list (owner, fee, status, datasets, revenue) and the form that registers one.
import { isHex } from '@polkadot/util';
import { type Ctx, amountField, heading, needAccount } from '../app';
import type { Dataset, Model, ModelRevenue } from '../chain/rpc';
import { formatPerbill, parsePercent } from '../lib/amounts';
import { sha256Hex } from '../lib/hashing';
import { button, facts, field, h, notice, replace, select, table } from '../ui/dom';
import { accountEl } from '../ui/format';
import { constBig } from './datasets';

const PAGE_SIZE = 20;

/** Every model id (in pages of 1,000), lowest first. */
export async function allModelIds(ctx: Ctx): Promise<number[]> {
  const ids: number[] = [];
  let start = 0;
  for (;;) {
    const page = await ctx.chain.rpc.modelIds(start, 1000);
    ids.push(...page.models);
    if (page.next === null || page.models.length === 0) break;
    start = page.next;
  }
  return ids;
}

interface DatasetRow {
  root: HTMLElement;
  read(): { datasetId: number; weight: number; snapshot: number | null } | null;
}

function datasetRow(datasets: Dataset[], index: number, remove: () => void): DatasetRow {
  const ds = field(`Dataset ${index + 1}`, select(datasets.map((d) => ({ value: String(d.id), label: `#${d.id} ${d.name} (${d.leafCount} leaves, ${d.snapshotCount} snapshots)` })), { class: 'model-dataset' }));
  const weight = field(`Weight of dataset ${index + 1} (%)`, h('input', { type: 'text', inputmode: 'decimal', value: index === 0 ? '100' : '', class: 'narrow model-weight' }), 'Share of the contributors’ part.');
  const snapshotSelect = h('select', { class: 'model-snapshot' });
  const snapshot = field(`Trained on (dataset ${index + 1})`, snapshotSelect);
  const fill = () => {
    const d = datasets.find((x) => String(x.id) === ds.control.value);
    replace(snapshotSelect, h('option', { value: 'new' }, 'A new snapshot of its data now'), Array.from({ length: d?.snapshotCount ?? 0 }, (_, i) => h('option', { value: String(i) }, `Snapshot ${i}`)));
  };
  ds.control.addEventListener('change', fill);
  fill();
  const root = h('fieldset', { class: 'dataset-row' }, h('legend', null, `Dataset ${index + 1}`), ds.root, weight.root, snapshot.root, index > 0 ? button('Remove this dataset', remove, { class: 'secondary' }) : null);
  return {
    root,
    read() {
      const w = parsePercent(weight.control.value);
      if (!w.ok || w.value === 0) {
        weight.setError(w.ok ? 'A dataset cannot weigh 0%.' : w.error);
        return null;
      }
      weight.setError(null);
      return { datasetId: Number(ds.control.value), weight: w.value, snapshot: snapshotSelect.value === 'new' ? null : Number(snapshotSelect.value) };
    },
  };
}

function registerForm(ctx: Ctx, datasets: Dataset[]): HTMLElement {
  const maxName = Number(ctx.chain.api.consts.models!.maxNameLen!.toString());
  const minContributors = Number(ctx.chain.api.consts.models!.minContributorShare!.toString());
  const name = field('Model name', h('input', { type: 'text', id: 'model-name', autocomplete: 'off' }), `At most ${maxName} bytes.`);
  const version = field('Version hash', h('input', { type: 'text', id: 'model-version', autocomplete: 'off', spellcheck: 'false', placeholder: '0x…' }), 'A hash of the weights or of a release manifest: 0x and 64 hex digits, or choose the file below.');
  const versionFile = field('Or hash a file for the version', h('input', { type: 'file', id: 'model-version-file' }), 'Its sha2-256 is computed here; the file is not uploaded.');
  versionFile.control.addEventListener('change', async () => {
    const file = versionFile.control.files?.[0];
    if (file) version.control.value = await sha256Hex(new Uint8Array(await file.arrayBuffer()));
  });
  const fee = amountField(ctx, 'Fee per inference', { id: 'model-fee', value: '1' });
  const shares = (['contributors', 'owner', 'operator', 'protocol'] as const).map((key, i) =>
    field(`${key[0]!.toUpperCase()}${key.slice(1)} share (%)`, h('input', { type: 'text', inputmode: 'decimal', id: `split-${key}`, class: 'narrow', value: ['70', '15', '5', '10'][i]! })),
  );
  const splitError = h('p', { class: 'field-error', id: 'split-error', role: 'alert', hidden: true });
  const rowsSlot = h('div');
  const rows: DatasetRow[] = [];
  const rowsError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const redraw = () => replace(rowsSlot, rows.map((r) => r.root));
  const addRow = () => {
    const row: DatasetRow = datasetRow(datasets, rows.length, () => {
      rows.splice(rows.indexOf(row), 1);
      redraw();
    });
    rows.push(row);
    redraw();
  };
  addRow();
  const out = h('div', { class: 'result' });
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'register-title' },
    h('h2', { id: 'register-title' }, 'Register a model'),
    h('p', { class: 'muted' }, `Holds ${ctx.fmt(constBig(ctx, 'models', 'modelDeposit'))} until it is retired; a new snapshot costs ${ctx.fmt(constBig(ctx, 'datasets', 'snapshotFee'))}. Its datasets and split are its terms and never change.`),
    name.root,
    version.root,
    versionFile.root,
    fee.root,
    h('fieldset', null, h('legend', null, 'Trained on'), rowsSlot, rowsError, button('Add a dataset', addRow, { class: 'secondary' })),
    h('fieldset', { 'aria-describedby': 'split-error' }, h('legend', null, `Revenue split (sums to 100%; contributors at least ${formatPerbill(minContributors)})`), h('div', { class: 'split-grid' }, shares.map((s) => s.root)), splitError),
    h('button', { type: 'submit' }, 'Register model'),
    out,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let ok = true;
    const n = name.control.value.trim();
    const nameProblem = n === '' ? 'Give the model a name.' : new TextEncoder().encode(n).length > maxName ? `At most ${maxName} bytes.` : null;
    name.setError(nameProblem);
    const v = version.control.value.trim();
    const versionProblem = isHex(v, 256) ? null : 'Enter 0x and 64 hex digits, or choose a file to hash.';
    version.setError(versionProblem);
    const feeValue = fee.read();
    ok = !nameProblem && !versionProblem && feeValue !== null;
    const choices = rows.map((r) => r.read());
    if (choices.some((c) => c === null)) ok = false;
    const picked = choices.filter((c): c is NonNullable<typeof c> => c !== null);
    const weightSum = picked.reduce((sum, c) => sum + c.weight, 0);
    const dupes = new Set(picked.map((c) => c.datasetId)).size !== picked.length;
    const rowsProblem = dupes ? 'A dataset is named twice.' : picked.length === rows.length && weightSum !== 1_000_000_000 ? `The weights sum to ${formatPerbill(weightSum)}, not 100%.` : null;
    rowsError.textContent = rowsProblem ?? '';
    rowsError.hidden = !rowsProblem;
    if (rowsProblem) ok = false;
    const split = shares.map((s) => {
      const p = parsePercent(s.control.value);
      s.setError(p.ok ? null : p.error);
      return p.ok ? p.value : null;
    });
    let splitProblem: string | null = null;
    if (split.some((x) => x === null)) ok = false;
    else {
      const sum = (split as number[]).reduce((a, b) => a + b, 0);
      if (sum !== 1_000_000_000) splitProblem = `The shares sum to ${formatPerbill(sum)}, not 100%.`;
      else if (split[0]! < minContributors) splitProblem = `The contributors’ share is at least ${formatPerbill(minContributors)}.`;
    }
    splitError.textContent = splitProblem ?? '';
    splitError.hidden = !splitProblem;
    if (splitProblem) ok = false;
    if (!ok) {
      (form.querySelector('[aria-invalid=true]') as HTMLElement | null)?.focus();
      return;
    }
    const [contributors, owner, operator, protocol] = split as number[];
    const tx = ctx.chain.api.tx.models!.registerModel!(n, v, picked.map((c) => ({ datasetId: c.datasetId, weight: c.weight, snapshot: c.snapshot })), feeValue, { contributors, owner, operator, protocol });
    const outcome = await ctx.submit(`Register model "${n}"`, tx, out);
    const registered = outcome?.events.find((e) => e.section === 'models' && e.method === 'ModelRegistered');
    if (registered) {
      const id = Number(registered.fields.modelId!.toString());
      replace(out, notice('success', `Model #${id} "${n}" registered in block #${outcome!.blockNumber}. `, h('a', { href: `#/models/${id}` }, 'Open it')));
    }
  });
  return form;
}

export async function modelsPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const ids = (await allModelIds(ctx)).reverse();
  const list = h('div', { 'aria-live': 'polite' });
  let page = 0;
  const draw = async () => {
    const slice = ids.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const models = await Promise.all(slice.map(async (id) => [await ctx.chain.rpc.model(id), await ctx.chain.rpc.modelRevenue(id)] as const));
    const pages = Math.max(1, Math.ceil(ids.length / PAGE_SIZE));
    replace(
      list,
      ids.length === 0
        ? h('p', { class: 'muted' }, 'No models yet.')
        : [
            table(
              'Models, newest first',
              ['Model', 'Owner', 'Fee per inference', 'Status', 'Datasets', 'Inferences', 'Fees earned'],
              models
                .filter((m): m is readonly [Model, ModelRevenue] => m[0] !== null)
                .map(([m, r]) => [
                  h('a', { href: `#/models/${m.id}` }, `#${m.id} ${m.name}`),
                  accountEl(m.owner, ctx.names, ctx.account?.address),
                  ctx.fmt(BigInt(m.feePerInference)) + (m.pendingFee ? ` (→ ${ctx.fmt(BigInt(m.pendingFee.fee))} at #${m.pendingFee.effectiveAt})` : ''),
                  m.status,
                  m.datasets.map((d) => `#${d.datasetId} ${formatPerbill(d.weight)}`).join(', '),
                  String(r.inferences),
                  ctx.fmt(BigInt(r.fees)),
                ]),
              { 'data-testid': 'models-table' },
            ),
            h(
              'div',
              { class: 'pager' },
              button('Newer', () => { page -= 1; return draw(); }, { disabled: page === 0 }),
              h('span', null, `Page ${page + 1} of ${pages} (${ids.length} models)`),
              button('Older', () => { page += 1; return draw(); }, { disabled: page >= pages - 1 }),
            ),
          ],
    );
  };
  await draw();
  const count = await ctx.chain.rpc.datasetCount();
  const datasetIds: number[] = [];
  for (let id = count - 1; id >= 0 && datasetIds.length < 200; id--) datasetIds.push(id);
  const datasets = (await Promise.all(datasetIds.map((id) => ctx.chain.rpc.dataset(id)))).filter((d): d is Dataset => d !== null && d.status === 'Active');
  replace(
    main,
    heading('Models'),
    h('p', { class: 'lead' }, 'A model names the dataset snapshots it was trained on and how each inference fee is split; contributors are paid on every inference.'),
    facts([['Fee increases', `take effect ${ctx.chain.api.consts.models!.feeChangeDelay!.toString()} blocks after they are announced; decreases at once`]]),
    list,
    !ctx.account ? needAccount('register a model') : datasets.length === 0 ? notice('info', 'Register a model once a dataset exists.') : registerForm(ctx, datasets),
  );
}
