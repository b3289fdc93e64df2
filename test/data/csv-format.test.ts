import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrices } from '../../src/data/index.js';
import { readNumber } from '../../src/data/numbers.js';
import { expectPriceError, utc } from './helpers.js';

const ROWS = [
  ['2020-01-01', '10', '11', '9', '10.5', '100'],
  ['2020-01-02', '10.5', '12', '10', '11', '200'],
];
const NAMES = ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'];

function expectTwoBars(text: string | Uint8Array): void {
  const series = parsePrices(text);
  expect(Array.from(series.time)).toEqual([utc('2020-01-01'), utc('2020-01-02')]);
  expect(Array.from(series.close)).toEqual([10.5, 11]);
  expect(Array.from(series.volume)).toEqual([100, 200]);
  expect(series.meta.fields).toEqual(['open', 'high', 'low', 'close', 'volume']);
}

const lines = (delimiter: string, ending = '\n') =>
  [NAMES, ...ROWS].map((row) => row.join(delimiter)).join(ending) + ending;

describe('CSV dialects', () => {
  it('comma, semicolon and tab delimiters are detected from the header', () => {
    expectTwoBars(lines(','));
    expectTwoBars(lines(';'));
    expectTwoBars(lines('\t'));
  });

  it('a UTF-8 byte order mark is skipped', () => {
    expectTwoBars(`\uFEFF${lines(',')}`);
    expectTwoBars(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(lines(';'))]));
  });

  it('CRLF line endings and a missing trailing newline load', () => {
    expectTwoBars(lines(',', '\r\n'));
    expectTwoBars(lines(',').trimEnd());
    expectTwoBars(lines(',', '\r\n').trimEnd());
  });

  it('quoted fields, with delimiters and doubled quotes inside, load', () => {
    const text = [
      '"Date","Open","High","Low","Close","Volume","Note"',
      '"2020-01-01","10","11","9","10.5","100","a, b"',
      '2020-01-02,10.5,"12",10,11,200,"say ""hi"""',
    ].join('\n');
    expectTwoBars(text);
  });

  it('a line break inside a quoted field counts toward later line numbers', async () => {
    const text = ['Date,Close,Note', '2020-01-01,1,"two', 'lines"', '2020-01-02,x,ok'].join('\n');
    // The row after the two-line field starts on line 4.
    await expectPriceError(() => parsePrices(text), 4, /Close "x" is not a number/);
  });

  it('an unclosed quote is refused at its line', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-01-01,"1\n'),
      2,
      /quoted field is never closed/,
    );
  });

  it('blank lines are skipped but still counted', async () => {
    const text = 'Date,Close\n\n2020-01-01,1\n\n2020-01-02,-1\n';
    await expectPriceError(() => parsePrices(text), 5, /close is -1/);
    expect(parsePrices('Date,Close\n\n2020-01-01,1\n\n').time.length).toBe(1);
  });

  it('numbers with exponents, signs and spaces read like Number()', () => {
    const series = parsePrices('Date,Close,Volume\n2020-01-01,1.5e2, +3 \n2020-01-02, 151 ,2E3\n');
    expect(Array.from(series.close)).toEqual([150, 151]);
    expect(Array.from(series.volume)).toEqual([3, 2000]);
  });

  it('plain decimals read exactly as Number() reads them', () => {
    const encoder = new TextEncoder();
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,20}$/),
        fc.option(fc.stringMatching(/^\d{0,20}$/)),
      )
      .map(
        ([negative, whole, fraction]) =>
          `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(
        fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)),
        (text) => {
          const bytes = encoder.encode(text);
          expect(Object.is(readNumber(bytes, 0, bytes.length), Number(text))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('column matching', () => {
  it('names match case-insensitively and by alias, in any order; extra columns are ignored', () => {
    const text = 'VOL,Timestamp,c,Adj_Close,LOW,high,o,Comment\n100,2020-01-01,10,5,9,11,10,x\n';
    const series = parsePrices(text);
    expect(series.meta.columns).toMatchObject({
      date: 'Timestamp',
      open: 'o',
      high: 'high',
      low: 'LOW',
      close: 'c',
      adjClose: 'Adj_Close',
      volume: 'VOL',
    });
    // Adjusted by 5 / 10: open 10 -> 5, high 11 -> 5.5, low 9 -> 4.5, close -> 5.
    expect([series.open[0], series.high[0], series.low[0], series.close[0]]).toEqual([
      5, 5.5, 4.5, 5,
    ]);
    expect(series.volume[0]).toBe(100);
  });

  it('Datetime, time, AdjClose and Adj Close are recognised', () => {
    expect(parsePrices('Datetime,Close\n2020-01-01 10:00,1\n').meta.columns.date).toBe('Datetime');
    expect(parsePrices('time,Close\n1577872800,1\n').time[0]).toBe(utc('2020-01-01 10:00:00'));
    expect(parsePrices('Date,Close,AdjClose\n2020-01-01,2,1\n').close[0]).toBe(1);
    expect(parsePrices('Date,Close,Adj Close\n2020-01-01,2,1\n').meta.adjusted).toBe(true);
  });

  it("a pandas export's unnamed first column is the date", () => {
    expect(parsePrices(',Close\n2020-01-01,1\n').time[0]).toBe(utc('2020-01-01'));
    expect(parsePrices('Unnamed: 0,Close\n2020-01-01,1\n').meta.columns.date).toBe('Unnamed: 0');
  });

  it('adjust: false keeps raw prices even with an adjusted close', () => {
    const series = parsePrices('Date,Close,Adj Close\n2020-01-01,2,1\n', { adjust: false });
    expect(series.close[0]).toBe(2);
    expect(series.meta.adjusted).toBe(false);
  });
});
