/**
 * Tuning harness for nn-timing's defaults: the power benchmark's planted sign-persistence paths
 * (bench/power.ts), each run through nn-timing with parameter overrides and judged against
 * buy-and-hold with and without costs, exactly as the power table judges it.
 *
 * Seeds: tuning paths use TUNING_SEEDS (1000..1999) only; the power table that reports the
 * result uses seeds 1, 2, ... and is run after the choice.
 *
 *   npx tsx bench/tune-nn.ts '{"name":"today"}' '{"name":"short start","minTrainBars":250}' \
 *     --levels 0.6,0.55,0.5 --paths 20 --seed 1000
 *
 * Each argument that starts with `{` is one candidate: its `name` plus nn-timing parameters
 * (`{"name":"oracle","oracle":true}` runs the strategy that knows the pattern). Prints one line
 * per candidate and level: mean AUC, paths with an edge after costs and without, the median
 * Sharpe difference after costs and the smallest detectable one, and median trades.
 */

import { nnTiming } from '../strategies/index.js';
import { measurePower, oracle, TUNING_SEEDS } from './power.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const levels = option('levels', '0.6,0.55,0.5').split(',').map(Number);
  const paths = Number(option('paths', '20'));
  const bars = Number(option('bars', '3276'));
  const firstSeed = Number(option('seed', String(TUNING_SEEDS.first)));
  if (firstSeed < TUNING_SEEDS.first || firstSeed + paths - 1 > TUNING_SEEDS.last) {
    throw new Error(`seeds must lie in ${TUNING_SEEDS.first}..${TUNING_SEEDS.last}`);
  }
  const candidates = args
    .filter((a) => a.startsWith('{'))
    .map((a) => JSON.parse(a) as Record<string, unknown>);
  if (candidates.length === 0) candidates.push({ name: 'defaults' });
  for (const { name, oracle: isOracle, ...params } of candidates) {
    for (const persistence of levels) {
      const began = Date.now();
      // The same seeds at every level and for every candidate: comparisons share their noise.
      const [costs, free] = await measurePower({
        strategy: isOracle ? oracle : nnTiming,
        params: isOracle ? {} : params,
        persistence,
        paths,
        bars,
        firstSeed,
        threads: 1,
      });
      const two = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
      console.log(
        `${String(name).padEnd(24)} p=${persistence.toFixed(2)}  auc ${costs.meanAuc?.toFixed(4) ?? 'n/a'}  edge(costs) ${costs.edges}/${paths}  edge(no costs) ${free.edges}/${paths}  Sharpe diff ${two(costs.medianSharpeDiff)} (detectable ${two(costs.medianMinDetectableDiff)})  trades ${costs.medianTrades ?? 'n/a'}  ${((Date.now() - began) / 1000).toFixed(0)}s`,
      );
    }
  }
}

if (process.argv[1]?.endsWith('tune-nn.ts') || process.argv[1]?.endsWith('tune-nn.js')) {
  await main();
}
