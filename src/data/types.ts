/** The price fields a series carries; `meta.fields` says which of them the source really had. */
export type PriceField = 'open' | 'high' | 'low' | 'close' | 'volume';

export interface PriceSeriesMeta {
  /** File path the series came from, or 'DataFrame' / 'synthetic'. */
  source: string;
  /** True when OHLC were ratio-adjusted by an adjusted-close column. */
  adjusted: boolean;
  /** Fields present in the source. Absent open/high/low are copies of close, absent volume is 0. */
  fields: PriceField[];
  /** Canonical name -> source column name, as matched. */
  columns: Record<string, string>;
  rowsRead: number;
  rowsDropped: number;
  rowsRepaired: number;
  /** 1-based source lines that were dropped or repaired (capped list). */
  repairedLines: number[];
  warnings: string[];
}

/**
 * OHLCV bars in time order. All arrays have the same length; `time` is epoch milliseconds
 * (UTC; zone-less timestamps are read as UTC).
 */
export interface PriceSeries {
  symbol: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  meta: PriceSeriesMeta;
}
