import { describe, expect, it } from 'vitest';
import { createPriceSeries, describeSeries, symbolFromPath } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';
import { utc } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const seriesAt = (time: number[]) => createPriceSeries({ time, close: time.map(() => 1) });

describe('describeSeries', () => {
  it('weekday daily bars: 1d spacing (the median ignores weekend gaps), no weekends', () => {
    // Mon 2024-01-01 .. Fri 01-05, then Mon 01-08: gaps 1,1,1,1,3 days -> median 1 day.
    const time = [
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-08',
    ].map(utc);
    const described = describeSeries(seriesAt(time));
    expect(described).toMatchObject({
      bars: 6,
      start: utc('2024-01-01'),
      end: utc('2024-01-08'),
      spacingMs: DAY,
      spacingLabel: '1d',
      weekends: false,
    });
  });

  it('every calendar day counts as a weekend market', () => {
    const time = Array.from({ length: 14 }, (_, i) => utc('2024-01-01') + i * DAY);
    expect(describeSeries(seriesAt(time)).weekends).toBe(true);
  });

  it('labels hours, minutes, seconds, weeks and months', () => {
    const every = (step: number) =>
      Array.from({ length: 5 }, (_, i) => utc('2024-01-01') + i * step);
    expect(describeSeries(seriesAt(every(HOUR))).spacingLabel).toBe('1h');
    expect(describeSeries(seriesAt(every(4 * HOUR))).spacingLabel).toBe('4h');
    expect(describeSeries(seriesAt(every(5 * 60_000))).spacingLabel).toBe('5m');
    expect(describeSeries(seriesAt(every(30_000))).spacingLabel).toBe('30s');
    expect(describeSeries(seriesAt(every(7 * DAY))).spacingLabel).toBe('1w');
    const months = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'].map(utc);
    expect(describeSeries(seriesAt(months)).spacingLabel).toBe('1mo');
    expect(describeSeries(seriesAt(every(1500))).spacingLabel).toBe('1500ms');
  });

  it('the median of an even number of gaps is the mean of the middle two', () => {
    // Gaps 1h, 2h, 3h, 10h -> (2h + 3h) / 2 = 2.5h.
    const start = utc('2024-01-01');
    const time = [0, 1, 3, 6, 16].map((hours) => start + hours * HOUR);
    expect(describeSeries(seriesAt(time)).spacingMs).toBe(2.5 * HOUR);
  });

  it('one bar has no spacing; no bars is refused', () => {
    const one = describeSeries(seriesAt([utc('2024-01-01')]));
    expect(one.spacingMs).toBe(0);
    expect(one.spacingLabel).toBe('n/a');
    expect(() => describeSeries(seriesAt([]))).toThrowError(InputError);
  });
});

describe('symbolFromPath', () => {
  it('keeps the name parts before years and bar sizes, upper case', () => {
    expect(symbolFromPath('data/spy-1993-2023.csv')).toBe('SPY');
    expect(symbolFromPath('btc-usd-2014-2022.csv')).toBe('BTC-USD');
    expect(symbolFromPath('eurusd-h1-2017-2018.csv')).toBe('EURUSD');
    expect(symbolFromPath('fut-m1-2006-01-2006-02.csv')).toBe('FUT');
    expect(symbolFromPath('/tmp/GOOG.csv')).toBe('GOOG');
    expect(symbolFromPath('aapl_daily.csv')).toBe('AAPL');
    expect(symbolFromPath('2020.csv')).toBe('2020');
  });
});
