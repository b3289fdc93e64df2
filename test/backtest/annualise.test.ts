import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferPeriodsPerYear } from '../../src/backtest/annualise.js';
import { runBacktest } from '../../src/backtest/engine.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import { DAY, MONDAY, weekdayTimes } from './helpers.js';

const HOUR = 3_600_000;

describe('inferPeriodsPerYear', () => {
  it('weekday daily bars: 252', () => {
    // One holiday gap (a missing Wednesday) does not change the picture.
    const times = weekdayTimes(300).filter((_, i) => i !== 17);
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 252,
      basis: '252 bars/year (weekday daily bars)',
    });
  });

  it('seven-day daily bars (weekends trade): 365', () => {
    const times = Array.from({ length: 400 }, (_, i) => MONDAY + i * DAY);
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 365,
      basis: '365 bars/year (daily bars, weekends trade)',
    });
  });

  it('hourly forex-like bars, 24 a weekday and the week opening Sunday 22:00: 24 x 252', () => {
    // Sunday 22:00 and 23:00, then every hour Monday-Friday; 8 weeks.
    const times: number[] = [];
    for (let week = 0; week < 8; week++) {
      const monday = MONDAY + week * 7 * DAY;
      times.push(monday - 2 * HOUR, monday - HOUR);
      for (let h = 0; h < 5 * 24; h++) times.push(monday + h * HOUR);
    }
    // Weekend share: 2 Sunday bars of 122 a week = 1.6%, so weekends do not trade.
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 6048,
      basis: '6048 bars/year (24 bars/day x 252 weekday trading days)',
    });
  });

  it('hourly bars around the clock: 24 x 365', () => {
    const times = Array.from({ length: 24 * 60 }, (_, i) => MONDAY + i * HOUR);
    expect(inferPeriodsPerYear(times).periodsPerYear).toBe(8760);
  });

  it('one-minute bars of a 09:30-16:00 session: 390 x 252', () => {
    const times: number[] = [];
    for (const day of weekdayTimes(20)) {
      for (let m = 0; m < 390; m++) times.push(day + 9.5 * HOUR + m * 60_000);
    }
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 98_280,
      basis: '98280 bars/year (390 bars/day x 252 weekday trading days)',
    });
  });

  it('weekly bars: 52', () => {
    const times = Array.from({ length: 100 }, (_, i) => MONDAY + i * 7 * DAY);
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 52,
      basis: '52 bars/year (weekly bars)',
    });
  });

  it('monthly bars (first of each month): 12', () => {
    const times = Array.from({ length: 36 }, (_, i) => Date.UTC(2020, i, 1));
    expect(inferPeriodsPerYear(times).periodsPerYear).toBe(12);
  });

  it('fewer than two bars: 252 by default, and says so', () => {
    expect(inferPeriodsPerYear([MONDAY])).toEqual({
      periodsPerYear: 252,
      basis: '252 bars/year (default: too few bars to infer the spacing)',
    });
  });

  it('a user override is used and stated', () => {
    const series = createPriceSeries({ time: weekdayTimes(5), close: [1, 2, 3, 4, 5] });
    const result = runBacktest(series, new Float64Array(5), { periodsPerYear: 260 });
    expect(result.options.periodsPerYear).toBe(260);
    expect(result.stats.annualisationBasis).toBe('260 bars/year (set by the user)');
  });
});

describe('inferPeriodsPerYear on the real sample files', () => {
  /** Times of the first column, read as UTC ('YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'). */
  function times(file: string): number[] {
    const lines = readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    return lines.map((line) => {
      const stamp = line.split(',')[0];
      return Date.parse(`${stamp.length === 10 ? `${stamp}T00:00:00` : stamp.replace(' ', 'T')}Z`);
    });
  }

  it('SPY daily: 252; BTC daily with weekends: 365; EURUSD hourly: 24 x 252', () => {
    expect(inferPeriodsPerYear(times('spy-1993-2023.csv')).periodsPerYear).toBe(252);
    expect(inferPeriodsPerYear(times('btc-usd-2014-2022.csv')).periodsPerYear).toBe(365);
    expect(inferPeriodsPerYear(times('eurusd-h1-2017-2018.csv')).periodsPerYear).toBe(6048);
  });
});
