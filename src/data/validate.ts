/**
 * Turns parsed rows into a checked series: missing values, impossible prices and time order, each
 * an error naming the line unless the caller chose a documented repair; then the price adjustment.
 */
import { PriceDataError } from '../errors.js';
import { formatTimestamp } from './dates.js';
import { describeNonNumber, separatorProblem } from './numbers.js';
import { type RawTable, TIME_READ, TIME_UNREADABLE, type ValueField } from './raw-table.js';
import { invisibleNote, quoted } from './shown-text.js';
import { backAdjustSplits, readSplitCell, splitJumpWarning, splitName } from './splits.js';
import type { PriceField, PriceSeries, PriceSeriesMeta } from './types.js';

export interface SeriesRules {
  missing: 'error' | 'drop' | 'ffill';
  invalid: 'error' | 'drop' | 'clamp';
  adjust: boolean;
  minRows: number;
}

/** How many repaired or dropped line numbers meta keeps. */
const MAX_LISTED_LINES = 1000;
/** How many line numbers a warning names before summarising. */
const LINES_IN_WARNING = 10;

const MISSING_HINT = "pass missing: 'drop' or 'ffill' to repair such rows";
const INVALID_HINT = "pass invalid: 'drop' or 'clamp' to repair such rows";

const FIELD_ORDER: ValueField[] = ['open', 'high', 'low', 'close', 'adjClose', 'volume'];

/** Tally of one kind of repair: how many rows and which lines. */
class RepairLog {
  lines: number[] = [];
  add(line: number): void {
    this.lines.push(line);
  }
  get count(): number {
    return this.lines.length;
  }
  describe(what: string): string {
    const shown = this.lines.slice(0, LINES_IN_WARNING).join(', ');
    const more = this.count > LINES_IN_WARNING ? ` and ${this.count - LINES_IN_WARNING} more` : '';
    return `${what} ${this.count} row${this.count === 1 ? '' : 's'} (line${this.count === 1 ? '' : 's'} ${shown}${more})`;
  }
}

function columnLabel(table: RawTable, role: ValueField | 'date'): string {
  const name = table.columns[role];
  return name === undefined || name === '' ? role : name;
}

/** The first impossible-price problem of a row, in words (only called once a row fails a check). */
function invalidProblem(
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
  adjClose: number,
  table: RawTable,
  hasAdjClose: boolean,
): string {
  // Absent open/high/low are copies of close: name only the columns the file has.
  const prices: [string, number][] = [
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
  ];
  if (hasAdjClose) prices.push(['adjusted close', adjClose]);
  const nonPositive = prices.find(
    ([role, value]) =>
      value <= 0 && (role === 'adjusted close' || table.values[role as ValueField]),
  );
  if (nonPositive) return `${nonPositive[0]} is ${nonPositive[1]}; prices must be above 0`;
  if (volume < 0) return `volume is ${volume}; volume cannot be negative`;
  if (high < low) return `high ${high} is below low ${low}`;
  if (open < low || open > high) return `open ${open} is outside [low ${low}, high ${high}]`;
  return `close ${close} is outside [low ${low}, high ${high}]`;
}

