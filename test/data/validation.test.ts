import { describe, expect, it } from 'vitest';
import { parseAllSymbols, parsePrices } from '../../src/data/index.js';
import { InputError, PriceDataError } from '../../src/errors.js';
import { expectPriceError, utc } from './helpers.js';

const HEADER = 'Date,Open,High,Low,Close,Volume';
const csv = (...rows: string[]) => `${rows.join('\n')}\n`;
const GOOD = ['2020-01-01,10,11,9,10.5,100', '2020-01-02,10.5,12,10,11,200'];

describe('missing columns', () => {
  it('a file without a close column is refused at the header', async () => {
    await expectPriceError(
      () => parsePrices(csv('Date,Open,High,Low,Volume', '2020-01-01,10,11,9,100')),
      1,
      /no close column/,
    );
  });

  it.each([
    ['Date,Close,close', 'Close and close', 'close'],
    ['Date,Open,High,Low,Price,Last', 'Price and Last', 'close'],
    ['date,o,open,high,low,close', 'o and open', 'open'],
    ['Date,Close,Adj Close,Adj_Close', 'Adj Close and Adj_Close', 'adjusted close'],
    ['Date,Close,Volume,vol', 'Volume and vol', 'volume'],
  ])(
    'a header naming one column twice (%s) is refused at the header',
    async (header, pair, role) => {
      const row = header
        .split(',')
        .map((_, i) => (i === 0 ? '2020-01-01' : '10'))
        .join(',');
      await expectPriceError(
        () => parsePrices(csv(header, row)),
        1,
        new RegExp(`columns ${pair} both read as the ${role} column`),
      );
    },
  );

  it('Date with a separate Time, and Ticker with Name, are not duplicates', () => {
    const series = parsePrices(csv('Date,Time,Ticker,Name,Close', '2020-01-01,09:30,A,Acme,10'));
    expect(Array.from(series.close)).toEqual([10]);
  });

  it('a file without a date column is refused at the header', async () => {
    await expectPriceError(() => parsePrices(csv('Open,Close', '10,11')), 1, /no date column/);
  });

  it('a close-only file loads, says which fields exist and which features it cannot feed', () => {
    const series = parsePrices(csv('Date,Close', '2020-01-01,10', '2020-01-02,11'));
    expect(series.meta.fields).toEqual(['close']);
    expect(Array.from(series.open)).toEqual([10, 11]);
    expect(Array.from(series.high)).toEqual([10, 11]);
    expect(Array.from(series.low)).toEqual([10, 11]);
    expect(Array.from(series.volume)).toEqual([0, 0]);
    const warnings = series.meta.warnings.join('\n');
    expect(warnings).toMatch(/no open column/);
    expect(warnings).toMatch(/no high\/low columns.*atr/);
    expect(warnings).toMatch(/no volume column.*obvChange/);
  });

  it('a volume column that is 0 on every kept row is warned as degenerate; one nonzero row is not', () => {
    const zero = parsePrices(
      csv(HEADER, '2020-01-01,10,11,9,10.5,0', '2020-01-02,10.5,12,10,11,0', '2020-01-03,,,,,7'),
      { missing: 'drop' },
    );
    expect(zero.meta.warnings.join('\n')).toMatch(
      /volume column is 0 on every row: volume-based features \(mfi, obvChange, volumeRatio\) are degenerate/,
    );
    const some = parsePrices(
      csv(HEADER, '2020-01-01,10,11,9,10.5,0', '2020-01-02,10.5,12,10,11,5'),
    );
    expect(some.meta.warnings.join('\n')).not.toMatch(/volume/);
  });

  it('a file with OHLC but no volume warns only about volume features', () => {
    const series = parsePrices(csv('Date,Open,High,Low,Close', '2020-01-01,10,11,9,10'));
    expect(series.meta.fields).toEqual(['open', 'high', 'low', 'close']);
    expect(series.meta.warnings).toHaveLength(1);
    expect(series.meta.warnings[0]).toMatch(/volume/);
  });
});

describe('too little data', () => {
  it('an empty file is refused', async () => {
    await expectPriceError(() => parsePrices(''), 1, /empty/);
    await expectPriceError(() => parsePrices('\n\r\n'), 1, /empty/);
  });

  it('a header without rows is refused', async () => {
    await expectPriceError(() => parsePrices(`${HEADER}\n`), 1, /header but no data rows/);
  });

  it('fewer rows than minRows is refused, naming the option', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, ...GOOD), { minRows: 3 }),
      null,
      /2 usable rows.*minRows/,
    );
    expect(parsePrices(csv(HEADER, ...GOOD), { minRows: 2 }).time.length).toBe(2);
  });
});

