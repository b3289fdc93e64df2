/** Numbers straight from CSV bytes, exactly as `Number(text)` would read them. */
import { invisibleNote, quoted } from './shown-text.js';

const DIGIT_0 = 48;
/** Mantissas below 2^53 are exact, so one multiply or divide by an exact power of ten rounds correctly. */
const EXACT_MANTISSA = 2 ** 53;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const STRICT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const decoder = new TextDecoder();

/** Where a scan stopped: `scanDecimal` leaves the position after the last byte it read here. */
export interface ScanStop {
  at: number;
}

/**
 * Reads a plain decimal (`[+-]digits[.digits]`) starting at `pos` and stops at the first other
 * byte (its position left in `stop.at`). NaN when there are no digits or the value would not be
 * exact this way.
 */
export function scanDecimal(bytes: Uint8Array, pos: number, end: number, stop: ScanStop): number {
  let i = pos;
  const sign = i < end ? bytes[i] : 0;
  const negative = sign === 45;
  if (negative || sign === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  while (i < end) {
    const digit = bytes[i] - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
    i++;
  }
  if (i < end && bytes[i] === 46) {
    i++;
    while (i < end) {
      const digit = bytes[i] - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      digits++;
      fraction++;
      i++;
    }
  }
  stop.at = i;
  if (digits === 0 || mantissa >= EXACT_MANTISSA || fraction > 22) return Number.NaN;
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  return negative ? -value : value;
}

/**
 * The decimal number in bytes [start, end), or NaN when the field is not a finite number
 * (empty, `null`, `NaN`, text, `Infinity`). Plain decimals take a fast path that never builds a string.
 */
export function readNumber(bytes: Uint8Array, start: number, end: number): number {
  const stop = { at: start };
  const value = scanDecimal(bytes, start, end, stop);
  return stop.at === end && !Number.isNaN(value) ? value : readNumberSlow(bytes, start, end);
}

/** Exponents, surrounding spaces, long mantissas: rare in price files, so a string is fine here. */
function readNumberSlow(bytes: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(bytes.subarray(start, end)).trim();
  if (!STRICT_NUMBER.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** The same rule for values that arrive as strings (DataFrame cells). */
export function parseNumberText(text: string): number {
  const trimmed = text.trim();
  if (!STRICT_NUMBER.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

const NULL_WORDS = new Set(['', 'null', 'nan', 'na', 'n/a', '#n/a', 'none', 'nil', '-']);

/** `1.234,56`, `1 234,56`, `12,5`: a comma before the decimals, maybe grouped thousands. */
const DECIMAL_COMMA = /^[+-]?(\d{1,3}([. \u00a0']\d{3})+|\d+),\d+$/;
/** `1,234.56`, `1,234`, `12,345,678`: commas grouping thousands. */
const THOUSANDS_COMMA = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** `1.234.567`, `1 234.5`, `1'234.5`: points, spaces or apostrophes grouping thousands. */
const THOUSANDS_OTHER =
  /^[+-]?\d{1,3}([.\u00a0' ]\d{3}){2,}$|^[+-]?\d{1,3}([\u00a0' ]\d{3})+(\.\d+)?$/;

const NUMBER_FORMAT_FIX =
  'numbers must use a point before the decimals and no thousands separators, e.g. 1234.56 (re-export or convert the file that way)';

/**
 * Why a number written with a decimal comma or thousands separators is not read, with the way
 * out (dropping such rows would drop them all); '' when the text is not one.
 */
export function separatorProblem(text: string): string {
  const trimmed = text.trim();
  // "1,234" could be either; both readings are named rather than one guessed.
  if (/^[+-]?\d{1,3},\d{3}$/.test(trimmed)) {
    return `: a comma in a number is either a decimal comma or a thousands separator; ${NUMBER_FORMAT_FIX}`;
  }
  if (THOUSANDS_COMMA.test(trimmed)) {
    return `: it uses commas as thousands separators; ${NUMBER_FORMAT_FIX}`;
  }
  if (DECIMAL_COMMA.test(trimmed)) return `: it uses a decimal comma; ${NUMBER_FORMAT_FIX}`;
  if (THOUSANDS_OTHER.test(trimmed)) return `: it groups thousands; ${NUMBER_FORMAT_FIX}`;
  return '';
}

/**
 * How a value that is not a number reads in an error message: empty, a null marker, a number
 * written with a decimal comma or thousands separators, or other text (escaped and shortened).
 */
export function describeNonNumber(column: string, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return `${column} is empty`;
  if (NULL_WORDS.has(trimmed.toLowerCase()))
    return `${column} is ${quoted(trimmed)} (a missing value)`;
  return `${column} ${quoted(trimmed)} is not a number${separatorProblem(trimmed) || invisibleNote(trimmed)}`;
}

/** True for text that marks a missing value rather than a malformed one. */
export function isMissingText(text: string): boolean {
  return NULL_WORDS.has(text.trim().toLowerCase());
}
