import type { ReportSeries } from './types.js';

/** Bars shown one by one; a longer backtest is downsampled to this many points. */
export const DISPLAY_BARS = 10_000;

/** Full-resolution columns of the backtested bars (views, NaN = no value). */
export interface DisplayColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  equity: Float64Array;
  baselineEquity: Float64Array;
  drawdown: Float64Array;
  baselineDrawdown: Float64Array;
  position: Float64Array;
  target: Float64Array;
  probability?: Float64Array;
}

type LineName =
  | 'close'
  | 'equity'
  | 'baselineEquity'
  | 'drawdown'
  | 'baselineDrawdown'
  | 'position';
const LINES: readonly LineName[] = [
  'close',
  'equity',
  'baselineEquity',
  'drawdown',
  'baselineDrawdown',
  'position',
];

function finite(name: string, value: number, bar: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Report column ${name} holds ${value} at backtest bar ${bar}.`);
  }
  return value;
}

function nullable(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Every bar as is: the charts show them all. */
function allBars(c: DisplayColumns): ReportSeries {
  const n = c.time.length;
  const column = (name: keyof DisplayColumns & string, values: Float64Array) =>
    Array.from(values, (v, i) => finite(name, v, i));
  const series: ReportSeries = {
    time: column('time', c.time),
    open: column('open', c.open),
    high: column('high', c.high),
    low: column('low', c.low),
    close: column('close', c.close),
    equity: column('equity', c.equity),
    baselineEquity: column('baselineEquity', c.baselineEquity),
    drawdown: column('drawdown', c.drawdown),
    baselineDrawdown: column('baselineDrawdown', c.baselineDrawdown),
    position: column('position', c.position),
    target: Array.from(c.target.subarray(0, n), nullable),
  };
  if (c.probability) series.probability = Array.from(c.probability.subarray(0, n), nullable);
  return series;
}

/**
 * Lowest and highest value of bars [start, end) in the order they happened, written to points
 * 2r and 2r+1; NaN bars are skipped (both null when all are NaN).
 */
function extremes(
  name: string,
  values: Float64Array,
  start: number,
  end: number,
  out: (number | null)[],
  r: number,
  allowMissing: boolean,
): void {
  let lowAt = -1;
  let highAt = -1;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      if (allowMissing) continue;
      finite(name, v, i);
    }
    if (lowAt < 0 || v < values[lowAt]) lowAt = i;
    if (highAt < 0 || v > values[highAt]) highAt = i;
  }
  const low = lowAt < 0 ? null : values[lowAt];
  const high = highAt < 0 ? null : values[highAt];
  out[2 * r] = lowAt <= highAt ? low : high;
  out[2 * r + 1] = lowAt <= highAt ? high : low;
}

function highest(values: Float64Array, start: number, end: number): number {
  let h = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) if (values[i] > h) h = values[i];
  return finite('high', h, start);
}

function lowest(values: Float64Array, start: number, end: number): number {
  let l = Number.POSITIVE_INFINITY;
  for (let i = start; i < end; i++) if (values[i] < l) l = values[i];
  return finite('low', l, start);
}

/**
 * One line with gaps (NaN) shown at the points displaySeries gives for `values.length` bars:
 * every bar up to `limit`, else each run's lowest and highest value in the order they happened.
 */
export function displayLine(values: Float64Array, limit = DISPLAY_BARS): (number | null)[] {
  const n = values.length;
  if (n <= limit) return Array.from(values, nullable);
  const runs = Math.floor(limit / 2);
  const out = new Array<number | null>(2 * runs);
  for (let r = 0; r < runs; r++) {
    const start = Math.floor((r * n) / runs);
    const end = Math.floor(((r + 1) * n) / runs);
    extremes('overlay', values, start, end, out, r, true);
  }
  return out;
}

/**
 * The series for the charts: every bar up to DISPLAY_BARS, else DISPLAY_BARS / 2 equal runs of
 * bars shown as two points each (min/max per run, so a spike or the deepest drawdown is never
 * averaged away). Bounded in size whatever the number of bars.
 */
export function displaySeries(c: DisplayColumns, limit = DISPLAY_BARS): ReportSeries {
  const n = c.time.length;
  if (n <= limit) return allBars(c);
  const runs = Math.floor(limit / 2);
  const points = 2 * runs;
  const line = () => new Array<number>(points);
  const out = {
    time: line(),
    open: line(),
    high: line(),
    low: line(),
    close: line(),
    equity: line(),
    baselineEquity: line(),
    drawdown: line(),
    baselineDrawdown: line(),
    position: line(),
  };
  const target = new Array<number | null>(points);
  const probability = c.probability ? new Array<number | null>(points) : undefined;
  for (let r = 0; r < runs; r++) {
    const start = Math.floor((r * n) / runs);
    const end = Math.floor(((r + 1) * n) / runs);
    const mid = start + ((end - start) >> 1);
    out.time[2 * r] = finite('time', c.time[start], start);
    out.time[2 * r + 1] = finite('time', c.time[mid], mid);
    for (const name of LINES) {
      extremes(name, c[name], start, end, out[name] as (number | null)[], r, false);
    }
    extremes('target', c.target, start, end, target, r, true);
    if (probability && c.probability) {
      extremes('probability', c.probability, start, end, probability, r, true);
    }
    // Candles per half run; the wicks also reach the close shown, so every candle is whole.
    const closeA = out.close[2 * r];
    const closeB = out.close[2 * r + 1];
    out.open[2 * r] = finite('open', c.open[start], start);
    out.high[2 * r] = Math.max(highest(c.high, start, mid), closeA);
    out.low[2 * r] = Math.min(lowest(c.low, start, mid), closeA);
    out.open[2 * r + 1] = closeA;
    out.high[2 * r + 1] = Math.max(highest(c.high, mid, end), closeA, closeB);
    out.low[2 * r + 1] = Math.min(lowest(c.low, mid, end), closeA, closeB);
  }
  const series: ReportSeries = {
    downsampled: { bars: n, runs },
    ...out,
    target,
  };
  if (probability) series.probability = probability;
  return series;
}
