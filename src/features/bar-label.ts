import type { PriceSeries } from '../data/index.js';
import { formatTimestamp } from '../data/index.js';

/** "bar 12 (2020-01-13)", with the time of day for intraday bars, for messages a user can trace. */
export function barLabel(series: PriceSeries, bar: number): string {
  const time = series.time[bar];
  const when = Number.isFinite(time) ? ` (${formatTimestamp(time)})` : '';
  return `bar ${bar}${when}`;
}
