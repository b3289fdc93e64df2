import { DAY_MS } from './dates.js';
import type { PriceField, PriceSeries } from './types.js';

export const CSV_HEADERS: Record<PriceField, string> = {
  open: 'Open',
  high: 'High',
  low: 'Low',
  close: 'Close',
  volume: 'Volume',
};
/** The order price columns are written in (CSV and DataFrame alike). */
export const FIELD_ORDER: PriceField[] = ['open', 'high', 'low', 'close', 'volume'];

/**
 * Formats times the way the loader reads them back: `YYYY-MM-DD` when every bar sits at midnight
 * UTC (daily data), else ISO 8601 in UTC with a `Z`.
 */
export function timeFormatter(time: ArrayLike<number>): (ms: number) => string {
  let daily = true;
  for (let i = 0; i < time.length && daily; i++) daily = time[i] % DAY_MS === 0;
  if (daily) return (ms) => new Date(ms).toISOString().slice(0, 10);
  return (ms) => {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
  };
}

/**
 * A series as CSV text: `Date` plus the fields the source had (`meta.fields`), one bar a line,
 * numbers in JavaScript's shortest round-trip form, so loading it back gives the same values.
 */
export function seriesToCsv(series: PriceSeries): string {
  const fields = FIELD_ORDER.filter((field) => series.meta.fields.includes(field));
  const columns = fields.map((field) => series[field]);
  const format = timeFormatter(series.time);
  const lines = [['Date', ...fields.map((field) => CSV_HEADERS[field])].join(',')];
  for (let i = 0; i < series.time.length; i++) {
    let line = format(series.time[i]);
    for (const column of columns) line += `,${column[i]}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