describe('missing and non-numeric values', () => {
  it('an empty value names its line and column', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-02,,12,10,11,200')),
      3,
      /Open is empty.*missing: 'drop' or 'ffill'/,
    );
  });

  it('a Yahoo null row is refused by default', async () => {
    const text = csv(
      'Date,Open,High,Low,Close,Adj Close,Volume',
      '2020-01-01,10,11,9,10,10,5',
      '2020-01-02,null,null,null,null,null,null',
    );
    await expectPriceError(() => parsePrices(text), 3, /Open is "null"/);
  });

  it('NaN and text are refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-02,10,12,10,NaN,200')),
      3,
      /Close is "NaN"/,
    );
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,10,11,9,10.5,lots')),
      2,
      /Volume "lots" is not a number/,
    );
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,10,11,9,Infinity,1')),
      2,
      /"Infinity" is not a number/,
    );
  });

  it("missing: 'drop' drops the rows and reports how many and which lines", () => {
    const text = csv(
      HEADER,
      GOOD[0],
      '2020-01-02,null,null,null,null,null',
      '2020-01-03,11,12,10,,300',
      '2020-01-06,11,12,10,11.5,400',
    );
    const series = parsePrices(text, { missing: 'drop' });
    expect(Array.from(series.close)).toEqual([10.5, 11.5]);
    expect(series.meta.rowsRead).toBe(4);
    expect(series.meta.rowsDropped).toBe(2);
    expect(series.meta.repairedLines).toEqual([3, 4]);
    expect(series.meta.warnings.join()).toMatch(/dropped 2 rows \(lines 3, 4\)/);
  });

  it("missing: 'ffill' makes an empty bar flat at the last close, with no volume", () => {
    const text = csv(
      HEADER,
      GOOD[0],
      '2020-01-02,null,null,null,null,null',
      '2020-01-03,,12,10,11,300',
    );
    const series = parsePrices(text, { missing: 'ffill' });
    // Bar 2 carries close 10.5 into open/high/low/close, volume 0; bar 3's empty open takes its close 11.
    expect(Array.from(series.open)).toEqual([10, 10.5, 11]);
    expect(Array.from(series.high)).toEqual([11, 10.5, 12]);
    expect(Array.from(series.low)).toEqual([9, 10.5, 10]);
    expect(Array.from(series.close)).toEqual([10.5, 10.5, 11]);
    expect(Array.from(series.volume)).toEqual([100, 0, 300]);
    expect(series.meta.rowsRepaired).toBe(2);
    expect(series.meta.repairedLines).toEqual([3, 4]);
    expect(series.meta.warnings.join()).toMatch(/filled 2 rows/);
  });

  it("missing: 'ffill' drops leading rows it has nothing to fill from", () => {
    const series = parsePrices(csv(HEADER, '2020-01-01,,,,,', GOOD[1]), { missing: 'ffill' });
    expect(series.time.length).toBe(1);
    expect(series.meta.rowsDropped).toBe(1);
    expect(series.meta.repairedLines).toEqual([2]);
  });

  it('a missing adjusted close is filled with the previous ratio', () => {
    const text = csv('Date,Close,Adj Close', '2020-01-01,10,5', '2020-01-02,12,');
    const series = parsePrices(text, { missing: 'ffill' });
    // Ratio 5/10 = 0.5 carries to the second bar: 12 * 0.5 = 6.
    expect(Array.from(series.close)).toEqual([5, 6]);
  });
});

