import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, redisOptions } from '../../src/queue/connection.js';
import { KEY_PREFIX, QUEUE_NAME } from '../../src/queue/protocol.js';
import { parseQueueUrl } from '../../src/queue/url.js';
import { DATA, runCli, startCli } from '../cli/helpers.js';
import {
  exited,
  freePort,
  hasRedis,
  startRedis,
  startWorker,
  type TestRedis,
  until,
  type WorkerProcess,
} from './redis.js';

const HAS_REDIS = hasRedis();
const GOOG = join(DATA, 'goog-2004-2013.csv');
const ORCL = join(DATA, 'orcl-1995-2014.csv');

/**
 * Momentum whose look-back depends on the seed, so `--seeds` runs differ. Runs on the whole
 * series (ending in 2013 or later) take 0.4 s, long enough for a worker killed mid-run to hold
 * a job; the lookahead check's shortened reruns stay quick.
 */
const SEEDED_STRATEGY = `export default {
  name: 'seeded-momentum',
  description: 'Long when the close is above the close lag + seed % 3 bars earlier.',
  params: { lag: { type: 'integer', default: 5, min: 1, max: 100, description: 'bars back' } },
  warmup: (p) => p.lag + 2,
  run(series, p, context) {
    if (series.time[series.time.length - 1] >= Date.UTC(2013, 1, 25)) {
      const until = Date.now() + 400;
      while (Date.now() < until) {}
    }
    const lag = p.lag + (context.seed % 3);
    const close = series.close;
    const positions = new Float64Array(close.length).fill(Number.NaN);
    for (let t = p.lag + 2; t < close.length; t++) positions[t] = close[t] > close[t - lag] ? 1 : 0;
    return { positions };
  },
};
`;

let dir: string;
let server: TestRedis | undefined;
const workers: WorkerProcess[] = [];

