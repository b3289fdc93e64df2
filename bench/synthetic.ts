import { closeSync, openSync, writeSync } from 'node:fs';
import { type PriceSeries, timeFormatter } from '../src/data/index.js';
import { PythonRandom } from '../src/random/index.js';

const START = Date.UTC(2020, 0, 1);
const MINUTE = 60_000;
const SQRT12 = Math.sqrt(12);

function cents(price: number): number {
  return Math.round(price * 100) / 100;
}

/**
 * Deterministic one-minute OHLCV bars: a log price that reverts slowly to 100 (so a million bars
 * stay between roughly 40 and 250, and a price never reaches zero), prices in cents, volumes whole.
 * Written straight into the series' arrays, so building it leaves no garbage that would blur a
 * child process's memory high-water mark.
 */
export function syntheticSeries(bars: number, seed = 1): PriceSeries {
  const rng = new PythonRandom(seed);
  const time = new Float64Array(bars);
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const close = new Float64Array(bars);
  const volume = new Float64Array(bars);
  const anchor = Math.log(100);
  let logPrice = anchor;
  let previousClose = 100;
  for (let i = 0; i < bars; i++) {
    // Uniform noise scaled to a standard deviation of 0.2% per bar.
    logPrice += 0.001 * (anchor - logPrice) + 0.002 * SQRT12 * (rng.random() - 0.5);
    const c = cents(Math.exp(logPrice));
    const o = cents(previousClose * (1 + 0.0005 * (rng.random() - 0.5)));
    time[i] = START + i * MINUTE;
    open[i] = o;
    close[i] = c;
    high[i] = cents(Math.max(o, c) * (1 + 0.001 * rng.random()));
    low[i] = cents(Math.min(o, c) * (1 - 0.001 * rng.random()));
    volume[i] = 1000 + rng.int(99_000);
    previousClose = c;
  }
  return {
    symbol: 'SYNTH',
    time,
    open,
    high,
    low,
    close,
    volume,
    meta: {
      source: 'synthetic',
      adjusted: false,
      fields: ['open', 'high', 'low', 'close', 'volume'],
      columns: {},
      rowsRead: bars,
      rowsDropped: 0,
      rowsRepaired: 0,
      repairedLines: [],
      warnings: [],
    },
  };
}

/**
 * Long-only targets that move between 0, 0.5 and 1 every 10 to 30 bars (about 20), NaN for a
 * strategy-like warm-up of 50 bars: work for the backtester's trade book, not just its loop.
 */
export function syntheticPositions(bars: number, seed = 2): Float64Array {
  const rng = new PythonRandom(seed);
  const levels = [0, 0.5, 1];
  const targets = new Float64Array(bars).fill(Number.NaN);
  let level = 0;
  let i = Math.min(50, bars);
  while (i < bars) {
    // Step to one of the two other levels.
    level = (level + 1 + rng.int(2)) % levels.length;
    const end = Math.min(bars, i + 10 + rng.int(21));
    targets.fill(levels[level], i, end);
    i = end;
  }
  return targets;
}

/** Rows formatted per write: bounded memory whatever the file's size. */
const CSV_CHUNK_ROWS = 100_000;

/**
 * Writes `syntheticSeries(bars)` as the CSV text `seriesToCsv` gives, in chunks: a 10M-row file
 * (about 540 MB) is longer than the longest string V8 can hold.
 */
export function writeSyntheticCsv(file: string, bars: number, seed = 1): void {
  const series = syntheticSeries(bars, seed);
  const format = timeFormatter(series.time);
  const { open, high, low, close, volume } = series;
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'Date,Open,High,Low,Close,Volume\n');
    for (let from = 0; from < bars; from += CSV_CHUNK_ROWS) {
      const to = Math.min(bars, from + CSV_CHUNK_ROWS);
      let text = '';
      for (let i = from; i < to; i++) {
        text += `${format(series.time[i])},${open[i]},${high[i]},${low[i]},${close[i]},${volume[i]}\n`;
      }
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}
