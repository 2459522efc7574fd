// Contribute: pick files or a folder, or drop them (a JSONL file gives one record per non-empty
// line). Each record is hashed here with WebCrypto (only hashes leave the machine); records already
// on chain are shown and skipped; then commit and reveal in batches, with the cost up front, a
// progress bar and a summary.
import { type Ctx, heading, needAccount, pageError } from '../app';
import {
  checkRecords,
  commitAndReveal,
  depositRules,
  estimate,
  type HashedRecord,
  planBatches,
  type RecordCheck,
  type Summary,
} from '../chain/contribute';
import type { Dataset } from '../chain/rpc';
import { hasWebCrypto, sha256Hex } from '../lib/hashing';
import { isJsonl, jsonlRecords, type RecordSource } from '../lib/records';
import { facts, field, h, notice, replace, select, table } from '../ui/dom';
import { accountEl, hashEl } from '../ui/format';

/** A file with the path it was picked or dropped under. */
interface PickedFile {
  path: string;
  file: File;
  /** Inside a picked or dropped folder: always one record, whatever its extension (as the CLI does). */
  inFolder: boolean;
}

async function recordsOf(files: PickedFile[]): Promise<{ records: RecordSource[]; problems: string[] }> {
  const records: RecordSource[] = [];
  const problems: string[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, file, inFolder } of sorted) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!inFolder && isJsonl(file.name)) {
      try {
        const lines = jsonlRecords(path, bytes);
        if (lines.length === 0) problems.push(`${path} has no records (every line is blank).`);
        records.push(...lines);
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else {
      records.push({ label: path, bytes });
    }
  }
  return { records, problems };
}

/** The files of dropped items, folders read recursively. */
async function droppedFiles(items: DataTransferItemList): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const readEntry = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: entry.fullPath.replace(/^\//, ''), file, inFolder });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await readEntry(child, true);
      }
    }
  };
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  for (const entry of entries) await readEntry(entry, false);
  return out;
}

function describeCheck(ctx: Ctx, check: RecordCheck): HTMLElement {
  switch (check.status) {
    case 'new':
      return h('span', { class: 'status status-new' }, 'New');
    case 'repeated':
      return h('span', { class: 'status status-skip' }, `Skipped: the same content as ${check.firstLabel}`);
    case 'on-chain':
      return h(
        'span',
        { class: 'status status-skip' },
        `Skipped: already on chain, contribution #${check.owner.contributionId} by `,
        accountEl(check.owner.owner, ctx.names, ctx.account?.address),
      );
  }
}

function summaryView(ctx: Ctx, summary: Summary, skipped: RecordCheck[], datasetId: number): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'summary-title', 'data-testid': 'contribute-summary' },
    h('h2', { id: 'summary-title', tabindex: -1 }, 'Summary'),
    facts([
      ['Contributed', `${summary.contributed.length} record${summary.contributed.length === 1 ? '' : 's'}`],
      ['Skipped', `${skipped.length} (already on chain or repeated)`],
      ['Failed', `${summary.failed.reduce((n, f) => n + f.labels.length, 0)}`],
      ['Fees paid', ctx.fmt(summary.fees)],
      ['Deposit held', ctx.fmt(summary.deposit)],
      ['Blocks', summary.lastBlock ? `#${summary.firstBlock} – #${summary.lastBlock}` : '–'],
    ]),
    summary.contributed.length
      ? table('Contributed', ['Record', 'Contribution', 'Content hash', 'Status'], summary.contributed.map((c) => [c.label, `#${c.contributionId}`, hashEl(c.hash), c.accepted ? 'Accepted' : 'Pending review'])) : null,
    skipped.length ? table('Skipped', ['Record', 'Why'], skipped.map((c) => [c.record.label, describeCheck(ctx, c)])) : null,
    summary.failed.map((f) => notice('error', `${f.labels.length} record${f.labels.length === 1 ? '' : 's'} (${f.labels.slice(0, 3).join(', ')}${f.labels.length > 3 ? ', …' : ''}) not contributed: ${f.error}`)),
    h('p', null, h('a', { href: '#/my-data' }, 'See them in My data'), ' · ', h('a', { href: `#/datasets/${datasetId}` }, `Dataset #${datasetId}`)),
  );
}