/** Builds one series from the rows `rowIndex` of `table` (all rows when null), in file order. */
export function buildSeries(
  table: RawTable,
  rowIndex: Int32Array | null,
  symbol: string,
  rules: SeriesRules,
): PriceSeries {
  const source = table.source;
  const rowCount = rowIndex ? rowIndex.length : table.rows;
  const src = table.values;
  const srcClose = src.close!;
  const srcOpen = src.open ?? srcClose;
  const srcHigh = src.high ?? srcClose;
  const srcLow = src.low ?? srcClose;
  const srcVolume = src.volume ?? null;
  const srcAdj = rules.adjust ? (src.adjClose ?? null) : null;
  const srcSplit = src.split ?? null;

  const time = new Float64Array(rowCount);
  const open = new Float64Array(rowCount);
  const high = new Float64Array(rowCount);
  const low = new Float64Array(rowCount);
  const close = new Float64Array(rowCount);
  const volume = new Float64Array(rowCount);
  const ratio = srcAdj ? new Float64Array(rowCount) : null;
  /** Shares after per share before of a split taking effect on each kept bar (1: none). */
  const shares = srcSplit ? new Float64Array(rowCount) : null;
  /** Splits on dropped rows, carried to the next kept bar so that none is lost. */
  let pendingShares = 1;
  const lines = new Int32Array(rowCount);

  const missingDropped = new RepairLog();
  const missingFilled = new RepairLog();
  const unfillable = new RepairLog();
  const invalidDropped = new RepairLog();
  const invalidClamped = new RepairLog();

  const srcLine = table.line;
  const srcTime = table.time;
  const srcStatus = table.timeStatus;
  /** The first row dropped and why, so that "0 usable rows" can say where and what. */
  let firstDrop: { line: number; problem: string } | undefined;
  let kept = 0;
  for (let k = 0; k < rowCount; k++) {
    const row = rowIndex ? rowIndex[k] : k;
    const line = srcLine[row];
    const timeStatus = srcStatus[row];
    if (srcSplit) pendingShares *= splitShares(table, srcSplit, row, line);
    if (timeStatus !== TIME_READ) {
      const raw = table.cellText(row, 'date').trim();
      const text = quoted(
        table.columns.time ? `${raw} ${table.cellText(row, 'time').trim()}` : raw,
      );
      if (timeStatus === TIME_UNREADABLE) {
        throw new PriceDataError(
          source,
          line,
          `cannot read the date ${text}${invisibleNote(raw)} (dates in this file read as ${table.dateFormat}; set dateFormat if that is wrong)`,
        );
      }
      if (rules.missing === 'drop') {
        missingDropped.add(line);
        firstDrop ??= { line, problem: `the date is missing (${text})` };
        continue;
      }
      const fix =
        rules.missing === 'ffill'
          ? "a date cannot be filled forward; pass missing: 'drop'"
          : "pass missing: 'drop' to drop such rows";
      throw new PriceDataError(source, line, `the date is missing (${text}); ${fix}`);
    }

    let c = srcClose[row];
    let o = srcOpen[row];
    let h = srcHigh[row];
    let l = srcLow[row];
    let v = srcVolume ? srcVolume[row] : 0;
    let a = srcAdj ? srcAdj[row] : 1;
    if (Number.isNaN(o + h + l + c + v + a)) {
      const missingRole = () =>
        FIELD_ORDER.find((f) => {
          const values = f === 'adjClose' ? srcAdj : src[f];
          return values !== null && values !== undefined && Number.isNaN(values[row]);
        })!;
      const missingProblem = () => {
        const role = missingRole();
        return describeNonNumber(columnLabel(table, role), table.cellText(row, role));
      };
      if (rules.missing === 'error') {
        // A decimal comma or thousands separator is in every row: dropping them is no way out.
        const fix = separatorProblem(table.cellText(row, missingRole())) ? '' : `; ${MISSING_HINT}`;
        throw new PriceDataError(source, line, `${missingProblem()}${fix}`);
      }
      if (rules.missing === 'drop') {
        missingDropped.add(line);
        firstDrop ??= { line, problem: missingProblem() };
        continue;
      }
      // ffill: a bar with no data becomes a flat bar at the last known close, with no volume.
      if (Number.isNaN(c)) {
        if (kept === 0) {
          unfillable.add(line);
          firstDrop ??= { line, problem: `${missingProblem()} and nothing earlier fills it` };
          continue;
        }
        c = close[kept - 1];
      }
      if (Number.isNaN(o)) o = c;
      if (Number.isNaN(h)) h = c;
      if (Number.isNaN(l)) l = c;
      if (Number.isNaN(v)) v = 0;
      if (Number.isNaN(a)) {
        if (kept === 0) {
          unfillable.add(line);
          firstDrop ??= { line, problem: `${missingProblem()} and nothing earlier fills it` };
          continue;
        }
        a = ratio![kept - 1] * c;
      }
      missingFilled.add(line);
    }

    // The vendor's ratio for this date, taken before any clamp moves the close.
    const adjustRatio = a / c;
    const positive = o > 0 && h > 0 && l > 0 && c > 0 && a > 0;
    if (!positive || v < 0 || h < l || o < l || o > h || c < l || c > h) {
      if (rules.invalid === 'error') {
        const problem = invalidProblem(o, h, l, c, v, a, table, srcAdj !== null);
        throw new PriceDataError(source, line, `${problem}; ${INVALID_HINT}`);
      }
      const unclampable = v < 0 || !positive;
      if (rules.invalid === 'drop' || unclampable) {
        invalidDropped.add(line);
        firstDrop ??= { line, problem: invalidProblem(o, h, l, c, v, a, table, srcAdj !== null) };
        continue;
      }
      if (h < l) {
        const swap = h;
        h = l;
        l = swap;
      }
      o = Math.min(Math.max(o, l), h);
      c = Math.min(Math.max(c, l), h);
      invalidClamped.add(line);
    }

    time[kept] = srcTime[row];
    open[kept] = o;
    high[kept] = h;
    low[kept] = l;
    close[kept] = c;
    volume[kept] = v;
    if (ratio) ratio[kept] = adjustRatio;
    if (shares) {
      shares[kept] = pendingShares;
      pendingShares = 1;
    }
    lines[kept] = line;
    kept++;
  }

  const warnings: string[] = [];
  const arrays = [
    time,
    open,
    high,
    low,
    close,
    volume,
    lines,
    ...(ratio ? [ratio] : []),
    ...(shares ? [shares] : []),
  ];
  if (checkTimeOrder(source, time, lines, kept)) {
    for (const array of arrays) array.subarray(0, kept).reverse();
    warnings.push('the rows were in reverse time order; they were sorted oldest first');
  }

  if (ratio) {
    // Multiplying every price by the same ratio keeps low <= open, close <= high exactly.
    for (let i = 0; i < kept; i++) {
      const factor = ratio[i];
      open[i] *= factor;
      high[i] *= factor;
      low[i] *= factor;
      close[i] *= factor;
    }
  }

  const splits = shares ? splitAdjustment(table, shares, time, kept, rules, ratio !== null) : null;
  if (splits?.warning) warnings.push(splits.warning);
  if (splits?.applied) backAdjustSplits(shares!, kept, [open, high, low, close], volume);
  const jumps = splitJumpWarning(time, open, close, kept, src.open !== undefined);
  if (jumps) warnings.push(jumps);

  if (kept < rules.minRows) {
    const dropped = rowCount - kept;
    const why = firstDrop
      ? `; ${dropped} row${dropped === 1 ? ' was' : 's were'} dropped, the first (line ${firstDrop.line}) because ${firstDrop.problem}`
      : '';
    throw new PriceDataError(
      source,
      firstDrop?.line ?? null,
      `${symbol} has ${kept} usable row${kept === 1 ? '' : 's'} but at least ${rules.minRows} are needed (minRows)${why}`,
    );
  }

  if (missingDropped.count) warnings.push(missingDropped.describe("missing: 'drop' dropped"));
  if (missingFilled.count) warnings.push(missingFilled.describe("missing: 'ffill' filled"));
  if (unfillable.count) {
    warnings.push(
      unfillable.describe("missing: 'ffill' had nothing earlier to fill from and dropped"),
    );
  }
  if (invalidDropped.count) {
    warnings.push(
      invalidDropped.describe(
        rules.invalid === 'clamp'
          ? "invalid: 'clamp' cannot fix a price <= 0 or a negative volume and dropped"
          : "invalid: 'drop' dropped",
      ),
    );
  }
  if (invalidClamped.count) warnings.push(invalidClamped.describe("invalid: 'clamp' repaired"));

  const fields = (['open', 'high', 'low', 'close', 'volume'] as PriceField[]).filter(
    (field) => src[field] !== undefined,
  );
  warnings.push(...missingFieldWarnings(fields));
  if (fields.includes('volume') && kept > 0 && volume.subarray(0, kept).every((v) => v === 0)) {
    warnings.push(
      `the volume column is 0 on every row: volume-based features (${VOLUME_FEATURES}) are degenerate (constant)`,
    );
  }

  const rowsDropped = missingDropped.count + unfillable.count + invalidDropped.count;
  const rowsRepaired = missingFilled.count + invalidClamped.count;
  const repairedLines = [
    ...missingDropped.lines,
    ...unfillable.lines,
    ...invalidDropped.lines,
    ...missingFilled.lines,
    ...invalidClamped.lines,
  ]
    .sort((a, b) => a - b)
    .slice(0, MAX_LISTED_LINES);
  const trim = (array: Float64Array) => (kept === rowCount ? array : array.slice(0, kept));
  return {
    symbol,
    time: trim(time),
    open: trim(open),
    high: trim(high),
    low: trim(low),
    close: trim(close),
    volume: trim(volume),
    meta: {
      source,
      adjusted: ratio !== null,
      fields,
      columns: { ...table.columns },
      rowsRead: rowCount,
      rowsDropped,
      rowsRepaired,
      repairedLines,
      warnings,
      dateFormat: table.dateFormat,
      ...(splits ? { splits: splits.meta } : {}),
      ...(ratio && kept > 0
        ? {
            adjustment: {
              column: table.columns.adjClose,
              method: 'ratio' as const,
              firstRatio: ratio[0],
              lastRatio: ratio[kept - 1],
            },
          }
        : {}),
    },
  };
}

