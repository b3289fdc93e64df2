import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { renderSummaryTable, renderTable } from '../../src/report/table.js';
import type { RunReport } from '../../src/report/types.js';
import { makeInput } from './fixture.js';

function report(): RunReport {
  return buildRunReport(makeInput());
}

/** The side-by-side statistics block: from the column header to the blank line after it. */
function statsBlock(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s+nn-timing\s+buy-and-hold$/.test(line));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

function row(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(label));
  if (!line) throw new Error(`no row ${label}`);
  return line;
}

describe('renderTable', () => {
  it('shows the run header', () => {
    const text = renderTable(report());
    expect(text).toContain('data/syn.csv');
    expect(text).toMatch(/Period +2022-11-15 to 2023-10-30 \(250 bars\)/);
    expect(text).toMatch(/Annualisation +252 \(weekday daily bars\)/);
    expect(text).toMatch(/Costs +commission 0\.1%, slippage 2 bps, fixed fee 0\.00 per order/);
    expect(text).toMatch(/Fill +next bar open/);
    expect(text).toMatch(/Strategy +nn-timing \(hidden=8, epochs=200, features=default\)/);
    expect(text).toMatch(/Seed +42/);
  });

  it('names the strategy that ran, and says whether the lookahead check ran', () => {
    const text = renderTable(report());
    expect(text.split('\n')[0]).toBe('nn-timing vs buy-and-hold: SYN (nn-timing 0.1.0)');
    expect(text).toMatch(/Lookahead +not checked \(nn-timing retrains once per cut/);
    const checked = renderTable(
      buildRunReport({
        ...makeInput(),
        lookahead: { checked: true, found: false, firstBar: null, firstTime: null, cuts: 25 },
      }),
    );
    expect(checked).toMatch(/Lookahead +checked, none found \(25 cuts\)/);
  });

  it('shouts when the strategy read the future: invalid verdict, first warning, no edge', () => {
    const input = makeInput();
    // An edge the figures claim must not survive a lookahead finding.
    input.comparison = { ...input.comparison, edge: true, verdictKind: 'edge', verdict: 'Edge.' };
    const caught = buildRunReport({
      ...input,
      lookahead: {
        checked: true,
        found: true,
        firstBar: 120,
        firstTime: Date.UTC(2023, 0, 3),
        cuts: 25,
      },
    });
    const text = renderTable(caught);
    expect(text).toMatch(
      /Lookahead +FOUND at bar 120 \(2023-01-03\): the strategy read future bars/,
    );
    expect(text).toContain(
      'Verdict (INVALID): Invalid: the strategy reads future bars (lookahead found at bar 120 (2023-01-03))',
    );
    expect(caught.comparison.edge).toBe(false);
    expect(caught.comparison.verdictKind).toBe('invalid');
    expect(caught.warnings[0]).toBe(caught.comparison.verdict);
    const summary = renderSummaryTable([caught, report()]);
    expect(summary).toMatch(/ INVALID\n/);
    expect(summary).toContain('INVALID in 1: the strategy read future bars');
  });

  it('aligns strategy and baseline columns on their right edge', () => {
    const block = statsBlock(renderTable(report()));
    expect(block.length).toBeGreaterThan(20);
    const header = block[0];
    const strategyEnd = header.indexOf('nn-timing') + 'nn-timing'.length;
    for (const line of block) {
      expect(line.length).toBe(header.length);
      // The strategy value ends where the strategy header ends, followed by column spacing.
      expect(line[strategyEnd - 1]).not.toBe(' ');
      expect(line.slice(strategyEnd, strategyEnd + 2)).toBe('  ');
    }
  });

  it('formats percentages, ratios, money and undefined statistics', () => {
    const text = renderTable(report());
    // 0.12345 total return -> 12.35% (two decimals), baseline 0.2 -> 20.00%.
    expect(row(text, 'Total return')).toMatch(/ 12\.35% +20\.00%$/);
    // Sharpe 0.8765 -> 0.88; baseline 1.02.
    expect(row(text, 'Sharpe ratio')).toMatch(/ 0\.88 +1\.02$/);
    // Strategy Sortino is null: n/a, not NaN or 0.
    expect(row(text, 'Sortino ratio')).toMatch(/ n\/a +1\.40$/);
    expect(row(text, 'Win rate')).toMatch(/ 75\.00% +n\/a$/);
    expect(row(text, 'Final equity')).toMatch(/ 11,234\.50 +12,000\.00$/);
    expect(row(text, 'Max drawdown ')).toMatch(/ -7\.91% +-7\.91%$/);
    // 27.5 bars at 252 a year = 27.5 / 252 * 365.25 days = 39.9 -> 40 days.
    expect(row(text, 'Avg trade duration')).toMatch(
      / 27\.5 bars \(40 days\) +27\.5 bars \(40 days\)$/,
    );
    expect(row(text, 'AUC')).toMatch(/ 0\.541 +n\/a$/);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('lists the comparison, verdict and pending signal', () => {
    const text = renderTable(report());
    // Excess return = 0.12345 - 0.2 = -0.07655; times 100 in binary is -7.655000000000001 -> -7.66%.
    expect(text).toMatch(/Excess return \(strategy - baseline\) +-7\.66%/);
    expect(text).toMatch(/Information ratio +-0\.35/);
    expect(text).toMatch(
      /\n {2}p-value +0\.412 {2}\(one-sided.*2,000 resamples, block length 7 \(Politis-White automatic\)\)/,
    );
    expect(text).toMatch(
      /Sharpe difference +-0\.08 {2}\(annual, strategy - baseline; 90% interval -0\.52 to 0\.37\)/,
    );
    expect(text).toMatch(/Detectable difference +0\.61 {2}\(smallest Sharpe difference/);
    expect(text).toMatch(
      /Adjusted p-value +0\.412 {2}\(Bonferroni for 1 trial: min\(1, p x trials\)/,
    );
    expect(text).toContain(
      'Verdict (inconclusive): Inconclusive: the test could not have seen an edge of this size.',
    );
    expect(text).toContain('Pending: go long 100% at the next open (decided 2023-10-30 close)');
  });

  it('says to keep the open trade when there is no pending signal, and shows the seed spread', () => {
    const r = report();
    r.strategy.pending = null;
    r.seedSpread = {
      seeds: [1, 2, 3],
      sharpe: { min: 0.2, median: 0.5, max: null },
      totalReturn: { min: -0.01, median: 0.05, max: 0.12 },
      pValue: { min: 0.0004, median: 0.4, max: 0.8 },
      baselineSharpe: 1.02,
      baselineReturn: 0.2,
    };
    const text = renderTable(r);
    // The fixture's last trade is still open (long): no new signal means staying in it.
    expect(text).toContain('Pending: stay long (no order)');
    expect(text).toContain('Seed spread (3 seeds: 1, 2, 3)');
    expect(text).toMatch(/Sharpe +0\.20 +0\.50 +n\/a/);
    expect(text).toMatch(/Total return +-1\.00% +5\.00% +12\.00%/);
    expect(text).toMatch(/p-value +<0\.001 +0\.400 +0\.800/);
  });

  it('lists warnings and colours only when asked', () => {
    const r = report();
    r.warnings = ['optimistic: same-bar close fills'];
    const plain = renderTable(r);
    expect(plain).toContain('  ! optimistic: same-bar close fills');
    expect(plain).not.toContain('\x1b[');
    const coloured = renderTable(r, { color: true });
    expect(coloured).toContain('\x1b[33m  ! optimistic: same-bar close fills\x1b[0m');
    expect(coloured).toContain('\x1b[33mInconclusive');
  });
});

describe('renderSummaryTable', () => {
  it('shows one aligned row per file with the verdict kind', () => {
    const a = report();
    const b = buildRunReport(makeInput({ symbol: 'OTHER' }));
    b.data.file = 'data/other.csv';
    b.comparison.verdictKind = 'edge';
    b.comparison.pValue = 0.01;
    const lines = renderSummaryTable([a, b]).split('\n');
    expect(lines[0]).toBe('nn-timing vs buy-and-hold');
    expect(lines[1]).toMatch(/^File +Symbol +Period +Return +Sharpe +Max DD +Base return/);
    expect(lines[2]).toMatch(
      /^data\/syn\.csv +SYN +2022-11-15 to 2023-10-30 +12\.35% +0\.88 +-7\.91% +20\.00% +1\.02 +-7\.91% +0\.412 +inconclusive$/,
    );
    expect(lines[3]).toMatch(/^data\/other\.csv +OTHER .* 0\.010 +edge$/);
    expect(lines[2].length).toBe(lines[1].length);
    expect(lines[3].length).toBe(lines[1].length);
    expect(lines).toContain('Edge in 1 of 2 files; no edge in 0, inconclusive in 1.');
  });

  it('adds a strategy column when the runs compare different strategies', () => {
    const a = report();
    const b = report();
    b.strategy.name = 'sma-cross';
    const text = renderSummaryTable([a, b]);
    expect(text.split('\n')[0]).toMatch(/^File +Symbol +Period +Strategy +Return/);
    expect(text).toContain('sma-cross vs buy-and-hold');
  });
});
