/**
 * The public loaders: a CSV file (or CSV text, or a DataFrame) in, checked `PriceSeries` out.
 * Deliberately free of danfojs, whose import alone takes over a second.
 */
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { InputError, PriceDataError } from '../errors.js';
import { checkOptions } from '../settings/index.js';
import { parseCsvTable } from './csv-parse.js';
import {
  DATAFRAME_SOURCE,
  type DataFrameLike,
  frameToTable,
  isDataFrameLike,
} from './frame-table.js';
import type { RawTable } from './raw-table.js';
import { LOADER_SETTINGS } from './settings.js';
import { symbolFromPath } from './symbol.js';
import type { LoadOptions, PriceSeries } from './types.js';
import { buildSeries, type SeriesRules } from './validate.js';

export type { DataFrameLike } from './frame-table.js';

const INLINE_SOURCE = 'inline CSV';

/** The options checked against LOADER_SETTINGS, with the rules' defaults filled in. */
function checkLoadOptions<T extends LoadOptions>(options: T): { rules: SeriesRules; options: T } {
  const checked = checkOptions(LOADER_SETTINGS, options);
  const { missing = 'error', invalid = 'error', adjust = true, minRows = 1 } = checked;
  if (!Number.isInteger(minRows) || minRows < 1) {
    throw new InputError(`minRows must be a whole number of at least 1, not ${minRows}`);
  }
  return { rules: { missing, invalid, adjust, minRows }, options: checked };
}

/**
 * Largest price file read (2 GiB less one byte, the most one read can return); about 30 million
 * daily OHLCV rows, three times the 10-million-bar files the toolkit is built for.
 */
export const MAX_PRICE_FILE_BYTES = 2 ** 31 - 1;

/** What a path that is not a regular file is, in words. */
function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a folder';
  if (stats.isFIFO()) return 'it is a named pipe, not a file';
  if (stats.isSocket()) return 'it is a socket, not a file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a file';
  return 'it is not a regular file';
}

async function readSource(source: string): Promise<Uint8Array> {
  try {
    // Checked before reading: /dev/zero never ends and a named pipe blocks until written.
    const stats = await stat(source);
    const problem = notAFile(stats);
    if (problem) throw new InputError(`cannot read price file ${source}: ${problem}`);
    if (stats.size > MAX_PRICE_FILE_BYTES) {
      throw new InputError(
        `cannot read price file ${source}: it has ${stats.size} bytes, more than the ${MAX_PRICE_FILE_BYTES} a price file may have; split it by date or symbol`,
      );
    }
    return await readFile(source);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
    throw new InputError(`cannot read price file ${source}: ${reason}`);
  }
}

async function tableFrom(source: string | DataFrameLike, options: LoadOptions): Promise<RawTable> {
  if (typeof source === 'string') return parseCsvTable(await readSource(source), source, options);
  if (isDataFrameLike(source)) return frameToTable(source, options);
  throw new InputError(
    'loadPrices needs a file path or a DataFrame (an object with columns and values)',
  );
}

function defaultSymbol(source: string, options: LoadOptions): string {
  if (options.symbol !== undefined) return options.symbol;
  if (source === DATAFRAME_SOURCE) return 'DATAFRAME';
  return source === INLINE_SOURCE ? 'INLINE' : symbolFromPath(source);
}

/** Row indices of every symbol, in file order within each symbol (a counting sort). */
function rowsBySymbol(table: RawTable): Int32Array[] {
  const ids = table.symbolId!;
  const counts = new Int32Array(table.symbols.length);
  for (let row = 0; row < table.rows; row++) counts[ids[row]]++;
  const groups = Array.from(counts, (count) => new Int32Array(count));
  const filled = new Int32Array(table.symbols.length);
  for (let row = 0; row < table.rows; row++) {
    const id = ids[row];
    groups[id][filled[id]++] = row;
  }
  return groups;
}

function symbolList(symbols: string[]): string {
  const shown = symbols.slice(0, 5).join(', ');
  return symbols.length > 5 ? `${shown}, ...` : shown;
}

/** How many dropped lines a warning lists. */
const LINES_IN_WARNING = 10;

/**
 * Rows whose symbol is empty belong to no series: refused naming the first line, or with
 * missing: 'drop' left out and counted as dropped in every series loaded from the table.
 */
function withoutEmptySymbol(
  table: RawTable,
  rules: SeriesRules,
): { ids: number[]; groups: Int32Array[]; dropped: number[] } {
  const groups = rowsBySymbol(table);
  const empty = table.symbols.indexOf('');
  const ids = table.symbols.map((_, id) => id).filter((id) => id !== empty);
  if (empty < 0) return { ids, groups, dropped: [] };
  const dropped = Array.from(groups[empty], (row) => table.line[row]);
  if (rules.missing !== 'drop') {
    const fix =
      rules.missing === 'ffill'
        ? "a symbol cannot be filled forward; pass missing: 'drop'"
        : "pass missing: 'drop' to drop such rows";
    throw new PriceDataError(
      table.source,
      dropped[0],
      `the symbol (column ${table.columns.symbol}) is empty, so the row belongs to no series; ${fix}`,
    );
  }
  return { ids, groups, dropped };
}

