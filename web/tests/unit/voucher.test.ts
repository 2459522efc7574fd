import { expect, test } from '@playwright/test';
import { hexToU8a, stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, sha256AsU8a, signatureVerify, sr25519Verify } from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';
import { encodeVoucher, multiSignature, requestHash, signedVoucherJson, voucherPayload, vouchersToJson, wrappedVoucherPayload } from '../../src/lib/voucher';
import { vectors } from './fixtures';

test.beforeAll(async () => {
  await cryptoWaitReady();
});

const voucherOf = (v: (typeof vectors.vouchers)[number]) => ({ genesisHash: v.genesisHash, modelId: v.modelId, requestHash: v.requestHash, maxFee: BigInt(v.maxFee), expiresAt: v.expiresAt });

test('the payload built here is what `lineage voucher sign` signed', () => {
  expect(vectors.vouchers).toHaveLength(2);
  for (const v of vectors.vouchers) {
    expect(v.signed).toBe('raw');
    const signature = hexToU8a(v.signature);
    expect(signature[0]).toBe(1); // MultiSignature::Sr25519
    const key = decodeAddress(v.consumer);
    // sr25519Verify checks these exact bytes (signatureVerify would also accept the wrapped form).
    expect(sr25519Verify(voucherPayload(voucherOf(v)), signature.slice(1), key)).toBe(true);
    // Not over the wrapped bytes, nor over another fee, model or expiry.
    expect(sr25519Verify(wrappedVoucherPayload(voucherOf(v)), signature.slice(1), key)).toBe(false);
    expect(sr25519Verify(voucherPayload({ ...voucherOf(v), maxFee: BigInt(v.maxFee) + 1n }), signature.slice(1), key)).toBe(false);
    expect(sr25519Verify(voucherPayload({ ...voucherOf(v), modelId: v.modelId + 1 }), signature.slice(1), key)).toBe(false);
    expect(sr25519Verify(voucherPayload({ ...voucherOf(v), expiresAt: v.expiresAt + 1 }), signature.slice(1), key)).toBe(false);
  }
});

test('request ids: text by its sha2-256, a 0x hash as it is, as the CLI does', () => {
  expect(vectors.vouchers[0]!.requestHash).toBe(requestHash('req-1'));
  expect(requestHash('req-1')).toBe(u8aToHex(sha256AsU8a(stringToU8a('req-1'))));
  expect(vectors.vouchers[1]!.requestHash).toBe(requestHash(`0x${'ab'.repeat(32)}`));
  expect(requestHash(`0x${'AB'.repeat(32)}`)).toBe(`0x${'ab'.repeat(32)}`);
  expect(requestHash('0x1234')).toBe(u8aToHex(sha256AsU8a(stringToU8a('0x1234'))));
});

test('the JSON has the CLI’s fields in the CLI’s order, and prints the same', () => {
  for (const v of vectors.vouchers) {
    const rebuilt = signedVoucherJson(v.consumer, voucherOf(v), 'raw', hexToU8a(v.signature));
    expect(Object.keys(rebuilt)).toEqual(Object.keys(v));
    expect(rebuilt).toEqual(v);
  }
  expect(JSON.parse(vouchersToJson(vectors.vouchers))).toEqual(vectors.vouchers);
  expect(vouchersToJson(vectors.vouchers)).toContain('\n  {\n    "consumer": ');
});

test('a browser wallet’s signature over <Bytes>…</Bytes> verifies as "wrapped"', () => {
  const ferdie = new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie');
  const v = voucherOf(vectors.vouchers[0]!);
  const signature = ferdie.sign(u8aWrapBytes(voucherPayload(v)));
  expect(u8aToHex(wrappedVoucherPayload(v))).toBe(u8aToHex(u8aWrapBytes(voucherPayload(v))));
  expect(sr25519Verify(wrappedVoucherPayload(v), signature, ferdie.publicKey)).toBe(true);
  expect(sr25519Verify(voucherPayload(v), signature, ferdie.publicKey)).toBe(false);
  expect(signatureVerify(wrappedVoucherPayload(v), signature, ferdie.address).isValid).toBe(true);
  const encoded = multiSignature(signature, 'sr25519');
  expect(encoded).toHaveLength(65);
  expect(encoded[0]).toBe(1);
  expect(multiSignature(encoded, 'sr25519')).toEqual(encoded);
  expect(multiSignature(new Uint8Array(64), 'ed25519')[0]).toBe(0);
  expect(multiSignature(new Uint8Array(65), 'ecdsa')[0]).toBe(2);
  expect(() => multiSignature(new Uint8Array(10), 'sr25519')).toThrow('64 bytes');
});

test('the SCALE encoding: H256, u32, H256, u128, u32 little-endian', () => {
  const encoded = encodeVoucher({ genesisHash: `0x${'07'.repeat(32)}`, modelId: 3, requestHash: `0x${'09'.repeat(32)}`, maxFee: 1000n, expiresAt: 100 });
  expect(encoded).toHaveLength(32 + 4 + 32 + 16 + 4);
  expect(u8aToHex(encoded.slice(32, 36))).toBe('0x03000000');
  expect(u8aToHex(encoded.slice(68, 84))).toBe(`0xe803${'00'.repeat(14)}`);
  expect(u8aToHex(encoded.slice(84))).toBe('0x64000000');
  expect(() => encodeVoucher({ genesisHash: '0x12', modelId: 3, requestHash: `0x${'09'.repeat(32)}`, maxFee: 1n, expiresAt: 1 })).toThrow('genesis hash');
  expect(() => encodeVoucher({ genesisHash: `0x${'07'.repeat(32)}`, modelId: 3, requestHash: `0x${'09'.repeat(32)}`, maxFee: 1n << 128n, expiresAt: 1 })).toThrow('128 bits');
});