/** Shares after per share before in a row's split cell (1: none); text that is no ratio is bad input. */
function splitShares(table: RawTable, values: Float64Array, row: number, line: number): number {
  const value = values[row];
  if (value === 0 || value === 1) return 1;
  const text = table.cellText(row, 'split');
  const shares = Number.isNaN(value) ? readSplitCell(text) : value > 0 ? value : Number.NaN;
  if (Number.isNaN(shares)) {
    throw new PriceDataError(
      table.source,
      line,
      `the split column ${quoted(table.columns.split)} holds ${quoted(text.trim())}, which is no split ratio (a number of new shares per old one such as 2 or 0.1, or 2:1, 1:10; empty, 0 or 1 for no split)`,
    );
  }
  return shares;
}

/**
 * What to do with a split column: back-adjust by it, unless the adjusted close already accounts
 * for splits (vendors' adjusted closes do) or adjusting is off, which a warning then says.
 */
function splitAdjustment(
  table: RawTable,
  shares: Float64Array,
  time: Float64Array,
  count: number,
  rules: SeriesRules,
  byAdjustedClose: boolean,
): { applied: boolean; warning: string | null; meta: NonNullable<PriceSeriesMeta['splits']> } {
  const events: { time: number; shares: number }[] = [];
  for (let i = 0; i < count; i++)
    if (shares[i] !== 1) events.push({ time: time[i], shares: shares[i] });
  const column = table.columns.split;
  const applied = events.length > 0 && rules.adjust && !byAdjustedClose;
  const listed = events
    .slice(0, 5)
    .map((event) => `${formatTimestamp(event.time)} ${splitName(event.shares)}`)
    .join(', ');
  const more = events.length > 5 ? ` and ${events.length - 5} more` : '';
  const named = `${events.length} split${events.length === 1 ? '' : 's'} (${listed}${more})`;
  let warning: string | null = null;
  if (events.length > 0 && !rules.adjust) {
    warning = `the split column ${column} lists ${named} that were not applied (adjusting is off), so prices jump at ${events.length === 1 ? 'it' : 'them'}`;
  } else if (events.length > 0 && byAdjustedClose) {
    warning = `the split column ${column} lists ${named}; not applied again, as the adjusted close already accounts for splits`;
  }
  return { applied, warning, meta: { column, applied, events } };
}

