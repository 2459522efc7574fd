import { expect, test } from '@playwright/test';
import { isJsonl, jsonlRecords } from '../../src/lib/records';

const text = (records: { bytes: Uint8Array }[]) => records.map((r) => new TextDecoder().decode(r.bytes));

test('each non-blank line is a record, without its line ending', () => {
  const bytes = new TextEncoder().encode('{"a":1}\r\n\n   \n{"b":2}\n  {"c":3}  \r\n{"d":4}');
  const records = jsonlRecords('x.jsonl', bytes);
  expect(text(records)).toEqual(['{"a":1}', '{"b":2}', '  {"c":3}  ', '{"d":4}']);
  expect(records.map((r) => r.label)).toEqual(['x.jsonl:1', 'x.jsonl:4', 'x.jsonl:5', 'x.jsonl:6']);
});

test('a final line ending starts no record; an empty file has none', () => {
  expect(text(jsonlRecords('x.jsonl', new TextEncoder().encode('one\ntwo\n')))).toEqual(['one', 'two']);
  expect(jsonlRecords('x.jsonl', new Uint8Array())).toEqual([]);
});

test('a byte order mark stays part of the first record (as the CLI hashes it)', () => {
  const records = jsonlRecords('x.jsonl', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
  expect(Array.from(records[0]!.bytes)).toEqual([0xef, 0xbb, 0xbf, 0x61]);
});

test('bytes that are not UTF-8 are refused', () => {
  expect(() => jsonlRecords('bad.jsonl', new Uint8Array([0x61, 0xff, 0x0a]))).toThrow('bad.jsonl is not UTF-8 text');
});

test('.jsonl files are read line by line, others whole', () => {
  expect(isJsonl('data.JSONL')).toBe(true);
  expect(isJsonl('data.json')).toBe(false);
});
