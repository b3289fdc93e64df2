import { runBacktest } from '../../src/backtest/index.js';
import { type BenchCase, SIZES } from '../context.js';
import {
  type CaseResult,
  perRun,
  perSecond,
  repeated,
  repeatsFor,
  time,
  timeInterleaved,
} from '../harness.js';
import { attachPeakMemory } from '../memory.js';
import { bareBacktest } from '../reference/bare-backtest.js';
import { syntheticPositions, syntheticSeries } from '../synthetic.js';

/** Interleaved rounds of engine vs bare loop (CPU time): the ratio target uses their medians. */
const RATIO_ROUNDS = 11;
/**
 * Untimed rounds first: V8 settles on its optimised code for the engine's bar loop only after a
 * few calls (the first calls enter it by on-stack replacement and leave it at the loop's end).
 */
const RATIO_WARMUPS = 6;
const COMMISSION = 0.001;
const SLIPPAGE_BPS = 2;
const INITIAL_CASH = 10_000;

const DERIVED = ['units', 'cash', 'position', 'drawdown', 'returns'] as const;

/**
 * The backtest engine with default options (next-open fills, commission, slippage, statistics) on
 * precomputed targets that change about every 20 bars, reading every per-bar column; at 1M bars also against the bare per-bar
 * loop (bench/reference/bare-backtest.ts), interleaved in this process, with the final equity
 * compared.
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
          const result = runBacktest(series, targets);
          trades = result.trades.length;
          // Every derived column read, so growth covers them too.
          for (const column of DERIVED) result[column].length;
        }, repeats),
        context.runs,
        context.warmups,
      );
      const timing = perRun(sample, repeats);
      results.push({
        name: 'backtest',
        size: size.label,
        contender: 'runBacktest, all columns',
        units: size.units,
        timing,
        perSecond: perSecond(size.units, timing.median),
        unit: 'bars',
        extra: { trades, repeatsPerSample: repeats },
      });
    }
    context.log('backtest: peak memory per size');
    await attachPeakMemory('backtest', results);
    results.push(...(await versusBareLoop(context.log)));
    return results;
  },
};

async function versusBareLoop(log: (message: string) => void): Promise<CaseResult[]> {
  const bars = 1_000_000;
  log(`backtest 1M vs bare loop, ${RATIO_ROUNDS} interleaved rounds`);
  const series = syntheticSeries(bars);
  const targets = syntheticPositions(bars);
  let engineFinal = 0;
  let bareFinal = 0;
  const timings = await timeInterleaved(
    {
      engine: () => {
        engineFinal = runBacktest(series, targets, {
          commission: COMMISSION,
          slippageBps: SLIPPAGE_BPS,
          initialCash: INITIAL_CASH,
        }).stats.equityFinal;
      },
      bare: () => {
        const run = bareBacktest(
          series.open,
          series.close,
          targets,
          COMMISSION,
          SLIPPAGE_BPS / 10_000,
          INITIAL_CASH,
        );
        bareFinal = run.equity[bars - 1];
      },
    },
    RATIO_ROUNDS,
    RATIO_WARMUPS,
    'cpu',
  );
  const ratio = timings.bare.median / timings.engine.median;
  const sameFinalEquity =
    engineFinal === bareFinal ? 'bit-identical' : `differs (${engineFinal} vs ${bareFinal})`;
  return [
    {
      name: 'backtest vs bare loop',
      size: '1M',
      contender: 'runBacktest',
      timing: timings.engine,
      perSecond: perSecond(bars, timings.engine.median),
      unit: 'bars',
      extra: {
        xBareLoop: Number(ratio.toFixed(3)),
        clock: 'process CPU time',
        finalEquity: sameFinalEquity,
      },
    },
    {
      name: 'backtest vs bare loop',
      size: '1M',
      contender: 'bare per-bar loop',
      timing: timings.bare,
      perSecond: perSecond(bars, timings.bare.median),
      unit: 'bars',
    },
  ];
}
