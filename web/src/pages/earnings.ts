// Earnings: what the selected account can claim, has claimed and has earned; charts per model and
// per dataset that show where the money came from, and payouts over recent blocks, from the
// chain's payout events; and the claim, with its result.
import { type Ctx, heading, needAccount } from '../app';
import { accountBreakdown, bucketBlocks, emptyParts, feesByBlock, type FeeParts, type OwnContribution, type Parts, PART_NAMES } from '../lib/earnings';
import { barChart, columnChart, type Row, type Series } from '../ui/charts';
import { facts, h, notice, replace, table } from '../ui/dom';
import { ownContributions } from './mydata';

// The same colour means the same kind of money on every chart (see also the model page).
const PART_CLASS: Record<keyof Parts, string> = { owner: 'c1', operator: 'c2', attributed: 'c0', proRata: 'c3' };
const PART_SERIES: Series[] = (Object.keys(PART_NAMES) as (keyof Parts)[]).map((key) => ({ key, label: PART_NAMES[key], cls: PART_CLASS[key] }));
const FEE_SERIES: Series[] = [
  { key: 'contributors', label: 'data contributors', cls: 'c3' },
  { key: 'owner', label: 'model owners', cls: 'c1' },
  { key: 'operator', label: 'operators', cls: 'c2' },
  { key: 'protocol', label: 'protocol (treasury)', cls: 'c4' },
];

function partsRow(label: string, p: Parts): Row {
  return { label, values: { owner: p.owner, operator: p.operator, attributed: p.attributed, proRata: p.proRata } };
}

export async function freeBalance(ctx: Ctx, address: string): Promise<bigint> {
  const info = (await ctx.chain.api.query.system!.account!(address)) as unknown as { data: { free: { toBigInt(): bigint } } };
  return info.data.free.toBigInt();
}

