import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { BACKTEST_SETTINGS, COMPARE_SETTINGS, VERDICT_SETTINGS } from '../backtest/index.js';
import { LOADER_SETTINGS } from '../data/index.js';
import { InputError } from '../errors.js';
import {
  checkSection,
  objectSetting,
  type Settings,
  type SettingValues,
} from '../settings/index.js';
import { parseDateBound } from './dates.js';
import { JOB_SETTINGS, RUN_SETTINGS } from './settings.js';
import { looksLikeStrategyPath } from './strategy-file.js';

export type { OutputFormat } from './settings.js';

/** The config's `loader` section: the loader's settings but `symbol`, which sits at the top level. */
const { symbol, ...loaderSection } = LOADER_SETTINGS;
export const CONFIG_LOADER_SETTINGS = loaderSection;

/**
 * A config file's keys: the settings of a run, its job, its backtest, the comparison's
 * resamples and verdict, the symbol, and two sections checked by their own surfaces.
 */
export const CONFIG_SETTINGS = {
  ...RUN_SETTINGS,
  ...JOB_SETTINGS,
  ...BACKTEST_SETTINGS,
  resamples: COMPARE_SETTINGS.resamples,
  ...VERDICT_SETTINGS,
  symbol,
  loader: objectSetting({ help: 'how the CSV files are read (LOADER_SETTINGS but symbol)' }),
  sweep: objectSetting({ help: 'settings of `nn-timing sweep`, checked by the sweep' }),
} satisfies Settings;

/** The loader options a config can set (see LoadOptions in src/data). */
export type LoaderConfig = Partial<SettingValues<typeof CONFIG_LOADER_SETTINGS>>;

type ConfigValues = Partial<SettingValues<typeof CONFIG_SETTINGS>>;

/** A validated backtest config. Paths are already resolved against the config file's folder. */
export interface BacktestConfig
  extends Omit<
    ConfigValues,
    'data' | 'strategy' | 'params' | 'baseline' | 'baselineParams' | 'loader'
  > {
  /** The config file itself. */
  file: string;
  /** Config file name without extension: the default output folder is runs/<name>. */
  name: string;
  data: string[];
  strategy: string;
  params: Record<string, unknown>;
  baseline: string;
  baselineParams: Record<string, unknown>;
  loader: LoaderConfig;
}

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
  const values = checkSection(json, CONFIG_SETTINGS, '', fail) as ConfigValues;
  const loader = checkSection(
    values.loader ?? {},
    CONFIG_LOADER_SETTINGS,
    'loader.',
    fail,
  ) as LoaderConfig;
  if (values.data === undefined) throw fail('"data" is required (a CSV path or a list of them)');
  if (values.strategy === undefined)
    throw fail('"strategy" is required (a built-in name or a file path)');
  const { from, to } = values;
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
    ...values,
    file,
    name: basename(file, extname(file)),
    data: values.data.map(inFolder),
    strategy: strategyRef(values.strategy),
    params: values.params ?? {},
    baseline: strategyRef(values.baseline ?? RUN_SETTINGS.baseline.default),
    baselineParams: values.baselineParams ?? {},
    loader,
    out: values.out === undefined ? undefined : inFolder(values.out),
  };
}

/** Paths under the working folder are shown relative to it (shorter in reports); others stay absolute. */
function fromWorkingFolder(path: string): string {
  const short = relative(process.cwd(), path);
  return short !== '' && !short.startsWith('..') && !isAbsolute(short) ? short : path;
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
