/**
 * Probabilities -> target positions with hysteresis: long above `upper`, flat (short when
 * allowed) below `lower`, unchanged in between, so a probability hovering near one level does
 * not trade every bar. NaN until the first probability, then flat until a level is crossed; a
 * NaN probability later keeps the position.
 */
export function applyThresholds(
  probabilities: Float64Array,
  thresholds: { upper: number; lower: number },
  allowShort: boolean,
  out = new Float64Array(probabilities.length),
): Float64Array {
  const { upper, lower } = thresholds;
  const below = allowShort ? -1 : 0;
  let position = Number.NaN;
  for (let t = 0; t < probabilities.length; t++) {
    const p = probabilities[t];
    if (!Number.isNaN(p)) {
      if (p > upper) position = 1;
      else if (p < lower) position = below;
      else if (Number.isNaN(position)) position = 0;
    }
    out[t] = position;
  }
  return out;
}
