/**
 * Stock splits: unadjusted jumps near a split ratio are warned about with date and ratio; a split
 * column back-adjusts the prices. Files are generated here; the shipped files must stay quiet.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrices, parseAllSymbols, parsePrices } from '../../src/data/index.js';
import { DATA_DIR, expectPriceError } from './helpers.js';

const csv = (...rows: string[]) => `${rows.join('\n')}\n`;

/** `days` daily bars rising 0.4% a day; from bar `at` on, the raw prices are divided by `shares`. */
function splitFile(days: number, at: number, shares: number, splitColumn?: string): string {
  const rows: string[] = [];
  let price = 80;
  for (let d = 0; d < days; d++) {
    price *= 1.004;
    const raw = d >= at ? price / shares : price;
    const date = new Date(Date.UTC(2019, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const cells = [date, raw * 0.998, raw * 1.01, raw * 0.99, raw, 1000].map((v) =>
      typeof v === 'number' ? v.toFixed(6) : v,
    );
    if (splitColumn !== undefined) cells.push(d === at ? splitColumn : '1.0');
    rows.push(cells.join(','));
  }
  const header = `Date,Open,High,Low,Close,Volume${splitColumn === undefined ? '' : ',split_coefficient'}`;
  return csv(header, ...rows);
}

const dateOf = (day: number) =>
  new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

describe('an overnight jump close to a split ratio is warned about', () => {
  it.each([
    [2, '2:1'],
    [3, '3:1'],
    [1.5, '3:2'],
    [4, '4:1'],
    [5, '5:1'],
    [10, '10:1'],
    [0.5, '1:2'],
    [0.2, '1:5'],
    [0.1, '1:10'],
    [1 / 3, '1:3'],
  ])('shares x%s: the warning names the date and %s', (shares, name) => {
    const series = parsePrices(splitFile(120, 70, shares));
    const warning = series.meta.warnings.find((w) => /stock split/.test(w));
    expect(warning).toBeDefined();
    expect(warning).toContain(dateOf(70));
    expect(warning).toContain(`: ${name})`);
    expect(warning).toMatch(/^an overnight price jump/);
  });

  it('ordinary moves, a -25% crash and a spike that reverts within the bar are not splits', () => {
    const rows = [
      '2019-01-01,100,101,99,100,10',
      '2019-01-02,99,100,70,75,10',
      '2019-01-03,75,76,74,75,10',
      '2019-01-04,150,151,74,76,10',
      '2019-01-05,76,77,75,76,10',
    ];
    const series = parsePrices(csv('Date,Open,High,Low,Close,Volume', ...rows));
    expect(series.meta.warnings.filter((w) => /split/.test(w))).toEqual([]);
  });

  it('a close-only file is checked close to close', () => {
    const rows = ['2019-01-01,100', '2019-01-02,101', '2019-01-03,33.9', '2019-01-04,34'];
    const series = parsePrices(csv('Date,Close', ...rows));
    expect(series.meta.warnings.join(' ')).toMatch(/2019-01-03 \(x0\.336 from 101\.000: 3:1\)/);
  });

  it.each([
    ['spy-1993-2023.csv', {}],
    ['orcl-1995-2014.csv', {}],
    ['orcl-1995-2014.csv', { adjust: false }],
    ['goog-2004-2013.csv', {}],
    ['btc-usd-2014-2022.csv', {}],
    ['eurusd-h1-2017-2018.csv', {}],
    [
      'fut-m1-2006-01-2006-02.csv',
      { columns: ['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'] },
    ],
  ])('the shipped file %s (%o) gets no split warning', async (file, options) => {
    const series = await loadPrices(join(DATA_DIR, file), options);
    expect(series.meta.warnings.filter((w) => /split/.test(w))).toEqual([]);
  });
});

describe('a split column back-adjusts the prices', () => {
  it('a file that says it split 2:1 reports the real buy-and-hold return, not the raw one', () => {
    const days = 250;
    const series = parsePrices(splitFile(days, 120, 2, '2.0'));
    // Independent: the unsplit price rises 0.4% a day from the first bar to the last.
    const expected = 1.004 ** (days - 1) - 1;
    const n = series.close.length;
    expect(series.close[n - 1] / series.close[0] - 1).toBeCloseTo(expected, 5);
    // Raw closes would say 1.004^249 / 2 - 1: a loss instead of a 170% gain.
    expect(expected).toBeGreaterThan(1.5);
    // Bars before the split are halved, volumes doubled; bars from the split on are untouched.
    expect(series.volume[0]).toBe(2000);
    expect(series.volume[n - 1]).toBe(1000);
    expect(series.meta.splits).toEqual({
      column: 'split_coefficient',
      applied: true,
      events: [{ time: Date.UTC(2019, 0, 1) + 120 * 86_400_000, shares: 2 }],
    });
    expect(series.meta.warnings.filter((w) => /split/.test(w))).toEqual([]);
  });

  it.each([
    ['Stock Splits', '0', '2.0'],
    ['Split Ratio', '', '2:1'],
    ['splits', '1', '2/1'],
    ['Split Factor', '1.0', '2-for-1'],
  ])('%s with "%s" for none and "%s" for the split', (column, none, split) => {
    const rows = [
      `2019-01-01,100,${none}`,
      `2019-01-02,102,${none}`,
      `2019-01-03,51.5,${split}`,
      `2019-01-04,52,${none}`,
    ];
    const series = parsePrices(csv(`Date,Close,${column}`, ...rows));
    expect(Array.from(series.close)).toEqual([50, 51, 51.5, 52]);
  });

  it('a reverse split (0.1 or 1:10) multiplies the earlier prices', () => {
    const rows = ['2019-01-01,1,', '2019-01-02,1.1,', '2019-01-03,11,1:10'];
    const series = parsePrices(csv('Date,Close,Split', ...rows));
    expect(Array.from(series.close).map((v) => +v.toFixed(9))).toEqual([10, 11, 11]);
  });

  it('a split on a dropped row still applies, to the next kept bar', () => {
    const rows = ['2019-01-01,100,', '2019-01-02,,2', '2019-01-03,51,'];
    const series = parsePrices(csv('Date,Close,Split', ...rows), { missing: 'drop' });
    expect(Array.from(series.close)).toEqual([50, 51]);
  });

  it('is not applied twice when an adjusted close is used, nor with adjust off, and says so', () => {
    const rows = ['2019-01-01,100,50,', '2019-01-02,51,51,2'];
    const adjusted = parsePrices(csv('Date,Close,Adj Close,Split', ...rows));
    expect(Array.from(adjusted.close)).toEqual([50, 51]);
    expect(adjusted.meta.warnings.join(' ')).toMatch(/adjusted close already accounts for splits/);
    const raw = parsePrices(csv('Date,Close,Adj Close,Split', ...rows), { adjust: false });
    expect(Array.from(raw.close)).toEqual([100, 51]);
    expect(raw.meta.warnings.join(' ')).toMatch(/1 split \(2019-01-02 2:1\) that were not applied/);
  });

  it('a split cell that is no ratio names its line', async () => {
    await expectPriceError(
      () => parsePrices(csv('Date,Close,Split', '2019-01-01,1,', '2019-01-02,1,two')),
      3,
      /the split column "Split" holds "two", which is no split ratio/,
    );
  });
});

describe('rows with an empty symbol', () => {
  const text = csv('Date,Symbol,Close', '2019-01-01,AA,1', '2019-01-01,,9', '2019-01-02,AA,2');

  it('are refused by default, naming the line and the repair', async () => {
    await expectPriceError(
      () => parsePrices(text),
      3,
      /the symbol \(column Symbol\) is empty.*missing: 'drop'/,
    );
  });

  it("with missing: 'drop' are counted as dropped in every series loaded", () => {
    const series = parsePrices(text, { missing: 'drop' });
    expect(series.symbol).toBe('AA');
    expect(series.meta.rowsDropped).toBe(1);
    expect(series.meta.repairedLines).toEqual([3]);
    expect(series.meta.warnings.join(' ')).toMatch(/dropped 1 row with an empty symbol \(line 3\)/);
    const all = parseAllSymbols(text, { missing: 'drop' });
    expect([...all.keys()]).toEqual(['AA']);
    expect(all.get('AA')!.meta.rowsDropped).toBe(1);
  });
});
