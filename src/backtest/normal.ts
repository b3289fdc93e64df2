/**
 * The standard normal distribution: Φ by Marsaglia's Taylor series (2004, "Evaluating the normal
 * distribution", J. Stat. Software 11(4)) near the centre and by the continued fraction of Mills'
 * ratio in the tails (so tail probabilities keep their relative precision), and Φ⁻¹ by Acklam's
 * rational approximation refined with one Halley step on that Φ.
 */

const LOG_ROOT_TWO_PI = 0.9189385332046728;
/** Beyond this |x| the continued fraction converges fast and the series would cancel. */
const TAIL = 3;

/** Φ(-t) for t > TAIL: φ(t) / (t + 1/(t + 2/(t + 3/(t + ...)))), evaluated from the 80th level up. */
function lowerTail(t: number): number {
  let fraction = t;
  for (let k = 80; k >= 1; k--) fraction = t + k / fraction;
  return Math.exp(-0.5 * t * t - LOG_ROOT_TWO_PI) / fraction;
}

/** Φ(x) = P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -38) return 0;
  if (x > 38) return 1;
  if (x < -TAIL) return lowerTail(-x);
  if (x > TAIL) return 1 - lowerTail(x);
  const square = x * x;
  let sum = x;
  let term = x;
  // The series x + x^3/3 + x^5/(3*5) + ... converges for every x; stop when a term no longer counts.
  for (let i = 3; sum + term !== sum; i += 2) {
    term *= square / i;
    sum += term;
  }
  const value = 0.5 + sum * Math.exp(-0.5 * square - LOG_ROOT_TWO_PI);
  return Math.min(1, Math.max(0, value));
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

/** Φ⁻¹(p): the z with Φ(z) = p, for p in (0, 1); -Infinity at 0 and Infinity at 1. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let z: number;
  if (p < LOW || p > 1 - LOW) {
    const q = Math.sqrt(-2 * Math.log(p < LOW ? p : 1 - p));
    const tail =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    z = p < LOW ? tail : -tail;
  } else {
    const q = p - 0.5;
    const r = q * q;
    z =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // One Halley step on Φ(z) - p brings Acklam's 1e-9 relative error to about machine precision.
  const error = normalCdf(z) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2);
  return z - u / (1 + (z * u) / 2);
}
