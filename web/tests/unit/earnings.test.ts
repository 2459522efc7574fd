import { expect, test } from '@playwright/test';
import type { PayoutEvent } from '../../src/chain/events';
import { accountBreakdown, bucketBlocks, feesByBlock, sumParts } from '../../src/lib/earnings';

const ME = 'me';
const LIN = 10n ** 12n;

// Model 0 (owner ME) and model 1 (owner other); ME operates inference 2; dataset 5 has ME's
// contributions 10 (epoch 0, 30 units) and 11 (epoch 1, 10 units), and someone's 10 units in epoch 0.
const events: PayoutEvent[] = [
  { kind: 'InferenceRecorded', block: 10, inferenceId: 1, modelId: 0, consumer: 'c', operator: 'op', fee: LIN },
  { kind: 'InferenceAttributed', block: 10, inferenceId: 1, modelId: 0, fee: LIN, toContributors: 700n, toOwner: 150n, toOperator: 50n, toProtocol: 100n },
  { kind: 'DatasetCredited', block: 10, firstInference: 1, lastInference: 1, datasetId: 5, snapshot: 0, amount: 700n, units: 40n },
  { kind: 'InferenceRecorded', block: 12, inferenceId: 2, modelId: 1, consumer: 'c', operator: ME, fee: LIN },
  { kind: 'InferenceAttributed', block: 12, inferenceId: 2, modelId: 1, fee: LIN, toContributors: 700n, toOwner: 150n, toOperator: 50n, toProtocol: 100n },
  { kind: 'ContributionCredited', block: 12, inferenceId: 2, contributionId: 11, contributor: ME, amount: 350n },
  { kind: 'ContributionCredited', block: 12, inferenceId: 2, contributionId: 99, contributor: 'other', amount: 7n },
  { kind: 'DatasetCredited', block: 12, firstInference: 2, lastInference: 2, datasetId: 5, snapshot: 1, amount: 350n, units: 50n },
  { kind: 'RewardsClaimed', block: 13, who: ME, amount: 5n },
];
const owners = new Map([[0, ME], [1, 'other']]);
const own = [
  { id: 10, datasetId: 5, units: 30, epoch: 0, status: 'Accepted' },
  { id: 11, datasetId: 5, units: 10, epoch: 1, status: 'Accepted' },
  { id: 12, datasetId: 5, units: 99, epoch: null, status: 'Pending' },
];

test('owner and operator shares, explicit attribution and pro rata by units inside the snapshot', () => {
  const b = accountBreakdown(events, ME, owners, own);
  // Model 0: owner share 150; pro rata 700 × 30/40 = 525 (contribution 11 is outside snapshot 0).
  expect(b.byModel.get(0)).toEqual({ owner: 150n, operator: 0n, attributed: 0n, proRata: 525n });
  // Model 1: operator 50, attribution 350, pro rata 350 × 30/50 = 210 and 350 × 10/50 = 70.
  expect(b.byModel.get(1)).toEqual({ owner: 0n, operator: 50n, attributed: 350n, proRata: 280n });
  expect(b.byContribution.get(10)).toEqual({ owner: 0n, operator: 0n, attributed: 0n, proRata: 735n });
  expect(b.byContribution.get(11)).toEqual({ owner: 0n, operator: 0n, attributed: 350n, proRata: 70n });
  expect(b.byContribution.has(12)).toBe(false);
  expect(b.byDataset.get(5)!.proRata).toBe(805n);
  expect(sumParts(b.total)).toBe(150n + 525n + 50n + 350n + 280n);
  expect(sumParts(b.byBlock.get(10)!)).toBe(675n);
});

test('a withdrawn contribution earns nothing pro rata; shares of rounding go down', () => {
  const b = accountBreakdown([{ kind: 'DatasetCredited', block: 1, firstInference: 0, lastInference: 0, datasetId: 5, snapshot: 3, amount: 10n, units: 3n }], ME, owners, [
    { id: 1, datasetId: 5, units: 1, epoch: 0, status: 'Accepted' },
    { id: 2, datasetId: 5, units: 1, epoch: 0, status: 'Withdrawn' },
  ]);
  expect(b.byContribution.get(1)!.proRata).toBe(3n);
  expect(b.byContribution.has(2)).toBe(false);
  expect(b.byModel.has(-1)).toBe(true); // the inference is older than the blocks read
});

test('fees per block and buckets of blocks', () => {
  const fees = feesByBlock(events);
  expect(fees.get(10)).toEqual({ contributors: 700n, owner: 150n, operator: 50n, protocol: 100n });
  const buckets = bucketBlocks(fees, 10, 13, 2, () => ({ contributors: 0n, owner: 0n, operator: 0n, protocol: 0n }), (into, v) => (into.protocol += v.protocol));
  expect(buckets.map((x) => [x.start, x.end])).toEqual([[10, 11], [12, 13]]);
  expect(buckets.map((x) => x.value.protocol)).toEqual([100n, 100n]);
  const sums = bucketBlocks(new Map([[10, { v: 1n }], [11, { v: 2n }], [13, { v: 4n }]]), 10, 13, 2, () => ({ v: 0n }), (into, x) => (into.v += x.v));
  expect(sums.map((x) => x.value.v)).toEqual([3n, 4n]);
});
