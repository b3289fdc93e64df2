import { InputError } from '../errors.js';
import { type Annualisation, inferPeriodsPerYear } from './calendar.js';
import { DAY_MS } from './dates.js';
import type { PriceSeries } from './types.js';

export interface SeriesDescription {
  bars: number;
  /** Epoch ms of the first and last bar. */
  start: number;
  end: number;
  /** Median gap between consecutive bars in ms (0 for a single bar). */
  spacingMs: number;
  /** The median gap in words: '1d', '1h', '5m', '1w', '1mo', ... ('n/a' for a single bar). */
  spacingLabel: string;
  /** True when the market never closes for a whole day in a week (it trades at weekends too). */
  weekends: boolean;
  /** How a backtest on these bars annualises, and why (the same rule `backtest` uses). */
  annualisation: Annualisation;
}

const UNITS: [number, string][] = [
  [7 * DAY_MS, 'w'],
  [DAY_MS, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];

export function spacingLabel(spacingMs: number): string {
  if (spacingMs <= 0) return 'n/a';
  // Calendar months vary from 28 to 31 days, so a median in that band is a monthly series.
  if (spacingMs >= 28 * DAY_MS && spacingMs <= 31 * DAY_MS) return '1mo';
  for (const [unit, suffix] of UNITS) {
    if (spacingMs % unit === 0) return `${spacingMs / unit}${suffix}`;
  }
  return `${spacingMs}ms`;
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Size, range and bar spacing of a series, for reports and annualising. */
export function describeSeries(series: PriceSeries): SeriesDescription {
  const time = series.time;
  const bars = time.length;
  if (bars === 0) throw new InputError(`series ${series.symbol} has no bars to describe`);
  const gaps = new Float64Array(Math.max(bars - 1, 0));
  for (let i = 1; i < bars; i++) gaps[i - 1] = time[i] - time[i - 1];
  const spacingMs = gaps.length > 0 ? median(gaps) : 0;
  const annualisation = inferPeriodsPerYear(time);
  return {
    bars,
    start: time[0],
    end: time[bars - 1],
    spacingMs,
    spacingLabel: spacingLabel(spacingMs),
    weekends: annualisation.weeklyClose === false,
    annualisation,
  };
}
