import type { PriceField, PriceSeries, PriceSeriesMeta } from './types.js';

export interface PriceArrays {
  time: ArrayLike<number>;
  close: ArrayLike<number>;
  open?: ArrayLike<number>;
  high?: ArrayLike<number>;
  low?: ArrayLike<number>;
  volume?: ArrayLike<number>;
}

/** Builds a series from plain arrays (tests, synthetic data, users' own sources). */
export function createPriceSeries(
  arrays: PriceArrays,
  symbol = 'SYNTH',
  meta: Partial<PriceSeriesMeta> = {},
): PriceSeries {
  const n = arrays.time.length;
  for (const key of ['close', 'open', 'high', 'low', 'volume'] as const) {
    const column = arrays[key];
    if (column && column.length !== n) {
      throw new RangeError(`${key} has ${column.length} values but time has ${n}`);
    }
  }
  const close = Float64Array.from(arrays.close);
  const fields: PriceField[] = (['open', 'high', 'low', 'close', 'volume'] as const).filter(
    (key) => arrays[key] !== undefined,
  );
  return {
    symbol,
    time: Float64Array.from(arrays.time),
    open: arrays.open ? Float64Array.from(arrays.open) : close.slice(),
    high: arrays.high ? Float64Array.from(arrays.high) : close.slice(),
    low: arrays.low ? Float64Array.from(arrays.low) : close.slice(),
    close,
    volume: arrays.volume ? Float64Array.from(arrays.volume) : new Float64Array(n),
    meta: {
      source: 'synthetic',
      adjusted: false,
      fields,
      columns: {},
      rowsRead: n,
      rowsDropped: 0,
      rowsRepaired: 0,
      repairedLines: [],
      warnings: [],
      ...meta,
    },
  };
}

/** Bars [start, end) as a new series sharing no memory with the original. */
export function sliceSeries(
  series: PriceSeries,
  start: number,
  end = series.time.length,
): PriceSeries {
  return {
    ...series,
    time: series.time.slice(start, end),
    open: series.open.slice(start, end),
    high: series.high.slice(start, end),
    low: series.low.slice(start, end),
    close: series.close.slice(start, end),
    volume: series.volume.slice(start, end),
    meta: {
      ...series.meta,
      fields: [...series.meta.fields],
      columns: { ...series.meta.columns },
      repairedLines: [...series.meta.repairedLines],
      warnings: [...series.meta.warnings],
      ...(series.meta.adjustment ? { adjustment: { ...series.meta.adjustment } } : {}),
    },
  };
}

/** Bars whose time lies in [from, to] (epoch ms, either bound optional). */
export function sliceByTime(series: PriceSeries, from?: number, to?: number): PriceSeries {
  const time = series.time;
  let start = 0;
  let end = time.length;
  if (from !== undefined) while (start < end && time[start] < from) start++;
  if (to !== undefined) while (end > start && time[end - 1] > to) end--;
  return sliceSeries(series, start, end);
}

export function barCount(series: PriceSeries): number {
  return series.time.length;
}
