import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { csvField, equityCsv, signalsCsv, toCsv, tradesCsv } from '../../src/report/csv.js';
import { reportJson } from '../../src/report/outputs.js';
import type { RunReport } from '../../src/report/types.js';
import { BARS, makeInput, START } from './fixture.js';

/** A minimal RFC 4180 reader written for the test, to check that quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  return rows;
}

describe('csvField', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(false)).toBe('false');
  });

  it('round-trips awkward text through a CSV reader', () => {
    const awkward = ['a,"b"', 'line\nbreak', '', ' spaced '];
    const text = toCsv(['x', 'y', 'z', 'w'], [awkward]);
    expect(parseCsv(text)).toEqual([['x', 'y', 'z', 'w'], awkward]);
  });
});

describe('report CSV files', () => {
  it('equity.csv: one row per backtested bar, fixed columns, empty for no decision', () => {
    const input = makeInput();
    const rows = parseCsv(equityCsv(buildRunReport(input)));
    expect(rows[0]).toEqual([
      'time',
      'close',
      'target',
      'position',
      'equity',
      'drawdown',
      'baseline_equity',
      'baseline_drawdown',
    ]);
    expect(rows).toHaveLength(BARS - START + 1);
    const last = rows.at(-1)!;
    expect(last[0]).toBe('2023-10-30');
    expect(Number(last[1])).toBe(input.series.close[BARS - 1]);
    expect(Number(last[4])).toBe(input.strategy.result.equity[BARS - START - 1]);
    // Backtest bar 0 is inside the fixture's warmup: no target decided.
    expect(rows[1][2]).toBe('');
    expect(rows[1][6]).toBe('10000');
  });

  it('trades.csv: one row per trade, the symbol escaped', () => {
    const input = makeInput({ symbol: 'A,"B"' });
    const rows = parseCsv(tradesCsv(buildRunReport(input)));
    expect(rows[0]).toEqual([
      'symbol',
      'side',
      'units',
      'entry_time',
      'exit_time',
      'entry_bar',
      'exit_bar',
      'entry_price',
      'exit_price',
      'pnl',
      'return',
      'bars_held',
      'costs',
      'open',
    ]);
    expect(rows).toHaveLength(5);
    // Fixture trade 1: backtest bars 80 -> 100, -2%, pnl 5000 * -0.02 = -100.
    expect(rows[2][0]).toBe('A,"B"');
    expect(rows[2].slice(1, 3)).toEqual(['long', '50']);
    expect(rows[2].slice(5, 7)).toEqual(['80', '100']);
    expect(rows[2].slice(9, 12)).toEqual(['-100', '-0.02', '20']);
    expect(rows[4][13]).toBe('true');
  });

  it('signals.csv: time, probability and target; empty probability when the strategy has none', () => {
    const input = makeInput();
    const rows = parseCsv(signalsCsv(buildRunReport(input)));
    expect(rows[0]).toEqual(['time', 'probability', 'target']);
    expect(rows[1]).toEqual(['2022-11-15', '', '']);
    expect(Number(rows[12][1])).toBe(input.strategy.output.probabilities?.[START + 11]);
    const plain = parseCsv(signalsCsv(buildRunReport(makeInput({ diagnostics: false }))));
    expect(plain[12][1]).toBe('');
    expect(plain[12][2]).toBe(String(input.strategy.output.positions[START + 11]));
  });

  it('writes full ISO timestamps for intraday bars (a report read back from report.json)', () => {
    const report: RunReport = JSON.parse(reportJson(buildRunReport(makeInput())));
    expect(report.bars).toBeUndefined();
    report.series.time = report.series.time.map((t) => t + 9.5 * 3_600_000);
    const rows = parseCsv(equityCsv(report));
    expect(rows.at(-1)![0]).toBe('2023-10-30T09:30:00.000Z');
    expect(rows).toHaveLength(BARS - START + 1);
  });
});
