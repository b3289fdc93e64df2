/** The parsed but unchecked rows of one source, before validation turns them into series. */

export type ValueField = 'open' | 'high' | 'low' | 'close' | 'volume' | 'adjClose' | 'split';

/** Why a row's timestamp is NaN. */
export const TIME_READ = 0;
export const TIME_MISSING = 1;
export const TIME_UNREADABLE = 2;

export interface RawTable {
  /** File path or 'DataFrame', for messages. */
  source: string;
  rows: number;
  /** 1-based source line of each row (the header is line 1). */
  line: Int32Array;
  /** Epoch ms; NaN where `timeStatus` is not TIME_READ. */
  time: Float64Array;
  timeStatus: Uint8Array;
  /** One array per column found; NaN where the cell was not a finite number. */
  values: Partial<Record<ValueField, Float64Array>>;
  /** Index into `symbols` per row, when the source has a symbol column. */
  symbolId: Int32Array | null;
  symbols: string[];
  /** Role -> source column name, as matched. */
  columns: Record<string, string>;
  /** How dates were read, e.g. 'ISO (YYYY-MM-DD[ HH:MM:SS][zone])'. */
  dateFormat: string;
  /** The raw text of one cell, for error messages. */
  cellText(row: number, role: ValueField | 'date' | 'time'): string;
}
