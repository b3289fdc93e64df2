import type { PriceSeries } from '../data/types.js';

/** "bar 12 (2020-01-13T00:00:00.000Z)", for error messages a user can find in the file. */
export function barLabel(series: PriceSeries, bar: number): string {
  const time = series.time[bar];
  const when = Number.isFinite(time) ? ` (${new Date(time).toISOString()})` : '';
  return `bar ${bar}${when}`;
}
