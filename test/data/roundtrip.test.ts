import { toCSV } from 'danfojs-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDataFrame } from '../../src/data/dataframe.js';
import {
  createPriceSeries,
  loadPrices,
  type PriceField,
  parsePrices,
  seriesToCsv,
} from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';
import { utc } from './helpers.js';

const DAY = 86_400_000;
const OPTIONAL: PriceField[] = ['open', 'high', 'low', 'volume'];

/** Random valid series: increasing times (daily or intraday), low <= open, close <= high, volume >= 0. */
const validSeries = fc
  .record({
    daily: fc.boolean(),
    startDay: fc.integer({ min: -25_000, max: 45_000 }),
    gaps: fc.array(fc.integer({ min: 1, max: 5 * DAY }), { minLength: 0, maxLength: 30 }),
    fields: fc.subarray(OPTIONAL),
    price: fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
    bars: fc.array(
      fc.record({
        a: fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        b: fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        c: fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        d: fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        volume: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e22, noNaN: true })),
      }),
      { minLength: 31, maxLength: 31 },
    ),
  })
  .map(({ daily, startDay, gaps, fields, bars }) => {
    const time = [startDay * DAY];
    for (const gap of gaps)
      time.push(time[time.length - 1] + (daily ? Math.ceil(gap / DAY) * DAY : gap));
    const used = bars.slice(0, time.length).map(({ a, b, c, d, volume }) => {
      const [low, open, close, high] = [a, b, c, d].sort((x, y) => x - y);
      return { low, open, close, high, volume };
    });
    const has = (field: PriceField) => fields.includes(field);
    // Without high/low columns, open must still lie in [close, close]: it is a copy of close then.
    const keepOpen = has('open') && has('high') && has('low');
    return createPriceSeries({
      time,
      close: used.map((bar) => bar.close),
      ...(keepOpen ? { open: used.map((bar) => bar.open) } : {}),
      ...(has('high') && has('low')
        ? { high: used.map((bar) => bar.high), low: used.map((bar) => bar.low) }
        : {}),
      ...(has('volume') ? { volume: used.map((bar) => bar.volume) } : {}),
    });
  });

function expectSameBars(
  actual: ReturnType<typeof createPriceSeries>,
  expected: ReturnType<typeof createPriceSeries>,
) {
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[key])).toEqual(Array.from(expected[key]));
  }
  expect(actual.meta.fields).toEqual(expected.meta.fields);
}

describe('CSV -> PriceSeries -> DataFrame -> CSV', () => {
  it('random valid series round-trip unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(validSeries, async (original) => {
        const csv = seriesToCsv(original);
        const parsed = parsePrices(csv);
        expectSameBars(parsed, original);
        const frame = toDataFrame(parsed);
        expect(toCSV(frame)).toBe(csv);
        const fromFrame = await loadPrices(frame);
        expect(fromFrame.meta.source).toBe('DataFrame');
        expect(seriesToCsv(fromFrame)).toBe(csv);
      }),
      { numRuns: 60 },
    );
  });

  it('writes daily bars as dates and intraday bars as UTC ISO times', () => {
    const daily = createPriceSeries({
      time: [utc('2020-01-01'), utc('2020-01-02')],
      close: [1, 2.5],
    });
    expect(seriesToCsv(daily)).toBe('Date,Close\n2020-01-01,1\n2020-01-02,2.5\n');
    const intraday = createPriceSeries({
      time: [utc('2020-01-01 09:30:00'), utc('2020-01-01 09:30:00') + 1500],
      close: [1, 2],
      volume: [0, 7],
    });
    expect(seriesToCsv(intraday)).toBe(
      'Date,Close,Volume\n2020-01-01T09:30:00Z,1,0\n2020-01-01T09:30:01.500Z,2,7\n',
    );
  });

  it('a DataFrame with Date objects and numbers loads, and a bad cell names its row as a line', async () => {
    const frame = {
      columns: ['when', 'close', 'Name'],
      values: [
        [new Date(utc('2020-01-01')), 10, 'X'],
        [new Date(utc('2020-01-02')), 'n/a', 'X'],
      ],
    };
    await expect(loadPrices(frame, { columns: ['Date', 'Close', 'Name'] })).rejects.toThrowError(
      /DataFrame:3: Close is "n\/a"/,
    );
    const series = await loadPrices(frame, { columns: ['Date', 'Close', 'Name'], missing: 'drop' });
    expect(series.symbol).toBe('X');
    expect(Array.from(series.close)).toEqual([10]);
  });

  it('an empty series cannot become a DataFrame', () => {
    expect(() => toDataFrame(createPriceSeries({ time: [], close: [] }))).toThrowError(InputError);
  });
});
