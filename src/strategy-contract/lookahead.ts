import type { PriceSeries } from '../data/index.js';
import type { LookaheadReport, PerBar } from '../features/index.js';
import { findLookahead } from '../features/index.js';
import { booleanSetting, checkOptions, numberSetting } from '../settings/index.js';
import { runStrategyGuarded } from './guarded-run.js';
import { type RawParams, resolveParams } from './params.js';
import type { Strategy, StrategyContext, StrategyOutput } from './types.js';

/**
 * Default cut points of a strategy's lookahead check. A cut t catches a strategy that peeks
 * at bar t (its decision there changes once the moves after t are reversed); the cuts are one
 * per stratum of the decision bars, so if at least 20% of those bars peek, all 25 cuts miss
 * with probability at most 0.8^25 = 0.4% (README, "Checking for lookahead").
 */
export const DEFAULT_LOOKAHEAD_CUTS = 25;

/** The check's own settings: `checkLookahead`'s options and the flags of `nn-timing check`. */
export const LOOKAHEAD_SETTINGS = {
  cuts: numberSetting(
    { integer: true, min: 1, max: 1000 },
    { help: 'cut points to try', default: DEFAULT_LOOKAHEAD_CUTS },
  ),
  seed: numberSetting(
    { integer: true, min: 0, max: 2 ** 32 - 1 },
    { help: 'seed of the cut points and the random futures', default: 1 },
  ),
};

/**
 * How a strategy is run (its StrategyContext), where a command or a job sets it: the check's
 * `context` and the flags of `nn-timing check`; a backtest job's `threads` is this one.
 */
export const CONTEXT_SETTINGS = {
  allowShort: booleanSetting({ help: 'run the strategy with shorts allowed' }),
  threads: numberSetting(
    { integer: true, min: 1, max: 256 },
    { help: 'worker threads the strategy may use', defaultText: 'all cores' },
  ),
};

export interface CheckLookaheadOptions {
  /** Strategy parameters, raw or resolved (defaults fill the rest). */
  params?: Record<string, unknown>;
  /** Cut points to try (default DEFAULT_LOOKAHEAD_CUTS). */
  cuts?: number;
  /** Seed of the cut points and of the random futures (default 1). */
  seed?: number;
  /** Earliest cut (default: the strategy's warm-up, where its decisions start). */
  minCut?: number;
  /** Seed, shorts and threads for the strategy's runs (default seed 1, long-only). */
  context?: Partial<StrategyContext>;
  /** Bars of replaced future after each cut (default: all; fewer make each run cheaper). */
  horizon?: number;
  /** The strategy's output on the series with this context, when already computed (a backtest's run). */
  original?: StrategyOutput;
}

/**
 * Proves, for cut points t spread over the decision bars, that the strategy's positions and
 * probabilities at bars <= t do not change when every bar after t is replaced by a future whose
 * moves go the other way (`perturbFuture`): its decision at t uses nothing after t. The
 * strategy runs once per cut, and once on the series itself unless `original` is given.
 */
export async function checkLookahead<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  series: PriceSeries,
  options: CheckLookaheadOptions = {},
): Promise<LookaheadReport> {
  checkOptions(LOOKAHEAD_SETTINGS, options);
  checkOptions(CONTEXT_SETTINGS, options.context ?? {});
  const params = resolveParams(strategy, (options.params ?? {}) as RawParams<P>);
  const context: StrategyContext = { seed: 1, allowShort: false, ...options.context };
  const bars = series.time.length;
  // Guarded: a strategy that writes into its input would otherwise pass on corrupted bars.
  const compute = async (s: PriceSeries): Promise<PerBar> =>
    perBar(await runStrategyGuarded(strategy, s, params, context));
  const minCut = options.minCut ?? Math.max(0, Math.min(strategy.warmup(params), bars - 2));
  return findLookahead(series, compute, {
    cuts: options.cuts ?? DEFAULT_LOOKAHEAD_CUTS,
    seed: options.seed ?? 1,
    minCut,
    horizon: options.horizon,
    original: options.original && perBar(options.original),
  });
}

function perBar(output: StrategyOutput): PerBar {
  return output.probabilities
    ? { positions: output.positions, probabilities: output.probabilities }
    : { positions: output.positions };
}