describe('impossible prices', () => {
  it('a price of zero or below is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-02,10,11,0,10,5')),
      3,
      /low is 0; prices must be above 0/,
    );
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,10,11,9,-1,5')),
      2,
      /close is -1/,
    );
  });

  it('high below low is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-02,10,9,11,10,5')),
      3,
      /high 9 is below low 11/,
    );
  });

  it('open outside [low, high] is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,12,11,9,10,5')),
      2,
      /open 12 is outside \[low 9, high 11\]/,
    );
  });

  it('close outside [low, high] is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,10,11,9,8.5,5')),
      2,
      /close 8.5 is outside \[low 9, high 11\]/,
    );
  });

  it('negative volume is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, '2020-01-01,10,11,9,10,-3')),
      2,
      /volume is -3; volume cannot be negative/,
    );
  });

  it('a non-positive adjusted close is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv('Date,Close,Adj Close', '2020-01-01,10,0')),
      2,
      /adjusted close is 0/,
    );
  });

  const DIRTY = [
    HEADER,
    '2020-01-01,10,11,9,10,100',
    '2020-01-02,10,9,11,10.5,100',
    '2020-01-03,12,11,9,10,100',
    '2020-01-06,10,11,9,8,100',
    '2020-01-07,0,11,9,10,100',
    '2020-01-08,10,11,9,10,-5',
  ];

  it("invalid: 'drop' drops every bad row and lists the lines", () => {
    const series = parsePrices(csv(...DIRTY), { invalid: 'drop' });
    expect(series.time.length).toBe(1);
    expect(series.meta.rowsDropped).toBe(5);
    expect(series.meta.repairedLines).toEqual([3, 4, 5, 6, 7]);
  });

  it("invalid: 'clamp' swaps a reversed high/low, clamps open/close, drops what it cannot fix", () => {
    const series = parsePrices(csv(...DIRTY), { invalid: 'clamp' });
    // Line 3: high 9 / low 11 swapped. Line 4: open 12 -> high 11. Line 5: close 8 -> low 9.
    // Lines 6 (open 0) and 7 (volume -5) cannot be clamped and are dropped.
    expect(Array.from(series.high)).toEqual([11, 11, 11, 11]);
    expect(Array.from(series.low)).toEqual([9, 9, 9, 9]);
    expect(Array.from(series.open)).toEqual([10, 10, 11, 10]);
    expect(Array.from(series.close)).toEqual([10, 10.5, 10, 9]);
    expect(series.meta.rowsRepaired).toBe(3);
    expect(series.meta.rowsDropped).toBe(2);
    expect(series.meta.repairedLines).toEqual([3, 4, 5, 6, 7]);
    expect(series.meta.warnings.join('\n')).toMatch(/clamp' repaired 3 rows \(lines 3, 4, 5\)/);
  });
});

describe('time order', () => {
  it('a duplicate timestamp is refused, naming both lines', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], GOOD[1], '2020-01-02,11,12,10,11,5')),
      4,
      /duplicate timestamp 2020-01-02 \(line 3 has the same time\)/,
    );
  });

  it('a row out of order is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-03,10,11,9,10,5', GOOD[1])),
      4,
      /2020-01-02 is earlier than 2020-01-03 on line 3/,
    );
  });

  it('a wholly reversed file is sorted oldest first with a warning', () => {
    const series = parsePrices(csv(HEADER, GOOD[1], GOOD[0]));
    expect(Array.from(series.time)).toEqual([utc('2020-01-01'), utc('2020-01-02')]);
    expect(Array.from(series.close)).toEqual([10.5, 11]);
    expect(series.meta.warnings.join()).toMatch(/reverse time order/);
  });

  it('a reversed file with one row out of place is refused', async () => {
    const rows = ['2020-01-05,10,11,9,10,5', '2020-01-04,10,11,9,10,5', '2020-01-06,10,11,9,10,5'];
    await expectPriceError(
      () => parsePrices(csv(HEADER, ...rows)),
      4,
      /2020-01-06 is later than 2020-01-04 on line 3/,
    );
  });

  it('a duplicate in a reversed file is refused', async () => {
    const rows = ['2020-01-05,10,11,9,10,5', '2020-01-04,10,11,9,10,5', '2020-01-04,10,11,9,10,5'];
    await expectPriceError(
      () => parsePrices(csv(HEADER, ...rows)),
      4,
      /duplicate timestamp 2020-01-04/,
    );
  });
});

