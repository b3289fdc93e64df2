import { readNumber } from './numbers.js';
import { invisibleNote, quoted } from './shown-text.js';

/**
 * Reading timestamps straight from CSV bytes. Every reader returns epoch milliseconds (UTC) or NaN
 * when the text does not match; zone-less times are read as UTC.
 */

const DIGIT_0 = 48;
export const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch values at or above this magnitude are milliseconds (1e11 s would be the year 5138). */
export const EPOCH_MS_THRESHOLD = 1e11;

type PatternToken = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'mm' | 'ss' | 'SSS' | 'Z';

interface PatternOp {
  token: PatternToken | null;
  /** Byte to match when token is null. */
  literal: number;
}

export type DateReader =
  | { kind: 'iso'; label: string }
  | { kind: 'epoch'; label: string; unit: 'auto' | 's' | 'ms' }
  | { kind: 'excel'; label: string }
  | { kind: 'pattern'; label: string; ops: PatternOp[]; shape: number };

export const ISO_TIME = 1;
export const ISO_ZONE = 2;

/**
 * Where the date readers stand in the bytes while they read one field: the digit helpers below
 * advance `at`, and `scanIsoDate` leaves in `shape` what it found besides the day (ISO_TIME and
 * ISO_ZONE bits). Whoever parses owns one and passes it in, so reading a field allocates nothing
 * and the module keeps no state between calls.
 */
export class DateCursor {
  at = 0;
  shape = 0;
}

