/**
 * The indicators taken from `technicalindicators` (the others are in direct.ts, with the
 * reason), each returned as one value per bar (NaN before it is defined). The library returns
 * arrays trimmed at the front by an amount that differs per indicator; `placeTail` puts output
 * k on bar `firstBar + k` and refuses any other length, so an alignment slip fails loudly
 * instead of shifting a column by a bar. Only the batch `calculate` API is used: the streaming
 * `nextValue` of several indicators tests values for truthiness, so a legitimate 0 reads as
 * "no value yet".
 */
import {
  ATR,
  AverageGain,
  AverageLoss,
  getConfig,
  OBV,
  ROC,
  setConfig,
  WilliamsR,
} from 'technicalindicators';

/** Passed as `format` so the top-level output is never rounded. */
const exact = (value: number): number => value;

/** The library reads only indices and `forEach`, so typed arrays can go in without copying. */
const list = (values: Float64Array): number[] => values as unknown as number[];

/**
 * Runs library code with its global `precision` setting cleared: some inner steps (the SMA
 * seeding ATR's Wilder average, the true range) round through it regardless of the `format`
 * passed in, and another module may have set it.
 */
function withFullPrecision<T>(compute: () => T): T {
  const precision = getConfig('precision');
  if (precision === undefined) return compute();
  setConfig('precision', undefined);
  try {
    return compute();
  } finally {
    setConfig('precision', precision);
  }
}

/** Library output `output[k]` belongs to bar `firstBar + k`. */
export function placeTail(
  output: ArrayLike<number>,
  bars: number,
  firstBar: number,
  name: string,
): Float64Array {
  const expected = Math.max(0, bars - firstBar);
  if (output.length !== expected) {
    throw new Error(
      `technicalindicators ${name} returned ${output.length} values for ${bars} bars; expected ${expected}`,
    );
  }
  const perBar = new Float64Array(bars).fill(Number.NaN);
  for (let k = 0; k < expected; k++) perBar[firstBar + k] = output[k];
  return perBar;
}

/**
 * Wilder's average gain and loss (the parts of RSI). The library's own RSI rounds to two
 * decimals, so RSI is finished from these unrounded averages. First value at bar `period`.
 */
export function averageGainLoss(
  values: Float64Array,
  period: number,
): { gain: Float64Array; loss: Float64Array } {
  return withFullPrecision(() => ({
    gain: placeTail(
      AverageGain.calculate({ period, values: list(values), format: exact }),
      values.length,
      period,
      'AverageGain',
    ),
    loss: placeTail(
      AverageLoss.calculate({ period, values: list(values), format: exact }),
      values.length,
      period,
      'AverageLoss',
    ),
  }));
}

/**
 * Wilder's RSI in 0..100, finished from the unrounded average gain and loss (the library's own
 * RSI rounds to two decimals); 50 where nothing moved in the window. First value at bar `period`.
 */
export function rsi(values: Float64Array, period: number): Float64Array {
  const { gain, loss } = averageGainLoss(values, period);
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let bar = period; bar < values.length; bar++) {
    const moved = gain[bar] + loss[bar];
    out[bar] = moved > 0 ? (100 * gain[bar]) / moved : 50;
  }
  return out;
}

/** Wilder's average true range; true range starts at bar 1, so the first ATR is at bar `period`. */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): Float64Array {
  const output = withFullPrecision(() =>
    ATR.calculate({ period, high: list(high), low: list(low), close: list(close), format: exact }),
  );
  return placeTail(output, close.length, period, 'ATR');
}

/** Williams %R in [-100, 0]; NaN where the window's high equals its low. First at period - 1. */
export function williamsR(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): Float64Array {
  const output = withFullPrecision(() =>
    WilliamsR.calculate({
      period,
      high: list(high),
      low: list(low),
      close: list(close),
      format: exact,
    }),
  );
  return placeTail(output, close.length, period - 1, 'WilliamsR');
}

/** Rate of change in percent, close[t] against close[t - period]; first at bar `period`. */
export function roc(close: Float64Array, period: number): Float64Array {
  const output = withFullPrecision(() =>
    ROC.calculate({ period, values: list(close), format: exact }),
  );
  return placeTail(output, close.length, period, 'ROC');
}

/** On-balance volume counted from bar 0 (= 0): the library starts its output at bar 1. */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const output = withFullPrecision(() =>
    OBV.calculate({ close: list(close), volume: list(volume), format: exact }),
  );
  const perBar = placeTail(output, close.length, 1, 'OBV');
  if (perBar.length > 0) perBar[0] = 0;
  return perBar;
}
