/**
 * Automatic mean block length for the stationary bootstrap: Politis and White (2004), "Automatic
 * block-length selection for the dependent bootstrap", Econometric Reviews 23(1), with the
 * correction of Patton, Politis and White (2009), Econometric Reviews 28(4).
 *
 *   b = (2 G^2 / D)^(1/3) n^(1/3),  G = sum_k lambda(k/M) |k| R(k),  D = 2 g^2,
 *   g = sum_k lambda(k/M) R(k),  k = -M..M,
 *
 * with R the sample autocovariances and lambda the flat-top window (1 up to 1/2, then
 * 2 (1 - |t|) down to 0 at 1). The bandwidth M = 2 m, where m is the smallest lag after which
 * K = 5 autocorrelations in a row are insignificant (|rho| < 2 sqrt(log10(n) / n)), searched up
 * to ceil(sqrt(n)) + K; b is capped at ceil(min(3 sqrt(n), n / 3)).
 */

/** Below this many returns the autocorrelations are too noisy; the n^(1/3) rule is used. */
export const MIN_POLITIS_WHITE_RETURNS = 100;
const INSIGNIFICANT_RUN = 5;
const CRITICAL = 2;

export type BlockLengthMethod = 'politis-white' | 'cube-root' | 'user';

export interface BlockLengthChoice {
  blockLength: number;
  method: BlockLengthMethod;
}

/** The plain n^(1/3) rule, at least 1 bar. */
export function cubeRootBlockLength(n: number): number {
  return Math.max(1, Math.round(Math.cbrt(n)));
}

/**
 * Politis-White-Patton stationary-bootstrap block length of one series, or null when it does not
 * apply (too short, or no variance).
 */
export function politisWhiteBlockLength(x: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < MIN_POLITIS_WHITE_RETURNS) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const maxLag = Math.ceil(Math.sqrt(n)) + INSIGNIFICANT_RUN;
  // autocovariance[k] = (1/n) sum_t (x_t - mean)(x_{t+k} - mean), computed only up to the lags the
  // search and the bandwidth reach: each lag costs n steps, and all sqrt(n) of them would make
  // the choice O(n^1.5) (30 s at 10M returns) where the search usually stops after a few lags.
  const autocovariance = new Float64Array(maxLag + 1);
  let computed = -1;
  const through = (last: number) => {
    for (let k = computed + 1; k <= last; k++) {
      let sum = 0;
      for (let t = 0; t + k < n; t++) sum += (x[t] - mean) * (x[t + k] - mean);
      autocovariance[k] = sum / n;
    }
    computed = Math.max(computed, last);
  };
  through(0);
  const variance = autocovariance[0];
  if (!(variance > 0)) return null;

  const threshold = CRITICAL * Math.sqrt(Math.log10(n) / n);
  let m = -1;
  let run = 0;
  for (let k = 1; k <= maxLag; k++) {
    through(k);
    if (Math.abs(autocovariance[k] / variance) < threshold) {
      run++;
      if (run === INSIGNIFICANT_RUN) {
        m = k - INSIGNIFICANT_RUN;
        break;
      }
    } else {
      run = 0;
    }
  }
  // No run of insignificant lags: use the largest bandwidth searched.
  const bandwidth = m < 0 ? maxLag : Math.min(2 * Math.max(m, 1), maxLag);
  through(bandwidth);

  let g = variance;
  let bigG = 0;
  for (let k = 1; k <= bandwidth; k++) {
    const t = k / bandwidth;
    const weight = t <= 0.5 ? 1 : 2 * (1 - t);
    // Lags k and -k together.
    g += 2 * weight * autocovariance[k];
    bigG += 2 * weight * k * autocovariance[k];
  }
  const cap = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  if (!(g > 0)) return cap;
  const length = ((2 * bigG * bigG) / (2 * g * g)) ** (1 / 3) * Math.cbrt(n);
  return Math.min(Math.max(length, 1), cap);
}

/**
 * The block length for a paired bootstrap of two return series: the larger Politis-White length
 * of the two (the slower-decorrelating series sets the block), or n^(1/3) when neither applies.
 */
export function chooseBlockLength(a: ArrayLike<number>, b: ArrayLike<number>): BlockLengthChoice {
  const la = politisWhiteBlockLength(a);
  const lb = politisWhiteBlockLength(b);
  if (la === null && lb === null) {
    return { blockLength: cubeRootBlockLength(a.length), method: 'cube-root' };
  }
  return { blockLength: Math.max(la ?? 1, lb ?? 1), method: 'politis-white' };
}
