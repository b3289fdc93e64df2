import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPrices } from '../../src/data/index.js';
import type { StrategyOutput } from '../../src/strategy-contract/index.js';
import { resolveParams } from '../../src/strategy-contract/index.js';
import { shutdownWorkers, type WalkForwardDiagnostics } from '../../src/walkforward/index.js';
import { nnTiming } from '../../strategies/index.js';
import type { BenchCase } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, median, perSecond, timeInterleaved } from '../harness.js';

const DATA_FILE = join('data', 'spy-1993-2023.csv');
const SEED = 0;

/** Samples pushed through back-propagation: training rows x epochs run, per network. */
function samplesTrained(diagnostics: WalkForwardDiagnostics): number {
  let samples = 0;
  for (const window of diagnostics.windows) {
    const members = window.members ?? [{ epochsRun: window.epochsRun }];
    for (const member of members) samples += window.trainRows * member.epochsRun;
  }
  return samples;
}

/** Milliseconds the windows spent training, summed over windows (whichever thread trained them). */
function trainingMillis(diagnostics: WalkForwardDiagnostics): number {
  let millis = 0;
  for (const window of diagnostics.windows) millis += window.millis;
  return millis;
}

function samePositions(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The default nn-timing strategy on the shipped SPY daily file, on one thread, on every core with
 * the workers a previous run left warm, and on every core with new workers (started and loaded
 * during the run), timed round-robin: wall time, windows, samples trained per second, the
 * parallel speed-up next to the ideal (the core count), and the overhead: wall time beyond the
 * windows' own training time shared out over the threads.
 */
export const walkForward: BenchCase = {
  name: 'walk-forward',
  async run(context) {
    const series = await loadPrices(join(context.root, DATA_FILE));
    const params = resolveParams(nnTiming);
    const cores = availableParallelism();
    const threadCounts = cores > 1 ? [1, cores] : [1];
    const outputs = new Map<string, StrategyOutput>();
    const overheads = new Map<string, number[]>();
    const runOn = async (name: string, threads: number) => {
      const start = performance.now();
      const output = await nnTiming.run(series, params, { seed: SEED, allowShort: false, threads });
      const wall = performance.now() - start;
      const own = output.diagnostics as unknown as WalkForwardDiagnostics;
      outputs.set(name, output);
      const list = overheads.get(name) ?? [];
      list.push(wall - trainingMillis(own) / own.threads);
      overheads.set(name, list);
    };
    const contenders: Record<string, () => Promise<void>> = Object.fromEntries(
      threadCounts.map((threads) => [
        `threads ${threads}`,
        () => runOn(`threads ${threads}`, threads),
      ]),
    );
    const cold = `threads ${cores}, new workers`;
    if (cores > 1) {
      contenders[cold] = async () => {
        await shutdownWorkers();
        await runOn(cold, cores);
      };
    }
    context.log(`walk-forward on ${DATA_FILE}: ${Object.keys(contenders).join(', ')}, interleaved`);
    const timings = await timeInterleaved(contenders, context.runs, context.warmups);

    const single = outputs.get('threads 1')!;
    const diagnostics = single.diagnostics as unknown as WalkForwardDiagnostics;
    const samples = samplesTrained(diagnostics);
    const results: CaseResult[] = Object.keys(contenders).map((name) => {
      const timing = timings[name];
      const output = outputs.get(name)!;
      const own = output.diagnostics as unknown as WalkForwardDiagnostics;
      const extra: Record<string, number | string> = {
        windows: own.windows.length,
        threadsUsed: own.threads,
        // Per run, warm-ups included: wall time beyond the windows' training time / threads.
        overheadMs: Math.round(median(overheads.get(name) ?? [])),
      };
      if (name !== 'threads 1') {
        extra.speedUp = ratio(timings['threads 1'].median, timing.median);
        extra.idealSpeedUp = own.threads;
        extra.positionsVsOneThread = samePositions(single.positions, output.positions)
          ? 'bit-identical'
          : 'DIFFERENT';
      }
      return {
        name: 'walk-forward',
        size: `SPY ${series.time.length} bars`,
        contender: name,
        units: samples,
        timing,
        perSecond: perSecond(samples, timing.median),
        unit: 'samples',
        extra,
      };
    });
    return results;
  },
};
