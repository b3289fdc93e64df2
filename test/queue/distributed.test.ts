import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/queue/connection.js';
import { parseQueueUrl, QUEUE_ENV } from '../../src/queue/url.js';
import { DATA, runCli, startCli } from '../cli/helpers.js';
import {
  exited,
  freePort,
  hasRedis,
  PASSWORD,
  startRedis,
  startWorker as startWorkerProcess,
  type TestRedis,
  until,
  type WorkerProcess,
} from './redis.js';

const HAS_REDIS = hasRedis();
const FILE = join(DATA, 'goog-2004-2013.csv');

/**
 * A strategy slow enough (0.3 s a trial) that a worker killed mid-run is holding a job: long
 * when the close is above the close `lag` bars earlier.
 */
const SLOW_STRATEGY = `export default {
  name: 'slow-momentum',
  description: 'Long when the close is above the close lag bars earlier; deliberately slow.',
  params: { lag: { type: 'integer', default: 5, min: 1, max: 100, description: 'bars back' } },
  warmup: (p) => p.lag,
  run(series, p) {
    const until = Date.now() + 300;
    while (Date.now() < until) {}
    const close = series.close;
    const positions = new Float64Array(close.length);
    for (let t = p.lag; t < close.length; t++) positions[t] = close[t] > close[t - p.lag] ? 1 : 0;
    return { positions };
  },
};
`;

let dir: string;
let server: TestRedis | undefined;
let url: string;
const workers: ChildProcess[] = [];

async function startWorker(strategies: string): Promise<WorkerProcess> {
  const child = await startWorkerProcess(url, strategies, join(dir, 'cache'));
  workers.push(child);
  return child;
}

/** Trials a coordinator has collected into its output folder. */
function countTrials(out: string): number {
  try {
    return readdirSync(join(out, 'trials')).length;
  } catch {
    return 0;
  }
}

