/** Finding the price columns in a header: case-insensitive, by common aliases, in any order. */
import { quoted } from './shown-text.js';

export type ColumnRole =
  | 'date'
  | 'time'
  | 'open'
  | 'high'
  | 'low'
  | 'close'
  | 'adjClose'
  | 'volume'
  | 'split'
  | 'symbol';

/** Aliases after normalising (lower case, letters and digits only), best first. */
const ALIASES: Record<Exclude<ColumnRole, 'time'>, string[]> = {
  date: ['date', 'datetime', 'timestamp', 'time'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last', 'price'],
  adjClose: ['adjclose', 'adjustedclose', 'adj'],
  volume: ['volume', 'vol', 'v'],
  split: [
    'splitcoefficient',
    'splitratio',
    'splitfactor',
    'stocksplits',
    'stocksplit',
    'splits',
    'split',
  ],
  symbol: ['symbol', 'ticker', 'name'],
};

/** Roles whose columns must be unique; date (Date plus Time) and symbol (Ticker plus Name) may repeat. */
const PRICE_ROLES = ['open', 'high', 'low', 'close', 'adjClose', 'volume', 'split'] as const;

/** Header names a pandas index column gets when written without a name. */
const UNNAMED_INDEX = ['', 'unnamed0', 'index'];

/** Most header names a message lists. */
const NAMES_SHOWN = 20;

/** The header for a message: unnamed columns said, each name escaped and shortened, the list capped. */
function shownNames(names: string[]): string {
  const shown = names
    .slice(0, NAMES_SHOWN)
    .map((name) => (name === '' ? '(unnamed)' : shownName(name)));
  if (names.length > NAMES_SHOWN) shown.push(`... (${names.length} columns)`);
  return shown.join(', ');
}

function shownName(name: string): string {
  const text = quoted(name);
  return text === `"${name}"` ? name : text;
}

/** Roles whose names are not one word. */
const ROLE_WORDS: Partial<Record<ColumnRole, string>> = { adjClose: 'adjusted close' };

export type ColumnMap = Partial<Record<ColumnRole, number>>;

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function findColumn(normalised: string[], aliases: string[], taken: Set<number>): number {
  for (const alias of aliases) {
    const index = normalised.findIndex((name, i) => name === alias && !taken.has(i));
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Maps roles to column indices. A `time` column is the separate time of day when a `date` column
 * exists, else it is the timestamp itself; with no date-like name, an unnamed first column (a
 * pandas index) is the date. Returns a problem sentence when date or close cannot be found.
 */
export function matchColumns(names: string[]): ColumnMap | string {
  const normalised = names.map(normaliseName);
  const shown = shownNames(names);
  // Two columns that both read as one price (Close and close, Close and Price) leave which one the
  // numbers come from to column order; refuse rather than guess.
  for (const role of PRICE_ROLES) {
    const same = names.filter((_, i) => ALIASES[role].includes(normalised[i]));
    if (same.length > 1) {
      return `columns ${same.map(shownName).join(' and ')} both read as the ${ROLE_WORDS[role] ?? role} column; keep one (rename or drop the other); columns are: ${shown}`;
    }
  }
  const taken = new Set<number>();
  const map: ColumnMap = {};
  for (const role of Object.keys(ALIASES) as Exclude<ColumnRole, 'time'>[]) {
    const index = findColumn(normalised, ALIASES[role], taken);
    if (index >= 0) {
      map[role] = index;
      taken.add(index);
    }
  }
  if (map.date !== undefined && normalised[map.date] === 'date') {
    const time = findColumn(normalised, ['time'], taken);
    if (time >= 0) map.time = time;
  }
  if (map.date === undefined && UNNAMED_INDEX.includes(normalised[0]) && !taken.has(0)) {
    map.date = 0;
  }
  if (map.date === undefined) {
    return `no date column (looked for Date, Datetime, Timestamp, Time or an unnamed first column); columns are: ${shown}`;
  }
  if (map.close === undefined) {
    return `no close column (looked for Close, C, Last, Price); columns are: ${shown}`;
  }
  return map;
}
