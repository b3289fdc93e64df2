import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTINS, runBacktestJob } from '../../src/builtins/index.js';
import { InputError } from '../../src/errors.js';
import * as core from '../../src/run/index.js';
import { QUICK_LOOKAHEAD_CUTS, shouldCheckLookahead } from '../../src/run/lookahead-check.js';
import { defineStrategy } from '../../src/strategy-contract/define.js';
import { builtinStrategies } from '../../strategies/index.js';

const folder = mkdtempSync(join(tmpdir(), 'nn-job-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const DAY = 86_400_000;
const JAN_1_2020 = Date.UTC(2020, 0, 1);
const NO_COSTS = { commission: 0, slippageBps: 0, fixedFee: 0 };

/** Daily bars from 2020-01-01 with open = 100 + t and close = open + 0.5. */
function writeRamp(name: string, bars: number): string {
  const lines = ['date,open,high,low,close,volume'];
  for (let t = 0; t < bars; t++) {
    const day = new Date(JAN_1_2020 + t * DAY).toISOString().slice(0, 10);
    lines.push(`${day},${100 + t},${101.5 + t},${99 + t},${100.5 + t},1000`);
  }
  const file = join(folder, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Undecided for the first `warmup` bars, then fully long. */
const lateLong = defineStrategy<{ warmup: number }>({
  name: 'late-long',
  description: 'Long from bar `warmup` on.',
  params: {
    warmup: { type: 'integer', default: 10, min: 0, description: 'Bars without a decision.' },
  },
  warmup: ({ warmup }) => warmup,
  run(series, { warmup }) {
    const positions = new Float64Array(series.time.length).fill(1);
    positions.fill(Number.NaN, 0, warmup);
    return { positions };
  },
});

describe('runBacktestJob', () => {
  const ramp = writeRamp('ramp.csv', 30);

  it('measures strategy and baseline from the strategy’s first decision', async () => {
    const [report] = await runBacktestJob({
      files: [ramp],
      strategy: lateLong,
      backtest: NO_COSTS,
    });
    expect(report.data.bars).toBe(20);
    expect(report.data.start).toBe(JAN_1_2020 + 10 * DAY);
    // Decided at bar 10's close, filled at bar 11's open (111), held to bar 29's close (129.5):
    // 129.5 / 111 - 1 = 18.5 / 111 = 1/6. Buy-and-hold over the same bars does exactly the same.
    expect(report.strategy.stats.totalReturn).toBeCloseTo(1 / 6, 12);
    expect(report.baseline.stats.totalReturn).toBeCloseTo(1 / 6, 12);
    expect(report.baseline.name).toBe('buy-and-hold');
    expect(report.warnings.some((w) => w.startsWith('Evaluated from 2020-01-11'))).toBe(true);
  });

  it('slices to --from/--to before the strategy runs', async () => {
    const [report] = await runBacktestJob({
      files: [ramp],
      strategy: 'buy-and-hold',
      from: '2020-01-05',
      to: '2020-01-20',
      backtest: NO_COSTS,
    });
    // Jan 5..20 inclusive: 16 daily bars; bought at Jan 6's open (105), sold at Jan 20's close (119.5).
    expect(report.data.bars).toBe(16);
    expect(report.strategy.stats.totalReturn).toBeCloseTo(119.5 / 105 - 1, 12);
    expect(report.warnings.some((w) => w.startsWith('Evaluated from'))).toBe(false);
    const reversed = runBacktestJob({
      files: [ramp],
      strategy: 'buy-and-hold',
      from: '2020-01-20',
      to: '2020-01-05',
    });
    await expect(reversed).rejects.toThrow(/--from 2020-01-20 is after --to 2020-01-05/);
  });

  it('rejects a strategy that never decides, naming the file and warm-up', async () => {
    const run = runBacktestJob({ files: [ramp], strategy: lateLong, params: { warmup: 40 } });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /ramp\.csv: strategy late-long made no decision on its 30 bars \(it needs 40 bars of warm-up\)/,
    );
  });

  it('rejects unknown strategies and parameters before loading any file', async () => {
    const missing = join(folder, 'absent.csv');
    await expect(runBacktestJob({ files: [missing], strategy: 'nope' })).rejects.toThrow(
      /unknown strategy "nope"; built-in strategies: .*sma-cross/,
    );
    await expect(
      runBacktestJob({ files: [missing], strategy: 'sma-cross', params: { speed: 1 } }),
    ).rejects.toThrow(/Unknown parameter 'speed'/);
  });

  it('knows no strategy names in the core without a registry, the default baseline included', async () => {
    const named = core.runBacktestJob({ files: [ramp], strategy: 'sma-cross' });
    await expect(named).rejects.toThrow(InputError);
    await expect(named).rejects.toThrow(
      /^unknown strategy "sma-cross": no strategy names are known here; name strategies through the package entry 'nn-timing'/,
    );
    await expect(core.runBacktestJob({ files: [ramp], strategy: lateLong })).rejects.toThrow(
      /^unknown strategy "buy-and-hold": no strategy names are known here/,
    );
    // Both sides as objects need no names: the same run as through the package entry.
    const buyAndHold = builtinStrategies['buy-and-hold'];
    const [bare] = await core.runBacktestJob({
      files: [ramp],
      strategy: lateLong,
      baseline: buyAndHold,
      backtest: NO_COSTS,
    });
    expect(bare.baseline.stats.totalReturn).toBeCloseTo(1 / 6, 12);
    const [registered] = await core.runBacktestJob({
      files: [ramp],
      strategy: lateLong,
      backtest: NO_COSTS,
      registry: { ...BUILTINS, strategies: { 'buy-and-hold': buyAndHold } },
    });
    expect(registered.baseline.name).toBe('buy-and-hold');
  });

  it('gives the seed spread of the strategy across seeds seed..seed+k-1', async () => {
    const walk = writeRamp('walk.csv', 120);
    const options = {
      files: [walk],
      strategy: 'random',
      params: { exposure: 0.5, holding: 3 },
      backtest: NO_COSTS,
    };
    const [spread] = await runBacktestJob({ ...options, seed: 7, seeds: 3 });
    const singles = await Promise.all(
      [7, 8, 9].map(async (seed) => (await runBacktestJob({ ...options, seed }))[0]),
    );
    expect(spread.seedSpread?.seeds).toEqual([7, 8, 9]);
    const returns = singles.map((r) => r.strategy.stats.totalReturn).sort((a, b) => a - b);
    expect(spread.seedSpread?.totalReturn).toEqual({
      min: returns[0],
      median: returns[1],
      max: returns[2],
    });
    const sharpes = singles.map((r) => r.strategy.stats.sharpe as number).sort((a, b) => a - b);
    expect(spread.seedSpread?.sharpe).toEqual({
      min: sharpes[0],
      median: sharpes[1],
      max: sharpes[2],
    });
    expect(spread.seedSpread?.baselineReturn).toBe(singles[0].baseline.stats.totalReturn);
    // The main run is the first seed's.
    expect(spread.strategy.stats).toEqual(singles[0].strategy.stats);
    expect(singles[1].strategy.stats.totalReturn).not.toBe(singles[0].strategy.stats.totalReturn);
  });

  it('writes each file’s outputs to its own subfolder, leaving no temp files', async () => {
    const other = writeRamp('other.csv', 25);
    const out = join(folder, 'out');
    const reports = await runBacktestJob({ files: [ramp, other], strategy: 'buy-and-hold', out });
    expect(reports.map((r) => r.data.file)).toEqual([ramp, other]);
    expect(readdirSync(out).sort()).toEqual(['other', 'ramp']);
    for (const name of ['ramp', 'other']) {
      expect(readdirSync(join(out, name)).sort()).toEqual([
        'equity.csv',
        'report.json',
        'signals.csv',
        'timings.json',
        'trades.csv',
      ]);
    }
    expect(existsSync(join(out, 'ramp', 'report.html'))).toBe(false);
  });

  it('replaces an earlier run in the same folder without leaving its optional files behind', async () => {
    const out = join(folder, 'again');
    await runBacktestJob({ files: [ramp], strategy: 'buy-and-hold', out, html: true });
    expect(readdirSync(out)).toContain('report.html');
    await runBacktestJob({ files: [ramp], strategy: 'buy-and-hold', out });
    expect(readdirSync(out).sort()).toEqual([
      'equity.csv',
      'report.json',
      'signals.csv',
      'timings.json',
      'trades.csv',
    ]);
  });

  it('refuses to replace a folder holding files that are not from a run, and leaves it alone', async () => {
    const out = join(folder, 'mine');
    await runBacktestJob({ files: [ramp], strategy: 'buy-and-hold', out });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const before = readdirSync(out).sort();
    await expect(runBacktestJob({ files: [ramp], strategy: 'buy-and-hold', out })).rejects.toThrow(
      new InputError(
        `cannot write ${out}: it holds files that are not from a run (notes.txt); give a new or empty folder`,
      ),
    );
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('backtests each chosen symbol of a long-format file, one report and folder each', async () => {
    // AAA: open 100 + t; BBB: open 50 + t; both close at open + 0.5.
    const lines = ['symbol,date,open,high,low,close,volume'];
    for (const [symbol, base] of [
      ['AAA', 100],
      ['BBB', 50],
    ] as const) {
      for (let t = 0; t < 30; t++) {
        const day = new Date(JAN_1_2020 + t * DAY).toISOString().slice(0, 10);
        lines.push(
          `${symbol},${day},${base + t},${base + 1.5 + t},${base - 1 + t},${base + 0.5 + t},1000`,
        );
      }
    }
    const long = join(folder, 'long.csv');
    writeFileSync(long, `${lines.join('\n')}\n`);
    const out = join(folder, 'symbols');
    const reports = await runBacktestJob({
      files: [long],
      symbols: ['BBB', 'AAA'],
      strategy: lateLong,
      backtest: NO_COSTS,
      out,
    });
    expect(reports.map((report) => report.data.symbol)).toEqual(['BBB', 'AAA']);
    // Filled at bar 11's open, held to bar 29's close: BBB 61 -> 79.5, AAA 111 -> 129.5.
    expect(reports[0].strategy.stats.totalReturn).toBeCloseTo(18.5 / 61, 12);
    expect(reports[1].strategy.stats.totalReturn).toBeCloseTo(18.5 / 111, 12);
    expect(readdirSync(out).sort()).toEqual(['AAA', 'BBB']);
    const all = await runBacktestJob({ files: [long], symbols: 'all', strategy: lateLong });
    expect(all.map((report) => report.data.symbol)).toEqual(['AAA', 'BBB']);
    // A JavaScript caller may write the list as the command line does.
    const listed = await runBacktestJob({
      files: [long],
      symbols: 'BBB, AAA' as unknown as string[],
      strategy: lateLong,
    });
    expect(listed.map((report) => report.data.symbol)).toEqual(['BBB', 'AAA']);
    await expect(
      runBacktestJob({ files: [long], symbols: ['CCC'], strategy: lateLong }),
    ).rejects.toThrow(/no rows for symbol 'CCC'/);
    await expect(
      runBacktestJob({ files: [long, ramp], symbols: 'all', strategy: lateLong }),
    ).rejects.toThrow(InputError);
  });
});

describe('the verdict settings of a job', () => {
  const goog = new URL('../../data/goog-2004-2013.csv', import.meta.url).pathname;
  const run = (seed: number, extra: { trials?: number; confidence?: number } = {}) =>
    runBacktestJob({
      files: [goog],
      strategy: 'sma-cross',
      params: { fast: 10, slow: 20 },
      seed,
      resamples: 300,
      ...extra,
    }).then(([report]) => report.comparison);

  it('draws the bootstrap from its own stream, whatever the strategy seed', async () => {
    // sma-cross ignores its seed, so only a bootstrap seeded from it could change p.
    const [a, b] = await Promise.all([run(1), run(2)]);
    expect(a.pValue).not.toBeNull();
    expect(b.pValue).toBe(a.pValue);
    expect(b.sharpeDiffCI).toEqual(a.sharpeDiffCI);
  });

  it('passes trials and confidence through to the verdict', async () => {
    const one = await run(1);
    const many = await run(1, { trials: 7, confidence: 0.5 });
    expect(many.trials).toBe(7);
    expect(many.pValueAdjusted).toBeCloseTo(Math.min(1, 7 * one.pValue!), 15);
    expect(many.confidence).toBe(0.5);
    // A 50% interval lies inside the 90% one.
    expect(many.sharpeDiffCI![0]).toBeGreaterThan(one.sharpeDiffCI![0]);
    expect(many.sharpeDiffCI![1]).toBeLessThan(one.sharpeDiffCI![1]);
  });
});

describe('the lookahead check of a backtest', () => {
  const ramp = writeRamp('ramp-lookahead.csv', 60);
  /** Long when the next close is higher: reads the future. */
  const peek = defineStrategy({
    name: 'peek',
    description: 'Reads tomorrow.',
    params: {},
    warmup: () => 0,
    run(series) {
      const positions = new Float64Array(series.time.length);
      for (let t = 0; t + 1 < series.time.length; t++) {
        positions[t] = series.close[t + 1] > series.close[t] ? 1 : 0;
      }
      return { positions };
    },
  });

  it('marks a strategy reading the next close invalid, loudly, and still writes the outputs', async () => {
    const out = join(folder, 'peek-run');
    const [report] = await runBacktestJob({ files: [ramp], strategy: peek, out });
    expect(report.lookahead.checked).toBe(true);
    expect(report.lookahead.found).toBe(true);
    // The ramp only rises, so every decision is "long" and the first cut already changes it.
    const firstBar = report.lookahead.firstBar as number;
    expect(firstBar).toBeGreaterThanOrEqual(0);
    expect(report.lookahead.firstTime).toBe(JAN_1_2020 + firstBar * DAY);
    expect(report.comparison.edge).toBe(false);
    expect(report.comparison.verdict).toMatch(/^Invalid: the strategy reads future bars/);
    expect(report.warnings[0]).toBe(report.comparison.verdict);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });

  it('checks an honest strategy over its decision bars and finds nothing', async () => {
    const [report] = await runBacktestJob({ files: [ramp], strategy: lateLong });
    expect(report.lookahead).toEqual({
      checked: true,
      found: false,
      firstBar: null,
      firstTime: null,
      cuts: QUICK_LOOKAHEAD_CUTS,
    });
  });

  it('skips nn-timing unless asked, and checks every other strategy', () => {
    expect(shouldCheckLookahead(builtinStrategies['nn-timing'])).toBe(false);
    expect(shouldCheckLookahead(builtinStrategies['nn-timing'], true)).toBe(true);
    expect(shouldCheckLookahead(builtinStrategies['sma-cross'])).toBe(true);
    expect(shouldCheckLookahead(builtinStrategies['sma-cross'], false)).toBe(true);
    // The choice is the strategy's declaration, not its name.
    const costly = { ...builtinStrategies['sma-cross'], lookaheadCheck: 'on-request' as const };
    expect(shouldCheckLookahead(costly)).toBe(false);
    expect(shouldCheckLookahead(costly, true)).toBe(true);
  });
});

describe('the quick lookahead check of a strategy that needs a long series', () => {
  it('falls back to full-length futures when the shortened series is refused', async () => {
    const ramp = writeRamp('ramp-long.csv', 80);
    let shortRuns = 0;
    const picky = defineStrategy({
      name: 'picky',
      description: 'Refuses fewer than 80 bars; long from bar 5 on.',
      params: {},
      warmup: () => 5,
      run(series) {
        if (series.time.length < 80) {
          shortRuns++;
          throw new InputError('picky needs 80 bars');
        }
        const positions = new Float64Array(series.time.length).fill(1);
        positions.fill(Number.NaN, 0, 5);
        return { positions };
      },
    });
    const [report] = await runBacktestJob({ files: [ramp], strategy: picky });
    expect(shortRuns).toBe(1);
    expect(report.lookahead).toMatchObject({ checked: true, found: false, cuts: 5 });
  });
});
