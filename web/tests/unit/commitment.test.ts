import { expect, test } from '@playwright/test';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { batchCommitment, batchDigest, contributionCommitment } from '../../src/lib/commitment';
import { vectors } from './fixtures';

test('commitments and batch digests equal blake2b-256 computed by Python’s hashlib', () => {
  expect(vectors.commitments.length).toBeGreaterThanOrEqual(3);
  for (const v of vectors.commitments) {
    const hashes = v.contentHashes.map((h) => hexToU8a(h));
    expect(u8aToHex(batchDigest(hashes))).toBe(v.batchDigest);
    const commitment = v.batch ? batchCommitment(hashes, hexToU8a(v.accountId), hexToU8a(v.salt)) : contributionCommitment(hashes[0]!, hexToU8a(v.accountId), hexToU8a(v.salt));
    expect(u8aToHex(commitment)).toBe(v.commitment);
  }
});

test('any change of content, order, account or salt changes the commitment', () => {
  const v = vectors.commitments.find((c) => c.batch)!;
  const hashes = v.contentHashes.map((h) => hexToU8a(h));
  const account = hexToU8a(v.accountId);
  const salt = hexToU8a(v.salt);
  const base = u8aToHex(batchCommitment(hashes, account, salt));
  expect(u8aToHex(batchCommitment([...hashes].reverse(), account, salt))).not.toBe(base);
  expect(u8aToHex(batchCommitment(hashes.slice(1), account, salt))).not.toBe(base);
  const otherSalt = salt.slice();
  otherSalt[0] = otherSalt[0]! ^ 1;
  expect(u8aToHex(batchCommitment(hashes, account, otherSalt))).not.toBe(base);
  const otherAccount = account.slice();
  otherAccount[31] = otherAccount[31]! ^ 1;
  expect(u8aToHex(batchCommitment(hashes, otherAccount, salt))).not.toBe(base);
  expect(() => contributionCommitment(hashes[0]!, account, new Uint8Array(31))).toThrow('a salt has 32 bytes');
});
