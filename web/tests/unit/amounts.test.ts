import { expect, test } from '@playwright/test';
import { formatAmount, formatAmountShort, formatPerbill, parseAmount, parsePercent } from '../../src/lib/amounts';

test('plancks are shown in LIN with the chain’s decimals', () => {
  expect(formatAmount(0n, 12, 'LIN')).toBe('0 LIN');
  expect(formatAmount(1n, 12, 'LIN')).toBe('0.000000000001 LIN');
  expect(formatAmount(1_234_567_500_000_000_000n, 12, 'LIN')).toBe('1,234,567.5 LIN');
  expect(formatAmount(-25n * 10n ** 11n, 12)).toBe('-2.5');
  expect(formatAmountShort(1_909_090_909_090n, 12, 'LIN')).toBe('≈1.909 LIN');
  expect(formatAmountShort(2n * 10n ** 12n, 12, 'LIN')).toBe('2 LIN');
});

test('amounts typed by a person', () => {
  const ok = (t: string) => {
    const r = parseAmount(t, 12, 'LIN');
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  expect(ok('1')).toBe(10n ** 12n);
  expect(ok('12.5 LIN')).toBe(12_500_000_000_000n);
  expect(ok('0.000000000001')).toBe(1n);
  expect(ok('1,000')).toBe(1000n * 10n ** 12n);
  expect(ok('.5')).toBe(5n * 10n ** 11n);
  expect(ok('42 plancks')).toBe(42n);
  for (const bad of ['', 'abc', '-1', '1.0000000000001', '1.2.3', 'LIN']) expect(parseAmount(bad, 12, 'LIN').ok, bad).toBe(false);
  const tooPrecise = parseAmount('1.0000000000001', 12, 'LIN');
  expect(!tooPrecise.ok && tooPrecise.error).toContain('At most 12 decimals');
});

test('percentages as parts per billion', () => {
  expect(parsePercent('70')).toEqual({ ok: true, value: 700_000_000 });
  expect(parsePercent('12.5%')).toEqual({ ok: true, value: 125_000_000 });
  expect(parsePercent('0.0000001')).toEqual({ ok: true, value: 1 });
  expect(parsePercent('101').ok).toBe(false);
  expect(parsePercent('1e3').ok).toBe(false);
  expect(formatPerbill(700_000_000)).toBe('70%');
  expect(formatPerbill(333_333_333)).toBe('33.3333333%');
});
