// sha2-256 of records, in the browser with WebCrypto: nothing leaves the machine but the hashes.
import { u8aToHex } from '@polkadot/util';
import { sha256AsU8a } from '@polkadot/util-crypto';

/** Whether WebCrypto's digest is available (it needs a secure context: https, localhost, 127.0.0.1). */
export function hasWebCrypto(): boolean {
  return typeof globalThis.crypto !== 'undefined' && typeof globalThis.crypto.subtle?.digest === 'function';
}

/** The sha2-256 of `bytes` as 0x-hex; WebCrypto, or the bundled implementation where it is missing. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (hasWebCrypto()) {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return u8aToHex(new Uint8Array(digest));
  }
  return u8aToHex(sha256AsU8a(bytes));
}
