import { buildFeatures, INDICATOR_FEATURE_SPEC } from '../../src/features/index.js';
import { type BenchCase, SIZES } from '../context.js';
import { type CaseResult, perRun, perSecond, repeated, repeatsFor, time } from '../harness.js';
import { attachPeakMemory } from '../memory.js';
import { syntheticSeries } from '../synthetic.js';

/** The indicator feature spec (16 columns) over synthetic series of 10k, 100k and 1M bars. */
export const features: BenchCase = {
  name: 'features',
  async run(context) {
    const results: CaseResult[] = [];
    for (const size of SIZES) {
      context.log(`features ${size.label}`);
      const series = syntheticSeries(size.units);
      let columns = 0;
      const repeats = repeatsFor(size.units);
      const sample = await time(
        repeated(() => {
          columns = buildFeatures(series, INDICATOR_FEATURE_SPEC).columns.length;
        }, repeats),
        context.runs,
        context.warmups,
      );
      const timing = perRun(sample, repeats);
      results.push({
        name: 'features',
        size: size.label,
        contender: 'buildFeatures',
        units: size.units,
        timing,
        perSecond: perSecond(size.units, timing.median),
        unit: 'rows',
        extra: { columns, repeatsPerSample: repeats },
      });
    }
    context.log('features: peak memory per size');
    await attachPeakMemory('features', results);
    return results;
  },
};
