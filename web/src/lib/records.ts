// Records as contributors hold them (client/src/records.rs): a file is one record; each non-empty
// line of a JSONL file is one record, its bytes without the line ending. On chain each record is
// the sha2-256 of its bytes.

export interface RecordSource {
  /** The file, or `file:line`. */
  label: string;
  bytes: Uint8Array;
}

/**
 * The records of a JSONL file: each line that is not blank, without its line ending (`\n`, `\r\n`),
 * in order. Throws if the bytes are not UTF-8 text.
 */
export function jsonlRecords(name: string, bytes: Uint8Array): RecordSource[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`${name} is not UTF-8 text`);
  }
  const lines = text.split('\n');
  // A final line ending does not start another line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const encoder = new TextEncoder();
  const out: RecordSource[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r+$/, '');
    if (line.trim() === '') return;
    out.push({ label: `${name}:${i + 1}`, bytes: encoder.encode(line) });
  });
  return out;
}

/** Whether a file is read as JSONL (one record per line) rather than as one record. */
export function isJsonl(name: string): boolean {
  return name.toLowerCase().endsWith('.jsonl');
}
