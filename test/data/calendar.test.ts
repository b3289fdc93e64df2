import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { inferPeriodsPerYear } from '../../src/data/calendar.js';
import { describeSeries } from '../../src/data/describe.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import { DAY, MONDAY, weekdayTimes } from '../backtest/helpers.js';

const HOUR = 3_600_000;

describe('inferPeriodsPerYear', () => {
  it('weekday daily bars: 5 a week x 252/5 trading weeks = 252', () => {
    // One holiday gap (a missing Wednesday) does not change the picture.
    const times = weekdayTimes(300).filter((_, i) => i !== 17);
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 252,
      basis: '252 bars/year (5 daily bars/week x 50.4 trading weeks: the market closes every week)',
      barsPerWeek: 5,
      weeklyClose: true,
    });
  });

  it('seven-day daily bars (weekends trade): 7 a week x 365/7 weeks = 365', () => {
    const times = Array.from({ length: 400 }, (_, i) => MONDAY + i * DAY);
    expect(inferPeriodsPerYear(times)).toEqual({
      periodsPerYear: 365,
      basis: '365 bars/year (7 daily bars/week x 52.14 weeks: the market trades every day)',
      barsPerWeek: 7,
      weeklyClose: false,
    });
  });

  // The trading calendar decides, not the UTC weekday: bars stamped at local midnight east of UTC
  // fall on Sunday-Thursday in UTC, and some markets trade Sunday-Thursday; both have 5 bars a week.
  for (const hoursEast of [1, 3, 5.5, 8, 10, 13, 14]) {
    it(`weekday daily bars stamped at local midnight UTC+${hoursEast}: still 252`, () => {
      const times = weekdayTimes(500).map((t) => t - hoursEast * HOUR);
      expect(inferPeriodsPerYear(times).periodsPerYear).toBe(252);
      const sevenDays = Array.from({ length: 500 }, (_, i) => MONDAY + i * DAY - hoursEast * HOUR);
      expect(inferPeriodsPerYear(sevenDays).periodsPerYear).toBe(365);
    });
  }

  it('a Sunday-Thursday market: 252', () => {
    const sunday = MONDAY - DAY;
    const times = weekdayTimes(400, sunday + 7 * DAY).map((t) => t - DAY);
    expect(new Date(times[0]).getUTCDay()).toBe(0);
    expect(inferPeriodsPerYear(times).periodsPerYear).toBe(252);
  });

  it('hourly forex-like bars, the week opening Sunday 22:00: bars a week x 50.4', () => {
    // Sunday 22:00 and 23:00, then every hour Monday-Friday until 21:00: 2 + 4 x 24 + 22 = 120 a week.
    const times: number[] = [];
    for (let week = 0; week < 8; week++) {
      const monday = MONDAY + week * 7 * DAY;
      times.push(monday - 2 * HOUR, monday - HOUR);
      for (let h = 0; h < 4 * 24 + 22; h++) times.push(monday + h * HOUR);
    }
    expect(inferPeriodsPerYear(times)).toMatchObject({
      periodsPerYear: 120 * 50.4,
      barsPerWeek: 120,
      weeklyClose: true,
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
    expect(inferPeriodsPerYear(times)).toMatchObject({
      periodsPerYear: 98_280,
      basis:
        '98280 bars/year (1950 intraday bars/week x 50.4 trading weeks: the market closes every week)',
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

describe('inspect and backtest agree on the annualisation', () => {
  it('describeSeries states the same basis the backtest uses, for bars stamped east of UTC', () => {
    const time = weekdayTimes(300).map((t) => t - 3 * HOUR);
    const close = time.map((_, i) => 100 + (i % 7));
    const series = createPriceSeries({ time, close });
    const described = describeSeries(series);
    const result = runBacktest(series, new Float64Array(time.length).fill(1));
    expect(described.weekends).toBe(false);
    expect(described.annualisation.basis).toBe(result.stats.annualisationBasis);
    expect(result.options.periodsPerYear).toBe(252);
  });
});
