/**
 * Indicators computed here instead of through `technicalindicators`, one value per bar (NaN
 * before defined). Each follows the library's arithmetic step for step, so on ordinary data it
 * returns the library's numbers bit for bit (test/indicators/direct.test.ts), and departs from
 * it only where the library is unusable. CPU time per million bars, library vs here:
 * - SMA 0.37 s vs 0.015 s, MACD 0.47 s vs 0.07 s: every value goes through a generator and a
 *   linked list, and the indicator spec needs two SMAs and a MACD. EMA (0.10 s) is done here too
 *   because MACD is built from it.
 * - Bollinger Bands 3.2 s vs 0.09 s, CCI 2.7 s vs 0.11 s: each window is re-walked through a
 *   generator.
 * - Stochastic 1.75 s vs 0.15 s; also a flat window (high = low) gives %K = 0 there, which reads
 *   as "closed at the low"; here it is the neutral 50.
 * - ADX 1.0 s vs 0.07 s; also one flat window (true range 0) or a stretch without directional
 *   movement at the start makes the library's ADX NaN for the rest of the series; here DI = 0
 *   and DX = 0 there.
 * - MFI 1.4 s vs 0.09 s; also the library rounds to two decimals, skips the first bar and counts
 *   an unchanged typical price as negative flow; here it is unrounded and standard (no flow).
 */

/** Simple moving average, summed as the library's SMA does (running sum: minus the leaver, plus the joiner). */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  const bars = values.length;
  const mean = new Float64Array(bars).fill(Number.NaN);
  let sum = 0;
  for (let bar = 0; bar < bars; bar++) {
    sum = bar < period ? sum + values[bar] : sum - values[bar - period] + values[bar];
    if (bar >= period - 1) mean[bar] = sum / period;
  }
  return mean;
}

/**
 * Exponential moving average (weight 2 / (period + 1)) seeded with the simple mean of its first
 * `period` values, as the library does. Leading NaN (an input that is itself still warming up,
 * such as a MACD line) are skipped: the average starts at the first number.
 */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  const bars = values.length;
  const out = new Float64Array(bars).fill(Number.NaN);
  let start = 0;
  while (start < bars && Number.isNaN(values[start])) start++;
  const weight = 2 / (period + 1);
  let sum = 0;
  let average = 0;
  for (let bar = start; bar < bars; bar++) {
    const seen = bar - start;
    if (seen < period) {
      sum += values[bar];
      if (seen < period - 1) continue;
      average = sum / period;
    } else {
      average = (values[bar] - average) * weight + average;
    }
    out[bar] = average;
  }
  return out;
}

/**
 * MACD from exponential averages: the line (fast EMA - slow EMA) from bar slow - 1, the signal
 * (EMA of the line) and the histogram (line - signal) from bar slow + signal - 2.
 */
export function macd(
  close: Float64Array,
  fast: number,
  slow: number,
  signal: number,
): { line: Float64Array; signal: Float64Array; histogram: Float64Array } {
  const bars = close.length;
  const fastAverage = ema(close, fast);
  const slowAverage = ema(close, slow);
  const line = new Float64Array(bars).fill(Number.NaN);
  for (let bar = slow - 1; bar < bars; bar++) line[bar] = fastAverage[bar] - slowAverage[bar];
  const signalLine = ema(line, signal);
  const histogram = new Float64Array(bars).fill(Number.NaN);
  for (let bar = slow + signal - 2; bar < bars; bar++) {
    histogram[bar] = line[bar] - signalLine[bar];
  }
  return { line, signal: signalLine, histogram };
}

/** Largest of the last `period` values at each bar (monotonic queue, O(1) per bar). */
export function rollingMax(values: ArrayLike<number>, period: number): Float64Array {
  return rollingExtreme(values, period, 1);
}

/** Smallest of the last `period` values at each bar. */
export function rollingMin(values: ArrayLike<number>, period: number): Float64Array {
  return rollingExtreme(values, period, -1);
}

function rollingExtreme(values: ArrayLike<number>, period: number, sign: 1 | -1): Float64Array {
  const bars = values.length;
  const out = new Float64Array(bars).fill(Number.NaN);
  // Indices whose values decrease (max) or increase (min) from head to tail.
  const queue = new Int32Array(bars);
  let head = 0;
  let tail = 0;
  for (let bar = 0; bar < bars; bar++) {
    const value = sign * values[bar];
    while (tail > head && sign * values[queue[tail - 1]] <= value) tail--;
    queue[tail++] = bar;
    if (queue[head] <= bar - period) head++;
    if (bar >= period - 1) out[bar] = values[queue[head]];
  }
  return out;
}

export interface Bollinger {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
  /** %B = (close - lower) / (upper - lower); NaN where the bands coincide. */
  pctB: Float64Array;
}

/** Bollinger Bands with the population standard deviation; first at bar period - 1. */
export function bollinger(close: Float64Array, period: number, stdDev: number): Bollinger {
  const bars = close.length;
  const middle = sma(close, period);
  const upper = new Float64Array(bars).fill(Number.NaN);
  const lower = new Float64Array(bars).fill(Number.NaN);
  const pctB = new Float64Array(bars).fill(Number.NaN);
  for (let bar = period - 1; bar < bars; bar++) {
    const mean = middle[bar];
    let squares = 0;
    for (let i = bar - period + 1; i <= bar; i++) squares += (close[i] - mean) * (close[i] - mean);
    const deviation = Math.sqrt(squares / period);
    upper[bar] = mean + deviation * stdDev;
    lower[bar] = mean - deviation * stdDev;
    pctB[bar] = (close[bar] - lower[bar]) / (upper[bar] - lower[bar]);
  }
  return { middle, upper, lower, pctB };
}