export async function earningsPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const account = ctx.account;
  if (!account) {
    replace(main, heading('Earnings'), needAccount('see your earnings'));
    return;
  }
  const totals = h('div');
  const claimOut = h('div', { 'aria-live': 'polite', 'data-testid': 'claim-result' });
  const charts = h('div', { class: 'charts' });
  const note = h('p', { class: 'muted' });
  const modelOwners = new Map<number, string>();
  const modelNames = new Map<number, string>();
  let own: OwnContribution[] = [];
  let pending = 0n;
  let claiming = false;

  const drawTotals = async () => {
    const [e, free] = await Promise.all([ctx.chain.rpc.earnings(account.address), freeBalance(ctx, account.address)]);
    pending = BigInt(e.pending);
    if (!claiming) claim.disabled = pending === 0n;
    replace(
      totals,
      facts([
        ['Claimable now', h('span', { 'data-testid': 'earnings-pending' }, ctx.fmt(BigInt(e.pending)))],
        ['Claimed so far', h('span', { 'data-testid': 'earnings-claimed' }, ctx.fmt(BigInt(e.claimed)))],
        ['Earned in all', h('span', { 'data-testid': 'earnings-earned' }, ctx.fmt(BigInt(e.earned)))],
        ['Free balance', h('span', { 'data-testid': 'free-balance' }, ctx.fmt(free))],
      ]),
    );
    return e;
  };

  const drawCharts = async () => {
    const e = await ctx.chain.rpc.earnings(account.address);
    const events = ctx.events.events();
    const models = new Set<number>();
    for (const ev of events) if (ev.kind === 'InferenceAttributed') models.add(ev.modelId);
    await Promise.all(
      [...models].filter((m) => !modelOwners.has(m)).map(async (id) => {
        const m = await ctx.chain.rpc.model(id);
        if (m) {
          modelOwners.set(id, m.owner);
          modelNames.set(id, m.name);
        }
      }),
    );
    const b = accountBreakdown(events, account.address, modelOwners, own);
    const log = ctx.events;
    const from = log.oldest ?? ctx.bestBlock;
    const to = log.newest ?? ctx.bestBlock;
    note.textContent = log.loading
      ? 'Reading the payout events of recent blocks…'
      : `From the payout events of blocks #${from} to #${to}${log.prunedBelow ? ` (the node keeps no state before #${log.prunedBelow})` : ''}. Pro-rata shares are worked out from DatasetCredited events and your accepted units, rounded down; the chain keeps fractions of a planck until they add up.`;
    const byModel = [...b.byModel].sort((x, y) => x[0] - y[0]).map(([id, p]) => partsRow(id < 0 ? 'older inferences' : `#${id} ${modelNames.get(id) ?? ''}`, p));
    const datasetIds = new Set<number>([...b.byDataset.keys(), ...e.datasets.map((d) => d.datasetId)]);
    const claimableByDataset = new Map(e.datasets.map((d) => [d.datasetId, BigInt(d.pending)]));
    const sortedDatasets = [...datasetIds].sort((x, y) => x - y);
    const byDataset: Row[] = sortedDatasets.map((id) => {
      const p = b.byDataset.get(id) ?? emptyParts();
      return { label: `dataset #${id}`, values: { attributed: p.attributed, proRata: p.proRata } };
    });
    const buckets = bucketBlocks(b.byBlock, from, to, 30, emptyParts, (into, v) => {
      into.owner += v.owner;
      into.operator += v.operator;
      into.attributed += v.attributed;
      into.proRata += v.proRata;
    });
    const feeBuckets = bucketBlocks<FeeParts>(feesByBlock(events), from, to, 30, () => ({ contributors: 0n, owner: 0n, operator: 0n, protocol: 0n }), (into, v) => {
      into.contributors += v.contributors;
      into.owner += v.owner;
      into.operator += v.operator;
      into.protocol += v.protocol;
    });
    const label = (start: number, end: number) => (start === end ? `#${start}` : `#${start}–${end}`);
    replace(
      charts,
      barChart('Your credits in recent blocks, by model', PART_SERIES, byModel, ctx.fmtShort, 'No credits in the blocks read.', ctx.fmt),
      barChart(
        'Your credits in recent blocks, by dataset',
        PART_SERIES.filter((se) => se.key === 'attributed' || se.key === 'proRata'),
        byDataset,
        ctx.fmtShort,
        'No dataset credits in the blocks read.',
        ctx.fmt,
      ),
      sortedDatasets.length
        ? table('Pro-rata rewards claimable now, by dataset', ['Dataset', 'Claimable now'], sortedDatasets.map((id) => [h('a', { href: `#/datasets/${id}` }, `dataset #${id}`), ctx.fmt(claimableByDataset.get(id) ?? 0n)]))
        : null,
      columnChart('Your credits over recent blocks', PART_SERIES, buckets.map((x) => partsRow(label(x.start, x.end), x.value)), ctx.fmtShort, 'No credits in the blocks read.', ctx.fmt),
      columnChart('All inference fees over recent blocks, by recipient', FEE_SERIES, feeBuckets.map((x) => ({ label: label(x.start, x.end), values: { ...x.value } })), ctx.fmtShort, 'No inferences in the blocks read.', ctx.fmt),
    );
  };

  const claim = h('button', { type: 'button', id: 'claim-button' }, 'Claim rewards');
  claim.addEventListener('click', async () => {
    if (claiming) return;
    claiming = true;
    claim.disabled = true;
    const before = await freeBalance(ctx, account.address);
    const outcome = await ctx.submit('Claim rewards', ctx.chain.api.tx.attribution!.claimRewards!(), claimOut);
    if (outcome) {
      const claimed = outcome.events.find((ev) => ev.section === 'attribution' && ev.method === 'RewardsClaimed');
      const amount = claimed ? BigInt(claimed.fields.amount!.toString()) : 0n;
      const after = await freeBalance(ctx, account.address);
      replace(
        claimOut,
        notice(
          'success',
          h('strong', null, 'Claimed '),
          h('span', { 'data-testid': 'claimed-amount' }, ctx.fmt(amount)),
          ` in block #${outcome.blockNumber}. Fee ${ctx.fmt(outcome.fee)}. Free balance ${ctx.fmt(before)} → ${ctx.fmt(after)} (+${ctx.fmt(after - before)}).`,
        ),
      );
    }
    claiming = false;
    await drawTotals();
  });

  own = (await ownContributions(ctx, account.address)).map((c) => ({ id: c.id, datasetId: c.datasetId, units: c.units, epoch: c.epoch, status: c.status }));
  await drawTotals();
  await drawCharts();
  ctx.onLeave(
    ctx.events.onChange(() => {
      void drawTotals().catch(() => undefined);
      void drawCharts().catch(() => undefined);
    }),
  );
  ctx.onBlock(() => void drawTotals().catch(() => undefined));
  void ctx.events.start();

  replace(
    main,
    heading('Earnings'),
    h('p', { class: 'lead' }, 'Every inference fee is split: the model owner’s and operator’s shares, explicit attribution to contributions, and the rest pro rata over the units of the datasets’ snapshots. What you are credited is claimable at once.'),
    totals,
    h('div', { class: 'actions' }, claim),
    claimOut,
    h('section', { class: 'card', 'aria-labelledby': 'where-title' }, h('h2', { id: 'where-title' }, 'Where it came from'), note, charts),
  );
}
