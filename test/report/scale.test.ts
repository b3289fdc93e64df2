import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, runBacktest } from '../../src/backtest/index.js';
import type { PriceSeries } from '../../src/data/types.js';
import { buildRunReport, LISTED_TRADES } from '../../src/report/build.js';
import { DISPLAY_BARS } from '../../src/report/downsample.js';
import { reportJson, writeRunOutputs } from '../../src/report/outputs.js';
import { makeInput } from './fixture.js';

const MINUTE = 60_000;

/** n one-minute bars of a zig-zag price, and targets that switch every 4 bars: many trades. */
function longRun(n: number) {
  const time = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2020, 0, 1) + i * MINUTE;
    close[i] = 100 + 10 * Math.sin(i / 500) + (i % 7) / 10;
  }
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]));
  const series: PriceSeries = {
    symbol: 'LONG',
    time,
    open,
    high: close.map((c, i) => Math.max(c, open[i]) + 0.05),
    low: close.map((c, i) => Math.min(c, open[i]) - 0.05),
    close,
    volume: new Float64Array(n).fill(100),
    meta: {
      source: 'generated',
      adjusted: false,
      fields: ['open', 'high', 'low', 'close', 'volume'],
      columns: {},
      rowsRead: n,
      rowsDropped: 0,
      rowsRepaired: 0,
      repairedLines: [],
      warnings: [],
    },
  };
  const positions = Float64Array.from({ length: n }, (_, i) => (i >> 2) % 2);
  const baseline = new Float64Array(n).fill(1);
  const result = runBacktest(series, positions);
  const baselineResult = runBacktest(series, baseline);
  return buildRunReport({
    tool: 'nn-timing test',
    file: 'long.csv',
    series,
    seed: 1,
    strategy: { name: 'zigzag', params: {}, output: { positions }, result },
    baseline: {
      name: 'buy-and-hold',
      params: {},
      output: { positions: baseline },
      result: baselineResult,
    },
    comparison: compare(result, baselineResult, { resamples: 50 }),
  });
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('report size is bounded whatever the number of bars', () => {
  const n = 40_000;
  const report = longRun(n);

  it('report.json holds a downsampled series and the most recent trades only', () => {
    const text = reportJson(report);
    expect(report.series.downsampled).toEqual({ bars: n, runs: DISPLAY_BARS / 2 });
    expect(report.series.time).toHaveLength(DISPLAY_BARS);
    const total = report.strategy.stats.trades;
    // Targets switch every 4 bars: a trade opens and closes every 8 bars.
    expect(total).toBe(n / 8);
    expect(report.strategy.trades).toHaveLength(LISTED_TRADES);
    expect(report.strategy.tradesOmitted).toBe(total - LISTED_TRADES);
    expect(report.strategy.trades.at(-1)?.exitBar).toBe(report.bars?.trades.at(-1)?.exitBar);
    // Under 5 MB at any length: the per-bar data went to the CSV files.
    expect(text.length).toBeLessThan(5_000_000);
    expect(Object.keys(JSON.parse(text))).not.toContain('bars');
  });

  it('the CSV files hold every bar and every trade, written in chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-timing-scale-'));
    folders.push(dir);
    writeRunOutputs(dir, report);
    const equity = readFileSync(join(dir, 'equity.csv'), 'utf8').trimEnd().split('\n');
    expect(equity).toHaveLength(n + 1);
    const last = equity.at(-1)!.split(',');
    expect(last[0]).toBe(new Date(Date.UTC(2020, 0, 1) + (n - 1) * MINUTE).toISOString());
    expect(Number(last[4])).toBe(report.strategy.stats.equityFinal);
    const trades = readFileSync(join(dir, 'trades.csv'), 'utf8').trimEnd().split('\n');
    expect(trades).toHaveLength(report.strategy.stats.trades + 1);
    const signals = readFileSync(join(dir, 'signals.csv'), 'utf8').trimEnd().split('\n');
    expect(signals).toHaveLength(n + 1);
  });
});

describe('reproducible report, timings apart', () => {
  it('report.json holds no run time or thread count; timings.json holds them', () => {
    const report = buildRunReport(makeInput());
    const text = reportJson(report);
    expect(report.diagnostics?.windows).toHaveLength(3);
    expect(text).not.toMatch(/"millis"|"threads"/);
    const dir = mkdtempSync(join(tmpdir(), 'nn-timing-timings-'));
    folders.push(dir);
    const timings = {
      stages: { load: 5, strategy: 20 },
      threads: 2,
      windows: [{ index: 0, millis: 15 }],
    };
    writeRunOutputs(dir, report, { timings });
    expect(JSON.parse(readFileSync(join(dir, 'timings.json'), 'utf8'))).toEqual(timings);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(text);
  });
});
