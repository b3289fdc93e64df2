import type { FeatureSpec, LabelSpec } from './types.js';

/**
 * The inputs nn-timing learns from when the user gives none: the direction of the last bar's
 * move and the returns over the last 1, 2, 5, 10 and 20 bars (6 columns, warm-up 20 bars, close
 * only). The indicators are functions of the same recent prices; on synthetic series with a
 * planted signal the network learnt it better from these returns than from all sixteen inputs of
 * INDICATOR_FEATURE_SPEC, and better again with the direction beside them: a rule that depends
 * on whether price rose is a step in that input (guide: "How the defaults were chosen").
 */
export const DEFAULT_FEATURE_SPEC: FeatureSpec = deepFreeze([
  { kind: 'sign', lags: [1] },
  { kind: 'returns', lags: [1, 2, 5, 10, 20] },
]);

/**
 * A broader spec, 16 columns, warm-up 49 bars: momentum at five horizons, trend (price vs its
 * 50-bar mean, MACD), two oscillators (RSI, Stochastic), volatility relative to price
 * (Bollinger width, ATR), where the close sits in its recent range (%B) and participation
 * (volume vs its average). Needs high, low and volume.
 */
export const INDICATOR_FEATURE_SPEC: FeatureSpec = deepFreeze([
  { kind: 'returns', lags: [1, 2, 5, 10, 20] },
  { kind: 'smaRatio', period: 50 },
  { kind: 'rsi', period: 14 },
  { kind: 'macd', fast: 12, slow: 26, signal: 9 },
  { kind: 'bbands', period: 20, stdDev: 2 },
  { kind: 'atr', period: 14 },
  { kind: 'stochastic', period: 14, signal: 3 },
  { kind: 'volumeRatio', period: 20 },
]);

/** Next-bar direction measured from the fill: open[t+1] -> open[t+2]. */
export const DEFAULT_LABEL_SPEC: LabelSpec = deepFreeze({
  kind: 'direction',
  horizon: 1,
  basis: 'open',
});

/** Shared defaults must not change under a caller that edits its copy by mistake. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
