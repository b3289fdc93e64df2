import type { LoaderSettings } from './settings.js';

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
  /** Present when OHLC were ratio-adjusted: the column used and the adjClose/close ratio at both ends. */
  adjustment?: { column: string; method: 'ratio'; firstRatio: number; lastRatio: number };
  /**
   * Present when the source has a split column: its splits (shares after per share before, on the
   * bar where the split took effect) and whether the prices were back-adjusted by them.
   */
  splits?: { column: string; applied: boolean; events: { time: number; shares: number }[] };
  /** How the dates were read, e.g. 'ISO (YYYY-MM-DD[ HH:MM:SS][zone])' or the dateFormat given. */
  dateFormat?: string;
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

/** How `loadPrices` reads and checks a source (LOADER_SETTINGS). Every field is optional; defaults are strict. */
export type LoadOptions = LoaderSettings & {
  /** Fewest bars the caller can use (default 1). */
  minRows?: number;
};
