import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { normalCdf, normalQuantile } from './normal.js';
import { ZERO_VOLATILITY } from './stats.js';
import { sortedQuantile } from './verdict.js';

const TWO_32 = 4_294_967_296;
/** Geometric lengths up to this many bars are found by comparison, longer ones by inversion. */
const GEOMETRIC_TABLE = 16;

export interface SharpeTestOptions {
  resamples: number;
  /** Mean block length in bars (blocks are geometric with this mean). */
  blockLength: number;
  seed: number;
  /** Risk-free return per bar, subtracted from both means. */
  riskFree: number;
}

/** How the Sharpe difference was tested: see `sharpeDifferenceTest`. */
export type SharpeTestMethod = 'stationary-bootstrap' | 'normal-approximation';

export interface SharpeTest {
  method: SharpeTestMethod;
  /** Per-bar Sharpe of a minus per-bar Sharpe of b on the sample. */
  difference: number;
  /** One-sided p-value for "Sharpe(a) > Sharpe(b)". */
  pValue: number;
  /**
   * Each resample's difference minus the observed one, d* - d, sorted ascending: the bootstrap's
   * picture of how far the sample difference strays from the true one. Empty under the normal
   * approximation, which draws no resamples.
   */
  deviations: Float64Array;
  /** The `level` quantile of that sampling error d* - d. */
  deviationQuantile: (level: number) => number;
}

/**
 * From this many paired returns on, `sharpeDifferenceTest` replaces the bootstrap's resamples
 * by their normal limit (when the blocks are also many, see below). The bootstrap costs
 * resamples x returns / block length block draws (2000 x 1M / 2.5 for 1M one-minute returns of
 * a random strategy: over a minute), where the normal approximation takes a few linear passes. Measured agreement and
 * size: docs/guide/statistics.md.
 */
export const NORMAL_APPROXIMATION_RETURNS = 50_000;
/**
 * ... and the sample must hold at least this many mean block lengths: the approximation rests on
 * the central limit theorem over blocks, and with fewer blocks the bootstrap is cheap anyway.
 */
export const NORMAL_APPROXIMATION_BLOCKS = 100;

/**
 * Prefix sums of x - mean and (x - mean)^2 over x read twice in a row, so a circular block
 * [start, start + length) with start < n and length <= n is always sums[end] - sums[start];
 * centring keeps the sums of squares accurate.
 */
function centredPrefixSums(x: Float64Array, mean: number): [Float64Array, Float64Array] {
  const n = x.length;
  const sums = new Float64Array(2 * n + 1);
  const squares = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) {
    const d = x[i < n ? i : i - n] - mean;
    sums[i + 1] = sums[i] + d;
    squares[i + 1] = squares[i] + d * d;
  }
  return [sums, squares];
}

/**
 * The bootstrap's own random stream: xoroshiro128+ (pure-rand), several times faster than the
 * Mersenne Twister that the strategies use, which matters at two draws per block. Its seeded state
 * is sparse, so a few steps mix it before use.
 */
export function bootstrapStream(seed: number): () => number {
  const generator = xoroshiro128plus(seed | 0);
  for (let i = 0; i < 16; i++) generator.next();
  return () => generator.next() >>> 0;
}

/**
 * Draws the stationary bootstrap's blocks over n bars: a uniform start bar and a geometric
 * length with mean `blockLength`, two 32-bit draws per block. `compare` and the sweep's joint
 * bootstrap both draw through it, so for one seed they resample the same blocks.
 */
export class BlockSampler {
  /** The last block: first bar (< n) and length (>= 1). */
  start = 0;
  length = 0;
  private readonly nextUint32: () => number;
  private readonly startScale: number;
  private readonly logContinue: number;
  /** atLeast[k] = P(length > k) = (1 - 1/blockLength)^k. */
  private readonly atLeast = new Float64Array(GEOMETRIC_TABLE + 1);

  constructor(seed: number, blockLength: number, n: number) {
    this.nextUint32 = bootstrapStream(seed);
    this.startScale = n / TWO_32;
    const keep = 1 - 1 / blockLength;
    this.logContinue = Math.log(keep);
    for (let k = 0; k <= GEOMETRIC_TABLE; k++) this.atLeast[k] = keep ** k;
  }

