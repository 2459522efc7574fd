// Accounts: browser wallets (polkadot.js extension, Talisman, SubWallet) through
// @polkadot/extension-dapp, and on development chains the well-known dev accounts.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import type { KeyType } from '../lib/voucher';

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

export interface Account {
  address: string;
  name: string;
  /** `dev`: a well-known development key held by the page; `extension`: a browser wallet's. */
  kind: 'dev' | 'extension';
  /** The wallet it comes from (`dev` for the dev accounts). */
  source: string;
  keyType: KeyType;
  pair?: KeyringPair;
}

/** The well-known dev accounts //Alice … //Ferdie (sr25519), for development chains only. */
export async function devAccounts(ss58: number): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58 });
  return DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, kind: 'dev', source: 'dev', keyType: 'sr25519', pair } satisfies Account;
  });
}

export interface WalletAccounts {
  accounts: Account[];
  /** The names of the wallets that answered. */
  wallets: string[];
}

const APP_NAME = 'Lineage';

/** Asks the browser wallets for their accounts (each wallet asks its user the first time). */
export async function walletAccounts(ss58: number): Promise<WalletAccounts> {
  const { web3Enable, web3Accounts } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable(APP_NAME);
  if (extensions.length === 0) return { accounts: [], wallets: [] };
  const injected = await web3Accounts({ ss58Format: ss58 });
  const accounts: Account[] = [];
  for (const a of injected) {
    const type = a.type ?? 'sr25519';
    if (type !== 'sr25519' && type !== 'ed25519' && type !== 'ecdsa') continue; // no Ethereum accounts on Lineage
    accounts.push({
      address: encodeAddress(decodeAddress(a.address), ss58),
      name: a.meta.name ?? 'unnamed',
      kind: 'extension',
      source: a.meta.source,
      keyType: type,
    });
  }
  return { accounts, wallets: extensions.map((e) => e.name) };
}

/** The signer of an extension account. */
export async function extensionSigner(account: Account): Promise<Signer> {
  const { web3FromSource } = await import('@polkadot/extension-dapp');
  const injector = await web3FromSource(account.source);
  if (!injector.signer) throw new Error(`the wallet ${account.source} cannot sign`);
  return injector.signer;
}

/**
 * Signs `payload` as raw bytes: a dev key signs them as they are (as the `lineage` client does), a
 * wallet's signRaw signs them wrapped in <Bytes>…</Bytes>.
 */
export async function signBytes(account: Account, payload: Uint8Array): Promise<{ signature: Uint8Array; wrapped: boolean }> {
  if (account.pair) return { signature: account.pair.sign(payload), wrapped: false };
  const signer = await extensionSigner(account);
  if (!signer.signRaw) throw new Error(`the wallet ${account.source} cannot sign raw bytes`);
  const { signature } = await signer.signRaw({ address: account.address, data: u8aToHex(payload), type: 'bytes' });
  return { signature: hexToU8a(signature), wrapped: true };
}

/** A label for lists: the name, and where the key is. */
export function accountLabel(account: Account): string {
  return account.kind === 'dev' ? `${account.name} (dev account)` : `${account.name} (${account.source})`;
}