beforeAll(async () => {
  if (!HAS_REDIS) return;
  dir = mkdtempSync(join(tmpdir(), 'queue-'));
  server = await startRedis();
  url = server.url;
}, 20_000);

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(HAS_REDIS)('sweeps on queue workers', () => {
  const grid = ['--grid', 'lag=2..24:2', '--resamples', '200', '--threads', '1'];
  let strategies: string;
  let strategy: string;
  let local: { stdout: string; csv: string[]; json: string };
  let survivor: WorkerProcess;

  const outputs = (out: string, stdout: string) => ({
    stdout: stdout.replaceAll(out, '<out>'),
    csv: readFileSync(join(out, 'trials.csv'), 'utf8').split('\n').sort(),
    json: readFileSync(join(out, 'sweep.json'), 'utf8'),
  });

  beforeAll(async () => {
    if (!HAS_REDIS) return;
    strategies = join(dir, 'strategies');
    mkdirSync(strategies);
    strategy = join(strategies, 'slow-momentum.mjs');
    writeFileSync(strategy, SLOW_STRATEGY);
    const out = join(dir, 'local');
    const run = await runCli(['sweep', FILE, '--strategy', strategy, ...grid, '--out', out]);
    expect(run.stderr).toBe('');
    local = outputs(out, run.stdout);
  }, 60_000);

  it('gives the local answer with two workers, one of them killed mid-run', async () => {
    const doomed = await startWorker(strategies);
    survivor = await startWorker(strategies);
    const out = join(dir, 'queued');
    const coordinator = runCli([
      'sweep',
      FILE,
      '--strategy',
      strategy,
      ...grid,
      '--out',
      out,
      '--queue',
      url,
    ]);
    await until('three finished trials', () => countTrials(out) >= 3, 30_000);
    doomed.kill('SIGKILL');
    const run = await coordinator;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(outputs(out, run.stdout)).toEqual(local);
    expect(local.csv.filter((line) => /^\d/.test(line))).toHaveLength(12);
  }, 90_000);

  it('fails a trial whose strategy file differs on the worker at once, with the reason', async () => {
    const elsewhere = join(dir, 'coordinator');
    mkdirSync(elsewhere);
    const changed = join(elsewhere, 'slow-momentum.mjs');
    writeFileSync(changed, SLOW_STRATEGY.replace('0.3 s', '0.3 seconds').replace('300', '301'));
    const started = Date.now();
    const run = await runCli([
      'sweep',
      FILE,
      '--strategy',
      changed,
      '--grid',
      'lag=3,5',
      '--out',
      join(dir, 'changed'),
      '--queue',
      url,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^nn-timing: trial \d \(lag=\d, seed 42\) failed on the queue: .*slow-momentum\.mjs on worker .* differs from the coordinator's/,
    );
    // No retries with backoff: a deterministic failure comes back within seconds.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("resumes a coordinator killed mid-run from its own and the queue's stored results", async () => {
    const out = join(dir, 'restarted');
    const args = ['sweep', FILE, '--strategy', strategy, ...grid, '--out', out, '--queue', url];
    const first = startCli(args, { quiet: true }).child;
    await until('three collected trials', () => countTrials(out) >= 3, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    const collected = countTrials(out);
    // The surviving worker finishes the enqueued trials with no coordinator listening.
    const client = await connectRedis(parseQueueUrl(url));
    await until(
      'an empty queue',
      async () =>
        (await client.llen('nn-timing:trials:wait')) +
          (await client.llen('nn-timing:trials:active')) ===
        0,
      30_000,
    );
    client.disconnect();
    survivor.kill('SIGTERM');
    expect(await exited(survivor)).toBe(0);
    expect(survivor.log.join('')).toMatch(/stopped after \d+ jobs/);
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(outputs(out, run.stdout)).toEqual(local);
    expect(collected).toBeLessThan(12);
  }, 60_000);

  it('shows the queue and clears a named sweep', async () => {
    const status = await runCli(['queue', 'status', '--queue', url, '--format', 'json']);
    const report = JSON.parse(status.stdout);
    // Collected results were removed; the mismatched sweep's two trials stay failed.
    expect(report.jobs).toEqual({ waiting: 0, active: 0, completed: 0, failed: 2 });
    expect(report.workers).toEqual([]);
    expect(report.sweeps).toContainEqual({ name: 'changed', jobs: 2 });
    expect(report.backtests).toEqual([]);
    expect(report.failures[0].reason).toMatch(/differs from the coordinator's/);
    const cleared = await runCli(['queue', 'clear', 'changed', '--queue', url]);
    expect(cleared.stdout).toMatch(/cleared changed: 2 jobs and 0 input files removed/);
    const after = JSON.parse(
      (await runCli(['queue', 'status', '--queue', url, '--format', 'json'])).stdout,
    );
    expect(after.jobs.failed).toBe(0);
    expect(after.sweeps.map((sweep: { name: string }) => sweep.name)).not.toContain('changed');
    const unknown = await runCli(['queue', 'clear', 'changed', '--queue', url]);
    expect(unknown.code).toBe(2);
  }, 30_000);

  it('exits 2 promptly on a wrong password or a closed port, before any work', async () => {
    const closed = await freePort();
    // The second address comes from the environment variable instead of --queue.
    for (const [queue, reason] of [
      [['--queue', url.replace(PASSWORD, 'wrong')], /Redis refused the password/],
      [[], /redis:\/\/127\.0\.0\.1:\d+\/0: connection refused/],
    ] as const) {
      const out = join(dir, 'never');
      const started = Date.now();
      process.env[QUEUE_ENV] = `redis://127.0.0.1:${closed}`;
      const run = await runCli([
        'sweep',
        FILE,
        '--strategy',
        strategy,
        ...grid,
        '--out',
        out,
        ...queue,
      ]);
      delete process.env[QUEUE_ENV];
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).not.toContain('wrong');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(() => readdirSync(out)).toThrow();
    }
  }, 30_000);
});
