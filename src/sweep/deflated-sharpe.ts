import { normalCdf, normalQuantile } from '../backtest/index.js';

/** The Euler-Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Expected maximum of `trials` Sharpe ratios drawn with variance `variance` around a true Sharpe
 * of zero (no skill), by the extreme-value approximation of Bailey and Lopez de Prado (2014,
 * "The Deflated Sharpe Ratio", J. Portfolio Management 40(5)):
 *   SR0 = sqrt(V) * ((1 - g) * Phi^-1(1 - 1/N) + g * Phi^-1(1 - 1/(N e))), g = Euler's gamma.
 * One trial has nothing to deflate: 0.
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (trials <= 1 || !(variance > 0)) return 0;
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) +
      EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)))
  );
}

/**
 * Probabilistic Sharpe Ratio (Bailey and Lopez de Prado, 2012): the probability that the true
 * per-bar Sharpe exceeds `benchmark`, given the observed per-bar Sharpe over `observations`
 * returns with their skewness and (non-excess) kurtosis:
 *   PSR = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - skew SR + (kurtosis - 1) / 4 SR^2)).
 */
export function probabilisticSharpe(
  sharpe: number,
  benchmark: number,
  observations: number,
  skew: number,
  kurtosis: number,
): number {
  const spread = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(spread > 0) || observations < 2) return Number.NaN;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}

export interface DeflatedSharpeInput {
  /** Per-bar (not annualised) Sharpe of the selected trial. */
  sharpe: number;
  /** Number of trials searched. */
  trials: number;
  /** Variance of the trials' per-bar Sharpe ratios. */
  sharpeVariance: number;
  /** Returns behind the selected trial's Sharpe. */
  observations: number;
  /** Skewness of the selected trial's returns. */
  skew: number;
  /** Kurtosis (3 for normal returns) of the selected trial's returns. */
  kurtosis: number;
}

export interface DeflatedSharpe {
  /** SR0: the best per-bar Sharpe chance alone would give this many trials. */
  expectedMaxSharpe: number;
  /** The Deflated Sharpe Ratio: PSR against SR0, a probability. */
  probability: number;
}

/** The Deflated Sharpe Ratio: the selected Sharpe's PSR against the expected maximum under no skill. */
export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpe {
  const benchmark = expectedMaxSharpe(input.trials, input.sharpeVariance);
  return {
    expectedMaxSharpe: benchmark,
    probability: probabilisticSharpe(
      input.sharpe,
      benchmark,
      input.observations,
      input.skew,
      input.kurtosis,
    ),
  };
}

/** Population skewness m3 / m2^1.5 and kurtosis m4 / m2^2 of a sample, as the DSR paper uses. */
export function shapeMoments(x: Float64Array): { skew: number; kurtosis: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { skew: 0, kurtosis: 3 };
  return { skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}
