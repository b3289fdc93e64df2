import { defineStrategy } from '../src/strategy-contract/index.js';

/** Fully long from the first bar on: the default baseline every strategy is compared with. */
export const buyAndHold = defineStrategy<Record<string, never>>({
  name: 'buy-and-hold',
  description: 'Fully long from the first bar to the last (the default baseline).',
  params: {},
  warmup: () => 0,
  run(series) {
    return { positions: new Float64Array(series.time.length).fill(1) };
  },
});
