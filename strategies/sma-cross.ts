import { InputError } from '../src/errors.js';
import { sma } from '../src/indicators/index.js';
import { defineStrategy } from '../src/strategy-contract/index.js';

/** The parameters of sma-cross, resolved (see its `params` for meaning and limits). */
export interface SmaCrossParams extends Record<string, unknown> {
  fast: number;
  slow: number;
}

/**
 * Trend following on crossovers: long from the bar where the fast SMA of closes crosses above the
 * slow one, flat (or short) from the bar where it crosses below, flat before the first crossover.
 * Trading crossings rather than the level is what SMA-crossover samples elsewhere do, so their
 * published runs can be reproduced.
 */
export const smaCross = defineStrategy<SmaCrossParams>({
  name: 'sma-cross',
  description:
    'Goes long when the fast simple moving average of closes crosses above the slow one and flat (short if allowed) when it crosses below; flat before the first crossover.',
  params: {
    fast: { type: 'integer', default: 50, min: 1, description: 'Fast SMA period in bars.' },
    slow: { type: 'integer', default: 200, min: 2, description: 'Slow SMA period in bars.' },
  },
  validate({ fast, slow }) {
    if (fast >= slow) {
      throw new InputError(`sma-cross needs fast < slow, got fast ${fast} and slow ${slow}.`);
    }
  },
  warmup: ({ slow }) => slow - 1,
  overlays: (series, { fast, slow }) => [
    { label: `SMA ${fast}`, pane: 'price', values: sma(series.close, fast) },
    { label: `SMA ${slow}`, pane: 'price', values: sma(series.close, slow) },
  ],
  run(series, { fast, slow }, { allowShort, memo }) {
    const bars = series.time.length;
    // In a sweep each period's SMA is computed once and shared by every grid point that uses it.
    const line = (period: number) =>
      memo ? memo(`sma:${period}`, () => sma(series.close, period)) : sma(series.close, period);
    const fastLine = line(fast);
    const slowLine = line(slow);
    const out = allowShort ? -1 : 0;
    const positions = new Float64Array(bars).fill(Number.NaN);
    let held = 0;
    if (bars >= slow) positions[slow - 1] = held;
    for (let t = slow; t < bars; t++) {
      const above = fastLine[t] - slowLine[t];
      const before = fastLine[t - 1] - slowLine[t - 1];
      if (above > 0 && before <= 0) held = 1;
      else if (above < 0 && before >= 0) held = out;
      positions[t] = held;
    }
    return { positions };
  },
});
