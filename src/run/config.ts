import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import {
  VERDICT_SETTINGS,
  type VerdictSettingName,
  type VerdictSettings,
} from '../backtest/index.js';
import { InputError } from '../errors.js';
import { parseDateBound } from './dates.js';
import { TIMEOUT_SECONDS } from './limits.js';
import { CHECK_LOOKAHEAD_SETTING } from './lookahead-check.js';
import { looksLikeStrategyPath } from './strategy-file.js';

export type OutputFormat = 'table' | 'json';

/** The loader options a config can set (see LoadOptions in src/data). */
export interface LoaderConfig {
  missing?: 'error' | 'drop' | 'ffill';
  invalid?: 'error' | 'drop' | 'clamp';
  dateFormat?: string;
  columns?: string[];
  adjust?: boolean;
}

/**
 * A validated backtest config. Paths are already resolved against the config file's folder. The
 * verdict settings (`confidence`, `trials`) are keyed as in VERDICT_SETTINGS.
 */
export interface BacktestConfig extends Partial<VerdictSettings> {
  /** The config file itself. */
  file: string;
  /** Config file name without extension: the default output folder is runs/<name>. */
  name: string;
  description?: string;
  data: string[];
  symbol?: string;
  strategy: string;
  params: Record<string, unknown>;
  baseline: string;
  baselineParams: Record<string, unknown>;
  from?: string;
  to?: string;
  fill?: 'open' | 'close';
  commission?: number;
  slippageBps?: number;
  fixedFee?: number;
  allowShort?: boolean;
  wholeUnits?: boolean;
  initialCash?: number;
  riskFreeRate?: number;
  periodsPerYear?: number;
  seed?: number;
  seeds?: number;
  threads?: number;
  resamples?: number;
  checkLookahead?: boolean;
  /** Seconds a strategy run may take. */
  timeout?: number;
  loader: LoaderConfig;
  out?: string;
  html?: boolean;
  format?: OutputFormat;
  /** Settings of `nn-timing sweep` (grid, random, metric), checked by the sweep. */
  sweep?: Record<string, unknown>;
}

type Check = (value: unknown, key: string) => unknown;

const MAX_SEED = 2 ** 32 - 1;

const TOP_LEVEL: Record<string, Check> = {
  description: string(),
  data: stringList(),
  symbol: string(),
  strategy: string(),
  params: object(),
  baseline: string(),
  baselineParams: object(),
  from: date('from'),
  to: date('to'),
  fill: oneOf(['open', 'close']),
  commission: number(0, 1),
  slippageBps: number(0, 10_000),
  fixedFee: number(0, Number.MAX_VALUE),
  allowShort: boolean(),
  wholeUnits: boolean(),
  initialCash: number(Number.MIN_VALUE, Number.MAX_VALUE),
  riskFreeRate: number(-0.99, 1),
  periodsPerYear: number(Number.MIN_VALUE, Number.MAX_VALUE),
  seed: integer(0, MAX_SEED),
  seeds: integer(1, 1000),
  threads: integer(1, 256),
  resamples: integer(1, 1_000_000),
  [CHECK_LOOKAHEAD_SETTING.key]: boolean(),
  ...verdictChecks(),
  timeout: number(TIMEOUT_SECONDS.min, TIMEOUT_SECONDS.max),
  loader: object(),
  out: string(),
  html: boolean(),
  format: oneOf(['table', 'json']),
  sweep: object(),
};

const LOADER: Record<string, Check> = {
  missing: oneOf(['error', 'drop', 'ffill']),
  invalid: oneOf(['error', 'drop', 'clamp']),
  dateFormat: string(),
  columns: columnList(),
  adjust: boolean(),
};

/** Reads and validates a backtest config file. */
export function loadBacktestConfig(file: string): BacktestConfig {
  let text: string;
  try {
    // A device or a named pipe would never end or block: only regular files are read.
    if (!statSync(file).isFile()) throw new InputError(`config file ${file} is not a regular file`);
    // Editors on Windows save a byte-order mark that JSON.parse refuses.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read config file ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new InputError(`${file}: key "${duplicate}" appears twice (JSON keeps only the last)`);
  }
  return validateBacktestConfig(json, file);
}

/**
 * Checks a parsed config: unknown keys, wrong types and out-of-range values are InputErrors that
 * name the key and the file. Data, strategy, baseline and output paths resolve relative to the
 * config file, so a config works from any working directory.
 */
