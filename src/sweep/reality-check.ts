import type { JointBootstrap } from './joint-bootstrap.js';

/**
 * White's Reality Check (White, 2000, "A Reality Check for Data Snooping", Econometrica 68(5)):
 * p for "no trial beats the baseline", with the best trial's observed difference
 * V = max_k d_k against the resampled maxima V*_b = max_k (d*_{k,b} - d_k), every trial
 * re-centred on its own observed difference. p = (1 + #{V*_b >= V}) / (resamples + 1).
 * (White scales both by sqrt(n), which cancels in the comparison.)
 */
export function realityCheckPValue(bootstrap: JointBootstrap): number {
  const { trials, resamples, difference, resampled } = bootstrap;
  if (trials === 0) return 1;
  let observed = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < trials; k++) observed = Math.max(observed, difference[k]);
  let extreme = 0;
  for (let b = 0; b < resamples; b++) {
    const row = b * trials;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < trials; k++) max = Math.max(max, resampled[row + k] - difference[k]);
    if (max >= observed) extreme++;
  }
  return (extreme + 1) / (resamples + 1);
}
