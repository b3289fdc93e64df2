import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare } from '../../src/backtest/compare.js';
import { runBacktest } from '../../src/backtest/engine.js';
import { BUILTINS, sweep, sweepUniverse } from '../../src/builtins/index.js';
import { loadPrices } from '../../src/data/load-prices.js';
import { sliceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { PythonRandom } from '../../src/random/python-random.js';
import { parseSweepConfig } from '../../src/sweep/config.js';
import { workerEngine } from '../../src/sweep/engine.js';
import { gridPoints, parseGridAxis, randomPoints } from '../../src/sweep/grid.js';
import type { SweepOptions } from '../../src/sweep/sweep.js';
import { smaCross } from '../../strategies/sma-cross.js';
import { startCli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zero-drift random walk of daily closes as a CSV file. */
function walkCsv(name: string, bars: number, seed: number): string {
  const random = new PythonRandom(seed);
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  const day = Date.UTC(2010, 0, 4);
  let t = day;
  for (let i = 0; i < bars; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
    const next = price * Math.exp(0.01 * (random.random() - 0.5) * Math.sqrt(12));
    const date = new Date(t).toISOString().slice(0, 10);
    lines.push(`${date},${price},${Math.max(price, next)},${Math.min(price, next)},${next},1000`);
    price = next;
    t += 86_400_000;
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const file = walkCsv('walk.csv', 600, 3);
const base: SweepOptions = {
  file,
  strategy: 'sma-cross',
  grid: ['fast=2..20:6', 'slow=10,30,60'],
  resamples: 300,
};

describe('grid', () => {
  it('parses lists and ranges', () => {
    expect(parseGridAxis('fast=5,10,20')).toEqual({ key: 'fast', values: ['5', '10', '20'] });
    expect(parseGridAxis('slow=20..50:10').values).toEqual([20, 30, 40, 50]);
    expect(parseGridAxis('x=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseGridAxis('n=3..5').values).toEqual([3, 4, 5]);
    expect(() => parseGridAxis('fast')).toThrow(InputError);
    expect(() => parseGridAxis('fast=9..1')).toThrow(InputError);
  });

  it('enumerates the product, first axis slowest, and draws distinct random points', () => {
    const axes = [
      { key: 'a', values: [1, 2] },
      { key: 'b', values: ['x', 'y', 'z'] },
    ];
    expect(gridPoints(axes).map((p) => `${p.a}${p.b}`)).toEqual([
      '1x',
      '1y',
      '1z',
      '2x',
      '2y',
      '2z',
    ]);
    const drawn = randomPoints(axes, 4, 1).map((p) => `${p.a}${p.b}`);
    expect(new Set(drawn).size).toBe(4);
    expect(randomPoints(axes, 4, 1)).toEqual(randomPoints(axes, 4, 1));
    expect(randomPoints(axes, 50, 1)).toHaveLength(6);
  });

  it('reads the config form', () => {
    const config = parseSweepConfig(
      { grid: { fast: [5, 10], slow: '20..60:20' }, random: 3 },
      'x.json',
    );
    expect(config.grid).toEqual([
      { key: 'fast', values: [5, 10] },
      { key: 'slow', values: [20, 40, 60] },
    ]);
    expect(() => parseSweepConfig({ grid: {}, metric: 'luck' }, 'x.json')).toThrow(/metric/);
  });
});

describe('trial threads', () => {
  const task = { index: 0, params: { fast: 5, slow: 20 }, seed: 42 };
  const trialOn = async (entry?: URL) => {
    const engine = workerEngine('sma-cross', 1, entry);
    const setup = { series: await loadPrices(file), start: 60, backtest: {} };
    try {
      const outcomes: { index: number }[] = [];
      await engine.run(setup, [task], (outcome) => outcomes.push(outcome));
      return outcomes;
    } finally {
      await engine.close();
    }
  };

  it('resolve a built-in name from the entry that knows them, and none from the core’s own', async () => {
    expect((await trialOn(BUILTINS.threads.sweep)).map((o) => o.index)).toEqual([0]);
    await expect(trialOn()).rejects.toThrow(/unknown strategy "sma-cross": no strategy names/);
  });
});

describe('sweep', () => {
  it('skips refused points, and each trial equals a backtest of it on the common window', async () => {
    const report = await sweep({ ...base, threads: 1 });
    // fast 2, 8, 14, 20 x slow 10, 30, 60: fast >= slow refused for (14, 10) and (20, 10).
    expect(report.skipped).toBe(2);
    expect(report.trials).toBe(10);
    expect(report.window.warmup).toBe(59);
    // The best trial recomputed by hand: run the strategy, backtest from bar 59, compare.
    const series = await loadPrices(file);
    const params = report.best!.params as { fast: number; slow: number };
    const { positions } = smaCross.run(series, params, { seed: 42, allowShort: false }) as {
      positions: Float64Array;
    };
    const window = sliceSeries(series, 59);
    const result = runBacktest(window, positions.subarray(59));
    expect(report.best!.stats).toEqual(result.stats);
    const baseline = runBacktest(window, new Float64Array(window.time.length).fill(1));
    // The sweep keeps the n^(1/3) block length; compare needs it given to draw the same blocks.
    const single = compare(result, baseline, {
      resamples: 300,
      seed: 42,
      blockLength: report.blockLength,
    });
    expect(report.verdict.pValueNaive).toBe(single.pValue);
    // Ranked by Sharpe, best first.
    const sharpes = report.top.map((t) => t.sharpe ?? -Infinity);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    expect(report.verdict.pValueSpa).toBeGreaterThanOrEqual(report.verdict.pValueNaive!);
  });

  it('reports the fields the JSON promises', async () => {
    const report = await sweep({ ...base, threads: 1, metric: 'calmar' });
    expect(report).toMatchObject({ trials: 10, skipped: 2, metric: 'calmar' });
    expect(Object.keys(report.best!)).toEqual(
      expect.arrayContaining(['params', 'stats', 'pValue']),
    );
    expect(Object.keys(report.verdict)).toEqual(
      expect.arrayContaining([
        'edge',
        'kind',
        'pValueNaive',
        'pValueRealityCheck',
        'pValueSpa',
        'deflatedSharpe',
        'pbo',
        'text',
      ]),
    );
    const v = report.verdict;
    const ruledOut = v.best!.sharpeDiffCI[1] < v.best!.minDetectableDiff;
    expect(v.kind).toBe(v.edge ? 'edge' : ruledOut ? 'no-edge' : 'inconclusive');
    const calmars = report.top.map((t) => t.metric ?? -Infinity);
    expect([...calmars].sort((a, b) => b - a)).toEqual(calmars);
  });

  it('writes the HTML page: heatmap data, walk-forward chart and the stitched bars', async () => {
    const out = join(dir, 'html');
    const report = await sweep({
      ...base,
      threads: 1,
      out,
      html: true,
      walkForward: 'train=200,test=150',
    });
    const page = readFileSync(join(out, 'sweep.html'), 'utf8');
    // The stitched out-of-sample bars: 541 in the window, bar 0 and 200 training bars before them.
    const wf = report.walkForward!;
    expect(wf.bars).toBe(report.window.bars - 1 - 200);
    const stitched = readFileSync(join(out, 'walk-forward.csv'), 'utf8').trim().split('\n');
    expect(stitched).toHaveLength(wf.bars + 1);
    const last = stitched[stitched.length - 1].split(',');
    const header = stitched[0].split(',');
    expect(last[0]).toBe(wf.to);
    expect(Number(last[header.indexOf('equity')])).toBeCloseTo(1 + wf.totalReturn, 12);
    expect(Number(last[header.indexOf('baseline_equity')])).toBeCloseTo(
      1 + wf.baselineTotalReturn,
      12,
    );
    const chart = page.slice(page.indexOf('<svg class="equity"'));
    expect(chart.slice(0, chart.indexOf('</svg>')).match(/<polyline/g)).toHaveLength(2);
    // The heatmap's data for the page's script: fast 2, 8, 14, 20 x slow 10, 30, 60 less the
    // refused (14, 10) and (20, 10). The script is tested in test/sweep/browser.test.ts.
    const json = page.slice(page.indexOf('<script type="application/json" id="heatmap-data">'));
    const heat = JSON.parse(json.slice(json.indexOf('>') + 1, json.indexOf('</script>')));
    expect(heat.axes).toEqual([
      { key: 'fast', values: ['2', '8', '14', '20'] },
      { key: 'slow', values: ['10', '30', '60'] },
    ]);
    expect(heat.trials).toHaveLength(10);
    expect(heat.trials[heat.best].metric).toBe(report.best!.metric);
    expect(heat.trials.map((t: { point: string[] }) => t.point.join(' '))).not.toContain('14 10');
    expect(page).toContain('Probability of Backtest Overfitting');
    await sweep({ ...base, threads: 1, out });
    expect(existsSync(join(out, 'sweep.html'))).toBe(false);
    expect(existsSync(join(out, 'walk-forward.csv'))).toBe(false);
  });

  it('sweeps a universe and controls the false discovery rate across symbols', async () => {
    const other = walkCsv('walk-2.csv', 600, 4);
    const out = join(dir, 'universe');
    const { file: _, ...rest } = base;
    const report = await sweepUniverse({ ...rest, files: [file, other], threads: 1, out });
    expect(report.sweeps).toHaveLength(2);
    expect(report.text).toMatch(/^\d of 2 symbols show an edge/);
    expect(report.expectedByChance).toBeCloseTo(0.1, 12);
    // Two files: q = min(1, 2 p_(1) / 1, ...) for the smaller, max of p and that for the larger.
    const p = report.symbols.map((s) => s.pValueSpa!);
    const q = report.symbols.map((s) => s.qValue!);
    const high = Math.max(...p);
    const low = Math.min(...p);
    expect(Math.max(...q)).toBeCloseTo(high, 14);
    expect(Math.min(...q)).toBeCloseTo(Math.min(2 * low, high), 14);
    expect(existsSync(join(out, 'walk', 'sweep.json'))).toBe(true);
    expect(existsSync(join(out, 'walk-2', 'trials.csv'))).toBe(true);
  });

  it('sweeps every symbol of a long-format file, each like its own file', async () => {
    const rows = (path: string, symbol: string) =>
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => `${symbol},${line}`);
    const long = join(dir, 'long.csv');
    writeFileSync(
      long,
      `symbol,date,open,high,low,close,volume\n${[...rows(file, 'AAA'), ...rows(walkCsv('w3.csv', 600, 5), 'BBB')].join('\n')}\n`,
    );
    const { file: _, ...rest } = base;
    const out = join(dir, 'symbols');
    const report = await sweepUniverse({ ...rest, files: [long], symbols: 'all', threads: 1, out });
    expect(report.symbols.map((s) => s.symbol)).toEqual(['AAA', 'BBB']);
    expect(report.text).toMatch(/of 2 symbols/);
    // AAA's rows are walk.csv's: the same verdict as sweeping that file alone.
    const alone = await sweep({ ...base, threads: 1 });
    expect(report.sweeps[0].verdict).toEqual(alone.verdict);
    expect(existsSync(join(out, 'BBB', 'sweep.json'))).toBe(true);
  });

  it('writes byte-identical files on one thread or two', async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    await sweep({ ...base, threads: 1, out: one });
    await sweep({ ...base, threads: 2, out: two });
    for (const name of ['trials.csv', 'sweep.json']) {
      expect(readFileSync(join(two, name), 'utf8')).toBe(readFileSync(join(one, name), 'utf8'));
    }
    // A rerun into a finished folder runs nothing: every trial is found on disk.
    const progress: number[] = [];
    await sweep({ ...base, threads: 1, out: one }, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([10]);
    const rows = readFileSync(join(one, 'trials.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatch(/^trial,file,fast,slow,seed,start,.*,sharpe,.*,p_value$/);
  });

  it('resumes a killed sweep and ends byte-identical to an uninterrupted one', async () => {
    const whole = join(dir, 'whole');
    const killed = join(dir, 'killed');
    const args = [
      'sweep',
      file,
      '--strategy',
      'sma-cross',
      '--grid',
      'fast=2..40:2',
      '--grid',
      'slow=30..190:20',
      '--resamples',
      '200',
      '--threads',
      '2',
      '--format',
      'json',
    ];
    const run = (out: string, killAfter?: number) =>
      new Promise<number | null>((done) => {
        const { child } = startCli([...args, '--out', out], { quiet: true });
        if (killAfter !== undefined) {
          const timer = setInterval(() => {
            const folder = join(out, 'trials');
            if (existsSync(folder) && readdirSync(folder).length >= killAfter) {
              clearInterval(timer);
              child.kill('SIGKILL');
            }
          }, 5);
          child.on('exit', () => clearInterval(timer));
        }
        child.on('exit', (code) => done(code));
      });
    expect(await run(whole)).toBe(0);
    await run(killed, 40);
    const kept = readdirSync(join(killed, 'trials')).length;
    expect(kept).toBeGreaterThanOrEqual(40);
    expect(kept).toBeLessThan(174);
    expect(existsSync(join(killed, 'sweep.json'))).toBe(false);
    expect(await run(killed)).toBe(0);
    for (const name of ['trials.csv', 'sweep.json']) {
      expect(readFileSync(join(killed, name), 'utf8')).toBe(
        readFileSync(join(whole, name), 'utf8'),
      );
    }
  });
});
