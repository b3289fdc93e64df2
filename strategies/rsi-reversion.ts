import { InputError } from '../src/errors.js';
import { rsi } from '../src/indicators/index.js';
import { defineStrategy } from '../src/strategy-contract/index.js';

/** The parameters of rsi-reversion, resolved (see its `params` for meaning and limits). */
export interface RsiReversionParams extends Record<string, unknown> {
  period: number;
  low: number;
  high: number;
}

/** Mean reversion: buy an oversold market, sell it once it is overbought. */
export const rsiReversion = defineStrategy<RsiReversionParams>({
  name: 'rsi-reversion',
  description:
    "Goes long when Wilder's RSI falls below low and exits when it rises above high (with shorts allowed: short above high, cover below low).",
  params: {
    period: { type: 'integer', default: 14, min: 2, description: 'RSI period in bars.' },
    low: {
      type: 'number',
      default: 30,
      min: 0,
      max: 100,
      description: 'Oversold level: enter long below it.',
    },
    high: {
      type: 'number',
      default: 70,
      min: 0,
      max: 100,
      description: 'Overbought level: exit above it.',
    },
  },
  validate({ low, high }) {
    if (low >= high) {
      throw new InputError(`rsi-reversion needs low < high, got low ${low} and high ${high}.`);
    }
  },
  warmup: ({ period }) => period,
  overlays: (series, { period, low, high }) => [
    {
      label: `RSI ${period}`,
      pane: 'indicator',
      values: rsi(series.close, period),
      levels: [low, high],
    },
  ],
  run(series, { period, low, high }, { allowShort }) {
    const bars = series.time.length;
    const strength = rsi(series.close, period);
    const positions = new Float64Array(bars).fill(Number.NaN);
    let position = 0;
    for (let t = 0; t < bars; t++) {
      if (Number.isNaN(strength[t])) continue;
      if (strength[t] < low) position = 1;
      else if (strength[t] > high) position = allowShort ? -1 : 0;
      positions[t] = position;
    }
    return { positions };
  },
});
