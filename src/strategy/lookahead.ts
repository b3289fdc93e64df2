import type { PriceSeries } from '../data/types.js';
import { findLookahead } from '../features/lookahead.js';
import type { LookaheadReport, PerBar } from '../features/types.js';
import { validateStrategyOutput } from './output.js';
import { resolveParams } from './params.js';
import type { Strategy, StrategyContext } from './types.js';

export interface CheckLookaheadOptions {
  /** Strategy parameters, raw or resolved (defaults fill the rest). */
  params?: Record<string, unknown>;
  /** Random cut points to try (default 10). */
  cuts?: number;
  /** Seed of the cut points and of the random futures (default 1). */
  seed?: number;
  /** Earliest cut (default: the strategy's warm-up, where its decisions start). */
  minCut?: number;
  /** Seed, shorts and threads for the strategy's runs (default seed 1, long-only). */
  context?: Partial<StrategyContext>;
}

/**
 * Proves, for random cut points t, that the strategy's positions and probabilities at bars
 * <= t do not change when every bar after t is replaced by a random future: its decision at t
 * uses nothing after t. The strategy runs once on the series and once per cut.
 */
export async function checkLookahead<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  series: PriceSeries,
  options: CheckLookaheadOptions = {},
): Promise<LookaheadReport> {
  const params = resolveParams(strategy, options.params ?? {});
  const context: StrategyContext = { seed: 1, allowShort: false, ...options.context };
  const bars = series.time.length;
  const compute = async (s: PriceSeries): Promise<PerBar> => {
    const output = validateStrategyOutput(
      await strategy.run(s, params, context),
      bars,
      context.allowShort,
      strategy.name,
    );
    return output.probabilities
      ? { positions: output.positions, probabilities: output.probabilities }
      : { positions: output.positions };
  };
  const minCut = options.minCut ?? Math.max(0, Math.min(strategy.warmup(params), bars - 2));
  return findLookahead(series, compute, {
    cuts: options.cuts ?? 10,
    seed: options.seed ?? 1,
    minCut,
  });
}
