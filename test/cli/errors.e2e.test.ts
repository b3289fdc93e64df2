import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliResult, DATA, runCli } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'nn-cli-errors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const GOOG = join(DATA, 'goog-2004-2013.csv');

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** Exit code and a single `nn-timing: ...` line on stderr, nothing on stdout. */
function expectOneLineError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^nn-timing: /);
  expect(lines[0]).toMatch(message);
}

describe('bad input exits 2 with one line on stderr', () => {
  it('unknown strategy, unknown parameter, bad parameter value', async () => {
    const [strategy, param, value] = await Promise.all([
      runCli(['backtest', GOOG, '--strategy', 'golden-cross']),
      runCli(['backtest', GOOG, '--strategy', 'sma-cross', '--param', 'fsat=10']),
      runCli(['backtest', GOOG, '--strategy', 'sma-cross', '--param', 'fast=ten']),
    ]);
    expectOneLineError(
      strategy,
      2,
      /unknown strategy "golden-cross"; built-in strategies: .*sma-cross/,
    );
    expectOneLineError(param, 2, /Unknown parameter 'fsat' for strategy 'sma-cross'/);
    expectOneLineError(value, 2, /'fast' .*'ten'/);
  });

  it('bad option values and bad usage', async () => {
    const results = await Promise.all([
      runCli(['backtest', GOOG, '--commission', 'lots']),
      runCli(['backtest', GOOG, '--fill', 'midday']),
      runCli(['backtest', GOOG, '--from', '2010-13-01', '--strategy', 'sma-cross']),
      runCli(['backtest', GOOG, '--frm', '2010-01-01']),
      runCli(['bakctest', GOOG]),
      runCli(['train', GOOG]),
      runCli(['backtest']),
    ]);
    const [commission, fill, from, option, command, required, nothing] = results;
    expectOneLineError(commission, 2, /--commission .*'lots' is invalid/);
    expectOneLineError(fill, 2, /--fill .*'midday'.*one of "open", "close"/);
    expectOneLineError(
      from,
      2,
      /--from <date>' argument '2010-13-01' is invalid. Must be a date like/,
    );
    expectOneLineError(option, 2, /unknown option '--frm'/);
    expectOneLineError(command, 2, /unknown command 'bakctest'.*backtest/);
    expectOneLineError(required, 2, /required option .*--out/);
    expectOneLineError(nothing, 2, /give at least one CSV file, or --config/);
  });

  it('missing and invalid CSV files', async () => {
    const broken = file(
      'broken.csv',
      'Date,Open,High,Low,Close,Volume\n2020-01-01,10,11,9,10.5,100\n2020-01-02,10,abc,9,10.5,100\n',
    );
    const [missing, invalid] = await Promise.all([
      runCli(['inspect', join(folder, 'nope.csv')]),
      runCli(['backtest', broken, '--strategy', 'buy-and-hold']),
    ]);
    expectOneLineError(missing, 2, /nope\.csv/);
    // Line 3 of the file (the header is line 1) holds the bad value.
    expectOneLineError(invalid, 2, /broken\.csv:3: /);
  });

  it('invalid configs name the file and the key', async () => {
    const unknown = file(
      'unknown.json',
      JSON.stringify({ data: GOOG, strategy: 'sma-cross', slipage: 2 }),
    );
    const wrongType = file(
      'type.json',
      JSON.stringify({ data: GOOG, strategy: 'sma-cross', seed: 'abc' }),
    );
    const notJson = file('bad.json', '{ "data": ');
    const results = await Promise.all([
      runCli(['backtest', '--config', unknown]),
      runCli(['backtest', '--config', wrongType]),
      runCli(['backtest', '--config', notJson]),
      runCli(['backtest', '--config', join(folder, 'absent.json')]),
    ]);
    expectOneLineError(results[0], 2, /unknown\.json: unknown key "slipage"/);
    expectOneLineError(
      results[1],
      2,
      /type\.json: "seed" must be a whole number from 0 to 4294967295/,
    );
    expectOneLineError(results[2], 2, /bad\.json: not valid JSON/);
    expectOneLineError(results[3], 2, /cannot read config file .*absent\.json/);
  });

  it('a strategy file that is not a strategy', async () => {
    const noRun = file(
      'norun.mjs',
      "export default { name: 'x', description: 'd', params: {}, warmup: () => 0 };\n",
    );
    expectOneLineError(await runCli(['check', noRun]), 2, /norun\.mjs: .*run\(\)/);
  });
});

describe('--out that cannot be written', () => {
  it('ends at once (before the strategy runs) with exit 2 and "cannot write <path>: <reason>"', async () => {
    const existing = file('existing.txt', 'not a folder');
    const started = Date.now();
    // The default strategy, nn-timing, would train for minutes before writing anything.
    const [proc, under, onFile] = await Promise.all([
      runCli(['backtest', GOOG, '--out', '/proc/nope']),
      runCli(['backtest', GOOG, '--out', join(existing, 'run')]),
      runCli(['backtest', GOOG, '--out', existing]),
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expectOneLineError(proc, 2, /^nn-timing: cannot write \/proc\/nope: /);
    expectOneLineError(under, 2, /cannot write .*existing\.txt\/run: a part of the path is a file/);
    expectOneLineError(onFile, 2, /cannot write .*existing\.txt: it is a file, not a folder/);
  });
});

describe('failures exit 1 and leave nothing half-written', () => {
  const crash = file(
    'crash.mjs',
    "export default { name: 'crash', description: 'Fails mid-run.', params: {}, warmup: () => 0, run() { throw new RangeError('ran out of road'); } };\n",
  );

  it('prints one line, and the stack only with --debug', async () => {
    const out = join(folder, 'crash-out');
    const plain = await runCli(['backtest', GOOG, '--strategy', crash, '--out', out]);
    expectOneLineError(plain, 1, /strategy \S*crash\.mjs failed: RangeError: ran out of road/);
    expect(existsSync(out)).toBe(false);
    const debug = await runCli(['backtest', GOOG, '--strategy', crash, '--out', out, '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr.split('\n')[0]).toBe(
      `nn-timing: strategy ${crash} failed: RangeError: ran out of road`,
    );
    expect(debug.stderr).toMatch(/\n\s+at .*crash\.mjs/);
  });

  it('a failing second file leaves the first file’s outputs complete and no temp files', async () => {
    const out = join(folder, 'partial');
    const bad = file(
      'bad-second.csv',
      'Date,Open,High,Low,Close,Volume\n2020-01-01,10,11,9,10.5,100\n',
    );
    const result = await runCli(['backtest', GOOG, bad, '--strategy', 'sma-cross', '--out', out]);
    expect(result.code).toBe(2);
    expect(readdirSync(out)).toEqual(['goog-2004-2013']);
    expect(readdirSync(join(out, 'goog-2004-2013')).sort()).toEqual([
      'equity.csv',
      'report.json',
      'signals.csv',
      'timings.json',
      'trades.csv',
    ]);
  });
});