export function validateBacktestConfig(json: unknown, file: string): BacktestConfig {
  const fail = (problem: string) => new InputError(`${file}: ${problem}`);
  if (!isRecord(json)) throw fail('a backtest config must be a JSON object');
  const values = checkKeys(json, TOP_LEVEL, '', fail);
  const loader = checkKeys(
    (values.loader as Record<string, unknown>) ?? {},
    LOADER,
    'loader.',
    fail,
  );
  if (values.data === undefined) throw fail('"data" is required (a CSV path or a list of them)');
  if (values.strategy === undefined)
    throw fail('"strategy" is required (a built-in name or a file path)');
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (
    from !== undefined &&
    to !== undefined &&
    parseDateBound(from, 'from') > parseDateBound(to, 'to')
  ) {
    throw fail(`"from" (${from}) is after "to" (${to})`);
  }
  const folder = dirname(resolve(file));
  const inFolder = (path: string) => fromWorkingFolder(resolve(folder, path));
  const strategyRef = (spec: string) => (looksLikeStrategyPath(spec) ? inFolder(spec) : spec);
  return {
    ...(values as Partial<BacktestConfig>),
    file,
    name: basename(file, extname(file)),
    data: (values.data as string[]).map(inFolder),
    strategy: strategyRef(values.strategy as string),
    params: (values.params as Record<string, unknown>) ?? {},
    baseline: strategyRef((values.baseline as string) ?? 'buy-and-hold'),
    baselineParams: (values.baselineParams as Record<string, unknown>) ?? {},
    loader: loader as LoaderConfig,
    out: values.out === undefined ? undefined : inFolder(values.out as string),
  };
}

/** Paths under the working folder are shown relative to it (shorter in reports); others stay absolute. */
function fromWorkingFolder(path: string): string {
  const short = relative(process.cwd(), path);
  return short !== '' && !short.startsWith('..') && !isAbsolute(short) ? short : path;
}

function checkKeys(
  json: Record<string, unknown>,
  checks: Record<string, Check>,
  prefix: string,
  fail: (problem: string) => InputError,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    // Own keys only: "constructor" or "__proto__" must not reach Object.prototype's members.
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (!check) {
      throw fail(`unknown key "${prefix}${key}" (allowed: ${Object.keys(checks).join(', ')})`);
    }
    try {
      out[key] = check(value, key);
    } catch (error) {
      if (error instanceof TypeError) throw fail(`"${prefix}${key}" ${error.message}`);
      throw error;
    }
  }
  return out;
}

// Each check throws a TypeError whose message completes the sentence '"key" ...'.

function verdictChecks(): Record<VerdictSettingName, Check> {
  const names = Object.keys(VERDICT_SETTINGS) as VerdictSettingName[];
  return Object.fromEntries(
    names.map((name) => {
      const { valid, rule } = VERDICT_SETTINGS[name];
      const check: Check = (value) => {
        if (typeof value !== 'number' || !valid(value)) throw new TypeError(`must be ${rule}`);
        return value;
      };
      return [name, check];
    }),
  ) as Record<VerdictSettingName, Check>;
}

function string(): Check {
  return (value) => {
    if (typeof value !== 'string' || value.trim() === '')
      throw new TypeError('must be a non-empty string');
    return value;
  };
}

function stringList(): Check {
  return (value) => {
    const list = typeof value === 'string' ? [value] : value;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((item) => typeof item !== 'string' || item.trim() === '')
    ) {
      throw new TypeError('must be a non-empty string or a non-empty list of strings');
    }
    return list;
  };
}

/** Column names: a list, or one string split at commas as `--columns` does. */
function columnList(): Check {
  const list = stringList();
  return (value, key) =>
    list(typeof value === 'string' ? value.split(',').map((name) => name.trim()) : value, key);
}

function object(): Check {
  return (value) => {
    if (!isRecord(value)) throw new TypeError('must be an object');
    return value;
  };
}

function boolean(): Check {
  return (value) => {
    if (typeof value !== 'boolean') throw new TypeError('must be true or false');
    return value;
  };
}

function oneOf(allowed: readonly string[]): Check {
  return (value) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new TypeError(`must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    return value;
  };
}

function number(min: number, max: number): Check {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new TypeError('must be a number');
    if (value < min || value > max) throw new TypeError(`must be ${describeRange(min, max)}`);
    return value;
  };
}

function integer(min: number, max: number): Check {
  return (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new TypeError('must be an integer');
    if (value < min || value > max) throw new TypeError(`must be ${describeRange(min, max)}`);
    return value;
  };
}

function date(bound: 'from' | 'to'): Check {
  return (value) => {
    if (typeof value !== 'string') throw new TypeError('must be a date string (YYYY-MM-DD)');
    try {
      parseDateBound(value, bound);
    } catch {
      throw new TypeError(`must be a date like 2010-01-31 or 2010-01-31 14:00, not "${value}"`);
    }
    return value;
  };
}

function describeRange(min: number, max: number): string {
  if (max === Number.MAX_VALUE)
    return min === Number.MIN_VALUE ? 'greater than 0' : `at least ${min}`;
  return `between ${min} and ${max}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The dotted path of the first key that an object in `text` (valid JSON) repeats, or undefined.
 * JSON.parse silently keeps the last of two equal keys, so a scan of the text is the only way to see them.
 */
function firstDuplicateKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  // Parallel to `open`: the current key of each object, "[]" for an array.
  const path: string[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const keys = open[open.length - 1] as Set<string>;
        if (keys.has(key)) return [...path.slice(0, -1), key].join('.');
        keys.add(key);
        path[path.length - 1] = key;
        expectKey = false;
      }
      i = end;
    } else if (char === '{') {
      open.push(new Set());
      path.push('');
      expectKey = true;
    } else if (char === '[') {
      open.push(null);
      path.push('[]');
    } else if (char === '}' || char === ']') {
      open.pop();
      path.pop();
    } else if (char === ',') {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}
