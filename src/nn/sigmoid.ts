/**
 * The logistic function, written exactly as the seed does (`1.0/(1.0+exp(-x))`) so that trained
 * weights stay bit-identical to the Python reference.
 *
 * Large |x| is safe without a clamp: for x < -709.78, `Math.exp(-x)` overflows to Infinity and the
 * result is exactly 0; for x > 745, `Math.exp(-x)` underflows to 0 and the result is exactly 1.
 * (CPython's `math.exp` raises OverflowError there instead.) Only a NaN argument gives NaN, and
 * the network rejects non-finite inputs before they reach this function.
 */
export function sigmoid(x: number): number {
  return 1.0 / (1.0 + Math.exp(-x));
}
