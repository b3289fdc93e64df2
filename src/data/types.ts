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

/** How `loadPrices` reads and checks a source. Every field is optional; defaults are strict. */
export interface LoadOptions {
  /** The symbol to pick from a multi-symbol file, or the name to give a single-symbol one. */
  symbol?: string;
  /** Rows with empty, `null`, NaN or non-numeric values: fail (default), drop them, or fill forward. */
  missing?: 'error' | 'drop' | 'ffill';
  /** Rows with impossible prices (<= 0, high < low, open/close outside the range, negative volume). */
  invalid?: 'error' | 'drop' | 'clamp';
  /** Date format such as 'DD.MM.YYYY' or 'YYYY-MM-DD HH:mm:ss' ('X' / 'x': epoch s / ms); default detected. */
  dateFormat?: string;
  /** Every column name in file order, for files without a header or whose header is short. */
  columns?: string[];
  /**
   * Ratio-adjust OHLC by an adjusted-close column when there is one, else back-adjust by a split
   * column when there is one (default true).
   */
  adjust?: boolean;
  /** Fewest bars the caller can use (default 1). */
  minRows?: number;
}
