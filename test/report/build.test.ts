import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { reportJson } from '../../src/report/outputs.js';
import type { StrategyDiagnostics } from '../../src/strategy-contract/index.js';
import { BARS, FEATURES, LAST_DAY, makeDiagnostics, makeInput, OPTIONS, START } from './fixture.js';

describe('buildRunReport', () => {
  it('covers exactly the backtested bars, aligned with the loaded series', () => {
    const input = makeInput();
    const report = buildRunReport(input);
    const s = report.series;
    expect(report.data.bars).toBe(BARS - START);
    expect(s.time).toHaveLength(BARS - START);
    expect(s.time[0]).toBe(input.series.time[START]);
    expect(s.time.at(-1)).toBe(LAST_DAY);
    expect(report.data.start).toBe(input.series.time[START]);
    expect(report.data.end).toBe(LAST_DAY);
    expect(s.close[0]).toBe(input.series.close[START]);
    expect(s.open[7]).toBe(input.series.open[START + 7]);
    expect(s.equity[3]).toBe(input.strategy.result.equity[3]);
    expect(s.baselineEquity[3]).toBe(input.baseline.result.equity[3]);
    expect(s.baselineDrawdown[5]).toBe(input.baseline.result.drawdown[5]);
  });

  it('takes targets and probabilities from the same bars, NaN written as null', () => {
    const input = makeInput();
    const report = buildRunReport(input);
    const positions = input.strategy.output.positions;
    // The fixture's warmup ends at series bar START + 10, i.e. backtest bar 10.
    expect(report.series.target.slice(0, 10)).toEqual(new Array(10).fill(null));
    expect(report.series.target[10]).toBe(positions[START + 10]);
    expect(report.series.probability?.[0]).toBeNull();
    expect(report.series.probability?.[42]).toBe(input.strategy.output.probabilities?.[START + 42]);
  });

  it('accepts strategy output covering only the backtested bars', () => {
    const input = makeInput();
    input.strategy.output.positions = input.strategy.output.positions.slice(START);
    input.strategy.output.probabilities = undefined;
    const report = buildRunReport(input);
    expect(report.series.target[10]).toBe(input.strategy.output.positions[10]);
    expect(report.series.probability).toBeUndefined();
  });

  it('keeps the comparison figures without repeating both sides stats', () => {
    const report = buildRunReport(makeInput());
    expect(report.comparison).not.toHaveProperty('strategy');
    expect(report.comparison).not.toHaveProperty('baseline');
    expect(report.comparison.pValue).toBe(0.412);
    expect(report.strategy.stats.sharpe).toBe(0.8765);
    expect(report.baseline.stats.sortino).toBe(1.4);
    expect(report.strategy.signalQuality?.auc).toBe(0.541);
    expect(report.strategy.pending).toEqual({ time: LAST_DAY, target: 1, current: 0 });
    expect(report.options).toEqual(OPTIONS);
    expect(report.strategy.trades).toHaveLength(4);
  });

  it('recognises walk-forward diagnostics and ignores other shapes', () => {
    const report = buildRunReport(makeInput());
    expect(report.diagnostics?.features).toEqual(FEATURES);
    expect(report.diagnostics?.windows).toHaveLength(3);

    const other = makeInput();
    other.strategy.output.diagnostics = { kind: 'crossings', crossovers: 12 };
    expect(buildRunReport(other)).not.toHaveProperty('diagnostics');
    // The walk-forward's shape without its declared kind is not taken for it.
    const { kind: _kind, ...undeclared } = makeDiagnostics(Array.from(other.series.time));
    other.strategy.output.diagnostics = undeclared as unknown as StrategyDiagnostics;
    expect(buildRunReport(other)).not.toHaveProperty('diagnostics');
    expect(buildRunReport(makeInput({ diagnostics: false }))).not.toHaveProperty('diagnostics');
  });

  it('turns NaN and typed arrays inside diagnostics into plain JSON', () => {
    const input = makeInput();
    const diagnostics = input.strategy.output.diagnostics as Record<string, unknown>;
    const windows = diagnostics.windows as Record<string, unknown>[];
    windows[1].validationError = Number.NaN;
    diagnostics.importance = Float64Array.of(0.3, 0.45, 0.1, 0.15);
    const report = buildRunReport(input);
    expect(report.diagnostics?.windows[1].validationError).toBeNull();
    expect(report.diagnostics?.importance).toEqual([0.3, 0.45, 0.1, 0.15]);
  });

  it('gathers warnings: adjusted prices, repaired rows, loader and backtest notes, once each', () => {
    const input = makeInput();
    input.series.meta = {
      ...input.series.meta,
      adjusted: true,
      rowsDropped: 1,
      rowsRepaired: 2,
      repairedLines: [5, 17, 40],
      warnings: ['Volume column missing; volume set to 0.'],
    };
    input.strategy.result.warnings = ['Shorting disabled.'];
    input.baseline.result.warnings = ['Shorting disabled.'];
    const warnings = buildRunReport(input).warnings;
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/adjusted/);
    expect(warnings[1]).toBe('data/syn.csv: 1 row dropped and 2 rows repaired (lines 5, 17, 40).');
    expect(warnings[2]).toBe('Volume column missing; volume set to 0.');
    expect(warnings[3]).toBe('Shorting disabled.');
  });

  it('warns about optimistic close fills and free trading when the backtest did not', () => {
    const input = makeInput();
    const options = { ...OPTIONS, fill: 'close' as const, commission: 0, slippageBps: 0 };
    input.strategy.result.options = options;
    const warnings = buildRunReport(input).warnings;
    expect(warnings.some((w) => /same bar close/.test(w))).toBe(true);
    expect(warnings.some((w) => /No trading costs/.test(w))).toBe(true);

    const noted = makeInput();
    noted.strategy.result.options = { ...OPTIONS, fill: 'close' };
    noted.strategy.result.warnings = ['Same-bar close fills are optimistic.'];
    expect(buildRunReport(noted).warnings).toEqual(['Same-bar close fills are optimistic.']);
  });

  it('is clean for a clean run', () => {
    expect(buildRunReport(makeInput()).warnings).toEqual([]);
  });

  it('gives byte-identical JSON for equal inputs (no run timestamps)', () => {
    const first = reportJson(buildRunReport(makeInput()));
    const second = reportJson(buildRunReport(makeInput()));
    expect(second).toBe(first);
    expect(first).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(first).format).toBe('nn-timing-report');
  });

  it('refuses baseline and strategy backtests over different bars', () => {
    const input = makeInput();
    input.baseline.result.time = input.baseline.result.time.slice(1);
    expect(() => buildRunReport(input)).toThrow(/different bars/);
  });

  it('refuses backtest bars that are not part of the series', () => {
    const input = makeInput();
    const shifted = input.strategy.result.time.map((t) => t + 3_600_000);
    input.strategy.result.time = shifted;
    input.baseline.result.time = shifted;
    expect(() => buildRunReport(input)).toThrow(/not a stretch/);
  });

  it('refuses non-finite equity instead of writing it silently', () => {
    const input = makeInput();
    input.strategy.result.equity[9] = Number.NaN;
    expect(() => buildRunReport(input)).toThrow(/equity holds NaN at backtest bar 9/);
  });
});
