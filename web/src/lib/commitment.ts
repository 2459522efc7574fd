// The commit-reveal commitments of pallet-datasets (lineage_primitives::{batch_digest,
// contribution_commitment}).
import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** blake2-256 of the batch's content hashes, one after the other, in order. */
export function batchDigest(contentHashes: Uint8Array[]): Uint8Array {
  return blake2AsU8a(u8aConcat(...contentHashes), 256);
}

/** blake2_256(digest ‖ SCALE(account id) ‖ salt): what `datasets.commit` takes. */
export function contributionCommitment(digest: Uint8Array, accountId: Uint8Array, salt: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new Error('a digest has 32 bytes');
  if (accountId.length !== 32) throw new Error('an account id has 32 bytes');
  if (salt.length !== 32) throw new Error('a salt has 32 bytes');
  return blake2AsU8a(u8aConcat(digest, accountId, salt), 256);
}

/** The commitment of a batch revealed with `contribute_batch`. */
export function batchCommitment(contentHashes: Uint8Array[], accountId: Uint8Array, salt: Uint8Array): Uint8Array {
  return contributionCommitment(batchDigest(contentHashes), accountId, salt);
}

/** A fresh secret salt. */
export function randomSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}
