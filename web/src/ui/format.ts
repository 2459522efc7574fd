// Short forms of addresses and hashes, with the full value in a title and for copying.
import { h } from './dom';

export function shortHash(hash: string, keep = 8): string {
  return hash.length > keep * 2 + 4 ? `${hash.slice(0, keep + 2)}…${hash.slice(-keep)}` : hash;
}

export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/** A hash shown short; the full one in its title and in the text copied. */
export function hashEl(hash: string, keep = 8): HTMLElement {
  return h('code', { class: 'hash', title: hash, 'data-full': hash }, shortHash(hash, keep));
}

/** An account: a known name, or the short address; "you" for the selected one. */
export function accountEl(address: string, names: Map<string, string>, me?: string): HTMLElement {
  const name = names.get(address);
  const label = `${name ?? shortAddress(address)}${address === me ? ' (you)' : ''}`;
  return h('span', { class: 'account', title: address, 'data-address': address }, label);
}
