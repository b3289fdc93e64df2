import { InputError } from '../errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z)?$/;
const DAY_MS = 86_400_000;

/**
 * Reads a --from/--to bound as UTC epoch ms (the loader reads zone-less timestamps as UTC too).
 * A bare date used as the upper bound covers that whole day, so `--to 2010-12-31` keeps the
 * last bar of 2010 even when bars carry a time of day.
 */
export function parseDateBound(text: string, bound: 'from' | 'to'): number {
  const match = DATE.exec(text.trim());
  const fail = () =>
    new InputError(`--${bound} "${text}" is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
  if (!match) throw fail();
  const [, y, mo, d, h, mi, s] = match;
  const ms = Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0);
  const check = new Date(ms);
  if (
    check.getUTCMonth() !== +mo - 1 ||
    check.getUTCDate() !== +d ||
    (h && +h > 23) ||
    (mi && +mi > 59) ||
    (s && +s > 59)
  ) {
    throw fail();
  }
  return bound === 'to' && h === undefined ? ms + DAY_MS - 1 : ms;
}

/** ISO date (with time when the value has one) for messages and tables. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z')
    ? iso.slice(0, 10)
    : `${iso.slice(0, 16).replace('T', ' ')}`;
}