export async function contributePage(ctx: Ctx, main: HTMLElement, params: string[]): Promise<void> {
  const account = ctx.account;
  const intro = h('p', { class: 'lead' }, 'Each record is hashed (sha2-256) in this browser; nothing but the hashes leaves your machine. A file is one record; each non-empty line of a .jsonl file is one record.');
  if (!account) {
    replace(main, heading('Contribute'), intro, needAccount('contribute'));
    return;
  }
  const rules = depositRules(ctx.chain);
  const count = await ctx.chain.rpc.datasetCount();
  const ids: number[] = [];
  for (let id = count - 1; id >= 0 && ids.length < 200; id--) ids.push(id);
  const datasets = (await Promise.all(ids.map((id) => ctx.chain.rpc.dataset(id)))).filter((d): d is Dataset => d !== null && d.status === 'Active');
  if (datasets.length === 0) {
    replace(main, heading('Contribute'), intro, notice('info', 'There is no active dataset to contribute to yet. ', h('a', { href: '#/datasets' }, 'Create one'), '.'));
    return;
  }
  const datasetField = field('Dataset', select(datasets.map((d) => ({ value: String(d.id), label: `#${d.id} ${d.name} (${d.policy.toLowerCase()})` })), { id: 'contribute-dataset' }));
  if (params[0] !== undefined && datasets.some((d) => String(d.id) === params[0])) datasetField.control.value = params[0];
  const unitsField = field('Units per record', h('input', { type: 'number', id: 'contribute-units', min: 1, max: rules.maxUnits, value: 1, inputmode: 'numeric' }), `Its weight in pro-rata payouts, 1 to ${rules.maxUnits.toLocaleString('en-US')}; each unit holds ${ctx.fmt(rules.depositPerUnit)}.`);
  const filesInput = h('input', { type: 'file', id: 'contribute-files', multiple: true });
  const folderInput = h('input', { type: 'file', id: 'contribute-folder', multiple: true, webkitdirectory: true });
  const filesField = field('Choose files', filesInput, 'Files, or .jsonl files (one record per line).');
  const folderField = field('Or choose a folder', folderInput, 'Every file in it, in name order, is one record.');
  const drop = h('div', { class: 'dropzone', 'data-testid': 'dropzone' }, h('p', null, 'Or drop files, a folder or a .jsonl file here.'));
  const checked = h('div', { 'aria-live': 'polite', id: 'contribute-checked' });
  const costs = h('div');
  const progressText = h('p', { id: 'contribute-progress-text', role: 'status' });
  const progress = h('progress', { id: 'contribute-progress', max: 1, value: 0, 'aria-labelledby': 'contribute-progress-text', hidden: true });
  const result = h('div');
  const go = h('button', { type: 'button', id: 'contribute-go', disabled: true }, 'Contribute');
  let newRecords: HashedRecord[] = [];
  let running = false;
  let skipped: RecordCheck[] = [];

  const units = (): number | null => {
    const n = Number(unitsField.control.value);
    if (!Number.isInteger(n) || n < 1 || n > rules.maxUnits) {
      unitsField.setError(`Units are a whole number from 1 to ${rules.maxUnits.toLocaleString('en-US')}.`);
      return null;
    }
    unitsField.setError(null);
    return n;
  };

  const updateCosts = async () => {
    const n = units();
    // The button stays usable while an estimate is refreshed (a click must never be lost).
    go.disabled = running || n === null || newRecords.length === 0;
    if (n === null || newRecords.length === 0) {
      replace(costs);
      return;
    }
    const batches = planBatches(newRecords, rules.maxBatch);
    replace(costs, h('p', { class: 'muted', role: 'status' }, 'Estimating the fees…'));
    try {
      const est = await estimate(ctx.chain, account.address, Number(datasetField.control.value), batches.map((b) => b.map((r) => r.hash)), n);
      replace(
        costs,
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'cost-title' },
          h('h2', { id: 'cost-title' }, 'Cost'),
          facts([
            ['Records', `${newRecords.length} in ${batches.length} batch${batches.length === 1 ? '' : 'es'} of at most ${rules.maxBatch}`],
            ['Transactions', `${est.transactions} (a commit and a reveal per batch)`],
            ['Estimated fees', h('span', { 'data-testid': 'estimated-fee' }, ctx.fmt(est.fee))],
            ['Deposit held', h('span', { 'data-testid': 'estimated-deposit' }, `${ctx.fmt(est.deposit)} while the contributions count`)],
            ['Commitment deposit', `${ctx.fmt(est.commitDeposit)}, returned at the reveal`],
          ]),
        ),
      );
    } catch (error) {
      replace(costs, pageError(error));
    }
  };

  const take = async (files: PickedFile[]) => {
    replace(result);
    newRecords = [];
    skipped = [];
    go.disabled = true;
    if (files.length === 0) {
      replace(checked, notice('warning', 'No files were chosen.'));
      return;
    }
    replace(checked, h('p', { role: 'status' }, `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`));
    const { records, problems } = await recordsOf(files);
    const hashed: HashedRecord[] = [];
    for (let i = 0; i < records.length; i++) {
      if (i % 50 === 0) replace(checked, h('p', { role: 'status' }, `Hashing record ${i + 1} of ${records.length}…`));
      hashed.push({ label: records[i]!.label, hash: await sha256Hex(records[i]!.bytes), size: records[i]!.bytes.length });
    }
    if (hashed.length === 0) {
      replace(checked, problems.map((p) => notice('error', p)), notice('warning', 'No records to contribute.'));
      return;
    }
    replace(checked, h('p', { role: 'status' }, `Checking ${hashed.length} hash${hashed.length === 1 ? '' : 'es'} against the chain…`));
    let checks: RecordCheck[];
    try {
      checks = await checkRecords(ctx.chain, hashed, account.address);
    } catch (error) {
      replace(checked, pageError(error));
      return;
    }
    newRecords = checks.filter((c) => c.status === 'new').map((c) => c.record);
    skipped = checks.filter((c) => c.status !== 'new');
    replace(
      checked,
      problems.map((p) => notice('error', p)),
      hasWebCrypto() ? null : notice('warning', 'WebCrypto is not available on this page (it needs https or localhost): the bundled sha2-256 was used instead.'),
      h('p', { role: 'status', 'data-testid': 'check-summary' }, `${hashed.length} record${hashed.length === 1 ? '' : 's'}: ${newRecords.length} new, ${skipped.length} skipped.`),
      table('Records', ['Record', 'Size', 'sha2-256', 'Status'], checks.map((c) => [c.record.label, `${c.record.size.toLocaleString('en-US')} B`, hashEl(c.record.hash), describeCheck(ctx, c)]), { 'data-testid': 'records-table' }),
    );
    await updateCosts();
  };

  filesInput.addEventListener('change', () => void take([...(filesInput.files ?? [])].map((file) => ({ path: file.name, file, inFolder: false }))).catch((e) => replace(checked, pageError(e))));
  folderInput.addEventListener('change', () => void take([...(folderInput.files ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file, inFolder: true }))).catch((e) => replace(checked, pageError(e))));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (!event.dataTransfer) return;
    droppedFiles(event.dataTransfer.items)
      .then(take)
      .catch((e) => replace(checked, pageError(e)));
  });
  // Costs follow the units as they are typed (not on blur, which would disable the button being clicked).
  let typing: ReturnType<typeof setTimeout> | undefined;
  unitsField.control.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void updateCosts(), 300);
  });
  datasetField.control.addEventListener('change', () => void updateCosts());

  go.addEventListener('click', async () => {
    const n = units();
    if (n === null || newRecords.length === 0 || running) return;
    running = true;
    go.disabled = true;
    filesInput.disabled = true;
    folderInput.disabled = true;
    progress.hidden = false;
    const batches = planBatches(newRecords, rules.maxBatch);
    try {
      const summary = await commitAndReveal(ctx.chain, account, Number(datasetField.control.value), batches, n, {
        onProgress(p) {
          progress.max = p.total;
          progress.value = p.done;
          progressText.textContent = p.message;
        },
        reporter: (label) => ctx.tx.add(label),
      });
      const view = summaryView(ctx, summary, skipped, Number(datasetField.control.value));
      replace(result, view);
      view.querySelector('h2')?.focus();
      newRecords = [];
    } catch (error) {
      replace(result, pageError(error));
      go.disabled = false;
    } finally {
      running = false;
      filesInput.disabled = false;
      folderInput.disabled = false;
    }
  });

  replace(
    main,
    heading('Contribute'),
    intro,
    h(
      'section',
      { class: 'card form', 'aria-labelledby': 'pick-title' },
      h('h2', { id: 'pick-title' }, 'Records'),
      datasetField.root,
      unitsField.root,
      filesField.root,
      folderField.root,
      drop,
    ),
    checked,
    costs,
    h('div', { class: 'actions' }, go),
    progressText,
    progress,
    result,
  );
}