/**
 * Throws on duplicate or out-of-order timestamps; returns true when the rows run strictly
 * newest first (a reversed export), which the caller then flips.
 */
function checkTimeOrder(
  source: string,
  time: Float64Array,
  lines: Int32Array,
  count: number,
): boolean {
  let firstBreak = -1;
  for (let i = 1; i < count; i++) {
    if (time[i] <= time[i - 1]) {
      firstBreak = i;
      break;
    }
  }
  if (firstBreak < 0) return false;
  const duplicate = (i: number) =>
    new PriceDataError(
      source,
      lines[i],
      `duplicate timestamp ${formatTimestamp(time[i])} (line ${lines[i - 1]} has the same time)`,
    );
  if (time[firstBreak] === time[firstBreak - 1]) throw duplicate(firstBreak);
  let breaksAt = firstBreak;
  let order = 'oldest first';
  if (firstBreak === 1) {
    let i = 2;
    while (i < count && time[i] < time[i - 1]) i++;
    if (i === count) return true;
    if (time[i] === time[i - 1]) throw duplicate(i);
    breaksAt = i;
    order = 'newest first';
  }
  const i = breaksAt;
  const relation = order === 'oldest first' ? 'earlier' : 'later';
  throw new PriceDataError(
    source,
    lines[i],
    `timestamp ${formatTimestamp(time[i])} is ${relation} than ${formatTimestamp(time[i - 1])} on line ${lines[i - 1]} in rows that otherwise run ${order}; rows must be in time order`,
  );
}

/** Features that read volume; named by both volume warnings. */
const VOLUME_FEATURES = 'mfi, obvChange, volumeRatio';

/** What a close-only (or volume-less) source cannot support, said once per load. */
function missingFieldWarnings(fields: PriceField[]): string[] {
  const warnings: string[] = [];
  if (!fields.includes('open')) {
    warnings.push(
      'no open column: open is a copy of close, so next-open fills and open-based labels use the close',
    );
  }
  if (!fields.includes('high') || !fields.includes('low')) {
    warnings.push(
      'no high/low columns: they are copies of close, so range-based features (atr, stochastic, williamsR, cci, adx, mfi) cannot be computed',
    );
  }
  if (!fields.includes('volume')) {
    warnings.push(
      `no volume column: volume is 0, so volume-based features (${VOLUME_FEATURES}) cannot be computed`,
    );
  }
  return warnings;
}