describe('row shape', () => {
  it('a row with too few fields is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-01-02,10,12,10,11')),
      3,
      /5 fields but the header names 6/,
    );
  });

  it('a row with too many fields is refused', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], `${GOOD[1]},7`)),
      3,
      /7 fields but the header names 6/,
    );
  });

  it('a header naming fewer columns than the rows hold is refused unless columns are given', async () => {
    const text = csv('Date,Open,High,Low,Close,Volume', '2020-01-01,09:30,10,11,9,10,5');
    await expectPriceError(
      () => parsePrices(text),
      2,
      /7 fields but the header names 6 columns.*columns option/,
    );
    const series = parsePrices(text, {
      columns: ['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume'],
    });
    expect(series.time[0]).toBe(utc('2020-01-01 09:30:00'));
  });

  it('rows that do not match the columns option are refused', async () => {
    await expectPriceError(
      () => parsePrices(csv('2020-01-01,10,11'), { columns: ['Date', 'Close'] }),
      1,
      /3 fields but the columns option names 2/,
    );
  });

  it('a headerless file is refused without columns and loads with them', async () => {
    const text = csv(...GOOD);
    await expectPriceError(() => parsePrices(text), 1, /looks like data, not a header.*columns/);
    const series = parsePrices(text, {
      columns: ['date', 'open', 'high', 'low', 'close', 'volume'],
    });
    expect(series.time.length).toBe(2);
    expect(series.close[1]).toBe(11);
  });

  it('an unreadable date names the line', async () => {
    await expectPriceError(
      () => parsePrices(csv(HEADER, GOOD[0], '2020-02-30,10,11,9,10,5')),
      3,
      /cannot read the date "2020-02-30"/,
    );
  });

  it("an empty date is refused; missing: 'drop' drops it", async () => {
    const text = csv(HEADER, GOOD[0], ',10,11,9,10,5', GOOD[1]);
    await expectPriceError(() => parsePrices(text), 3, /date is missing/);
    await expectPriceError(
      () => parsePrices(text, { missing: 'ffill' }),
      3,
      /cannot be filled forward/,
    );
    expect(parsePrices(text, { missing: 'drop' }).meta.repairedLines).toEqual([3]);
  });
});

describe('multi-symbol (long format) files', () => {
  const LONG = csv(
    'date,open,high,low,close,volume,Name',
    '2020-01-01,10,11,9,10,1,AAA',
    '2020-01-01,20,21,19,20,2,BBB',
    '2020-01-02,11,12,10,11,3,AAA',
    '2020-01-02,21,22,20,21.5,4,BBB',
  );

  it('loading one without a symbol is refused, counting the symbols and naming the option', () => {
    expect(() => parsePrices(LONG)).toThrowError(InputError);
    expect(() => parsePrices(LONG)).toThrowError(
      /holds 2 symbols \(column Name: AAA, BBB\); pass the symbol option/,
    );
  });

  it('symbol picks one, in file order, with its own line numbers', async () => {
    const bbb = parsePrices(LONG, { symbol: 'BBB' });
    expect(bbb.symbol).toBe('BBB');
    expect(Array.from(bbb.close)).toEqual([20, 21.5]);
    expect(Array.from(bbb.volume)).toEqual([2, 4]);
    expect(parsePrices(LONG, { symbol: 'aaa' }).symbol).toBe('AAA');
    expect(() => parsePrices(LONG, { symbol: 'CCC' })).toThrowError(/no rows for symbol 'CCC'/);
  });

  it('loadAllSymbols gives one series per symbol', () => {
    const all = parseAllSymbols(LONG);
    expect([...all.keys()]).toEqual(['AAA', 'BBB']);
    expect(Array.from(all.get('AAA')!.close)).toEqual([10, 11]);
    expect(Array.from(all.get('BBB')!.time)).toEqual([utc('2020-01-01'), utc('2020-01-02')]);
  });

  it("one symbol's bad row is reported at its file line", async () => {
    const bad = LONG.replace('21,22,20,21.5,4', '21,22,20,23,4');
    await expectPriceError(() => parseAllSymbols(bad), 5, /close 23 is outside/);
    expect(parsePrices(bad, { symbol: 'AAA' }).time.length).toBe(2);
  });

  it('a file with a single symbol needs no symbol option', () => {
    const one = csv('Date,Close,Ticker', '2020-01-01,5,XYZ', '2020-01-02,6,XYZ');
    expect(parsePrices(one).symbol).toBe('XYZ');
  });
});

describe('options', () => {
  it('unknown repair modes and bad values are refused as InputError', () => {
    const text = csv(HEADER, ...GOOD);
    expect(() => parsePrices(text, { missing: 'zero' as 'drop' })).toThrowError(/missing must be/);
    expect(() => parsePrices(text, { invalid: 'fix' as 'drop' })).toThrowError(/invalid must be/);
    expect(() => parsePrices(text, { minRows: 0 })).toThrowError(/minRows/);
    expect(() => parsePrices(text, { columns: [] })).toThrowError(/columns/);
    expect(() => parsePrices(text, { dateFormat: 'DD.MM.yy' })).toThrowError(PriceDataError);
  });
});
