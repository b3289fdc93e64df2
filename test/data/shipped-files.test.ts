import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSeries, loadPrices } from '../../src/data/index.js';
import { DATA_DIR, expectPriceError, utc } from './helpers.js';

/** Facts from data/README.md (rows = data lines after the header). */
const SHIPPED = [
  {
    file: 'goog-2004-2013.csv',
    symbol: 'GOOG',
    rows: 2148,
    first: '2004-08-19',
    last: '2013-03-01',
    bar: '1d',
    adjusted: false,
  },
  {
    file: 'orcl-1995-2014.csv',
    symbol: 'ORCL',
    rows: 5036,
    first: '1995-01-03',
    last: '2014-12-31',
    bar: '1d',
    adjusted: true,
  },
  {
    file: 'spy-1993-2023.csv',
    symbol: 'SPY',
    rows: 7744,
    first: '1993-01-29',
    last: '2023-10-30',
    bar: '1d',
    adjusted: true,
  },
  {
    file: 'btc-usd-2014-2022.csv',
    symbol: 'BTC-USD',
    rows: 2982,
    first: '2014-09-17',
    last: '2022-11-15',
    bar: '1d',
    adjusted: true,
  },
  {
    file: 'eurusd-h1-2017-2018.csv',
    symbol: 'EURUSD',
    rows: 5000,
    first: '2017-04-19 09:00:00',
    last: '2018-02-07 15:00:00',
    bar: '1h',
    adjusted: false,
  },
] as const;

const FUT_COLUMNS = ['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'];

