import type { JointBootstrap } from './joint-bootstrap.js';

/** A trial whose resampled difference never moves (e.g. it holds exactly the baseline) is left out. */
const NO_SPREAD = 1e-15;

/**
 * Hansen's test for Superior Predictive Ability, consistent p (Hansen, 2005, "A Test for Superior
 * Predictive Ability", J. Business & Economic Statistics 23(4)). With d_k the observed difference,
 * d*_{k,b} its resamples and w_k the bootstrap standard deviation of d*_{k,.} (Hansen's omega_k
 * divided by sqrt(n)):
 *   T = max(0, max_k d_k / w_k)                                    (studentised)
 *   g(d_k) = d_k if d_k >= -w_k * sqrt(2 ln ln n), else 0            (consistent re-centring)
 *   T*_b = max(0, max_k (d*_{k,b} - g(d_k)) / w_k)
 *   p = (1 + #{T*_b >= T}) / (resamples + 1).
 * Unlike the Reality Check, a clearly poor trial stays centred on its own negative mean, so
 * adding bad trials to a search does not dilute the test.
 */
export function spaPValue(bootstrap: JointBootstrap): number {
  const { trials, resamples, bars, difference, resampled } = bootstrap;
  const spread = new Float64Array(trials);
  for (let b = 0; b < resamples; b++) {
    const row = b * trials;
    for (let k = 0; k < trials; k++) {
      const deviation = resampled[row + k] - difference[k];
      spread[k] += deviation * deviation;
    }
  }
  const threshold = Math.sqrt(Math.max(0, 2 * Math.log(Math.log(bars))));
  const shift = new Float64Array(trials);
  let observed = 0;
  for (let k = 0; k < trials; k++) {
    spread[k] = Math.sqrt(spread[k] / resamples);
    if (spread[k] <= NO_SPREAD) continue;
    observed = Math.max(observed, difference[k] / spread[k]);
    shift[k] = difference[k] >= -spread[k] * threshold ? difference[k] : 0;
  }
  let extreme = 0;
  for (let b = 0; b < resamples; b++) {
    const row = b * trials;
    let max = 0;
    for (let k = 0; k < trials; k++) {
      if (spread[k] <= NO_SPREAD) continue;
      max = Math.max(max, (resampled[row + k] - shift[k]) / spread[k]);
    }
    if (max >= observed) extreme++;
  }
  return (extreme + 1) / (resamples + 1);
}
