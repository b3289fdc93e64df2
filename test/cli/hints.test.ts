import { describe, expect, it } from 'vitest';
import { inCliSyntax } from '../../src/cli/hints.js';
import { parsePrices } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';

/** The loader's own message for a CSV text. */
function problem(csv: string, options = {}): string {
  try {
    parsePrices(csv, options);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('the CSV loaded');
}

const HEADER = 'Date,Open,High,Low,Close,Volume';

describe('hints use the syntax of the interface in use', () => {
  it('the library names its options, the CLI names its flags', () => {
    const cases: [string, RegExp, RegExp][] = [
      [
        `${HEADER}\n2020-01-01,,11,9,10,1\n`,
        /missing: 'drop' or 'ffill'/,
        /--missing drop or --missing ffill/,
      ],
      [
        `${HEADER}\n2020-01-01,10,9,11,10,1\n`,
        /invalid: 'drop' or 'clamp'/,
        /--invalid drop or --invalid clamp/,
      ],
      [
        `${HEADER}\n03/04/2020,10,11,9,10,1\n`,
        /dateFormat: 'DD\/MM\/YYYY'/,
        /--date-format DD\/MM\/YYYY or --date-format MM\/DD\/YYYY/,
      ],
      [`${HEADER}\n2020-01-01,10,11,9,10,1,7\n`, /the columns option/, /with --columns$/],
      [
        `2020-01-01,10,11,9,10,1\n`,
        /columns: \['Date', 'Open'/,
        /--columns Date,Open,High,Low,Close,Volume/,
      ],
      [
        `${HEADER},Name\n2020-01-01,10,11,9,10,1,A\n2020-01-01,10,11,9,10,1,B\n`,
        /symbol: 'A'/,
        /--symbol A\)$/,
      ],
    ];
    for (const [csv, library, cli] of cases) {
      const message = problem(csv);
      expect(message).toMatch(library);
      const translated = inCliSyntax(message);
      expect(translated).toMatch(cli);
      expect(translated).not.toMatch(/\b(missing|invalid|dateFormat|symbol|columns): /);
    }
  });

  it('values the shell would split are quoted', () => {
    expect(inCliSyntax("pass dateFormat: 'DD.MM.YYYY HH:mm'")).toBe(
      "pass --date-format 'DD.MM.YYYY HH:mm'",
    );
  });
});

describe('numbers that are not dates are refused with a hint', () => {
  const rows = (first: (i: number) => number, header = HEADER) =>
    `${header}\n${Array.from({ length: 30 }, (_, i) => `${first(i)},10,11,9,10,1`).join('\n')}\n`;

  for (const start of [36526, 40000, 43831, 20000, 25569]) {
    it(`Excel serial dates from ${start}: refused, and read with dateFormat 'excel'`, () => {
      expect(problem(rows((i) => start + i))).toMatch(
        /:2: the date column holds \d+, too small for epoch seconds .*dateFormat: 'excel'/,
      );
      const series = parsePrices(
        rows((i) => start + i),
        { dateFormat: 'excel' },
      );
      // Excel's day 25569 is 1970-01-01; each serial is one day.
      expect(series.time[0]).toBe((start - 25569) * 86_400_000);
      expect(series.time[1] - series.time[0]).toBe(86_400_000);
    });
  }

  it('a fractional Excel serial carries the time of day', () => {
    const series = parsePrices(`${HEADER}\n43831.5,10,11,9,10,1\n`, { dateFormat: 'excel' });
    expect(new Date(series.time[0]).toISOString()).toBe('2020-01-01T12:00:00.000Z');
  });

  for (const start of [0, 1]) {
    it(`a row index from ${start} (named or unnamed column): refused as row numbers`, () => {
      for (const header of [HEADER, HEADER.replace('Date', '')]) {
        expect(problem(rows((i) => start + i, header))).toMatch(/look like row numbers, not dates/);
      }
    });
  }

  it('real epoch seconds and milliseconds still load, and dateFormat X allows small ones', () => {
    expect(parsePrices(rows((i) => 1_700_000_000 + i * 86_400)).time[0]).toBe(1_700_000_000_000);
    expect(parsePrices(rows((i) => 1_700_000_000_000 + i * 86_400_000)).time[0]).toBe(
      1_700_000_000_000,
    );
    expect(
      parsePrices(
        rows((i) => 36526 + i),
        { dateFormat: 'X' },
      ).time[0],
    ).toBe(36_526_000);
  });
});
