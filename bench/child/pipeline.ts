/**
 * One size of the `scale` case, in a process of its own: a CSV file through every stage of
 * `nn-timing backtest --strategy sma-cross --html` (as src/run/job.ts runs them; the work
 * `backtest-bar-files` as with `--bar-files always`), through `features --out`, or through
 * `inspect`'s work. Prints { bars, stages: [{ stage, cpuMs, wallMs, peakMB }] }: CPU time of this
 * process (all its threads, so garbage collection counts) and the resident-memory high-water
 * mark after the stage.
 * Usage: node dist/bench/child/pipeline.js <backtest|backtest-bar-files|features|inspect> <csv> <out-folder>
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compare, runBacktest } from '../../src/backtest/index.js';
import { describeSeries, loadPrices, sliceSeries } from '../../src/data/index.js';
import { buildFeatures, writeFeatureCsv } from '../../src/features/index.js';
import { buildRunReport, writeRunOutputs } from '../../src/report/index.js';
import { backtestLookahead, firstDecision } from '../../src/run/index.js';
import { resolveParams, runStrategyGuarded } from '../../src/strategy-contract/index.js';
import { buyAndHold, smaCross } from '../../strategies/index.js';
import { maxRssMB } from '../spawn.js';

export interface StageMeasure {
  stage: string;
  cpuMs: number;
  wallMs: number;
  peakMB: number;
}

export interface PipelineMeasure {
  work: string;
  bars: number;
  stages: StageMeasure[];
}

const [work, file, out] = process.argv.slice(2);
const stages: StageMeasure[] = [];
let cpu = process.cpuUsage();
let wall = performance.now();
/** Ends the stage named: its CPU and wall time since the last call, and the peak memory so far. */
function lap(stage: string): void {
  const used = process.cpuUsage(cpu);
  const now = performance.now();
  stages.push({
    stage,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: now - wall,
    peakMB: maxRssMB(),
  });
  cpu = process.cpuUsage();
  wall = performance.now();
}

const series = await loadPrices(file);
lap('load');
if (work === 'inspect') {
  describeSeries(series);
  lap('describe');
} else if (work === 'features') {
  const features = buildFeatures(series);
  lap('features');
  writeFeatureCsv(join(out, 'features.csv'), features);
  lap('features csv');
} else if (work === 'backtest' || work === 'backtest-bar-files') {
  const context = { seed: 42, allowShort: false };
  const params = resolveParams(smaCross, {});
  const output = await runStrategyGuarded(smaCross, series, params, context, {
    label: 'sma-cross',
  });
  const baselineParams = resolveParams(buyAndHold, {});
  const baselineOutput = await runStrategyGuarded(buyAndHold, series, baselineParams, context, {
    label: 'buy-and-hold',
  });
  lap('strategy');
  const start = firstDecision(output.positions);
  const lookahead = await backtestLookahead(smaCross, params, series, context, output, start);
  lap('lookahead check');
  const window = start === 0 ? series : sliceSeries(series, start);
  const result = runBacktest(window, output.positions.subarray(start));
  const baselineResult = runBacktest(window, baselineOutput.positions.subarray(start));
  lap('backtest');
  const comparison = compare(result, baselineResult, { lookaheadFound: lookahead.found });
  lap('compare');
  const report = buildRunReport({
    tool: 'bench',
    file,
    series,
    seed: 42,
    strategy: { name: 'sma-cross', params, output, result },
    baseline: {
      name: 'buy-and-hold',
      params: baselineParams,
      output: baselineOutput,
      result: baselineResult,
    },
    comparison,
    lookahead,
    // As the CLI: per-bar files by default up to a million bars; the second work always writes them.
    barFiles: work === 'backtest' ? 'auto' : 'always',
  });
  writeRunOutputs(out, report, { html: true });
  lap('outputs');
} else {
  throw new Error(`unknown work ${work}; use backtest, backtest-bar-files, features or inspect`);
}
const measure: PipelineMeasure = { work, bars: series.time.length, stages };
process.stdout.write(`${JSON.stringify(measure)}\n`);
