import type { PriceSeries } from '../data/index.js';
import type { LookaheadStatus } from '../report/index.js';
import { LOOKAHEAD_NOT_CHECKED } from '../report/index.js';
import type { Strategy, StrategyContext, StrategyOutput } from '../strategy-contract/index.js';
import { type CheckLookaheadOptions, checkLookahead } from '../strategy-contract/index.js';

/**
 * Cut points of the quick check every backtest runs: one strategy run each on a shortened
 * series, which keeps the check well under a fifth of a backtest's time for the built-in
 * strategies (measured by bench/lookahead-overhead.ts). A strategy that peeks on every bar is caught at any cut; one
 * that peeks on a share f of its bars with probability at least 1 - (1 - f)^5 (67% at f = 20%),
 * so `check`, with its 25 cuts, remains the test for strategies that peek only sometimes.
 */
export const QUICK_LOOKAHEAD_CUTS = 5;

/**
 * Bars of replaced future after each cut of the quick check: each rerun ends there, which
 * roughly halves its cost, and a month of daily bars is ample to flip a decision that peeks.
 */
const QUICK_LOOKAHEAD_HORIZON = 21;

/**
 * Whether a backtest checks its strategy for lookahead: always, unless the strategy declares its
 * check costly (`lookaheadCheck: 'on-request'`, as nn-timing does) and the check was not asked for.
 */
export function shouldCheckLookahead(strategy: Strategy, requested = false): boolean {
  return requested || strategy.lookaheadCheck !== 'on-request';
}

/**
 * The quick lookahead check of a backtest: the strategy's run on the series is reused as the
 * original, and the cuts start at its first decision, so the check costs one strategy run per
 * cut on top of the backtest.
 */
export async function backtestLookahead(
  strategy: Strategy,
  params: Record<string, unknown>,
  series: PriceSeries,
  context: StrategyContext,
  original: StrategyOutput,
  firstDecision: number,
): Promise<LookaheadStatus> {
  const bars = series.time.length;
  if (firstDecision >= bars - 1) {
    // No bar with a future to replace: nothing to check.
    return LOOKAHEAD_NOT_CHECKED;
  }
  const options: CheckLookaheadOptions = {
    params,
    cuts: QUICK_LOOKAHEAD_CUTS,
    seed: context.seed,
    minCut: firstDecision,
    context: {
      ...context,
      onProgress: context.onProgress
        ? (done, total, label) =>
            context.onProgress?.(done, total, `lookahead check ${label ?? ''}`)
        : undefined,
    },
    original,
  };
  // A strategy that refuses a series shorter than some length of its own gets full-length
  // futures instead: slower, but the check still runs.
  const report = await checkLookahead(strategy, series, {
    ...options,
    horizon: QUICK_LOOKAHEAD_HORIZON,
  }).catch(() => checkLookahead(strategy, series, options));
  const firstBar = report.firstBar;
  return {
    checked: true,
    found: !report.ok,
    firstBar,
    firstTime: firstBar === null ? null : series.time[firstBar],
    cuts: report.cuts.length,
  };
}
