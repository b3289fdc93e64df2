/**
 * The danfojs edge. Kept apart from the loader because importing danfojs-node costs over a
 * second; only code that really wants a DataFrame pays for it.
 */
import { DataFrame } from 'danfojs-node';
import { InputError } from '../errors.js';
import { CSV_HEADERS, FIELD_ORDER, timeFormatter } from './to-csv.js';
import type { PriceSeries } from './types.js';

/**
 * A series as a danfojs DataFrame with the columns `seriesToCsv` writes (`Date` as text, then one
 * column per field the source had), so `loadPrices(frame)` and danfojs' `toCSV(frame)` both give
 * the same data back.
 */
export function toDataFrame(series: PriceSeries): DataFrame {
  if (series.time.length === 0)
    throw new InputError(`series ${series.symbol} has no bars to put in a DataFrame`);
  const format = timeFormatter(series.time);
  const columns: Record<string, (string | number)[]> = { Date: Array.from(series.time, format) };
  for (const field of FIELD_ORDER) {
    if (series.meta.fields.includes(field)) columns[CSV_HEADERS[field]] = Array.from(series[field]);
  }
  return new DataFrame(columns);
}
