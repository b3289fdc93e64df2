import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stats } from '../backtest/index.js';
import { writeFileAtomic } from '../io/index.js';
import { csvField } from '../report/index.js';

/** A finished trial as kept on disk, so a rerun into the same folder skips it. */
export interface TrialRecord {
  key: string;
  params: Record<string, unknown>;
  seed: number;
  stats: Stats;
  /** Per-bar returns over the evaluation window. */
  returns: Float64Array;
  /** Position held at each bar's close over the window. */
  position: Float64Array;
}

/** Hex SHA-256 of a value's JSON (objects must list their keys in a fixed order). */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** `<out>/trials/<key>.json`: one file per finished trial, written atomically. */
export class TrialStore {
  private readonly folder: string;

  constructor(out: string) {
    this.folder = join(out, 'trials');
    mkdirSync(this.folder, { recursive: true });
  }

  /** The stored trial, or undefined when it is missing or unreadable (then it is rerun). */
  read(key: string): TrialRecord | undefined {
    try {
      const json = JSON.parse(readFileSync(join(this.folder, `${key}.json`), 'utf8'));
      if (json.key !== key) return undefined;
      return { ...json, returns: fromBase64(json.returns), position: fromBase64(json.position) };
    } catch {
      return undefined;
    }
  }

  write(record: TrialRecord): void {
    const returns = toBase64(record.returns);
    const position = toBase64(record.position);
    writeFileAtomic(
      join(this.folder, `${record.key}.json`),
      JSON.stringify({ ...record, returns, position }),
    );
  }
}

/** A Float64Array's bytes as base64: exact, and a third the size of the numbers as text. */
function toBase64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: unknown): Float64Array {
  if (typeof text !== 'string') throw new TypeError('missing series');
  const bytes = Buffer.from(text, 'base64');
  const values = new Float64Array(bytes.length / 8);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

/** The statistics columns of trials.csv: every numeric field of Stats, in its order. */
export function statColumns(stats: Stats): (keyof Stats)[] {
  return (Object.keys(stats) as (keyof Stats)[]).filter((key) => typeof stats[key] !== 'string');
}

/** trials.csv: one row per trial, streamed while the sweep runs and rewritten in trial order at the end. */
export class TrialsCsv {
  constructor(
    private readonly path: string,
    private readonly paramKeys: readonly string[],
  ) {}

  header(stats: Stats): string {
    return [
      'trial',
      'file',
      ...this.paramKeys,
      'seed',
      ...statColumns(stats).map(snakeCase),
      'p_value',
    ].join(',');
  }

  row(index: number, file: string, record: TrialRecord, pValue: number | undefined): string {
    return [
      index,
      file,
      ...this.paramKeys.map((key) => cell(record.params[key])),
      record.seed,
      ...statColumns(record.stats).map((key) => record.stats[key] as number | null),
      pValue,
    ]
      .map((value) => csvField(value as string | number | null | undefined))
      .join(',');
  }

  /** Starts the streamed file with its header. */
  start(header: string): void {
    writeFileAtomic(this.path, `${header}\n`);
  }

  append(line: string): void {
    appendFileSync(this.path, `${line}\n`);
  }

  /** The final file, every row in trial order. */
  finish(header: string, lines: readonly string[]): void {
    writeFileAtomic(this.path, `${[header, ...lines].join('\n')}\n`);
  }
}

function cell(value: unknown): string | number | boolean | null {
  if (value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value);
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
