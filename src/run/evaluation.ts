/**
 * Index of the first bar with a decision (a non-NaN target), or -1 when there is none. The
 * evaluation starts there for strategy and baseline alike, so the baseline is not credited with
 * bars the strategy could not trade (its warm-up, or nn-timing's first training window).
 */
export function firstDecision(targets: Float64Array): number {
  for (let t = 0; t < targets.length; t++) {
    if (!Number.isNaN(targets[t])) return t;
  }
  return -1;
}
