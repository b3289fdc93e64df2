import { describe, expect, it } from 'vitest';
import { createPriceSeries, sliceByTime, sliceSeries } from '../../src/data/price-series.js';
import { utc } from './helpers.js';

const DAY = 86_400_000;

function fourDays() {
  const start = utc('2020-01-01');
  return createPriceSeries(
    { time: [0, 1, 2, 3].map((d) => start + d * DAY), close: [10, 11, 12, 13] },
    'FOUR',
    {
      columns: { close: 'Close' },
      repairedLines: [5],
      warnings: ['one'],
      adjustment: { column: 'Adj Close', method: 'ratio', firstRatio: 0.5, lastRatio: 0.9 },
    },
  );
}

describe('sliceSeries', () => {
  it('keeps bars [start, end) and shares no memory, arrays or meta, with the original', () => {
    const series = fourDays();
    const part = sliceSeries(series, 1, 3);
    expect(Array.from(part.close)).toEqual([11, 12]);
    expect(part.time[0]).toBe(utc('2020-01-02'));
    part.close[0] = 99;
    part.meta.fields.push('volume');
    part.meta.columns.open = 'Open';
    part.meta.repairedLines.push(7);
    part.meta.warnings.push('two');
    part.meta.adjustment!.lastRatio = 1;
    expect(series.close[1]).toBe(11);
    expect(series.meta.fields).toEqual(['close']);
    expect(series.meta.columns).toEqual({ close: 'Close' });
    expect(series.meta.repairedLines).toEqual([5]);
    expect(series.meta.warnings).toEqual(['one']);
    expect(series.meta.adjustment!.lastRatio).toBe(0.9);
  });

  it('sliceByTime keeps the bars inside [from, to], both bounds included', () => {
    const part = sliceByTime(fourDays(), utc('2020-01-02'), utc('2020-01-03'));
    expect(Array.from(part.close)).toEqual([11, 12]);
    expect(Array.from(sliceByTime(fourDays(), utc('2020-01-03 12:00')).close)).toEqual([13]);
  });
});
