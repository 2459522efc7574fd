// Runs the `lineage` command-line client against a test node.
import { spawnSync } from 'node:child_process';
import { clientBinary } from './node';

export interface CliResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export function lineage(url: string, args: string[]): CliResult {
  const run = spawnSync(clientBinary(), [...args, '--url', url], { encoding: 'utf8', timeout: 120_000 });
  return { ok: run.status === 0, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

/** Runs a command that must succeed; returns its stdout. */
export function lineageOk(url: string, args: string[]): string {
  const r = lineage(url, args);
  if (!r.ok) throw new Error(`lineage ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A command with --json: the JSON on its last line. */
export function lineageJson<T = Record<string, unknown>>(url: string, args: string[]): T {
  const out = lineageOk(url, [...args, '--json']).trim().split('\n');
  return JSON.parse(out[out.length - 1]!) as T;
}
