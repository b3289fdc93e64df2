import type { PriceSeries } from '../data/index.js';
import { createPriceSeries } from '../data/index.js';
import type { LookaheadReport } from '../features/index.js';
import { PythonRandom } from '../random/index.js';
import { defineStrategy } from './define.js';
import { overlaysGuarded, runStrategyGuarded } from './guarded-run.js';
import { checkLookahead } from './lookahead.js';
import { type RawParams, resolveParams } from './params.js';
import type { Strategy, StrategyContext } from './types.js';

/** Options of `testStrategyContract`. */
export interface StrategyContractOptions<P extends Record<string, unknown>> {
  /** Parameters, raw or resolved (defaults fill the rest). */
  params?: RawParams<P>;
  /** Bars to run on (default: a seeded random walk of daily bars, long enough for the warm-up). */
  series?: PriceSeries;
  /** Random cut points of the lookahead check (default 5). */
  cuts?: number;
  /** Seed of the generated series, the cut points and the strategy's runs (default 1). */
  seed?: number;
  /** Threads the strategy may use (default 1). */
  threads?: number;
}

/** What `testStrategyContract` checked, when every rule held. */
export interface StrategyContractReport {
  strategy: string;
  bars: number;
  /** The declared warm-up, which is also the first bar with a decision. */
  warmup: number;
  lookahead: LookaheadReport;
}

const DAY = 86_400_000;

/** Weekday daily bars from 2001-01-01: a random walk (1% daily noise) with consistent OHLCV. */
function randomWalk(bars: number, seed: number): PriceSeries {
  const rng = new PythonRandom(seed);
  const time: number[] = [];
  for (let t = Date.UTC(2001, 0, 1); time.length < bars; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) time.push(t);
  }
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const close = new Float64Array(bars);
  const volume = new Float64Array(bars);
  let price = 100;
  for (let t = 0; t < bars; t++) {
    open[t] = price;
    price *= Math.exp(0.02 * (rng.random() - 0.5));
    close[t] = price;
    high[t] = Math.max(open[t], close[t]) * (1 + 0.005 * rng.random());
    low[t] = Math.min(open[t], close[t]) * (1 - 0.005 * rng.random());
    volume[t] = 1000 + Math.floor(1000 * rng.random());
  }
  return createPriceSeries({ time, open, high, low, close, volume }, 'RANDOM-WALK');
}

function firstDecision(positions: Float64Array): number {
  const index = positions.findIndex((value) => !Number.isNaN(value));
  return index === -1 ? positions.length : index;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Checks that a strategy keeps the contract every backtest relies on, for your own test suite
 * (`await testStrategyContract(myStrategy)` in vitest, jest or node:test): a valid definition;
 * valid output long-only and with shorts, from runs under the same guard as a backtest's (no
 * writes into the prices, no `process.exit`, a promise that settles), overlays included; the
 * first decision exactly at the declared warm-up (`warmup(params)` is the first bar with a
 * decision, every position before it NaN);
 * the same positions for the same seed; and no lookahead (its decisions do not change when the
 * bars after a cut are replaced). Throws an Error listing every broken rule; resolves with what
 * was checked otherwise.
 */
export async function testStrategyContract<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  options: StrategyContractOptions<P> = {},
): Promise<StrategyContractReport> {
  defineStrategy(strategy);
  const params = resolveParams(strategy, options.params);
  const warmup = strategy.warmup(params);
  const seed = options.seed ?? 1;
  const series = options.series ?? randomWalk(Math.max(300, 2 * warmup + 60), seed);
  const bars = series.time.length;
  const problems: string[] = [];
  if (!Number.isInteger(warmup) || warmup < 0) {
    problems.push(`warmup(params) must be a whole number >= 0, got ${warmup}`);
  } else if (warmup >= bars) {
    problems.push(`the series has ${bars} bars, not more than the warm-up of ${warmup}`);
  }
  const context = (allowShort: boolean): StrategyContext => ({
    seed,
    allowShort,
    threads: options.threads ?? 1,
  });
  let longOnly: Float64Array | undefined;
  for (const allowShort of [false, true]) {
    const label = allowShort ? 'with shorts allowed' : 'long-only';
    try {
      const output = await runStrategyGuarded(strategy, series, params, context(allowShort));
      const first = firstDecision(output.positions);
      if (first !== warmup) {
        problems.push(
          `${label}: the first decision is at bar ${first}, but warmup(params) declares ${warmup}`,
        );
      }
      if (!allowShort) longOnly = output.positions;
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  let lookahead: LookaheadReport | undefined;
  if (longOnly) {
    try {
      const again = await runStrategyGuarded(strategy, series, params, context(false));
      if (!sameBits(longOnly, again.positions)) {
        problems.push('two runs with the same seed gave different positions');
      }
    } catch (error) {
      problems.push(`second run: ${(error as Error).message}`);
    }
    if (strategy.overlays) {
      try {
        await overlaysGuarded(strategy, series, params);
      } catch (error) {
        problems.push(`overlays: ${(error as Error).message}`);
      }
    }
    lookahead = await checkLookahead(strategy, series, {
      params,
      cuts: options.cuts ?? 5,
      seed,
      context: context(false),
    });
    if (!lookahead.ok) {
      const v = lookahead.violations[0];
      problems.push(
        `lookahead: ${v.column} at bar ${v.bar} changed (${v.original} -> ${v.perturbed}) when only the bars after bar ${v.cut} changed`,
      );
    }
  }
  if (problems.length > 0 || !lookahead) {
    throw new Error(
      `Strategy '${strategy.name}' breaks the strategy contract:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
  return { strategy: strategy.name, bars, warmup, lookahead };
}