/** Every output file of a run folder but timings.json (run times), by relative path. */
function outputs(out: string, stdout: string) {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'timings.json')
        files[relative(out, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(out);
  return { stdout: stdout.replaceAll(out, '<out>'), files };
}

beforeAll(async () => {
  if (!HAS_REDIS) return;
  dir = mkdtempSync(join(tmpdir(), 'backtest-queue-'));
  server = await startRedis();
}, 20_000);

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(HAS_REDIS)('backtests on queue workers', () => {
  let strategies: string;
  let strategy: string;
  let long: string;
  const finished = async () => {
    const client = await connectRedis(parseQueueUrl(server?.url ?? ''));
    const count = await client.zcard('nn-timing:trials:completed');
    client.disconnect();
    return count;
  };

  beforeAll(async () => {
    if (!HAS_REDIS) return;
    strategies = join(dir, 'strategies');
    mkdirSync(strategies);
    strategy = join(strategies, 'seeded-momentum.mjs');
    writeFileSync(strategy, SEEDED_STRATEGY);
    // A long-format file: GOOG's bars as AAA, and from 2008 on as BBB.
    const rows = readFileSync(GOOG, 'utf8').trim().split('\n').slice(1);
    long = join(dir, 'long.csv');
    writeFileSync(
      long,
      [
        'Date,Symbol,Open,High,Low,Close,Volume',
        ...rows.map((row) => row.replace(/^([^,]*),/, '$1,AAA,')),
        ...rows.filter((row) => row >= '2008').map((row) => row.replace(/^([^,]*),/, '$1,BBB,')),
      ].join('\n'),
    );
    const cache = join(dir, 'cache');
    for (let i = 0; i < 2; i++)
      workers.push(await startWorker(server?.url ?? '', strategies, cache));
  }, 60_000);

  it('gives the local answer for several files and seeds, a worker killed mid-run', async () => {
    const args = [GOOG, ORCL, '--strategy', strategy, '--seeds', '3', '--resamples', '200'];
    const localOut = join(dir, 'local-files');
    const local = await runCli(['backtest', ...args, '--out', localOut, '--threads', '1']);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
    const out = join(dir, 'queued-files');
    const coordinator = runCli(['backtest', ...args, '--out', out, '--queue', server?.url ?? '']);
    await until('a finished run', async () => (await finished()) >= 1, 30_000);
    workers[0].kill('SIGKILL');
    const run = await coordinator;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const queued = outputs(out, run.stdout);
    expect(queued).toEqual(outputs(localOut, local.stdout));
    // Two files, each with its report and a spread over its three seeds.
    const report = JSON.parse(queued.files['orcl-1995-2014/report.json']);
    expect(report.seedSpread.seeds).toEqual([42, 43, 44]);
    expect(report.seedSpread.sharpe.min).toBeLessThan(report.seedSpread.sharpe.max);
    // The coordinator removed its jobs once the reports were written.
    expect(await finished()).toBe(0);
  }, 90_000);

  it('resumes a coordinator killed mid-run over the symbols of a long-format file', async () => {
    const args = [
      long,
      '--symbols',
      'all',
      '--strategy',
      strategy,
      '--seeds',
      '2',
      '--resamples',
      '200',
    ];
    const localOut = join(dir, 'local-symbols');
    const local = await runCli(['backtest', ...args, '--out', localOut, '--threads', '1']);
    expect(local.code).toBe(0);
    const out = join(dir, 'queued-symbols');
    const queuedArgs = ['backtest', ...args, '--out', out, '--queue', server?.url ?? ''];
    const first = startCli(queuedArgs, { quiet: true }).child;
    await until('a finished run', async () => (await finished()) >= 1, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    // The surviving worker finishes the enqueued runs with no coordinator listening.
    await until('all four runs', async () => (await finished()) === 4, 30_000);
    const run = await runCli(queuedArgs);
    expect(run.code).toBe(0);
    expect(outputs(out, run.stdout)).toEqual(outputs(localOut, local.stdout));
    expect(Object.keys(outputs(out, '').files)).toContain('BBB/report.json');
  }, 60_000);

  it('stops at once with the reason when a run fails for good', async () => {
    const elsewhere = join(dir, 'coordinator');
    mkdirSync(elsewhere);
    const changed = join(elsewhere, 'seeded-momentum.mjs');
    writeFileSync(changed, SEEDED_STRATEGY.replace('400', '401'));
    const started = Date.now();
    const run = await runCli([
      'backtest',
      GOOG,
      '--strategy',
      changed,
      '--seeds',
      '2',
      '--out',
      join(dir, 'changed'),
      '--queue',
      server?.url ?? '',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^nn-timing: run \d \(goog-2004-2013\.csv, seed 4\d\) failed on the queue: .*seeded-momentum\.mjs on worker .* differs from the coordinator's/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);

    // The queue lists the failed runs under backtests, not sweeps, in JSON and in text.
    const status = await runCli([
      'queue',
      'status',
      '--queue',
      server?.url ?? '',
      '--format',
      'json',
    ]);
    const report = JSON.parse(status.stdout);
    expect(report.backtests).toContainEqual({ name: 'changed', jobs: 2 });
    expect(report.sweeps.map((sweep: { name: string }) => sweep.name)).not.toContain('changed');
    const text = (await runCli(['queue', 'status', '--queue', server?.url ?? ''])).stdout;
    expect(text).toMatch(/^ {2}backtests: (.*, )?changed \(2 jobs\)/m);
    expect(text).toMatch(/^ {2}sweeps: (?!.*changed)/m);
  }, 30_000);

  it('fails a run out of time at its first attempt: a hanging strategy is not retried', async () => {
    const hanging = join(strategies, 'hanging.mjs');
    writeFileSync(
      hanging,
      SEEDED_STRATEGY.replace("name: 'seeded-momentum'", "name: 'hanging'").replace(
        'run(series, p, context) {',
        'run(series, p, context) {\n    if (series.time.length > 1000) for (;;) {}',
      ),
    );
    const started = Date.now();
    const run = await runCli([
      'backtest',
      GOOG,
      '--strategy',
      hanging,
      '--timeout',
      '1',
      '--out',
      join(dir, 'hanging'),
      '--queue',
      server?.url ?? '',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed on the queue: StrategyTimeout: .*did not finish within 1 s/);
    const queue = new Queue(QUEUE_NAME, {
      prefix: KEY_PREFIX,
      connection: redisOptions(parseQueueUrl(server?.url ?? '')),
    });
    try {
      const failed = (await queue.getFailed()).filter((job) => job.data.sweep === 'hanging');
      expect(failed.map((job) => job.attemptsMade)).toEqual([1]);
    } finally {
      await queue.close();
    }
    // Three attempts with their backoff would take over 5 s.
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it('exits 2 promptly on a closed port, before any work', async () => {
    const out = join(dir, 'never');
    const started = Date.now();
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const run = await runCli([
      'backtest',
      GOOG,
      '--strategy',
      'sma-cross',
      '--out',
      out,
      '--queue',
      closed,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/redis:\/\/127\.0\.0\.1:\d+\/0: connection refused/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => readdirSync(out)).toThrow();
  }, 20_000);
});