  /** Draws the next block, cut to at most `remaining` bars. */
  next(remaining: number): void {
    this.start = Math.floor(this.nextUint32() * this.startScale);
    const u = (this.nextUint32() + 0.5) / TWO_32;
    // The length exceeds k exactly when u <= keep^k: comparisons settle most lengths without a
    // logarithm (with blockLength 1 every length is 1).
    let length = 1;
    while (length <= GEOMETRIC_TABLE && u <= this.atLeast[length]) length++;
    if (length > GEOMETRIC_TABLE) length = 1 + Math.floor(Math.log(u) / this.logContinue);
    this.length = Math.min(length, remaining);
  }
}

function meanOf(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}

/** Per-bar Sharpe from centred sums over n returns; a series with no volatility scores 0. */
function sharpeFromSums(mean: number, sum: number, squares: number, n: number, riskFree: number) {
  const variance = (squares - (sum * sum) / n) / (n - 1);
  const std = variance > 0 ? Math.sqrt(variance) : 0;
  return std > ZERO_VOLATILITY ? (mean + sum / n - riskFree) / std : 0;
}

/** Whether `sharpeDifferenceTest` uses the normal approximation for n returns and this block length. */
export function usesNormalApproximation(returns: number, blockLength: number): boolean {
  return (
    returns >= NORMAL_APPROXIMATION_RETURNS && returns >= NORMAL_APPROXIMATION_BLOCKS * blockLength
  );
}

/**
 * The test of "Sharpe(a) > Sharpe(b)" for paired returns: the stationary bootstrap below
 * NORMAL_APPROXIMATION_RETURNS returns, its normal approximation from there on.
 */
export function sharpeDifferenceTest(
  a: Float64Array,
  b: Float64Array,
  options: SharpeTestOptions,
): SharpeTest {
  return usesNormalApproximation(a.length, options.blockLength)
    ? normalSharpeDifference(a, b, options)
    : bootstrapSharpeDifference(a, b, options);
}

/**
 * Stationary bootstrap (Politis and Romano, 1994) of paired returns: blocks start at uniform
 * random bars, wrap around the end and have geometric lengths with mean `blockLength`, so each
 * step continues the block with probability 1 - 1/blockLength. Each resample's Sharpe difference
 * d* is centred on the observed d; p = (1 + #{d* - d >= d}) / (resamples + 1). The sorted
 * deviations d* - d are returned for the interval and the detectable difference (verdict.ts).
 * Block sums come from prefix sums, so a resample costs O(blocks), not O(bars).
 */
export function bootstrapSharpeDifference(
  a: Float64Array,
  b: Float64Array,
  options: SharpeTestOptions,
): SharpeTest {
  const n = a.length;
  const { resamples, blockLength, riskFree } = options;
  const meanA = meanOf(a);
  const meanB = meanOf(b);
  const [sumA, squaresA] = centredPrefixSums(a, meanA);
  const [sumB, squaresB] = centredPrefixSums(b, meanB);
  const difference =
    sharpeFromSums(meanA, sumA[n], squaresA[n], n, riskFree) -
    sharpeFromSums(meanB, sumB[n], squaresB[n], n, riskFree);

  const blocks = new BlockSampler(options.seed, blockLength, n);
  const deviations = new Float64Array(resamples);
  for (let k = 0; k < resamples; k++) {
    let s1a = 0;
    let s2a = 0;
    let s1b = 0;
    let s2b = 0;
    let filled = 0;
    while (filled < n) {
      blocks.next(n - filled);
      const start = blocks.start;
      const end = start + blocks.length;
      s1a += sumA[end] - sumA[start];
      s2a += squaresA[end] - squaresA[start];
      s1b += sumB[end] - sumB[start];
      s2b += squaresB[end] - squaresB[start];
      filled += end - start;
    }
    deviations[k] =
      sharpeFromSums(meanA, s1a, s2a, n, riskFree) -
      sharpeFromSums(meanB, s1b, s2b, n, riskFree) -
      difference;
  }
  deviations.sort();
  let extreme = 0;
  for (let k = 0; k < resamples; k++) if (deviations[k] >= difference) extreme++;
  return {
    method: 'stationary-bootstrap',
    difference,
    pValue: (extreme + 1) / (resamples + 1),
    deviations,
    deviationQuantile: (level) => sortedQuantile(deviations, level),
  };
}