/** Slow stochastic: %K over `period` bars (50 in a flat window), %D its `signal`-bar mean. */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  signal: number,
): { k: Float64Array; d: Float64Array } {
  const highest = rollingMax(high, period);
  const lowest = rollingMin(low, period);
  const k = new Float64Array(close.length).fill(Number.NaN);
  for (let bar = period - 1; bar < close.length; bar++) {
    const range = highest[bar] - lowest[bar];
    k[bar] = range > 0 ? ((close[bar] - lowest[bar]) / range) * 100 : 50;
  }
  const d = new Float64Array(close.length).fill(Number.NaN);
  const dTail = sma(k.subarray(period - 1), signal);
  d.set(dTail, Math.min(period - 1, close.length));
  return { k, d };
}

/**
 * Commodity Channel Index: (typical - its mean) / (0.015 * mean absolute deviation); 0 where the
 * deviation is below 1e-9 of the price (a flat window, where the ratio is rounding noise).
 */
export function cci(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): Float64Array {
  const bars = close.length;
  const typical = new Float64Array(bars);
  for (let bar = 0; bar < bars; bar++) typical[bar] = (high[bar] + low[bar] + close[bar]) / 3;
  const mean = sma(typical, period);
  const out = new Float64Array(bars).fill(Number.NaN);
  for (let bar = period - 1; bar < bars; bar++) {
    let deviations = 0;
    for (let i = bar - period + 1; i <= bar; i++) deviations += Math.abs(typical[i] - mean[bar]);
    const meanDeviation = deviations / period;
    out[bar] =
      meanDeviation > Math.abs(mean[bar]) * 1e-9
        ? (typical[bar] - mean[bar]) / (0.015 * meanDeviation)
        : 0;
  }
  return out;
}

/**
 * Wilder's ADX with +DI and -DI (0..100). DI and DX start at bar `period`, ADX (the Wilder mean
 * of DX seeded with its simple mean) at 2 * period - 1.
 */
export function adx(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): { adx: Float64Array; plusDI: Float64Array; minusDI: Float64Array } {
  const bars = close.length;
  const out = new Float64Array(bars).fill(Number.NaN);
  const plusDI = new Float64Array(bars).fill(Number.NaN);
  const minusDI = new Float64Array(bars).fill(Number.NaN);
  let range = 0;
  let plus = 0;
  let minus = 0;
  let dxSum = 0;
  let average = 0;
  for (let bar = 1; bar < bars; bar++) {
    const trueRange = Math.max(
      high[bar] - low[bar],
      Math.abs(high[bar] - close[bar - 1]),
      Math.abs(low[bar] - close[bar - 1]),
    );
    const upMove = high[bar] - high[bar - 1];
    const downMove = low[bar - 1] - low[bar];
    const plusMove = upMove > downMove && upMove > 0 ? upMove : 0;
    const minusMove = downMove > upMove && downMove > 0 ? downMove : 0;
    // Wilder smoothing as a running sum: the first `period` values summed, then s - s/p + x.
    if (bar <= period) {
      range += trueRange;
      plus += plusMove;
      minus += minusMove;
      if (bar < period) continue;
    } else {
      range = range - range / period + trueRange;
      plus = plus - plus / period + plusMove;
      minus = minus - minus / period + minusMove;
    }
    const pdi = range > 0 ? (plus * 100) / range : 0;
    const mdi = range > 0 ? (minus * 100) / range : 0;
    plusDI[bar] = pdi;
    minusDI[bar] = mdi;
    const sum = pdi + mdi;
    const dx = sum > 0 ? (Math.abs(pdi - mdi) / sum) * 100 : 0;
    const seen = bar - period + 1;
    if (seen < period) {
      dxSum += dx;
    } else if (seen === period) {
      average = (dxSum + dx) / period;
      out[bar] = average;
    } else {
      average = (dx - average) * (1 / period) + average;
      out[bar] = average;
    }
  }
  return { adx: out, plusDI, minusDI };
}

/**
 * Money Flow Index in 0..100 (50 where no money moved in the window). Bar t's flow is
 * typical * volume, positive when the typical price rose from bar t - 1, negative when it fell;
 * the first value is at bar `period` (flows start at bar 1).
 */
export function mfi(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
): Float64Array {
  const bars = close.length;
  const out = new Float64Array(bars).fill(Number.NaN);
  const positive = new Float64Array(bars);
  const negative = new Float64Array(bars);
  let previous = (high[0] + low[0] + close[0]) / 3;
  for (let bar = 1; bar < bars; bar++) {
    const typical = (high[bar] + low[bar] + close[bar]) / 3;
    if (typical > previous) positive[bar] = typical * volume[bar];
    else if (typical < previous) negative[bar] = typical * volume[bar];
    previous = typical;
  }
  for (let bar = period; bar < bars; bar++) {
    let up = 0;
    let down = 0;
    for (let i = bar - period + 1; i <= bar; i++) {
      up += positive[i];
      down += negative[i];
    }
    out[bar] = up + down > 0 ? (100 * up) / (up + down) : 50;
  }
  return out;
}
