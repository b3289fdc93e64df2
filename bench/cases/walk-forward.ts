import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadPrices } from '../../src/data/index.js';
import type { StrategyOutput } from '../../src/strategy-contract/index.js';
import { resolveParams } from '../../src/strategy-contract/index.js';
import type { WalkForwardDiagnostics } from '../../src/walkforward/index.js';
import { nnTiming } from '../../strategies/index.js';
import type { BenchCase } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, perSecond, timeInterleaved } from '../harness.js';

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

function samePositions(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The default nn-timing strategy on the shipped SPY daily file, on one thread and on every core,
 * timed round-robin: wall time, windows, samples trained per second and the parallel speed-up.
 */
export const walkForward: BenchCase = {
  name: 'walk-forward',
  async run(context) {
    const series = await loadPrices(join(context.root, DATA_FILE));
    const params = resolveParams(nnTiming);
    const cores = availableParallelism();
    const threadCounts = cores > 1 ? [1, cores] : [1];
    const outputs = new Map<number, StrategyOutput>();
    const contenders = Object.fromEntries(
      threadCounts.map((threads) => [
        `threads ${threads}`,
        async () => {
          outputs.set(
            threads,
            await nnTiming.run(series, params, { seed: SEED, allowShort: false, threads }),
          );
        },
      ]),
    );
    context.log(`walk-forward on ${DATA_FILE}: threads ${threadCounts.join(' and ')}, interleaved`);
    const timings = await timeInterleaved(contenders, context.runs, context.warmups);

    const single = outputs.get(1)!;
    const diagnostics = single.diagnostics as unknown as WalkForwardDiagnostics;
    const samples = samplesTrained(diagnostics);
    const results: CaseResult[] = threadCounts.map((threads) => {
      const timing = timings[`threads ${threads}`];
      const output = outputs.get(threads)!;
      const used = (output.diagnostics as unknown as WalkForwardDiagnostics).threads;
      return {
        name: 'walk-forward',
        size: `SPY ${series.time.length} bars`,
        contender: `threads ${threads}`,
        units: samples,
        timing,
        perSecond: perSecond(samples, timing.median),
        unit: 'samples',
        extra: {
          windows: diagnostics.windows.length,
          threadsUsed: used,
        },
      };
    });
    if (threadCounts.length > 1) {
      const [one, all] = results;
      all.extra = {
        ...all.extra,
        speedUp: ratio(one.timing.median, all.timing.median),
        positionsVsOneThread: samePositions(single.positions, outputs.get(cores)!.positions)
          ? 'bit-identical'
          : 'DIFFERENT',
      };
    }
    return results;
  },
};