/**
 * One series' share of the Sharpe ratio's first-order change (the delta method): a bar's return
 * deviation d moves the mean by d/n and the variance by (d^2 - v)/n, so the per-bar Sharpe
 * (m - rf) / s moves by (d / s - S (d^2 - v) / (2 s^2)) / n. Zero for a series with no volatility,
 * whose Sharpe is fixed at 0.
 */
class SharpeInfluence {
  readonly sharpe: number;
  private readonly mean: number;
  private readonly meanSquare: number;
  private readonly slope: number;
  private readonly curvature: number;

  constructor(x: Float64Array, riskFree: number) {
    const n = x.length;
    this.mean = meanOf(x);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - this.mean;
      sum += d;
      squares += d * d;
    }
    this.meanSquare = squares / n;
    const variance = (squares - (sum * sum) / n) / (n - 1);
    const std = variance > 0 ? Math.sqrt(variance) : 0;
    const volatile = std > ZERO_VOLATILITY;
    this.sharpe = sharpeFromSums(this.mean, sum, squares, n, riskFree);
    this.slope = volatile ? 1 / std : 0;
    this.curvature = volatile ? this.sharpe / (2 * variance) : 0;
  }

  at(value: number): number {
    const d = value - this.mean;
    return this.slope * d - this.curvature * (d * d - this.meanSquare);
  }
}

/**
 * The stationary bootstrap's distribution of d* - d taken as normal, with the variance the
 * bootstrap itself has (no resampling): for the mean of a series z, Politis and Romano (1994)
 * give n Var*(mean*) = C(0) + 2 sum_{k=1}^{n-1} (1 - k/n) q^k C(k), q = 1 - 1/blockLength and C the
 * circular autocovariances, because two resampled bars k apart lie in one block with probability
 * q^k and are independent otherwise. z is the Sharpe difference's delta-method influence
 * (SharpeInfluence of a minus that of b). The weighted sum of autocovariances is
 * sum_t z_t (E_t - F_t / n) with E_t = sum_k q^k z_{t+k} and F_t = sum_k k q^k z_{t+k}, built by two
 * backward recursions over the series read twice: O(n), where every lag would be O(n^2). Lags of
 * n and more enter with weight below q^n < e^-100 (usesNormalApproximation), nothing in double
 * precision. p = 1 - Phi(d / se); the quantiles are se x Phi^-1(level).
 */
export function normalSharpeDifference(
  a: Float64Array,
  b: Float64Array,
  options: Pick<SharpeTestOptions, 'blockLength' | 'riskFree'>,
): SharpeTest {
  const n = a.length;
  const q = 1 - 1 / options.blockLength;
  const influenceA = new SharpeInfluence(a, options.riskFree);
  const influenceB = new SharpeInfluence(b, options.riskFree);
  const difference = influenceA.sharpe - influenceB.sharpe;
  let total = 0;
  for (let i = 0; i < n; i++) total += influenceA.at(a[i]) - influenceB.at(b[i]);
  const centre = total / n;
  let e = 0;
  let f = 0;
  let lag0 = 0;
  let lagged = 0;
  for (let u = 2 * n - 1; u >= 0; u--) {
    const t = u < n ? u : u - n;
    const z = influenceA.at(a[t]) - influenceB.at(b[t]) - centre;
    if (u < n) {
      lag0 += z * z;
      lagged += z * (e - f / n);
    }
    f = q * (z + f + e);
    e = q * (z + e);
  }
  const standardError = Math.sqrt(Math.max(0, lag0 + 2 * lagged)) / n;
  const pValue =
    standardError > 0 ? normalCdf(-difference / standardError) : difference > 0 ? 0 : 1;
  return {
    method: 'normal-approximation',
    difference,
    pValue,
    deviations: new Float64Array(0),
    deviationQuantile: (level) => standardError * normalQuantile(level),
  };
}
