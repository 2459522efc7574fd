// Inference vouchers (lineage_primitives::voucher) and the JSON `lineage voucher sign` prints and
// `lineage infer` reads (client/src/vouchers.rs, SignedVoucher).
import { hexToU8a, isHex, stringToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { sha256AsU8a } from '@polkadot/util-crypto';

export const VOUCHER_CONTEXT = 'lineage/inference-voucher/v1';

export interface InferenceVoucher {
  genesisHash: string; // 0x + 64 hex digits
  modelId: number; // u32
  requestHash: string; // 0x + 64 hex digits
  maxFee: bigint; // u128, plancks
  expiresAt: number; // u32, the first block it is void in
}

function fixed(hex: string, bytes: number, what: string): Uint8Array {
  if (!isHex(hex) || hexToU8a(hex).length !== bytes) throw new Error(`${what} must be 0x and ${bytes * 2} hex digits`);
  return hexToU8a(hex);
}

function uintLe(value: bigint, bytes: number, what: string): Uint8Array {
  if (value < 0n || value >= 1n << BigInt(bytes * 8)) throw new Error(`${what} does not fit in ${bytes * 8} bits`);
  const out = new Uint8Array(bytes);
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** SCALE(InferenceVoucher): H256, u32, H256, u128, u32. */
export function encodeVoucher(v: InferenceVoucher): Uint8Array {
  return u8aConcat(
    fixed(v.genesisHash, 32, 'the genesis hash'),
    uintLe(BigInt(v.modelId), 4, 'the model id'),
    fixed(v.requestHash, 32, 'the request hash'),
    uintLe(v.maxFee, 16, 'the maximum fee'),
    uintLe(BigInt(v.expiresAt), 4, 'the expiry block'),
  );
}

/** The bytes a consumer signs: the context, then the SCALE-encoded voucher. */
export function voucherPayload(v: InferenceVoucher): Uint8Array {
  return u8aConcat(stringToU8a(VOUCHER_CONTEXT), encodeVoucher(v));
}

/** The payload as browser wallets sign it (signRaw): inside <Bytes>…</Bytes>. */
export function wrappedVoucherPayload(v: InferenceVoucher): Uint8Array {
  return u8aWrapBytes(voucherPayload(v));
}

/** A request id: 0x and 64 hex digits as it is, any other text by its sha2-256 (as the CLI does). */
export function requestHash(request: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(request)) return request.toLowerCase();
  return u8aToHex(sha256AsU8a(stringToU8a(request)));
}

export type KeyType = 'sr25519' | 'ed25519' | 'ecdsa';
const MULTI_SIGNATURE_INDEX: Record<KeyType, number> = { ed25519: 0, sr25519: 1, ecdsa: 2 };
const SIGNATURE_LENGTH: Record<KeyType, number> = { ed25519: 64, sr25519: 64, ecdsa: 65 };

/**
 * The SCALE-encoded MultiSignature of a signature: wallets return the bare signature of `signRaw`
 * (64 or 65 bytes), some with the variant byte in front already.
 */
export function multiSignature(signature: Uint8Array, type: KeyType): Uint8Array {
  const index = MULTI_SIGNATURE_INDEX[type];
  const length = SIGNATURE_LENGTH[type];
  if (signature.length === length) return u8aConcat(new Uint8Array([index]), signature);
  if (signature.length === length + 1 && signature[0] === index) return signature;
  throw new Error(`a ${type} signature has ${length} bytes, not ${signature.length}`);
}

/** A signed voucher as JSON: field for field what `lineage voucher sign` prints. */
export interface SignedVoucherJson {
  consumer: string;
  genesisHash: string;
  modelId: number;
  requestHash: string;
  maxFee: string;
  expiresAt: number;
  signed: 'raw' | 'wrapped';
  signature: string;
}

export function signedVoucherJson(
  consumer: string,
  voucher: InferenceVoucher,
  signed: 'raw' | 'wrapped',
  encodedMultiSignature: Uint8Array,
): SignedVoucherJson {
  return {
    consumer,
    genesisHash: voucher.genesisHash.toLowerCase(),
    modelId: voucher.modelId,
    requestHash: voucher.requestHash.toLowerCase(),
    maxFee: voucher.maxFee.toString(),
    expiresAt: voucher.expiresAt,
    signed,
    signature: u8aToHex(encodedMultiSignature),
  };
}

/** Pretty-printed like serde_json::to_string_pretty (two spaces). */
export function vouchersToJson(vouchers: SignedVoucherJson[]): string {
  return JSON.stringify(vouchers, null, 2);
}
