import { runBacktest } from '../../src/backtest/engine.js';
import { type BenchCase, SIZES } from '../context.js';
import { type CaseResult, perRun, perSecond, repeated, repeatsFor, time } from '../harness.js';
import { attachPeakMemory } from '../memory.js';
import { syntheticPositions, syntheticSeries } from '../synthetic.js';

/**
 * The backtest engine with default options (next-open fills, commission, statistics) on
 * precomputed targets that change about every 20 bars.
 */
export const backtest: BenchCase = {
  name: 'backtest',
  async run(context) {
    const results: CaseResult[] = [];
    for (const size of SIZES) {
      context.log(`backtest ${size.label}`);
      const series = syntheticSeries(size.units);
      const targets = syntheticPositions(size.units);
      let trades = 0;
      const repeats = repeatsFor(size.units);
      const sample = await time(
        repeated(() => {
          trades = runBacktest(series, targets).trades.length;
        }, repeats),
        context.runs,
        context.warmups,
      );
      const timing = perRun(sample, repeats);
      results.push({
        name: 'backtest',
        size: size.label,
        contender: 'runBacktest',
        units: size.units,
        timing,
        perSecond: perSecond(size.units, timing.median),
        unit: 'bars',
        extra: { trades, repeatsPerSample: repeats },
      });
    }
    context.log('backtest: peak memory per size');
    await attachPeakMemory('backtest', results);
    return results;
  },
};
