import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliResult, DATA, runCli } from './helpers.js';

// Strategy files that misbehave in each way the CLI must survive; each run is one real process.
const folder = mkdtempSync(join(tmpdir(), 'nn-cli-strategies-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const GOOG = join(DATA, 'goog-2004-2013.csv');
const HEAD = "export default { name: 'probe', description: 'd', params: {}, warmup: () => 0,";
const LONG = 'return { positions: new Float64Array(series.close.length).fill(1) };';

function strategyFile(name: string, body: string): string {
  const path = join(folder, name);
  writeFileSync(path, body);
  return path;
}

const backtest = (strategy: string, out: string, ...extra: string[]) =>
  runCli(['backtest', GOOG, '--strategy', strategy, '--out', join(folder, out), ...extra]);

/** Exit code and exactly one `nn-timing: ...` line on stderr naming the strategy file. */
function expectFailure(result: CliResult, code: number, file: string, message: RegExp): void {
  expect(result.code).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toMatch(message);
}

describe('strategy files that misbehave end the CLI with one line naming them', () => {
  it('corrupting, hanging, stray timers, process.exit and failed reads: exit 1, no outputs', async () => {
    const files = {
      corrupt: strategyFile(
        'corrupt.mjs',
        `${HEAD} run(series) { series.close[5] *= 30; ${LONG} } };\n`,
      ),
      never: strategyFile('never.mjs', `${HEAD} run() { return new Promise(() => {}); } };\n`),
      timer: strategyFile(
        'timer.mjs',
        `${HEAD} run(series) { return new Promise((done) => { setTimeout(() => { throw new Error('tick failed'); }, 5); setTimeout(() => done(0), 2000); }); } };\n`,
      ),
      exit: strategyFile('exit.mjs', `${HEAD} run() { process.exit(0); } };\n`),
      read: strategyFile(
        'read.mjs',
        `import { readFileSync } from 'node:fs';\n${HEAD} run() { readFileSync('/nonexistent/model.json'); } };\n`,
      ),
      slow: strategyFile('slow.mjs', `${HEAD} run() { for (;;) {} } };\n`),
    };
    const [corrupt, never, timer, exit, read, slow] = await Promise.all([
      backtest(files.corrupt, 'corrupt'),
      backtest(files.never, 'never'),
      backtest(files.timer, 'timer'),
      backtest(files.exit, 'exit'),
      backtest(files.read, 'read'),
      backtest(files.slow, 'slow', '--timeout', '1'),
    ]);
    expectFailure(corrupt, 1, files.corrupt, /wrote into the price arrays/);
    expectFailure(never, 1, files.never, /never settles/);
    expectFailure(timer, 1, files.timer, /threw from a timer or callback: tick failed/);
    expectFailure(exit, 1, files.exit, /process\.exit\(0\)/);
    expectFailure(read, 1, files.read, /failed: .*ENOENT/);
    expectFailure(slow, 1, files.slow, /did not finish within 1 s/);
    for (const out of ['corrupt', 'never', 'timer', 'exit', 'read', 'slow']) {
      expect(existsSync(join(folder, out, 'report.json'))).toBe(false);
    }
  });

  it('a timer left running does not keep the CLI alive once the work is done', async () => {
    const file = strategyFile(
      'interval.mjs',
      `${HEAD} run(series) { setInterval(() => {}, 50); ${LONG} } };\n`,
    );
    const started = Date.now();
    const result = await backtest(file, 'interval', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).strategy.name).toBe(file);
    // Generous for a busy 2-core machine; without the fix the process never ends.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('syntax errors show file:line:column, in JavaScript and TypeScript', async () => {
    const source = `${HEAD}\n  run(series) {\n    const b = = 2; } };\n`;
    const js = strategyFile('syntax.mjs', source);
    const ts = strategyFile('syntax.ts', source);
    const [jsResult, tsResult] = await Promise.all([
      backtest(js, 'syntax-js'),
      backtest(ts, 'syntax-ts'),
    ]);
    // Line 3, the second "=" is the 15th character.
    expectFailure(jsResult, 2, `${js}:3:15:`, /Unexpected token '='/);
    expectFailure(tsResult, 2, `${ts}:3:15:`, /Unexpected "="/);
  });
});
