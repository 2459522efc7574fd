import { expect, test } from '@playwright/test';
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress, sha256AsU8a } from '@polkadot/util-crypto';
import { contributionLeafHash, encodeLeaf, leafHash, nodeHash, verifyInclusion } from '../../src/lib/merkle';
import { vectors } from './fixtures';

test('leaf hashes recomputed from the leaf fields equal the runtime’s', () => {
  let checked = 0;
  for (const tree of vectors.trees) {
    for (const p of tree.proofs) {
      const leaf = contributionLeafHash({ contributionId: BigInt(p.contributionId), datasetId: p.datasetId, contributor: decodeAddress(p.contributor), contentHash: hexToU8a(p.contentHash), units: BigInt(p.units) });
      expect(u8aToHex(leaf)).toBe(p.leafHash);
      checked++;
    }
  }
  expect(checked).toBe(28); // trees of 1..7 leaves
});

test('every proof the runtime built verifies against the dataset root, for trees of 1 to 7 leaves', () => {
  for (const tree of vectors.trees) {
    for (const p of tree.proofs) {
      const r = verifyInclusion(hexToU8a(tree.merkleRoot), hexToU8a(p.leafHash), BigInt(p.leafIndex), BigInt(p.leafCount), p.proof.map((x) => hexToU8a(x)));
      expect(r.valid, `leaf ${p.leafIndex} of ${p.leafCount}: ${r.reason}`).toBe(true);
      expect(u8aToHex(r.computedRoot)).toBe(tree.merkleRoot);
      expect(r.steps).toHaveLength(p.proof.length);
    }
  }
});

test('a changed leaf, index, size, root or path does not verify', () => {
  const other = leafHash(stringToU8a('tampered'));
  for (const tree of vectors.trees.filter((t) => t.leafCount > 1)) {
    for (const p of tree.proofs) {
      const root = hexToU8a(tree.merkleRoot);
      const leaf = hexToU8a(p.leafHash);
      const path = p.proof.map((x) => hexToU8a(x));
      const [i, n] = [BigInt(p.leafIndex), BigInt(p.leafCount)];
      expect(verifyInclusion(root, other, i, n, path).valid).toBe(false);
      expect(verifyInclusion(root, leaf, (i + 1n) % n, n, path).valid).toBe(false);
      expect(verifyInclusion(other, leaf, i, n, path).valid).toBe(false);
      expect(verifyInclusion(root, leaf, i, n, [other, ...path.slice(1)]).valid).toBe(false);
      expect(verifyInclusion(root, leaf, i, n, path.slice(0, -1)).valid).toBe(false);
      expect(verifyInclusion(root, leaf, i, n, [...path, other]).valid).toBe(false);
      expect(verifyInclusion(root, leaf, n, n, path).valid).toBe(false);
      // In a tree twice the size the leaf is one level deeper: this path is too short.
      expect(verifyInclusion(root, leaf, i, 2n * n, path).valid).toBe(false);
    }
  }
});

test('the leaf encoding is SCALE: u64, u32, account, hash, u64 little-endian', () => {
  const encoded = encodeLeaf({ contributionId: 0x0102n, datasetId: 7, contributor: new Uint8Array(32).fill(0xaa), contentHash: new Uint8Array(32).fill(0xbb), units: 5n });
  expect(encoded).toHaveLength(8 + 4 + 32 + 32 + 8);
  expect(u8aToHex(encoded.slice(0, 12))).toBe('0x020100000000000007000000');
  expect(u8aToHex(encoded.slice(76))).toBe('0x0500000000000000');
});

// An RFC 6962 tree built here from its definition (independently of verifyInclusion's algorithm).
function rootOf(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256AsU8a(new Uint8Array());
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

function auditPath(leaves: Uint8Array[], index: number): Uint8Array[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return index < k ? [...auditPath(leaves.slice(0, k), index), rootOf(leaves.slice(k))] : [...auditPath(leaves.slice(k), index - k), rootOf(leaves.slice(0, k))];
}

test('every leaf of trees of 1 to 40 leaves verifies, and only at its own index', () => {
  for (let n = 1; n <= 40; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leafHash(new Uint8Array([i, n])));
    const root = rootOf(leaves);
    for (let i = 0; i < n; i++) {
      const path = auditPath(leaves, i);
      expect(verifyInclusion(root, leaves[i]!, BigInt(i), BigInt(n), path).valid, `n=${n} i=${i}`).toBe(true);
      if (n > 1) expect(verifyInclusion(root, leaves[i]!, BigInt((i + 1) % n), BigInt(n), path).valid).toBe(false);
    }
  }
});
