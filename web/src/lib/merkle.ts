// Verification of a dataset's Merkle inclusion proofs, as lineage_primitives::merkle does it:
// RFC 6962/9162 with sha2-256, leaf = sha256(0x00 ‖ data), inner node = sha256(0x01 ‖ left ‖ right).
import { u8aConcat, u8aEq } from '@polkadot/util';
import { sha256AsU8a } from '@polkadot/util-crypto';

export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;

/** The fields of a dataset's Merkle leaf (ContributionLeaf in lineage_primitives), in order. */
export interface ContributionLeaf {
  contributionId: bigint; // u64
  datasetId: number; // u32
  contributor: Uint8Array; // AccountId32
  contentHash: Uint8Array; // H256
  units: bigint; // u64
}

function u64le(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

function u32le(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** SCALE(ContributionLeaf): u64, u32, 32 bytes, 32 bytes, u64, all fixed width. */
export function encodeLeaf(leaf: ContributionLeaf): Uint8Array {
  if (leaf.contributor.length !== 32) throw new Error('a contributor account id has 32 bytes');
  if (leaf.contentHash.length !== 32) throw new Error('a content hash has 32 bytes');
  return u8aConcat(u64le(leaf.contributionId), u32le(leaf.datasetId), leaf.contributor, leaf.contentHash, u64le(leaf.units));
}

export function leafHash(data: Uint8Array): Uint8Array {
  return sha256AsU8a(u8aConcat(new Uint8Array([LEAF_PREFIX]), data));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256AsU8a(u8aConcat(new Uint8Array([NODE_PREFIX]), left, right));
}

export function contributionLeafHash(leaf: ContributionLeaf): Uint8Array {
  return leafHash(encodeLeaf(leaf));
}

/** One step up the audit path: the sibling, on which side it is, and the hash it gives. */
export interface PathStep {
  sibling: Uint8Array;
  side: 'left' | 'right';
  result: Uint8Array;
}

export interface Verification {
  valid: boolean;
  /** What the path folds to (compare with the root). */
  computedRoot: Uint8Array;
  steps: PathStep[];
  /** Why it is not valid. */
  reason?: string;
}

/**
 * Checks that `leaf` (a leaf hash) is leaf `index` of a tree of `leafCount` leaves with root
 * `root`, given its audit path, innermost sibling first (RFC 9162, section 2.1.3.2).
 */
export function verifyInclusion(
  root: Uint8Array,
  leaf: Uint8Array,
  index: bigint,
  leafCount: bigint,
  proof: Uint8Array[],
): Verification {
  const steps: PathStep[] = [];
  if (index < 0n || index >= leafCount) {
    return { valid: false, computedRoot: leaf, steps, reason: `leaf ${index} is outside a tree of ${leafCount} leaves` };
  }
  let fn = index;
  let sn = leafCount - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      return { valid: false, computedRoot: r, steps, reason: 'the path is longer than the tree is deep' };
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      steps.push({ sibling: p, side: 'left', result: r });
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
      steps.push({ sibling: p, side: 'right', result: r });
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return { valid: false, computedRoot: r, steps, reason: 'the path is shorter than the tree is deep' };
  if (!u8aEq(r, root)) return { valid: false, computedRoot: r, steps, reason: 'the path does not lead to the root' };
  return { valid: true, computedRoot: r, steps };
}
