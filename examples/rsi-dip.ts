// A strategy of your own, built on the indicators nn-timing exports. Run it with
//   npx nn-timing backtest data/spy-1993-2023.csv --strategy examples/rsi-dip.ts --param below=35
//   npx nn-timing check examples/rsi-dip.ts
import { defineStrategy, rsi } from 'nn-timing';

export default defineStrategy<{ period: number; below: number; above: number }>({
  name: 'rsi-dip',
  description: 'Buys when the RSI dips below `below`, sells when it recovers above `above`.',
  params: {
    period: { type: 'integer', default: 14, min: 2, description: 'RSI period in bars.' },
    below: { type: 'number', default: 40, min: 0, max: 100, description: 'Buy below this RSI.' },
    above: { type: 'number', default: 55, min: 0, max: 100, description: 'Sell above this RSI.' },
  },
  warmup: ({ period }) => period,
  run(series, { period, below, above }) {
    const strength = rsi(series.close, period);
    const positions = new Float64Array(strength.length).fill(Number.NaN);
    let held = 0;
    // The decision at bar t reads the RSI up to bar t only.
    for (let t = period; t < positions.length; t++) {
      if (strength[t] < below) held = 1;
      else if (strength[t] > above) held = 0;
      positions[t] = held;
    }
    return { positions };
  },
});
