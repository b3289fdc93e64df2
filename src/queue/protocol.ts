import { createHash } from 'node:crypto';
import type { BacktestOptions, Stats } from '../backtest/index.js';
import type { LoadOptions } from '../data/index.js';

/**
 * What travels through Redis between a coordinator and its workers: jobs naming their inputs
 * (a content hash, a built-in strategy name or a strategy file's name and hash, parameters, a
 * seed) and results (statistics and per-bar returns). Never code, never paths to run. Anything
 * read back from Redis is checked here before use, since whoever can write to the queue is not
 * trusted.
 */

/** Every key this tool writes starts with this prefix (BullMQ's queues included). */
export const KEY_PREFIX = 'nn-timing';
/** The one BullMQ queue of trials; a job's id is its trial key. */
export const QUEUE_NAME = 'trials';
export const PROTOCOL_VERSION = 1;

/**
 * Retries: a crash or a lost worker is retried (3 attempts, backoff from 1 s); deterministic
 * failures and strategies out of time skip the retries (see `skipsRetries`). Finished jobs are kept: they are the results
 * a restarted coordinator resumes from, until `nn-timing queue clear`.
 */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: false,
  removeOnFail: false,
} as const;

/** Errors that would recur on any worker: bad input, a refused parameter, a strategy mismatch. */
const DETERMINISTIC = new Set(['InputError', 'PriceDataError', 'ProtocolError']);

export function isDeterministic(error: unknown): boolean {
  return error instanceof Error && DETERMINISTIC.has(error.name);
}

/**
 * Failures another attempt would only repeat: the deterministic ones, and a strategy that ran
 * past its time limit (it would hang again, on any worker, for the whole limit).
 */
export function skipsRetries(error: unknown): boolean {
  return isDeterministic(error) || (error instanceof Error && error.name === 'StrategyTimeout');
}

/** A failed job's reason ("InputError: …") names a deterministic failure. */
export function isDeterministicReason(reason: string): boolean {
  return DETERMINISTIC.has(reason.slice(0, reason.indexOf(':')));
}

/** A job or result that does not follow the protocol. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** `<prefix>:blob:<sha256>`: an input file's bytes, published once by the coordinator. */
export function blobKey(sha256: string): string {
  return `${KEY_PREFIX}:blob:${sha256}`;
}

/** The set of names with jobs in the queue, sweeps and backtests alike. */
export const SWEEPS_KEY = `${KEY_PREFIX}:sweeps`;

/** Those of them that are backtests; the rest are sweeps. */
export const BACKTESTS_KEY = `${KEY_PREFIX}:backtests`;

/** `<prefix>:sweep:<name>`: the job ids (trial keys) and blobs a named sweep enqueued. */
export function sweepJobsKey(name: string): string {
  return `${KEY_PREFIX}:sweep:${name}:jobs`;
}

export function sweepBlobsKey(name: string): string {
  return `${KEY_PREFIX}:sweep:${name}:blobs`;
}

/** Any text made into a valid sweep name (letters, digits, . _ -). */
export function queueName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return name === '' ? 'sweep' : name;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A built-in strategy by name, or a file the worker has under its --strategies-dir. */
export type StrategyRef = { builtin: string } | { file: string; sha256: string };

export interface TrialJob {
  v: typeof PROTOCOL_VERSION;
  /** The sweep's name, for `queue status` and `queue clear`. */
  sweep: string;
  /** The trial key (also the job id): data, strategy, parameters, seed and options. */
  key: string;
  /** The input file: its SHA-256 (the blob to fetch), its file name (for the symbol and messages). */
  input: { sha256: string; name: string; load: LoadOptions };
  from: string | null;
  to: string | null;
  /** First bar of the evaluation window. */
  start: number;
  backtest: BacktestOptions;
  strategy: StrategyRef;
  params: Record<string, unknown>;
  seed: number;
}

export interface TrialResult {
  v: typeof PROTOCOL_VERSION;
  key: string;
  /** `host:pid` of the worker that ran it. */
  worker: string;
  stats: Stats;
  /** Per-bar returns and positions, little-endian float64, base64. */
  returns: string;
  position: string;
}

