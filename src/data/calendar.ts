const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05, the first Monday after the epoch (a Thursday): weeks run Monday to Sunday, UTC. */
const FIRST_MONDAY = 4 * DAY;

/**
 * A gap at least this long closes the market for a day or more: longer than any overnight break
 * (about 17 h for a 09:30-16:00 session), shorter than a weekend of daily bars (72 h) or a forex
 * weekend (about 49 h).
 */
const CLOSURE_GAP = 40 * HOUR;
/** Trading weeks per year: 252 trading days / 5 when the market closes each week, 365 / 7 when not. */
const WEEKS_WITH_CLOSE = 252 / 5;
const WEEKS_ALWAYS_OPEN = 365 / 7;

export interface Annualisation {
  periodsPerYear: number;
  /** Plain statement of the basis, e.g. "252 bars/year (5 bars/week x 50.4 trading weeks; ...)". */
  basis: string;
  /** Median bars per full calendar week (daily and intraday bars; absent for coarser spacing). */
  barsPerWeek?: number;
  /** True when the market closes for a day or more every week (weekends, Friday-Saturday, ...). */
  weeklyClose?: boolean;
}

/**
 * Spacing classes, by the upper bound of the gap between consecutive bars. The class holding the
 * median gap decides; counting gaps per class avoids sorting a million gaps.
 */
const SPACING_CLASSES = [
  { below: 20 * HOUR, kind: 'intraday' },
  { below: 4 * DAY, kind: 'daily' },
  { below: 15 * DAY, kind: 'weekly' },
  { below: 60 * DAY, kind: 'monthly' },
  { below: 200 * DAY, kind: 'quarterly' },
  { below: Number.POSITIVE_INFINITY, kind: 'yearly' },
] as const;

type SpacingKind = (typeof SPACING_CLASSES)[number]['kind'];
const SPACING_BOUNDS = Float64Array.from(SPACING_CLASSES, (c) => c.below);

interface CalendarScan {
  kind: SpacingKind;
  /** Median bars per calendar week lying wholly inside the data. */
  barsPerWeek: number;
  weeklyClose: boolean;
}

/** The first index at or after `from` whose time is at least `at` (times increase). */
function firstAtOrAfter(time: ArrayLike<number>, at: number, from: number): number {
  let lo = from;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Gaps of at least `gap` between consecutive bars lo..hi. A stretch of bars spanning less than
 * `gap` holds none, so only stretches around the long gaps are split: the work grows with the
 * time covered divided by `gap`, not with the number of bars (1M one-minute bars hold at most a
 * few hundred gaps of a day).
 */
function gapsOfAtLeast(time: ArrayLike<number>, gap: number, lo: number, hi: number): number {
  if (hi - lo === 1) return time[hi] - time[lo] >= gap ? 1 : 0;
  if (time[hi] - time[lo] < gap) return 0;
  const mid = (lo + hi) >>> 1;
  return gapsOfAtLeast(time, gap, lo, mid) + gapsOfAtLeast(time, gap, mid, hi);
}

/**
 * Gaps counted per spacing class (the median gap's class wins), closures counted, and bars
 * counted per Monday-to-Sunday week, all by searching the (increasing) times rather than visiting
 * every bar. A week holds one whole cycle of any weekly schedule wherever the week starts, so the
 * count does not depend on the time zone the bars are stamped in (daily bars at local midnight
 * east of UTC fall on Sunday-Thursday in UTC and still count 5).
 */
function scanCalendar(time: ArrayLike<number>): CalendarScan {
  const n = time.length;
  const first = time[0];
  const last = time[n - 1];

  // Gaps at least each class's lower bound; a class holds the difference of two such counts.
  const atLeast = [n - 1];
  for (let k = 0; k < SPACING_BOUNDS.length - 1; k++) {
    atLeast.push(gapsOfAtLeast(time, SPACING_BOUNDS[k], 0, n - 1));
  }
  atLeast.push(0);
  const middle = Math.floor((n - 2) / 2);
  let k = 0;
  for (; k < SPACING_CLASSES.length - 1; k++) {
    if (atLeast[0] - atLeast[k + 1] > middle) break;
  }
  const closures = gapsOfAtLeast(time, CLOSURE_GAP, 0, n - 1);

  // Bars per week, for the weeks wholly inside the data: the first week counts only when the
  // data starts at its very beginning, the last (the data may stop before it ends) never.
  const weekCounts: number[] = [];
  let weekStart = Math.floor((first - FIRST_MONDAY) / WEEK) * WEEK + FIRST_MONDAY;
  if (first !== weekStart) weekStart += WEEK;
  let index = firstAtOrAfter(time, weekStart, 0);
  for (; weekStart + WEEK <= last; weekStart += WEEK) {
    const next = firstAtOrAfter(time, weekStart + WEEK, index);
    weekCounts.push(next - index);
    index = next;
  }

  const weeks = (last - first) / WEEK;
  const barsPerWeek =
    weekCounts.length > 0
      ? weekCounts.sort((a, b) => a - b)[weekCounts.length >> 1]
      : Math.round(weeks > 0 ? (n - 1) / weeks : n);
  // A market that closes every week shows about one closure a week; half of that is the line.
  return { kind: SPACING_CLASSES[k].kind, barsPerWeek, weeklyClose: closures >= weeks / 2 };
}

/**
 * Periods per year for annualising, from the trading calendar the bars themselves show: daily and
 * intraday bars count the median bars per calendar week times the trading weeks in a year (50.4 =
 * 252 / 5 when the market closes every week, 365 / 7 when it never closes), so 5 daily bars a week
 * give 252 and 7 give 365 whatever weekdays they fall on in UTC. Coarser bars: 52 weekly, 12
 * monthly, 4 quarterly, 1 yearly.
 */
export function inferPeriodsPerYear(time: ArrayLike<number>): Annualisation {
  if (time.length < 2) {
    return {
      periodsPerYear: 252,
      basis: '252 bars/year (default: too few bars to infer the spacing)',
    };
  }
  const { kind, barsPerWeek, weeklyClose } = scanCalendar(time);
  switch (kind) {
    case 'intraday':
    case 'daily': {
      const weeks = weeklyClose ? WEEKS_WITH_CLOSE : WEEKS_ALWAYS_OPEN;
      const periodsPerYear = Math.max(1, Math.round(barsPerWeek * weeks));
      const calendar = weeklyClose
        ? '50.4 trading weeks: the market closes every week'
        : '52.14 weeks: the market trades every day';
      return {
        periodsPerYear,
        basis: `${periodsPerYear} bars/year (${barsPerWeek} ${kind} bars/week x ${calendar})`,
        barsPerWeek,
        weeklyClose,
      };
    }
    case 'weekly':
      return { periodsPerYear: 52, basis: '52 bars/year (weekly bars)' };
    case 'monthly':
      return { periodsPerYear: 12, basis: '12 bars/year (monthly bars)' };
    case 'quarterly':
      return { periodsPerYear: 4, basis: '4 bars/year (quarterly bars)' };
    case 'yearly':
      return { periodsPerYear: 1, basis: '1 bar/year (yearly bars)' };
  }
}
