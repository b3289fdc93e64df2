import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllSymbols, parsePrices } from '../../src/data/index.js';
import type { PriceSeries } from '../../src/data/types.js';
import { expectPriceError, FIXTURES_DIR, utc } from './helpers.js';

// An excerpt of the real multi-symbol file holding all its known dirt (fixtures/README.md). The dirt is
// stated in the full file's line numbers; `excerptLine` maps them to the excerpt's.
const FILE = join(FIXTURES_DIR, 'sp500-excerpt.csv');
const SOURCE_LINES = readFileSync(join(FIXTURES_DIR, 'sp500-excerpt.lines'), 'utf8')
  .trim()
  .split('\n')
  .map(Number);
/** The excerpt's line number of a line of the full file (data lines start at excerpt line 2). */
const excerptLine = (sourceLine: number) => {
  const index = SOURCE_LINES.indexOf(sourceLine);
  if (index < 0) throw new Error(`line ${sourceLine} is not in the excerpt`);
  return index + 2;
};
const EMPTY_PRICES = [
  82951, 165736, 165859, 205078, 239834, 434381, 434504, 478596, 558215, 581908, 598238,
];
const HIGH_BELOW_LOW = [53004];
const OPEN_OUTSIDE = [53004, 113364, 165573, 434218];
const CLOSE_OUTSIDE = [53004, 78686, 114652, 303086, 349478, 434168, 516106, 558260, 598460];
const INVALID = [...new Set([...HIGH_BELOW_LOW, ...OPEN_OUTSIDE, ...CLOSE_OUTSIDE])];

let lines: string[];
/** Rows per symbol, counted from the text. */
const rowsPerSymbol = new Map<string, number>();
let repaired: Map<string, PriceSeries>;

beforeAll(async () => {
  lines = readFileSync(FILE, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const name = line.slice(line.lastIndexOf(',') + 1);
    rowsPerSymbol.set(name, (rowsPerSymbol.get(name) ?? 0) + 1);
  }
  repaired = await loadAllSymbols(FILE, { missing: 'drop', invalid: 'clamp' });
});

/** The header plus one real line (full-file numbering), as a tiny CSV (that line becomes line 2). */
const oneRow = (sourceLine: number) => `${lines[0]}\n${lines[excerptLine(sourceLine) - 1]}\n`;

describe('S&P 500 long-format file (excerpt)', () => {
  it('by default the first bad row stops the load: AOS 2014-05-19 at full-file line 53004', async () => {
    await expectPriceError(
      () => loadAllSymbols(FILE),
      excerptLine(53004),
      /high 23.595 is below low 23.85/,
    );
  });

  it('with repairs, every symbol loads and exactly the documented lines are touched', () => {
    expect(repaired.size).toBe(rowsPerSymbol.size);
    const all: number[] = [];
    let bars = 0;
    let dropped = 0;
    let clamped = 0;
    for (const series of repaired.values()) {
      bars += series.time.length;
      dropped += series.meta.rowsDropped;
      clamped += series.meta.rowsRepaired;
      all.push(...series.meta.repairedLines);
      expect(series.time.length).toBe(rowsPerSymbol.get(series.symbol)! - series.meta.rowsDropped);
    }
    const documented = [...EMPTY_PRICES, ...INVALID].map(excerptLine);
    expect(all.sort((a, b) => a - b)).toEqual(documented.sort((a, b) => a - b));
    // Rows with empty prices are dropped; the 12 inconsistent ones are clamped.
    expect(dropped).toBe(EMPTY_PRICES.length);
    expect(clamped).toBe(INVALID.length);
    expect(INVALID.length).toBe(12);
    expect(bars).toBe(SOURCE_LINES.length - EMPTY_PRICES.length);
  });

  it('each symbol keeps its own dates: AAL from 2013-02-08 to 2018-02-07, APTV with 44 rows', () => {
    const aal = repaired.get('AAL')!;
    expect(aal.time[0]).toBe(utc('2013-02-08'));
    expect(aal.time[aal.time.length - 1]).toBe(utc('2018-02-07'));
    // Line 2: 2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL
    expect([aal.open[0], aal.high[0], aal.low[0], aal.close[0], aal.volume[0]]).toEqual([
      15.07, 15.12, 14.63, 14.75, 8407500,
    ]);
    expect(repaired.get('APTV')!.time.length).toBe(44);
    expect(aal.meta.adjusted).toBe(false);
  });

  it('the clamp repairs AOS line 53004 by swapping high/low and clamping open and close', () => {
    // 2014-05-19,23.89,23.595,23.85,24.445: high/low swap to 23.85/23.595, open 23.89 -> 23.85, close 24.445 -> 23.85.
    const aos = repaired.get('AOS')!;
    const index = aos.time.indexOf(utc('2014-05-19'));
    expect([aos.open[index], aos.high[index], aos.low[index], aos.close[index]]).toEqual([
      23.85, 23.85, 23.595, 23.85,
    ]);
  });

  it('real rows: each documented kind of dirt gives its own message', async () => {
    await expectPriceError(() => parsePrices(oneRow(82951)), 2, /open is empty/);
    await expectPriceError(
      () => parsePrices(oneRow(113364)),
      2,
      /open 18.77 is outside \[low 33.695, high 33.9525\]/,
    );
    await expectPriceError(
      () => parsePrices(oneRow(78686)),
      2,
      /close 32.72 is outside \[low 33.08, high 33.75\]/,
    );
    await expectPriceError(() => parsePrices(oneRow(349478)), 2, /close 17.87 is outside/);
    await expectPriceError(() => parsePrices(oneRow(165736)), 2, /open is empty/);
  });
});
