const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Share of bars on a Saturday or Sunday (UTC) above which the market is taken to trade at weekends. */
export const WEEKEND_SHARE = 0.1;

export interface Annualisation {
  periodsPerYear: number;
  /** Plain statement of the basis, e.g. "252 bars/year (weekday daily bars)". */
  basis: string;
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

/** 0 = Sunday ... 6 = Saturday for an epoch-ms time (1970-01-01 was a Thursday). */
function weekdayOf(time: number): number {
  return (((Math.floor(time / DAY) + 4) % 7) + 7) % 7;
}

interface CalendarScan {
  kind: SpacingKind;
  /** Share of bars on a Saturday or Sunday (UTC). */
  weekendShare: number;
  /** Median number of bars per UTC calendar day that has bars. */
  barsPerDay: number;
}

/**
 * One pass: gaps counted per spacing class (the median gap's class wins), then weekend bars and
 * bars per day, both counted once per calendar day rather than once per bar.
 */
function scanCalendar(time: ArrayLike<number>): CalendarScan {
  const n = time.length;
  const counts = new Float64Array(SPACING_CLASSES.length);
  const barsPerDay: number[] = [];
  let days = 0;
  let weekendBars = 0;
  let dayStart = 0;
  let dayEnd = Number.NEGATIVE_INFINITY;
  let weekendDay = false;
  let previous = time[0];
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t >= dayEnd) {
      // The weekday changes only at midnight, so it is worked out once per calendar day.
      if (days > 0) {
        barsPerDay.push(i - dayStart);
        if (weekendDay) weekendBars += i - dayStart;
      }
      dayStart = i;
      dayEnd = (Math.floor(t / DAY) + 1) * DAY;
      const day = weekdayOf(t);
      weekendDay = day === 0 || day === 6;
      days++;
    }
    if (i > 0) {
      const gap = t - previous;
      let k = 0;
      while (gap >= SPACING_BOUNDS[k]) k++;
      counts[k]++;
    }
    previous = t;
  }
  if (days > 0) {
    barsPerDay.push(n - dayStart);
    if (weekendDay) weekendBars += n - dayStart;
  }

  const middle = Math.floor((n - 2) / 2);
  let seen = 0;
  let k = 0;
  for (; k < counts.length - 1; k++) {
    seen += counts[k];
    if (seen > middle) break;
  }
  const kind = SPACING_CLASSES[k].kind;
  // Only intraday bars need the median of bars per day (and days are few then, so sorting is cheap).
  const medianBarsPerDay =
    kind === 'intraday' ? barsPerDay.sort((a, b) => a - b)[barsPerDay.length >> 1] : 1;
  return { kind, weekendShare: weekendBars / n, barsPerDay: medianBarsPerDay };
}

/**
 * Periods per year for annualising, from the bar spacing and calendar: 252 for weekday daily bars,
 * 365 when weekends trade, 52 weekly, 12 monthly, 4 quarterly, 1 yearly; intraday bars count the
 * median bars per day times 252 (or 365 when weekends trade).
 */
export function inferPeriodsPerYear(time: ArrayLike<number>): Annualisation {
  if (time.length < 2) {
    return {
      periodsPerYear: 252,
      basis: '252 bars/year (default: too few bars to infer the spacing)',
    };
  }
  const { kind, weekendShare, barsPerDay } = scanCalendar(time);
  const weekends = weekendShare > WEEKEND_SHARE;
  switch (kind) {
    case 'intraday': {
      const days = weekends ? 365 : 252;
      const calendar = weekends ? '365 days, weekends trade' : '252 weekday trading days';
      return {
        periodsPerYear: barsPerDay * days,
        basis: `${barsPerDay * days} bars/year (${barsPerDay} bars/day x ${calendar})`,
      };
    }
    case 'daily':
      return weekends
        ? { periodsPerYear: 365, basis: '365 bars/year (daily bars, weekends trade)' }
        : { periodsPerYear: 252, basis: '252 bars/year (weekday daily bars)' };
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
