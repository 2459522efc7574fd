// The vectors of tests/fixtures/chain-vectors.json (see tests/support/make-fixtures.mjs).
import { readFileSync } from 'node:fs';
import type { InclusionProof } from '../../src/chain/rpc';
import type { SignedVoucherJson } from '../../src/lib/voucher';

export interface Vectors {
  trees: { leafCount: number; merkleRoot: string; proofs: InclusionProof[] }[];
  vouchers: SignedVoucherJson[];
  commitments: { accountId: string; salt: string; contentHashes: string[]; batch: boolean; batchDigest: string; commitment: string }[];
}

export const vectors = JSON.parse(readFileSync(new URL('../fixtures/chain-vectors.json', import.meta.url), 'utf8')) as Vectors;