function readDigits(
  c: DateCursor,
  bytes: Uint8Array,
  end: number,
  min: number,
  max: number,
): number {
  let value = 0;
  let count = 0;
  while (c.at < end && count < max) {
    const digit = bytes[c.at] - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    c.at++;
    count++;
  }
  return count < min ? -1 : value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  return (
    daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms
  );
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by counting 400-year eras from a
 * March-based year (so the leap day falls at the end); cheaper than `Date.UTC` per row.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Milliseconds from 1-3+ fraction digits at `c.at` (digits past the third are ignored). */
function readFraction(c: DateCursor, bytes: Uint8Array, end: number): number {
  let ms = 0;
  let scale = 100;
  const start = c.at;
  while (c.at < end) {
    const digit = bytes[c.at] - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    ms += digit * scale;
    scale /= 10;
    c.at++;
  }
  return c.at === start ? -1 : Math.floor(ms);
}

/** Zone offset in minutes from `Z`, `+HH`, `+HHMM` or `+HH:MM` at `c.at`; NaN when malformed. */
function readZone(c: DateCursor, bytes: Uint8Array, end: number): number {
  const sign = bytes[c.at];
  if (sign === 90 || sign === 122) {
    c.at++;
    return 0;
  }
  if (sign !== 43 && sign !== 45) return Number.NaN;
  c.at++;
  const hours = readDigits(c, bytes, end, 2, 2);
  if (hours < 0) return Number.NaN;
  if (c.at < end && bytes[c.at] === 58) c.at++;
  const minutes = c.at < end ? readDigits(c, bytes, end, 2, 2) : 0;
  if (minutes < 0 || hours > 23 || minutes > 59) return Number.NaN;
  const offset = hours * 60 + minutes;
  return sign === 45 ? -offset : offset;
}

/**
 * `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD`, optionally followed by `T` or a space and
 * `HH:MM[:SS[.fff]]` and a zone (`Z`, `+HH:MM`).
 */
function readIsoDate(c: DateCursor, bytes: Uint8Array, start: number, end: number): number {
  const value = scanIsoDate(c, bytes, start, end, true);
  return c.at === end ? value : Number.NaN;
}

/**
 * Reads an ISO date from `start` and stops at the first byte that cannot continue it (left in
 * `c.at`, what it found besides the day in `c.shape`); NaN when what it read is not a valid date. `decimalComma` also takes `,` before
 * the fraction of a second, which is only safe once the field's end is known (in a
 * comma-separated row it ends the field).
 */
export function scanIsoDate(
  c: DateCursor,
  bytes: Uint8Array,
  start: number,
  end: number,
  decimalComma: boolean,
): number {
  c.at = start;
  c.shape = 0;
  const year = readDigits(c, bytes, end, 4, 4);
  if (year < 0 || c.at >= end) return Number.NaN;
  const separator = bytes[c.at];
  if (separator !== 45 && separator !== 47 && separator !== 46) return Number.NaN;
  c.at++;
  const month = readDigits(c, bytes, end, 1, 2);
  if (month < 0 || c.at >= end || bytes[c.at] !== separator) return Number.NaN;
  c.at++;
  const day = readDigits(c, bytes, end, 1, 2);
  if (day < 0) return Number.NaN;
  const between = c.at < end ? bytes[c.at] : 0;
  if (between !== 84 && between !== 32) return utc(year, month, day, 0, 0, 0, 0);
  c.shape = ISO_TIME;
  c.at++;
  const hour = readDigits(c, bytes, end, 1, 2);
  if (hour < 0 || c.at >= end || bytes[c.at] !== 58) return Number.NaN;
  c.at++;
  const minute = readDigits(c, bytes, end, 2, 2);
  if (minute < 0) return Number.NaN;
  let second = 0;
  let ms = 0;
  if (c.at < end && bytes[c.at] === 58) {
    c.at++;
    second = readDigits(c, bytes, end, 2, 2);
    if (second < 0) return Number.NaN;
    if (c.at < end && (bytes[c.at] === 46 || (decimalComma && bytes[c.at] === 44))) {
      c.at++;
      ms = readFraction(c, bytes, end);
      if (ms < 0) return Number.NaN;
    }
  }
  let offsetMinutes = 0;
  const zone = c.at < end ? bytes[c.at] : 0;
  if (zone === 90 || zone === 122 || zone === 43 || zone === 45) {
    c.shape |= ISO_ZONE;
    offsetMinutes = readZone(c, bytes, end);
    if (Number.isNaN(offsetMinutes)) return Number.NaN;
  }
  return utc(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** `H:MM`, `HH:MM`, `HH:MM:SS[.fff]`, `HHMM` or `HHMMSS` as milliseconds after midnight. */
export function readTimeOfDay(
  c: DateCursor,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  c.at = start;
  let hour: number;
  let minute: number;
  let second = 0;
  let ms = 0;
  // Compact HHMM / HHMMSS only when no colon follows a one-digit hour ("9:30" is H:MM).
  const length = end - start;
  if ((length === 4 || length === 6) && bytes[start + 1] !== 58 && bytes[start + 2] !== 58) {
    hour = readDigits(c, bytes, end, 2, 2);
    minute = readDigits(c, bytes, end, 2, 2);
    if (c.at < end) second = readDigits(c, bytes, end, 2, 2);
  } else {
    hour = readDigits(c, bytes, end, 1, 2);
    if (hour < 0 || c.at >= end || bytes[c.at] !== 58) return Number.NaN;
    c.at++;
    minute = readDigits(c, bytes, end, 2, 2);
    if (c.at < end && bytes[c.at] === 58) {
      c.at++;
      second = readDigits(c, bytes, end, 2, 2);
      if (c.at < end && (bytes[c.at] === 46 || bytes[c.at] === 44)) {
        c.at++;
        ms = readFraction(c, bytes, end);
      }
    }
  }
  if (c.at !== end || hour < 0 || minute < 0 || second < 0 || ms < 0) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

const PATTERN_TOKENS: PatternToken[] = [
  'YYYY',
  'SSS',
  'MM',
  'DD',
  'HH',
  'mm',
  'ss',
  'M',
  'D',
  'H',
  'Z',
];

/** Compiles a `dateFormat` such as `DD.MM.YYYY` or `YYYY-MM-DD HH:mm:ss`; throws a message on a bad one. */
export function compileDateFormat(format: string): DateReader {
  if (format === EXCEL_FORMAT) return { kind: 'excel', label: 'excel (Excel serial day numbers)' };
  if (format === 'X') return { kind: 'epoch', label: 'X (epoch seconds)', unit: 's' };
  if (format === 'x') return { kind: 'epoch', label: 'x (epoch milliseconds)', unit: 'ms' };
  const ops: PatternOp[] = [];
  for (let i = 0; i < format.length; ) {
    const char = format[i];
    if (/[A-Za-z]/.test(char) && char !== 'T') {
      let runEnd = i + 1;
      while (format[runEnd] === char) runEnd++;
      const run = format.slice(i, runEnd);
      const token = PATTERN_TOKENS.find((candidate) => candidate === run);
      if (!token) {
        throw new Error(
          `dateFormat '${format}' has an unknown token '${run}'; use YYYY, MM, M, DD, D, HH, H, mm, ss, SSS, Z and literal separators, or X / x for epoch seconds / milliseconds`,
        );
      }
      ops.push({ token, literal: 0 });
      i = runEnd;
      continue;
    }
    const code = format.charCodeAt(i);
    if (code > 127) throw new Error(`dateFormat '${format}' may only use ASCII separators`);
    ops.push({ token: null, literal: code });
    i++;
  }
  const has = (wanted: PatternToken[]) => ops.some((op) => op.token && wanted.includes(op.token));
  if (!has(['YYYY']) || !has(['MM', 'M']) || !has(['DD', 'D'])) {
    throw new Error(`dateFormat '${format}' must contain YYYY, MM (or M) and DD (or D)`);
  }
  const shape = (has(['HH', 'H', 'mm', 'ss', 'SSS']) ? ISO_TIME : 0) | (has(['Z']) ? ISO_ZONE : 0);
  return { kind: 'pattern', label: format, ops, shape };
}

function readPattern(
  c: DateCursor,
  ops: PatternOp[],
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  c.at = start;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offsetMinutes = 0;
  for (const op of ops) {
    if (op.token === null) {
      if (c.at >= end || bytes[c.at] !== op.literal) return Number.NaN;
      c.at++;
      continue;
    }
    let value: number;
    switch (op.token) {
      case 'YYYY':
        value = year = readDigits(c, bytes, end, 4, 4);
        break;
      case 'MM':
        value = month = readDigits(c, bytes, end, 2, 2);
        break;
      case 'M':
        value = month = readDigits(c, bytes, end, 1, 2);
        break;
      case 'DD':
        value = day = readDigits(c, bytes, end, 2, 2);
        break;
      case 'D':
        value = day = readDigits(c, bytes, end, 1, 2);
        break;
      case 'HH':
        value = hour = readDigits(c, bytes, end, 2, 2);
        break;
      case 'H':
        value = hour = readDigits(c, bytes, end, 1, 2);
        break;
      case 'mm':
        value = minute = readDigits(c, bytes, end, 2, 2);
        break;
      case 'ss':
        value = second = readDigits(c, bytes, end, 2, 2);
        break;
      case 'SSS':
        value = ms = readFraction(c, bytes, end);
        break;
      case 'Z':
        offsetMinutes = readZone(c, bytes, end);
        value = Number.isNaN(offsetMinutes) ? -1 : 0;
        break;
    }
    if (value < 0) return Number.NaN;
  }
  if (c.at !== end) return Number.NaN;
  return utc(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function readEpoch(
  unit: 'auto' | 's' | 'ms',
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  const value = readNumber(bytes, start, end);
  const isMs = unit === 'ms' || (unit === 'auto' && Math.abs(value) >= EPOCH_MS_THRESHOLD);
  return Math.round(isMs ? value : value * 1000);
}

/** The dateFormat of Excel serial dates: days since 1899-12-30, the fraction is the time of day. */
export const EXCEL_FORMAT = 'excel';
/** 1899-12-30, Excel's day 0 (its day 60 is the 1900-02-29 that never was, so later days line up). */
const EXCEL_DAY_ZERO = daysFromCivil(1899, 12, 30);

/**
 * Auto-detected epoch seconds below this (1973-03-03) are not taken for dates: market data
 * stamped in epoch seconds starts later, while Excel serial dates (36526 = 2000-01-01) and row
 * indexes (0, 1, 2, ...) are small numbers that would otherwise read as moments of 1970.
 */
export const SMALLEST_AUTO_EPOCH_SECONDS = 1e8;

/** Why small numbers in a date column are refused, with the way out. */
export function notADateProblem(first: number, second: number | undefined): string {
  const isIndex = Number.isInteger(first) && first >= 0 && first <= 1 && second === first + 1;
  if (isIndex) {
    return `the date column holds ${first}, ${second}, ... which look like row numbers, not dates; a price file needs a column of dates or times`;
  }
  const day = formatTimestamp((EXCEL_DAY_ZERO + first) * DAY_MS);
  if (first >= 1 && first < 2_958_466) {
    return `the date column holds ${first}, too small for epoch seconds (it would be 1970); if these are Excel serial dates (${first} = ${day}), pass dateFormat: '${EXCEL_FORMAT}', or dateFormat: 'X' if they really are epoch seconds`;
  }
  return `the date column holds ${first}, too small for epoch seconds (it would be 1970); pass dateFormat: 'X' if they really are epoch seconds`;
}

/** Reads one date field with a detected or compiled reader; NaN when it does not match. */
export function readDate(
  c: DateCursor,
  reader: DateReader,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  switch (reader.kind) {
    case 'iso':
      return readIsoDate(c, bytes, start, end);
    case 'epoch':
      return readEpoch(reader.unit, bytes, start, end);
    case 'excel': {
      const days = readNumber(bytes, start, end);
      return Math.round((EXCEL_DAY_ZERO + days) * DAY_MS);
    }
    case 'pattern':
      return readPattern(c, reader.ops, bytes, start, end);
  }
}

const ISO_LIKE = /^\d{4}([-/.])\d{1,2}\1\d{1,2}([T ]|$)/;
const DAY_MONTH_AMBIGUOUS = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(\D|$)/;

/**
 * Chooses a reader from the first date in a file, or explains why it cannot: formats where the
 * day and month could be swapped are refused rather than guessed.
 */
export function detectDateReader(sample: string): DateReader | string {
  const text = sample.trim();
  if (ISO_LIKE.test(text)) return { kind: 'iso', label: 'ISO (YYYY-MM-DD[ HH:MM:SS][zone])' };
  if (NUMBER_PATTERN.test(text)) {
    if (/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(text)) {
      return `date ${quoted(text)} could be YYYYMMDD or epoch seconds; pass dateFormat: 'YYYYMMDD' or dateFormat: 'X'`;
    }
    return { kind: 'epoch', label: 'epoch seconds or milliseconds (by magnitude)', unit: 'auto' };
  }
  const ambiguous = DAY_MONTH_AMBIGUOUS.exec(text);
  if (ambiguous) {
    const sep = ambiguous[2];
    if (ambiguous[4].length === 2) {
      return `date ${quoted(text)} has a two-digit year and no clear day/month order; four-digit years are needed (dateFormat: 'DD${sep}MM${sep}YYYY')`;
    }
    return `date ${quoted(text)} is ambiguous (day${sep}month or month${sep}day); pass dateFormat, e.g. dateFormat: 'DD${sep}MM${sep}YYYY' or 'MM${sep}DD${sep}YYYY'`;
  }
  return `date ${quoted(text)} is not in a recognised format${invisibleNote(text)}; pass dateFormat, e.g. dateFormat: 'DD.MM.YYYY HH:mm'`;
}

/** `YYYY-MM-DD` when the time is midnight UTC, else `YYYY-MM-DD HH:MM:SS[.sss]` (UTC); for messages. */
export function formatTimestamp(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const iso = new Date(ms).toISOString();
  if (ms % DAY_MS === 0) return iso.slice(0, 10);
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return text.endsWith('.000') ? text.slice(0, 19) : text;
}
