import { decidePositions } from '../model/index.js';

/** Quantiles of the training probabilities tried as threshold levels. */
const LEVEL_QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface ThresholdSearchOptions {
  /** Cost of one unit of position change, as a fraction of traded value. */
  tradeCost: number;
  allowShort: boolean;
  minHold: number;
}

/**
 * The levels tried: the probabilities' 10%, 20%, ..., 90% quantiles (nearest rank below,
 * sorted[floor(q (n - 1))]), distinct, ascending. Quantiles rather than fixed numbers, so the
 * band follows a network whose probabilities sit in a narrow or shifted range.
 */
export function thresholdLevels(probabilities: Float64Array): number[] {
  const sorted = Float64Array.from(probabilities).sort();
  const levels = LEVEL_QUANTILES.map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
  return [...new Set(levels)];
}

/**
 * Chooses the band (lower <= upper, both from `thresholdLevels`) whose positions earn the most on
 * the given rows net of costs: sum of position x return minus tradeCost x |change of position|,
 * starting flat. `probabilities[i]` is the prediction at a training row and `returns[i]` what a
 * position decided there earns (next open to the open after); rows are in time order. Ties keep
 * the first band tried (lower, then upper, ascending).
 */
export function searchThresholds(
  probabilities: Float64Array,
  returns: Float64Array,
  options: ThresholdSearchOptions,
): { upper: number; lower: number } {
  const n = probabilities.length;
  const levels = thresholdLevels(probabilities);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const positions = new Float64Array(n);
  let best = { upper: levels[0], lower: levels[0] };
  let bestNet = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < levels.length; i++) {
    lower.fill(levels[i]);
    for (let j = i; j < levels.length; j++) {
      upper.fill(levels[j]);
      decidePositions(probabilities, upper, lower, options.allowShort, options.minHold, positions);
      let net = 0;
      let held = 0;
      for (let t = 0; t < n; t++) {
        const position = Number.isNaN(positions[t]) ? 0 : positions[t];
        net += position * returns[t] - options.tradeCost * Math.abs(position - held);
        held = position;
      }
      if (net > bestNet) {
        bestNet = net;
        best = { upper: levels[j], lower: levels[i] };
      }
    }
  }
  return best;
}
