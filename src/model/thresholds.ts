/**
 * Probabilities -> target positions with hysteresis: long above `upper[t]`, flat (short when
 * allowed) below `lower[t]`, unchanged in between, so a probability hovering near one level does
 * not trade every bar. NaN until the first probability, then flat until a level is crossed; a
 * NaN probability later keeps the position. A position once taken is kept for at least
 * `minHold` bars (1: may change on the next bar), which caps turnover and so costs.
 */
export function decidePositions(
  probabilities: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
  allowShort: boolean,
  minHold = 1,
  out = new Float64Array(probabilities.length),
): Float64Array {
  const below = allowShort ? -1 : 0;
  let position = Number.NaN;
  // Bar of the last change of position; starting flat is no trade, so it does not count.
  let changedAt = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < probabilities.length; t++) {
    const p = probabilities[t];
    if (!Number.isNaN(p) && t - changedAt >= minHold) {
      const next = p > upper[t] ? 1 : p < lower[t] ? below : Number.isNaN(position) ? 0 : position;
      if (Number.isNaN(position) ? next !== 0 : next !== position) changedAt = t;
      position = next;
    }
    out[t] = position;
  }
  return out;
}

/** `decidePositions` with the same thresholds at every bar. */
export function applyThresholds(
  probabilities: Float64Array,
  thresholds: { upper: number; lower: number },
  allowShort: boolean,
  minHold = 1,
  out = new Float64Array(probabilities.length),
): Float64Array {
  const n = probabilities.length;
  return decidePositions(
    probabilities,
    new Float64Array(n).fill(thresholds.upper),
    new Float64Array(n).fill(thresholds.lower),
    allowShort,
    minHold,
    out,
  );
}
