import { createPriceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';
import type { FeatureSpec } from '../../src/features/types.js';
import { PythonRandom } from '../../src/random/python-random.js';

const DAY = 86_400_000;
export const START = Date.UTC(2020, 0, 1);

export interface RandomSeriesOptions {
  /** Bars [from, to) repeat one price with zero range, as in a halted or illiquid market. */
  flat?: [number, number];
  /** Whole-number volumes, as most exchanges report. */
  wholeVolume?: boolean;
}

/** A valid random OHLCV walk (daily bars from 2020-01-01), reproducible by seed. */
export function randomSeries(
  bars: number,
  seed = 7,
  options: RandomSeriesOptions = {},
): PriceSeries {
  const rng = new PythonRandom(seed);
  const time: number[] = [];
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  let price = 50 + rng.random() * 100;
  for (let bar = 0; bar < bars; bar++) {
    const flat = options.flat && bar >= options.flat[0] && bar < options.flat[1];
    const o = flat ? price : price * Math.exp(rng.uniform(-0.005, 0.005));
    const c = flat ? price : o * Math.exp(rng.uniform(-0.03, 0.03));
    time.push(START + bar * DAY);
    open.push(o);
    close.push(c);
    high.push(flat ? price : Math.max(o, c) * (1 + rng.uniform(0, 0.01)));
    low.push(flat ? price : Math.min(o, c) * (1 - rng.uniform(0, 0.01)));
    const v = rng.uniform(1e5, 5e5);
    volume.push(options.wholeVolume ? Math.round(v) : v);
    price = c;
  }
  return createPriceSeries({ time, open, high, low, close, volume }, 'RAND');
}

/** A series from closes only (open/high/low copies of close, no volume), one bar a day. */
export function closeSeries(close: number[]): PriceSeries {
  return createPriceSeries({ time: close.map((_, i) => START + i * DAY), close }, 'CLOSE');
}

/** A series from explicit OHLCV arrays, one bar a day. */
export function ohlcvSeries(arrays: {
  open?: number[];
  high?: number[];
  low?: number[];
  close: number[];
  volume?: number[];
}): PriceSeries {
  return createPriceSeries(
    { time: arrays.close.map((_, i) => START + i * DAY), ...arrays },
    'HAND',
  );
}

/** One entry of every kind, with small periods. */
export const EVERY_KIND: FeatureSpec = [
  { kind: 'returns', lags: [1, 3] },
  { kind: 'logReturns', lags: [2] },
  { kind: 'sign', lags: [1, 2] },
  { kind: 'smaRatio', period: 5 },
  { kind: 'emaRatio', period: 5 },
  { kind: 'rsi', period: 6 },
  { kind: 'macd', fast: 4, slow: 9, signal: 3 },
  { kind: 'bbands', period: 7, stdDev: 1.5 },
  { kind: 'atr', period: 6 },
  { kind: 'stochastic', period: 6, signal: 3 },
  { kind: 'williamsR', period: 6 },
  { kind: 'roc', period: 4 },
  { kind: 'cci', period: 7 },
  { kind: 'adx', period: 5 },
  { kind: 'mfi', period: 6 },
  { kind: 'obvChange', period: 5 },
  { kind: 'volatility', period: 6 },
  { kind: 'volumeRatio', period: 5 },
];
