import { SMA } from 'technicalindicators';
import { InputError } from '../src/errors.js';
import { defineStrategy } from '../src/strategy/define.js';
import { alignToBars } from './indicators.js';

export interface SmaCrossParams extends Record<string, unknown> {
  fast: number;
  slow: number;
}

function sma(close: Float64Array, period: number): Float64Array {
  return alignToBars(SMA.calculate({ period, values: Array.from(close) }), close.length);
}

/** Trend following: long while the fast SMA of closes is above the slow one. */
export const smaCross = defineStrategy<SmaCrossParams>({
  name: 'sma-cross',
  description:
    'Long while the fast simple moving average of closes is above the slow one, flat (short if allowed) otherwise.',
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
  run(series, { fast, slow }, { allowShort }) {
    const bars = series.time.length;
    const fastLine = sma(series.close, fast);
    const slowLine = sma(series.close, slow);
    const out = allowShort ? -1 : 0;
    const positions = new Float64Array(bars).fill(Number.NaN);
    for (let t = slow - 1; t < bars; t++) {
      positions[t] = fastLine[t] > slowLine[t] ? 1 : out;
    }
    return { positions };
  },
});