export const HEX64 = /^[0-9a-f]{64}$/;
/** Sweep names and strategy file names: no separators, no dot-dot, nothing a shell or path reads. */
export const NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const STRATEGY_FILE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\.(ts|mts|mjs|js)$/;
const SHORT_TEXT = 256;

type FieldType = 'string' | 'number' | 'boolean' | 'strings' | 'integer';

/** The load options a job may carry, by type; the loader checks their values. */
export const LOAD_FIELDS: Record<keyof LoadOptions, FieldType> = {
  symbol: 'string',
  missing: 'string',
  invalid: 'string',
  dateFormat: 'string',
  columns: 'strings',
  adjust: 'boolean',
  minRows: 'integer',
};

/** The backtest options a job may carry, by type; the backtester checks their values. */
const BACKTEST_FIELDS: Record<keyof BacktestOptions, FieldType> = {
  fill: 'string',
  commission: 'number',
  fixedFee: 'number',
  slippageBps: 'number',
  allowShort: 'boolean',
  wholeUnits: 'boolean',
  initialCash: 'number',
  periodsPerYear: 'number',
  riskFreeRate: 'number',
};

/** A job's payload, checked field by field; anything else is a ProtocolError. */
export function checkTrialJob(data: unknown): TrialJob {
  const job = record(data, 'job');
  exactKeys(
    job,
    ['v', 'sweep', 'key', 'input', 'from', 'to', 'start', 'backtest', 'strategy', 'params', 'seed'],
    'job',
  );
  const { strategy, params, seed, ...where } = checkJobCore(job);
  return {
    ...where,
    start: integer(job.start, 'start'),
    backtest: fields(job.backtest, BACKTEST_FIELDS, 'backtest') as BacktestOptions,
    strategy,
    params,
    seed,
  };
}

/**
 * The fields every job kind shares (version, names, input, dates, strategy, parameters, seed),
 * checked once for both: a trial job and a run job differ only in what they add.
 */
export function checkJobCore(job: Record<string, unknown>) {
  checkVersion(job.v);
  const input = record(job.input, 'input');
  exactKeys(input, ['sha256', 'name', 'load'], 'input');
  return {
    v: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
    sweep: matching(job.sweep, NAME, 'sweep'),
    key: matching(job.key, HEX64, 'key'),
    input: {
      sha256: matching(input.sha256, HEX64, 'input.sha256'),
      name: matching(input.name, NAME, 'input.name'),
      load: fields(input.load, LOAD_FIELDS, 'input.load') as LoadOptions,
    },
    from: job.from === null ? null : text(job.from, 'from'),
    to: job.to === null ? null : text(job.to, 'to'),
    strategy: checkStrategyRef(job.strategy),
    params: jsonRecord(job.params, 'params'),
    seed: integer(job.seed, 'seed'),
  };
}

export function checkVersion(version: unknown): void {
  if (version !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      `job protocol version ${String(version)}, this worker speaks ${PROTOCOL_VERSION}: run the same nn-timing version everywhere`,
    );
  }
}

export function checkStrategyRef(value: unknown): StrategyRef {
  const strategy = record(value, 'strategy');
  if ('builtin' in strategy) {
    exactKeys(strategy, ['builtin'], 'strategy');
    return { builtin: matching(strategy.builtin, NAME, 'strategy.builtin') };
  }
  exactKeys(strategy, ['file', 'sha256'], 'strategy');
  return {
    file: matching(strategy.file, STRATEGY_FILE, 'strategy.file'),
    sha256: matching(strategy.sha256, HEX64, 'strategy.sha256'),
  };
}

/** A finished trial as a job's return value. */
export function encodeResult(key: string, worker: string, outcome: TrialSeries): TrialResult {
  return {
    v: PROTOCOL_VERSION,
    key,
    worker,
    stats: outcome.stats,
    returns: toBase64(outcome.returns),
    position: toBase64(outcome.position),
  };
}

/** What a trial yields besides its index. */
export interface TrialSeries {
  stats: Stats;
  returns: Float64Array;
  position: Float64Array;
}

