import { PythonRandom } from '../nn/python-random.js';
import { ZERO_VOLATILITY } from './stats.js';

const TWO_32 = 4_294_967_296;

export interface SharpeTestOptions {
  resamples: number;
  /** Mean block length in bars (blocks are geometric with this mean). */
  blockLength: number;
  seed: number;
  /** Risk-free return per bar, subtracted from both means. */
  riskFree: number;
}

export interface SharpeTest {
  /** Per-bar Sharpe of a minus per-bar Sharpe of b on the sample. */
  difference: number;
  /** One-sided p-value for "Sharpe(a) > Sharpe(b)". */
  pValue: number;
}

/** Prefix sums of x - mean and (x - mean)^2; centring keeps the sums of squares accurate. */
function centredPrefixSums(x: Float64Array, mean: number): [Float64Array, Float64Array] {
  const sums = new Float64Array(x.length + 1);
  const squares = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean;
    sums[i + 1] = sums[i] + d;
    squares[i + 1] = squares[i] + d * d;
  }
  return [sums, squares];
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

/** Sum of prefix-summed values over the circular block [start, start + length), length <= n. */
function blockSum(prefix: Float64Array, start: number, length: number, n: number): number {
  const end = start + length;
  return end <= n ? prefix[end] - prefix[start] : prefix[n] - prefix[start] + prefix[end - n];
}

/**
 * Stationary bootstrap (Politis and Romano, 1994) of paired returns: blocks start at uniform
 * random bars, wrap around the end and have geometric lengths with mean `blockLength`, so each
 * step continues the block with probability 1 - 1/blockLength. Each resample's Sharpe difference
 * d* is centred on the observed d; p = (1 + #{d* - d >= d}) / (resamples + 1).
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

  const random = new PythonRandom(options.seed);
  const logContinue = Math.log(1 - 1 / blockLength);
  let extreme = 0;
  for (let k = 0; k < resamples; k++) {
    let s1a = 0;
    let s2a = 0;
    let s1b = 0;
    let s2b = 0;
    let filled = 0;
    while (filled < n) {
      // Two 32-bit draws per block: a uniform start bar and u in (0, 1) for a geometric
      // length >= 1 (with blockLength 1, logContinue is -Infinity and every length is 1).
      const start = Math.floor((random.nextUint32() / TWO_32) * n);
      const u = (random.nextUint32() + 0.5) / TWO_32;
      const drawn = 1 + Math.floor(Math.log(u) / logContinue);
      const length = Math.min(drawn, n - filled);
      s1a += blockSum(sumA, start, length, n);
      s2a += blockSum(squaresA, start, length, n);
      s1b += blockSum(sumB, start, length, n);
      s2b += blockSum(squaresB, start, length, n);
      filled += length;
    }
    const resampled =
      sharpeFromSums(meanA, s1a, s2a, n, riskFree) - sharpeFromSums(meanB, s1b, s2b, n, riskFree);
    if (resampled - difference >= difference) extreme++;
  }
  return { difference, pValue: (extreme + 1) / (resamples + 1) };
}
