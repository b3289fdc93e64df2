import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseResult } from './harness.js';

/** What every case gets from the runner. */
export interface BenchContext {
  /** Timed runs per measurement (5, or 3 with --quick). */
  runs: number;
  /** Untimed runs before them. */
  warmups: number;
  /** The repository root (holds package.json, data/ and bench/). */
  root: string;
  /** Progress lines, to stderr so that stdout keeps only the tables. */
  log: (message: string) => void;
}

export interface BenchCase {
  /** Name used on the command line and in results.json, e.g. 'csv-load'. */
  name: string;
  run(context: BenchContext): Promise<CaseResult[]>;
}

/** The nearest folder above this module that holds package.json: the same from bench/ and dist/bench/. */
export function repoRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('bench: cannot find the repository root');
    folder = parent;
  }
  return folder;
}

/** Sizes of the sized cases: growth shows between them. */
export const SIZES = [
  { label: '10k', units: 10_000 },
  { label: '100k', units: 100_000 },
  { label: '1M', units: 1_000_000 },
] as const;

/** Sizes of the `scale` case: whole runs on generated one-minute files, up to ten million bars. */
export const SCALE_SIZES = [
  { label: '1M', units: 1_000_000 },
  { label: '2M', units: 2_000_000 },
  { label: '5M', units: 5_000_000 },
  { label: '10M', units: 10_000_000 },
] as const;
