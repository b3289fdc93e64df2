import type { PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import type { SignalQuality, Stat } from './types.js';
import { validateSeries, validateTargets } from './validate.js';

export interface SignalQualityOptions {
  /** Which move a decision at bar t is scored against (default 'open', as the backtest fills). */
  fill?: 'open' | 'close';
}

/**
 * The move a decision at bar t is exposed to first, matching the fill: open[t+2] - open[t+1]
 * for next-open fills, close[t+1] - close[t] for same-bar close fills. NaN when it lies past the data.
 */
function nextMove(series: PriceSeries, t: number, fillAtOpen: boolean): number {
  const n = series.time.length;
  if (fillAtOpen) return t + 2 < n ? series.open[t + 2] - series.open[t + 1] : Number.NaN;
  return t + 1 < n ? series.close[t + 1] - series.close[t] : Number.NaN;
}

/**
 * ROC AUC by the rank-sum (Mann-Whitney) identity; tied scores share their average rank, so a
 * tie between an up and a down bar counts one half. Null when either class is absent.
 */
export function rocAuc(scores: Float64Array, labels: Uint8Array): Stat {
  const m = scores.length;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((i, j) => scores[i] - scores[j]);
  let positives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < m) {
    let j = i;
    while (j + 1 < m && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = m - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * How well decisions called the next move. Hit rate: over bars with a non-zero target, the share
 * whose target sign matched the sign of the realised next move. With probabilities (of an up
 * move): ROC AUC and Brier score against "next move > 0". Bars whose next move is zero or lies
 * past the data are not scored.
 */
export function signalQuality(
  series: PriceSeries,
  targets: Float64Array,
  probabilities?: Float64Array,
  options: SignalQualityOptions = {},
): SignalQuality {
  const fill = options?.fill ?? 'open';
  if (fill !== 'open' && fill !== 'close') {
    throw new InputError(`fill must be 'open' or 'close', got ${String(fill)}.`);
  }
  const n = series.time.length;
  validateSeries(series);
  validateTargets(targets, series.time, true);
  if (probabilities !== undefined) {
    if (probabilities.length !== n) {
      throw new InputError(
        `There are ${probabilities.length} probabilities for ${n} bars; give one per bar.`,
      );
    }
    for (let i = 0; i < n; i++) {
      const p = probabilities[i];
      if (!Number.isNaN(p) && !(p >= 0 && p <= 1)) {
        throw new InputError(`The probability at bar ${i} is ${p}; probabilities lie in [0, 1].`);
      }
    }
  }

  const fillAtOpen = fill === 'open';
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  let scored = 0;
  let calls = 0;
  let hits = 0;
  let squaredError = 0;
  for (let t = 0; t < n; t++) {
    const move = nextMove(series, t, fillAtOpen);
    if (move === 0 || Number.isNaN(move)) continue;
    const up = move > 0 ? 1 : 0;
    const target = targets[t];
    if (target !== 0 && !Number.isNaN(target)) {
      calls++;
      if (target > 0 === (up === 1)) hits++;
    }
    const p = probabilities ? probabilities[t] : Number.NaN;
    if (!Number.isNaN(p)) {
      scores[scored] = p;
      labels[scored] = up;
      scored++;
      squaredError += (p - up) * (p - up);
    }
  }
  return {
    hitRate: calls > 0 ? hits / calls : null,
    auc: scored > 0 ? rocAuc(scores.subarray(0, scored), labels.subarray(0, scored)) : null,
    brier: scored > 0 ? squaredError / scored : null,
    samples: calls,
    probabilitySamples: scored,
  };
}
