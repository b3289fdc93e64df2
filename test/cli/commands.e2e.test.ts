import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK_LOOKAHEAD_CUTS } from '../../src/run/lookahead-check.js';
import { DATA, ROOT, runCli, TINY_NN } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'nn-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const GOOG = join(DATA, 'goog-2004-2013.csv');
const ORCL = join(DATA, 'orcl-1995-2014.csv');
const FUT = join(DATA, 'fut-m1-2006-01-2006-02.csv');
/** Facts from data/README (the shipped files' provenance notes). */
const GOOG_BARS = 2148;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function json(stdout: string) {
  return JSON.parse(stdout);
}

/** Every file in a folder tree, relative, so leftover temp files show up. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('nn-timing basics', () => {
  it('prints the package version and help with examples for every command', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const commands = [
      'backtest',
      'train',
      'predict',
      'explain',
      'inspect',
      'features',
      'strategies',
      'check',
    ];
    const [v, help, ...helps] = await Promise.all([
      runCli(['--version']),
      runCli(['--help']),
      ...commands.map((name) => runCli([name, '--help'])),
    ]);
    expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(help.code).toBe(0);
    for (const name of commands) expect(help.stdout).toContain(name);
    helps.forEach((result, i) => {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toContain(`$ nn-timing ${commands[i]}`);
    });
  });

  it('lists the built-in strategies with parameters and defaults', async () => {
    const { code, stdout } = await runCli(['strategies', '--format', 'json']);
    expect(code).toBe(0);
    const list = json(stdout) as {
      name: string;
      params: Record<string, { type: string; default: unknown }>;
    }[];
    expect(list.map((s) => s.name).sort()).toEqual([
      'buy-and-hold',
      'macd-cross',
      'nn-timing',
      'random',
      'rsi-reversion',
      'sma-cross',
    ]);
    const sma = list.find((s) => s.name === 'sma-cross');
    expect(Object.keys(sma?.params ?? {}).sort()).toEqual(['fast', 'slow']);
    for (const strategy of list) {
      for (const spec of Object.values(strategy.params)) expect(spec).toHaveProperty('default');
    }
    const table = await runCli(['strategies']);
    expect(table.stdout).toMatch(/^sma-cross$/m);
    expect(table.stdout).toMatch(/^ {2}fast=\S+/m);
  });
});

describe('nn-timing inspect', () => {
  it('describes a daily file with an Adj Close column', async () => {
    const { code, stdout } = await runCli(['inspect', ORCL, '--format', 'json']);
    expect(code).toBe(0);
    const facts = json(stdout);
    expect(facts).toMatchObject({
      symbol: 'ORCL',
      bars: 5036,
      adjusted: true,
      spacingLabel: '1d',
      weekends: false,
    });
    expect(facts.start).toBe(utc('1995-01-03'));
    expect(facts.end).toBe(utc('2014-12-31'));
    expect(facts.columns.adjClose).toBe('Adj Close');
    const raw = json((await runCli(['inspect', ORCL, '--no-adjust', '--format', 'json'])).stdout);
    expect(raw.adjusted).toBe(false);
  });

  it('prints the loader’s refusal, or reads the file with --columns', async () => {
    const refused = await runCli(['inspect', FUT]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^nn-timing: .*fut-m1-2006-01-2006-02\.csv:2: .*8 fields/);
    const read = await runCli([
      'inspect',
      FUT,
      '--columns',
      'date,time,open,high,low,close,volume,openinterest',
      '--format',
      'json',
    ]);
    expect(read.code).toBe(0);
    expect(json(read.stdout)).toMatchObject({ bars: 30889, spacingLabel: '1m' });
  });
});

describe('nn-timing features', () => {
  it('writes the feature matrix of a spec given inline', async () => {
    const out = join(folder, 'features.csv');
    const { code, stdout } = await runCli([
      'features',
      GOOG,
      '--spec',
      '[{"kind":"returns","lags":[1]}]',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote 2147 rows x 1 features/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,bar,ret_1');
    expect(lines).toHaveLength(GOOG_BARS);
    // GOOG's first two closes are 100.34 and 108.31 (data/goog-2004-2013.csv lines 2 and 3).
    const [time, bar, ret] = lines[1].split(',');
    expect(time).toBe('2004-08-20');
    expect(bar).toBe('1');
    expect(Number(ret)).toBeCloseTo(108.31 / 100.34 - 1, 12);
  });

  it('refuses a period longer than the data, naming the period and the bar count', async () => {
    const csv = join(folder, 'twelve-bars.csv');
    const rows = Array.from(
      { length: 12 },
      (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},${100 + i}`,
    );
    writeFileSync(csv, `Date,Close\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await runCli([
      'features',
      csv,
      '--spec',
      '[{"kind":"rsi","period":14}]',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    // RSI over 14 changes needs 14 earlier bars, so 15 in all; the file has 12.
    expect(stderr.trim()).toBe(
      `nn-timing: ${csv} has 12 bars; feature 'rsi' needs at least 15 (a 14-bar warm-up): use a longer file or a shorter period in --spec`,
    );
  });
});

describe('nn-timing backtest', () => {
  it('backtests sma-cross, prints exactly report.json, and writes every output', async () => {
    const out = join(folder, 'sma');
    const { code, stdout, stderr } = await runCli([
      'backtest',
      GOOG,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=20',
      '--param',
      'slow=100',
      '--format',
      'json',
      '--out',
      out,
      '--html',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
    const report = json(stdout);
    expect(report.strategy).toMatchObject({ name: 'sma-cross', params: { fast: 20, slow: 100 } });
    expect(report.baseline.name).toBe('buy-and-hold');
    // sma-cross first decides at bar slow - 1 = 99; both sides are measured from there.
    expect(report.data.bars).toBe(GOOG_BARS - 99);
    expect(report.strategy.stats.bars).toBe(report.baseline.stats.bars);
    expect(typeof report.comparison.pValue).toBe('number');
    expect(listFiles(out)).toEqual([
      'equity.csv',
      'report.html',
      'report.json',
      'signals.csv',
      'timings.json',
      'trades.csv',
    ]);
  });

  it('gives one result per file plus a summary table', async () => {
    const out = join(folder, 'multi');
    const args = ['backtest', GOOG, ORCL, '--strategy', 'macd-cross'];
    // Two runs at once need two folders: each swaps its whole folder in when done.
    const [table, asJson] = await Promise.all([
      runCli([...args, '--out', out]),
      runCli([...args, '--out', `${out}-json`, '--format', 'json']),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('GOOG');
    expect(table.stdout).toContain('ORCL');
    expect(table.stdout).toMatch(/^Edge in \d of 2 files/m);
    const reports = json(asJson.stdout);
    expect(reports.map((r: { data: { symbol: string } }) => r.data.symbol)).toEqual([
      'GOOG',
      'ORCL',
    ]);
    expect(readdirSync(out).sort()).toEqual(['goog-2004-2013', 'orcl-1995-2014']);
  });

  it('runs a shipped config, with command-line flags overriding it', async () => {
    const out = join(folder, 'config-run');
    const { code, stdout } = await runCli([
      'backtest',
      '--config',
      join(ROOT, 'backtests/goog-sma-cross.json'),
      '--commission',
      '0',
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const report = json(stdout);
    const config = JSON.parse(readFileSync(join(ROOT, 'backtests/goog-sma-cross.json'), 'utf8'));
    expect(report.strategy.name).toBe(config.strategy);
    expect(report.strategy.params).toEqual(config.params);
    expect(report.options.commission).toBe(0);
    expect(report.options.slippageBps).toBe(config.slippageBps);
    expect(existsSync(join(out, 'report.html'))).toBe(config.html);
  });

  it('runs a small nn-timing walk-forward with a seed spread and saves the model', async () => {
    const out = join(folder, 'nn');
    const { code, stdout } = await runCli([
      'backtest',
      GOOG,
      '--from',
      '2008-01-01',
      '--to',
      '2010-12-31',
      ...TINY_NN,
      '--threads',
      '1',
      '--seeds',
      '2',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const report = json(stdout);
    expect(report.strategy.name).toBe('nn-timing');
    expect(report.data.start).toBeGreaterThanOrEqual(utc('2008-01-01'));
    expect(report.data.end).toBeLessThanOrEqual(utc('2010-12-31'));
    expect(report.seedSpread.seeds).toEqual([42, 43]);
    expect(report.seedSpread.sharpe.min).toBeLessThanOrEqual(report.seedSpread.sharpe.max);
    expect(report.diagnostics.windows.length).toBeGreaterThan(0);
    expect(report.strategy.signalQuality.samples).toBeGreaterThan(0);
    expect(report.warnings.some((w: string) => w.startsWith('Evaluated from'))).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.format).toBe('nn-timing-model');
    expect(listFiles(out)).toEqual([
      'equity.csv',
      'model.json',
      'report.json',
      'signals.csv',
      'timings.json',
      'trades.csv',
    ]);
  });
});

describe('nn-timing train and predict', () => {
  it('trains a model and gives the latest signal with its probability and as-of date', async () => {
    const model = join(folder, 'model.json');
    const trained = await runCli([
      'train',
      GOOG,
      '--out',
      model,
      '--train-bars',
      '100',
      '--epochs',
      '5',
      '--hidden',
      '4',
      '--format',
      'json',
    ]);
    expect(trained.code).toBe(0);
    expect(json(trained.stdout).diagnostics.epochsRun).toBeGreaterThan(0);
    const [latest, all, allText, explained] = await Promise.all([
      runCli(['predict', GOOG, '--model', model, '--format', 'json']),
      runCli(['predict', GOOG, '--model', model, '--all', '--format', 'json']),
      runCli(['predict', GOOG, '--model', model, '--all']),
      runCli(['explain', GOOG, '--model', model, '--format', 'json']),
    ]);
    expect(explained.code).toBe(0);
    const explanation = json(explained.stdout);
    // 6 default inputs (the last direction, five return lags), occluded alone, then the return
    // lags all together.
    expect(explanation.saliency).toHaveLength(6);
    expect(explanation.occlusion.scores).toHaveLength(7);
    expect(explanation.occlusion.scores[6].name).toBe('returns (all)');
    expect(explanation.inSampleRows).toBe(100);
    expect(explanation.neutral).toBe('training rows');
    expect(latest.code).toBe(0);
    const signal = json(latest.stdout).latest;
    expect(signal.date).toBe('2013-03-01');
    expect(signal.probability).toBeGreaterThanOrEqual(0);
    expect(signal.probability).toBeLessThanOrEqual(1);
    expect(signal.signal).toBe(signal.target > 0 ? 'long' : 'flat');
    // Trained on labels known at the last close, so the last bar itself is out of sample.
    expect(signal.inSample).toBe(false);
    const rows = json(all.stdout).signals;
    expect(rows.at(-1)).toEqual(signal);
    expect(rows.some((row: { inSample: boolean }) => row.inSample)).toBe(true);
    // The model was trained on the last 100 rows: every bar before them was predicted by a
    // model that had seen what came after it, so none of them is out of sample.
    type Row = { inSample: boolean; trainedOnLaterData: boolean };
    const firstTrained = rows.findIndex((row: Row) => row.inSample);
    expect(firstTrained).toBeGreaterThan(0);
    rows.forEach((row: Row, i: number) => {
      expect([i, row.trainedOnLaterData]).toEqual([i, i < firstTrained]);
    });
    expect(signal.trainedOnLaterData).toBe(false);
    const lines = allText.stdout.split('\n');
    expect(lines[1]).toMatch(/ \(trained on later data\)$/);
    expect(lines[firstTrained + 1]).toMatch(/ \(in-sample\)$/);
  });
});

const HONEST = `
interface Params { lookback: number }
interface Bars { close: Float64Array }

const momentum = {
  name: 'user-momentum',
  description: 'Long after the close rose over the lookback.',
  params: { lookback: { type: 'integer' as const, default: 5, min: 1, description: 'Bars to look back.' } },
  warmup: (p: Params): number => p.lookback,
  run(series: Bars, p: Params) {
    const positions = new Float64Array(series.close.length).fill(Number.NaN);
    for (let t = p.lookback; t < positions.length; t++) {
      positions[t] = series.close[t] > series.close[t - p.lookback] ? 1 : 0;
    }
    return { positions };
  },
};
export default momentum;
`;

const CHEAT = `
const peek = {
  name: 'peek',
  description: 'Long when the next close is higher: reads the future.',
  params: {},
  warmup: (): number => 0,
  run(series: { close: Float64Array }) {
    const n = series.close.length;
    const positions = new Float64Array(n);
    for (let t = 0; t + 1 < n; t++) positions[t] = series.close[t + 1] > series.close[t] ? 1 : 0;
    return { positions };
  },
};
export default peek;
`;

describe('user strategies in TypeScript', () => {
  const project = mkdtempSync(join(tmpdir(), 'nn-user-'));
  writeFileSync(join(project, 'momentum.ts'), HONEST);
  writeFileSync(join(project, 'peek.ts'), CHEAT);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('runs a TypeScript strategy from the user’s folder without a build step', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'backtest',
        GOOG,
        '--strategy',
        './momentum.ts',
        '--param',
        'lookback=10',
        '--format',
        'json',
        '--out',
        'out',
      ],
      project,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = json(stdout);
    expect(report.strategy).toMatchObject({ name: './momentum.ts', params: { lookback: 10 } });
    expect(report.data.bars).toBe(GOOG_BARS - 10);
    expect(report.lookahead).toEqual({
      checked: true,
      found: false,
      firstBar: null,
      firstTime: null,
      cuts: QUICK_LOOKAHEAD_CUTS,
    });
    expect(listFiles(join(project, 'out'))).toEqual([
      'equity.csv',
      'report.json',
      'signals.csv',
      'timings.json',
      'trades.csv',
    ]);
  });

  it('check passes the honest strategy and catches the one that reads tomorrow', async () => {
    const [honest, cheat] = await Promise.all([
      runCli(['check', './momentum.ts', GOOG], project),
      runCli(['check', './peek.ts', '--format', 'json'], project),
    ]);
    expect(honest.code).toBe(0);
    expect(honest.stdout).toMatch(/^No lookahead/);
    expect(cheat.code).toBe(1);
    const report = json(cheat.stdout);
    expect(report.ok).toBe(false);
    // The position at the cut itself changes: it was decided from the bar after the cut.
    expect(report.violations[0]).toMatchObject({ column: 'positions' });
    expect(report.violations[0].bar).toBe(report.violations[0].cut);
    const text = await runCli(['check', './peek.ts'], project);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Lookahead found/);
  });

  it('backtest of a strategy reading tomorrow: invalid, outputs written, exit 1', async () => {
    const { code, stdout } = await runCli(
      ['backtest', GOOG, '--strategy', './peek.ts', '--html', '--out', 'cheat'],
      project,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/Lookahead +FOUND at bar \d+ \(\d{4}-\d\d-\d\d\)/);
    expect(stdout).toMatch(/Verdict \(INVALID\): Invalid: the strategy reads future bars/);
    expect(stdout).not.toMatch(/beats the baseline/);
    const saved = json(readFileSync(join(project, 'cheat', 'report.json'), 'utf8'));
    expect(saved.lookahead).toMatchObject({ checked: true, found: true });
    expect(saved.comparison.edge).toBe(false);
    const page = readFileSync(join(project, 'cheat', 'report.html'), 'utf8');
    expect(page).toContain('Lookahead: these results are invalid');
  });
});