/** Counts rows dropped outside the series (an empty symbol) in its meta and warnings. */
function countDropped(series: PriceSeries, lines: number[]): PriceSeries {
  if (lines.length === 0) return series;
  const { meta } = series;
  meta.rowsDropped += lines.length;
  meta.repairedLines = [...meta.repairedLines, ...lines].sort((a, b) => a - b).slice(0, 1000);
  const shown = lines.slice(0, LINES_IN_WARNING).join(', ');
  const more =
    lines.length > LINES_IN_WARNING ? ` and ${lines.length - LINES_IN_WARNING} more` : '';
  meta.warnings.push(
    `missing: 'drop' dropped ${lines.length} row${lines.length === 1 ? '' : 's'} with an empty symbol (line${lines.length === 1 ? '' : 's'} ${shown}${more})`,
  );
  return series;
}

function pickOne(table: RawTable, options: LoadOptions, rules: SeriesRules): PriceSeries {
  if (!table.symbolId) return buildSeries(table, null, defaultSymbol(table.source, options), rules);
  const { ids, groups, dropped } = withoutEmptySymbol(table, rules);
  const symbols = ids.map((id) => table.symbols[id]);
  const column = table.columns.symbol;
  let pick = 0;
  if (options.symbol !== undefined) {
    const wanted = options.symbol;
    pick = symbols.indexOf(wanted);
    if (pick < 0) pick = symbols.findIndex((name) => name.toLowerCase() === wanted.toLowerCase());
    if (pick < 0) {
      throw new InputError(
        `${table.source} has no rows for symbol '${wanted}' (column ${column} holds ${symbols.length} symbols: ${symbolList(symbols)})`,
      );
    }
  } else if (symbols.length > 1) {
    throw new InputError(
      `${table.source} holds ${symbols.length} symbols (column ${column}: ${symbolList(symbols)}); pass the symbol option to pick one (e.g. symbol: '${symbols[0]}') or use loadAllSymbols`,
    );
  } else if (symbols.length === 0) {
    throw new PriceDataError(table.source, null, `every row's symbol (column ${column}) is empty`);
  }
  const id = ids[pick];
  return countDropped(buildSeries(table, groups[id], table.symbols[id], rules), dropped);
}

function buildAll(
  table: RawTable,
  options: LoadOptions,
  rules: SeriesRules,
): Map<string, PriceSeries> {
  const all = new Map<string, PriceSeries>();
  if (!table.symbolId) {
    const symbol = defaultSymbol(table.source, options);
    all.set(symbol, buildSeries(table, null, symbol, rules));
    return all;
  }
  const { ids, groups, dropped } = withoutEmptySymbol(table, rules);
  for (const id of ids) {
    const symbol = table.symbols[id];
    all.set(symbol, countDropped(buildSeries(table, groups[id], symbol, rules), dropped));
  }
  return all;
}

/**
 * Loads one price series from a CSV file or a DataFrame. A multi-symbol (long-format) source
 * needs `symbol` unless it holds a single symbol. Bad data throws `PriceDataError` naming the line.
 */
export async function loadPrices(
  source: string | DataFrameLike,
  given: LoadOptions = {},
): Promise<PriceSeries> {
  const { rules, options } = checkLoadOptions(given);
  return pickOne(await tableFrom(source, options), options, rules);
}

/** Loads every symbol of a long-format source (one series for a single-symbol file), keyed by symbol. */
export async function loadAllSymbols(
  source: string | DataFrameLike,
  given: LoadOptions = {},
): Promise<Map<string, PriceSeries>> {
  const { rules, options } = checkLoadOptions(given);
  return buildAll(await tableFrom(source, options), options, rules);
}

/**
 * These symbols (or all) of one long-format file, each loaded from a single read of the file;
 * a symbol the file lacks is bad input.
 */
export async function loadSymbols(
  file: string,
  symbols: 'all' | string[],
  options: LoadOptions = {},
): Promise<PriceSeries[]> {
  const { symbol: _, ...rest } = options;
  const all = await loadAllSymbols(file, rest);
  const wanted = symbols === 'all' ? [...all.keys()] : symbols;
  return wanted.map((symbol) => {
    const loaded = all.get(symbol);
    if (!loaded) {
      throw new InputError(
        `${file} has no rows for symbol '${symbol}' (it holds ${all.size} symbols)`,
      );
    }
    return loaded;
  });
}

export interface ParseOptions extends LoadOptions {
  /** Name used in messages, `meta.source` and the default symbol (default 'inline CSV', symbol INLINE). */
  source?: string;
}

function csvBytes(csv: string | Uint8Array): Uint8Array {
  return typeof csv === 'string' ? new TextEncoder().encode(csv) : csv;
}

/** `loadPrices` for CSV text or bytes already in memory. */
export function parsePrices(csv: string | Uint8Array, given: ParseOptions = {}): PriceSeries {
  const { rules, options } = checkLoadOptions(given);
  const table = parseCsvTable(csvBytes(csv), options.source ?? INLINE_SOURCE, options);
  return pickOne(table, options, rules);
}

/** `loadAllSymbols` for CSV text or bytes already in memory. */
export function parseAllSymbols(
  csv: string | Uint8Array,
  given: ParseOptions = {},
): Map<string, PriceSeries> {
  const { rules, options } = checkLoadOptions(given);
  const table = parseCsvTable(csvBytes(csv), options.source ?? INLINE_SOURCE, options);
  return buildAll(table, options, rules);
}
