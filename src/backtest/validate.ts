import type { PriceSeries } from '../data/index.js';
import { formatTimestamp } from '../data/index.js';
import { InputError } from '../errors.js';

/** The bar's date for messages, without a time of day for daily bars. */
export function dateOf(time: number): string {
  return Number.isFinite(time) ? formatTimestamp(time) : '?';
}

/** A usable price: finite and > 0 (NaN fails both comparisons). */
function isPrice(value: number): boolean {
  return value > 0 && value < Number.POSITIVE_INFINITY;
}

/** A finite time strictly after `previous` (pass -Infinity for the first bar). */
function isNextTime(value: number, previous: number): boolean {
  return value > previous && value < Number.POSITIVE_INFINITY;
}

/** NaN (no decision) or a number in [lowest, 1]; lowest is -1 with shorts, else 0. */
function isTarget(value: number, lowest: number): boolean {
  return (value >= lowest && value <= 1) || Number.isNaN(value);
}

/** At least one bar, increasing finite times, finite positive open and close prices. */
export function validateSeries(series: PriceSeries): void {
  const { time, open, close, symbol } = series;
  const n = time.length;
  if (n === 0) throw new InputError(`The price series ${symbol} has no bars.`);
  if (open.length !== n || close.length !== n) {
    throw new InputError(`The price series ${symbol} has columns of different lengths.`);
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (!isNextTime(time[i], previous)) {
      throw new InputError(
        `Bar ${i} of ${symbol} has time ${dateOf(time[i])}, not after the previous bar's; times must be finite and increase.`,
      );
    }
    previous = time[i];
    for (const [field, prices] of [
      ['open', open],
      ['close', close],
    ] as const) {
      if (!isPrice(prices[i])) {
        throw new InputError(
          `The ${field} price of ${symbol} at bar ${i} (${dateOf(time[i])}) is ${prices[i]}; prices must be finite and > 0.`,
        );
      }
    }
  }
}

/** One target per bar, each NaN or in [-1, 1], and not below 0 unless shorts are allowed. */
export function validateTargets(
  targets: ArrayLike<number>,
  time: Float64Array,
  allowShort: boolean,
): void {
  if (targets.length !== time.length) {
    throw new InputError(
      `There are ${targets.length} targets for ${time.length} bars; give one target per bar.`,
    );
  }
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (!isTarget(target, -1)) {
      throw new InputError(
        `The target at bar ${i} (${dateOf(time[i])}) is ${target}; targets must lie in [-1, 1] or be NaN.`,
      );
    }
    if (target < 0 && !allowShort) {
      throw new InputError(
        `The target at bar ${i} (${dateOf(time[i])}) is ${target}, a short position, but allowShort is off.`,
      );
    }
  }
}
