import { createPriceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';
import type { FeatureSpec } from '../../src/features/types.js';
import { PythonRandom } from '../../src/random/python-random.js';

const DAY = 86_400_000;
/** 2001-01-01, a Monday; weekends are skipped so the bars look like a trading calendar. */
const START = Date.UTC(2001, 0, 1);

function tradingDays(bars: number): number[] {
  const time: number[] = [];
  for (let t = START; time.length < bars; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) time.push(t);
  }
  return time;
}

function gaussian(rng: PythonRandom): number {
  // Box-Muller; 1 - random() keeps the log argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
}

/**
 * Daily bars whose next return depends on a visible regime when `edge` > 0: if the close is
 * above its close 5 bars ago, the next bar's return has mean -edge, otherwise +edge (noise
 * sd 1%; mean reversion, so the price does not trend and buy-and-hold gains only the drift). With edge 0 it is a pure random walk with a small drift. open[t] = close[t-1], so
 * the next-open label at t (open[t+1] -> open[t+2]) is exactly the return of bar t+1.
 */
export function syntheticSeries(
  bars: number,
  seed: number,
  edge: number,
  drift = 0.0003,
): PriceSeries {
  const rng = new PythonRandom(seed);
  const close = new Float64Array(bars);
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const volume = new Float64Array(bars);
  let price = 100;
  for (let t = 0; t < bars; t++) {
    const regime = t >= 6 ? (close[t - 1] > close[t - 6] ? -1 : 1) : 0;
    const ret = drift + regime * edge + 0.01 * gaussian(rng);
    open[t] = price;
    price *= Math.exp(ret);
    close[t] = price;
    high[t] = Math.max(open[t], close[t]) * (1 + 0.002 * rng.random());
    low[t] = Math.min(open[t], close[t]) * (1 - 0.002 * rng.random());
    volume[t] = 1e6 * (0.5 + rng.random());
  }
  return createPriceSeries({ time: tradingDays(bars), open, high, low, close, volume }, 'SYNTH', {
    fields: ['open', 'high', 'low', 'close', 'volume'],
  });
}

/** A few inputs that can see the planted regime (ret_5) and some that cannot. */
export const SMALL_FEATURES: FeatureSpec = [
  { kind: 'returns', lags: [1, 5] },
  { kind: 'rsi', period: 14 },
];

/** nn-timing parameters small enough for tests: 3 inputs, 4 hidden, short windows. */
export const SMALL_NN = {
  features: SMALL_FEATURES,
  trainBars: 250,
  testBars: 50,
  hidden: 4,
  epochs: 30,
  patience: 5,
};