/** The file's data rows split by hand: the independent reading the loader is checked against. */
function rowsOf(file: string): string[][] {
  const text = readFileSync(join(DATA_DIR, file), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

describe('shipped sample files', () => {
  for (const facts of SHIPPED) {
    it(`${facts.file}: ${facts.rows} bars from ${facts.first} to ${facts.last}`, async () => {
      const series = await loadPrices(join(DATA_DIR, facts.file));
      const rows = rowsOf(facts.file);
      expect(rows.length).toBe(facts.rows);
      expect(series.time.length).toBe(facts.rows);
      expect(series.symbol).toBe(facts.symbol);
      expect(series.time[0]).toBe(utc(facts.first));
      expect(series.time[facts.rows - 1]).toBe(utc(facts.last));
      expect(series.meta.adjusted).toBe(facts.adjusted);
      expect(series.meta.rowsDropped + series.meta.rowsRepaired).toBe(0);
      expect(series.meta.fields).toEqual(['open', 'high', 'low', 'close', 'volume']);
      expect(describeSeries(series).spacingLabel).toBe(facts.bar);
      // A few bars against the text: first, middle, last.
      for (const index of [0, facts.rows >> 1, facts.rows - 1]) {
        const [date, open, high, low, close, ...rest] = rows[index];
        expect(series.time[index]).toBe(utc(date));
        const volume = Number(rest[rest.length - 1]);
        expect(series.volume[index]).toBe(volume);
        // Adjusted files scale OHLC by Adj Close / Close; the others are as written.
        const ratio = facts.adjusted ? Number(rest[0]) / Number(close) : 1;
        expect(series.open[index]).toBeCloseTo(Number(open) * ratio, 10);
        expect(series.high[index]).toBeCloseTo(Number(high) * ratio, 10);
        expect(series.low[index]).toBeCloseTo(Number(low) * ratio, 10);
        expect(series.close[index]).toBeCloseTo(
          facts.adjusted ? Number(rest[0]) : Number(close),
          10,
        );
      }
    });
  }

  it('GOOG: the unnamed pandas index column is the date; first and last bars as written', async () => {
    const series = await loadPrices(join(DATA_DIR, 'goog-2004-2013.csv'));
    expect(series.meta.columns.date).toBe('');
    // 2004-08-19,100,104.06,95.96,100.34,22351900 and 2013-03-01,797.8,807.14,796.15,806.19,2175400
    expect([
      series.open[0],
      series.high[0],
      series.low[0],
      series.close[0],
      series.volume[0],
    ]).toEqual([100, 104.06, 95.96, 100.34, 22351900]);
    expect(series.close[2147]).toBe(806.19);
    expect(series.volume[2147]).toBe(2175400);
  });

  it('ORCL: Adj Close/Close is 0.889 on the first row and 0.941 on the last; adjust: false keeps raw prices', async () => {
    const file = join(DATA_DIR, 'orcl-1995-2014.csv');
    const adjusted = await loadPrices(file);
    expect(adjusted.meta.adjustment?.column).toBe('Adj Close');
    expect(adjusted.meta.adjustment?.firstRatio).toBeCloseTo(0.889, 3);
    expect(adjusted.meta.adjustment?.lastRatio).toBeCloseTo(0.941, 3);
    // 1995-01-03: Close 2.117284, Adj Close 1.883304.
    expect(adjusted.close[0]).toBeCloseTo(1.883304, 12);
    const raw = await loadPrices(file, { adjust: false });
    expect(raw.meta.adjusted).toBe(false);
    expect(raw.meta.adjustment).toBeUndefined();
    expect(raw.close[0]).toBe(2.117284);
    expect(raw.volume[0]).toBe(adjusted.volume[0]);
  });

  it('SPY: dividend-adjusted from a ratio of 0.568 to 1.0; no trailing newline still loads the last bar', async () => {
    const series = await loadPrices(join(DATA_DIR, 'spy-1993-2023.csv'));
    expect(series.meta.adjustment?.firstRatio).toBeCloseTo(0.568, 3);
    expect(series.meta.adjustment?.lastRatio).toBe(1);
    // Last line: 2023-10-30,413.559998,416.679993,412.220001,415.589996,415.589996,86507200
    expect(series.close[7743]).toBe(415.589996);
    expect(series.volume[7743]).toBe(86507200);
  });

  it('BTC-USD: a bar every calendar day, weekends included', async () => {
    const series = await loadPrices(join(DATA_DIR, 'btc-usd-2014-2022.csv'));
    const described = describeSeries(series);
    expect(described.weekends).toBe(true);
    expect(described.spacingMs).toBe(86_400_000);
  });

  it('EURUSD: hourly with only Sunday-evening weekend bars, so not a weekend market', async () => {
    const series = await loadPrices(join(DATA_DIR, 'eurusd-h1-2017-2018.csv'));
    let sundays = 0;
    for (const time of series.time) if (new Date(time).getUTCDay() === 0) sundays++;
    expect(sundays).toBe(108);
    expect(describeSeries(series).weekends).toBe(false);
  });

  it('fut-m1: the 7-name header over 8-field rows is refused at line 2, suggesting columns', async () => {
    await expectPriceError(
      () => loadPrices(join(DATA_DIR, 'fut-m1-2006-01-2006-02.csv')),
      2,
      /8 fields but the header names 7 columns.*columns option/,
    );
  });

  it('fut-m1: with the column names it loads 30,889 minute bars, date and time combined', async () => {
    const series = await loadPrices(join(DATA_DIR, 'fut-m1-2006-01-2006-02.csv'), {
      columns: FUT_COLUMNS,
    });
    expect(series.time.length).toBe(30889);
    expect(series.time[0]).toBe(utc('2006-01-02 09:01:00'));
    expect(series.time[30888]).toBe(utc('2006-02-27 22:00:00'));
    // 2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0
    expect([
      series.open[0],
      series.high[0],
      series.low[0],
      series.close[0],
      series.volume[0],
    ]).toEqual([3602, 3603, 3597, 3599, 5699]);
    expect(series.meta.columns.time).toBe('Time');
    expect(describeSeries(series).spacingLabel).toBe('1m');
    const rows = rowsOf('fut-m1-2006-01-2006-02.csv');
    const middle = 15444;
    expect(series.time[middle]).toBe(utc(`${rows[middle][0]} ${rows[middle][1]}`));
    expect(series.close[middle]).toBe(Number(rows[middle][5]));
  });
});
