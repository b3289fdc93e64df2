import { InputError } from '../src/errors.js';
import { macd } from '../src/indicators/index.js';
import { defineStrategy } from '../src/strategy-contract/index.js';

/** The parameters of macd-cross, resolved (see its `params` for meaning and limits). */
export interface MacdCrossParams extends Record<string, unknown> {
  fast: number;
  slow: number;
  signal: number;
}

/** Momentum: long while the MACD line (fast EMA - slow EMA) is above its signal line. */
export const macdCross = defineStrategy<MacdCrossParams>({
  name: 'macd-cross',
  description:
    'Long while the MACD line (fast EMA minus slow EMA of closes) is above its signal EMA, flat (short if allowed) otherwise.',
  params: {
    fast: { type: 'integer', default: 12, min: 1, description: 'Fast EMA period in bars.' },
    slow: { type: 'integer', default: 26, min: 2, description: 'Slow EMA period in bars.' },
    signal: {
      type: 'integer',
      default: 9,
      min: 1,
      description: 'Period of the EMA of the MACD line.',
    },
  },
  validate({ fast, slow }) {
    if (fast >= slow) {
      throw new InputError(`macd-cross needs fast < slow, got fast ${fast} and slow ${slow}.`);
    }
  },
  warmup: ({ slow, signal }) => slow + signal - 2,
  overlays(series, { fast, slow, signal }) {
    const { line, signal: signalLine } = macd(series.close, fast, slow, signal);
    return [
      { label: `MACD ${fast},${slow}`, pane: 'indicator', values: line, levels: [0] },
      { label: `Signal ${signal}`, pane: 'indicator', values: signalLine },
    ];
  },
  run(series, { fast, slow, signal }, { allowShort }) {
    const bars = series.time.length;
    const { line, signal: signalLine } = macd(series.close, fast, slow, signal);
    const out = allowShort ? -1 : 0;
    const positions = new Float64Array(bars).fill(Number.NaN);
    for (let t = 0; t < bars; t++) {
      if (Number.isNaN(line[t]) || Number.isNaN(signalLine[t])) continue;
      positions[t] = line[t] > signalLine[t] ? 1 : out;
    }
    return { positions };
  },
});
