/**
 * What the lookahead check adds to a backtest: for each built-in strategy other than nn-timing
 * (checked by default) on two shipped files, the median time of a whole backtest job (which
 * includes the check) and of the check alone on the same inputs, in the same process.
 * The overhead is check / (job - check). Run: `npm run build && node dist/bench/lookahead-overhead.js`.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBacktestJob } from '../src/builtins/index.js';
import { loadPrices } from '../src/data/index.js';
import { backtestLookahead, firstDecision } from '../src/run/index.js';
import { resolveParams } from '../src/strategy-contract/index.js';
import { builtinStrategies } from '../strategies/index.js';
import { median } from './harness.js';

const DATA = resolve(import.meta.dirname, '../../data');
const FILES = ['goog-2004-2013.csv', 'spy-1993-2023.csv'];
const STRATEGIES = ['sma-cross', 'rsi-reversion', 'macd-cross', 'random'];
const ROUNDS = 7;
const SEED = 42;

async function main(): Promise<void> {
  console.log('file | strategy | job ms (median) | check ms (median) | overhead');
  for (const name of FILES) {
    const file = join(DATA, name);
    const series = await loadPrices(file);
    for (const spec of STRATEGIES) {
      const strategy = builtinStrategies[spec];
      const params = resolveParams(strategy, {});
      const context = { seed: SEED, allowShort: false, threads: 1 };
      const output = await strategy.run(series, params, context);
      const start = firstDecision(output.positions);
      const jobs: number[] = [];
      const checks: number[] = [];
      // Alternate the two so drifting machine load hits both alike; the first round warms up.
      for (let round = 0; round <= ROUNDS; round++) {
        let t = performance.now();
        await runBacktestJob({ files: [file], strategy: spec, seed: SEED, threads: 1 });
        const job = performance.now() - t;
        t = performance.now();
        await backtestLookahead(strategy, params, series, context, output, start);
        const check = performance.now() - t;
        if (round > 0) {
          jobs.push(job);
          checks.push(check);
        }
      }
      const job = median(jobs);
      const check = median(checks);
      const overhead = check / (job - check);
      console.log(
        `${name} | ${spec} | ${job.toFixed(1)} | ${check.toFixed(1)} | ${(100 * overhead).toFixed(1)}%`,
      );
    }
  }
}

await main();
