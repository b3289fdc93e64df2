/**
 * technicalindicators returns arrays trimmed at the front; these put each value back on its
 * bar (NaN before the first one), so position t only ever sees indicator values of bars <= t.
 */
export function alignToBars(values: ArrayLike<number | undefined>, bars: number): Float64Array {
  const aligned = new Float64Array(bars).fill(Number.NaN);
  const offset = bars - values.length;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== undefined) aligned[offset + i] = value;
  }
  return aligned;
}

/**
 * Exponential moving average seeded with the mean of its first `period` values (the usual
 * convention, also technicalindicators'), starting at the first non-NaN input. Written out here
 * because technicalindicators' EMA and MACD take an exact 0 for "no value yet": the signal line
 * of a MACD that is 0 on flat prices vanishes.
 */
export function ema(values: Float64Array, period: number): Float64Array {
  const bars = values.length;
  const out = new Float64Array(bars).fill(Number.NaN);
  let start = 0;
  while (start < bars && Number.isNaN(values[start])) start++;
  const seedEnd = start + period - 1;
  if (seedEnd >= bars) return out;
  let sum = 0;
  for (let t = start; t <= seedEnd; t++) sum += values[t];
  const alpha = 2 / (period + 1);
  let average = sum / period;
  out[seedEnd] = average;
  for (let t = seedEnd + 1; t < bars; t++) {
    average = (values[t] - average) * alpha + average;
    out[t] = average;
  }
  return out;
}