export function toBase64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Float64 values from base64: `bars` of them, or (undefined) any whole number of them. */
export function fromBase64(value: unknown, bars: number | undefined, where: string): Float64Array {
  const bytes = Buffer.from(text(value, where, Number.MAX_SAFE_INTEGER), 'base64');
  if (bars === undefined ? bytes.length % 8 !== 0 : bytes.length !== bars * 8) {
    throw new ProtocolError(`${where} has ${bytes.length / 8} values, expected ${bars ?? 'whole'}`);
  }
  const values = new Float64Array(bytes.length / 8);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

/**
 * A job's return value checked against the trial it should answer: the same key, `bars` returns,
 * statistics that are numbers (or null, or the one text field).
 */
export function decodeResult(
  value: unknown,
  key: string,
  bars: number,
): TrialSeries & { worker: string } {
  const result = record(typeof value === 'string' ? parseJson(value) : value, 'result');
  exactKeys(result, ['v', 'key', 'worker', 'stats', 'returns', 'position'], 'result');
  if (result.key !== key)
    throw new ProtocolError(`result for trial ${String(result.key)}, not ${key}`);
  const stats = record(result.stats, 'result.stats');
  for (const [name, field] of Object.entries(stats)) {
    if (!(field === null || typeof field === 'number' || typeof field === 'string')) {
      throw new ProtocolError(`result.stats.${name} is not a number`);
    }
  }
  return {
    worker: text(result.worker, 'result.worker'),
    stats: stats as unknown as Stats,
    returns: fromBase64(result.returns, bars, 'result.returns'),
    position: fromBase64(result.position, bars, 'result.position'),
  };
}

export function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new ProtocolError('result is not JSON');
  }
}

export function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError(`${where} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function exactKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
  where: string,
): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new ProtocolError(`${where} has an unknown field "${key}"`);
  }
  for (const key of keys) {
    if (!(key in value)) throw new ProtocolError(`${where} lacks "${key}"`);
  }
}

export function text(value: unknown, where: string, max = SHORT_TEXT): string {
  if (typeof value !== 'string' || value.length > max) {
    throw new ProtocolError(`${where} must be a text of at most ${max} characters`);
  }
  return value;
}

export function matching(value: unknown, pattern: RegExp, where: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ProtocolError(`${where} is malformed`);
  }
  return value;
}

export function integer(value: unknown, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new ProtocolError(`${where} must be a whole number >= 0`);
  }
  return value as number;
}

export function fields(
  value: unknown,
  types: Record<string, FieldType>,
  where: string,
): Record<string, unknown> {
  const given = record(value, where);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(given)) {
    const type = Object.hasOwn(types, key) ? types[key] : undefined;
    if (type === undefined) throw new ProtocolError(`${where} has an unknown field "${key}"`);
    const ok =
      type === 'strings'
        ? Array.isArray(field) &&
          field.length <= 1000 &&
          field.every((item) => typeof item === 'string' && item.length <= SHORT_TEXT)
        : type === 'integer'
          ? Number.isSafeInteger(field)
          : type === 'number'
            ? typeof field === 'number' && Number.isFinite(field)
            : typeof field === type &&
              (type !== 'string' || (field as string).length <= SHORT_TEXT);
    if (!ok)
      throw new ProtocolError(
        `${where}.${key} must be ${type === 'strings' ? 'a list of texts' : `a ${type}`}`,
      );
    out[key] = field;
  }
  return out;
}

/** Parameters: plain JSON (the strategy's own checks then apply), small and shallow. */
export function jsonRecord(value: unknown, where: string): Record<string, unknown> {
  const given = record(value, where);
  let budget = 10_000;
  const check = (item: unknown, depth: number): void => {
    if (--budget < 0 || depth > 8) throw new ProtocolError(`${where} is too large`);
    if (item === null || typeof item === 'boolean') return;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new ProtocolError(`${where} holds a non-finite number`);
      return;
    }
    if (typeof item === 'string') {
      text(item, where, 10_000);
      return;
    }
    if (Array.isArray(item)) {
      for (const element of item) check(element, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(record(item, where))) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new ProtocolError(`${where} has a forbidden key "${key}"`);
      }
      check(inner, depth + 1);
    }
  };
  check(given, 0);
  return given;
}
