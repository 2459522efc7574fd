// Amounts in plancks (bigint) shown and typed in the chain's unit (LIN, 12 decimals).

/** `plancks` in units with `decimals` places, grouped by thousands, trailing zeros trimmed. */
export function formatAmount(plancks: bigint, decimals: number, symbol?: string): string {
  const negative = plancks < 0n;
  const value = negative ? -plancks : plancks;
  const base = 10n ** BigInt(decimals);
  const whole = (value / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? (value % base).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  const number = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return symbol ? `${number} ${symbol}` : number;
}

/** Like formatAmount, rounded down to at most `places` decimals (for compact labels). */
export function formatAmountShort(plancks: bigint, decimals: number, symbol: string, places = 4): string {
  const cut = 10n ** BigInt(Math.max(0, decimals - places));
  const rounded = (plancks / cut) * cut;
  const text = formatAmount(rounded, decimals, symbol);
  return rounded !== plancks && plancks !== 0n ? `≈${text}` : text;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses an amount typed by a person: `12.5`, `12.5 LIN`, `1,000`; or plancks with the suffix
 * `planck(s)`. Refuses negatives, more decimals than the chain has, and anything else.
 */
export function parseAmount(text: string, decimals: number, symbol: string): Parsed<bigint> {
  let t = text.trim().replace(/_/g, '');
  if (t === '') return { ok: false, error: 'Enter an amount.' };
  const plancks = /^([0-9][0-9,]*)\s*plancks?$/i.exec(t);
  if (plancks) return { ok: true, value: BigInt(plancks[1]!.replace(/,/g, '')) };
  const suffix = new RegExp(`\\s*${symbol}$`, 'i');
  t = t.replace(suffix, '');
  if (t.startsWith('-')) return { ok: false, error: 'The amount cannot be negative.' };
  const m = /^([0-9][0-9,]*|)(?:\.([0-9]*))?$/.exec(t);
  if (!m || (m[1] === '' && !m[2])) return { ok: false, error: `"${text.trim()}" is not an amount: use e.g. 12.5 or 12.5 ${symbol}.` };
  const whole = (m[1] ?? '').replace(/,/g, '') || '0';
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) {
    return { ok: false, error: `At most ${decimals} decimals (1 planck = 10^-${decimals} ${symbol}).` };
  }
  return { ok: true, value: BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0') };
}

/** Parts per billion (Perbill) shown as a percentage, trailing zeros trimmed. */
export function formatPerbill(ppb: number): string {
  return `${formatAmount(BigInt(ppb), 7)}%`;
}

/** A percentage (up to 7 decimals) as parts per billion. */
export function parsePercent(text: string): Parsed<number> {
  const t = text.trim().replace(/%$/, '').trim();
  const m = /^([0-9]+)(?:\.([0-9]{0,7}))?$/.exec(t);
  if (!m) return { ok: false, error: 'Enter a percentage, e.g. 70 or 12.5 (at most 7 decimals).' };
  const ppb = Number(m[1]) * 10_000_000 + Number((m[2] ?? '').padEnd(7, '0') || '0');
  if (ppb > 1_000_000_000) return { ok: false, error: 'At most 100%.' };
  return { ok: true, value: ppb };
}
