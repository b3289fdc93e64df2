import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, perSecond, timeInterleaved } from '../harness.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const DATA_FILE = join('data', 'goog-2004-2013.csv');
/** The sweep case's grid: 1,000 small sma-cross trials (a few ms each). */
const GRID = ['--grid', 'fast=2..41', '--grid', 'slow=50..290:10'];
const TRIALS = 1000;
const WORKERS = 2;
/** The backtest pair: nn-timing on two files with two seeds, four walk-forward runs. */
const BACKTEST_FILES = [DATA_FILE, join('data', 'orcl-1995-2014.csv')];
const SEEDS = 2;
const RUNS = BACKTEST_FILES.length * SEEDS;

function cli(root: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'dist', 'src', 'cli', 'main.js'), ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits for a child's stderr to say `text` (bounded). */
function saying(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${ms} ms`)), ms);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The sweep case's 1,000-trial grid run two ways, timed round-robin as CLI processes: the local
 * sweep on 2 worker threads, and the same sweep as a coordinator with `--queue` served by two
 * `nn-timing worker` processes (one thread each) on a redis-server started here (loopback,
 * persistence off). Each round uses its own seed for both, so the queue never resumes a previous
 * round's results. Both include loading, the verdict and the outputs; the queue's rate is what
 * the coordinator sustained end to end. Then the same for a backtest: nn-timing on two files with
 * two seeds, locally (its walk-forwards on 2 threads, one run after another) and with `--queue`
 * (one job per file and seed on the same workers, the coordinator backtesting and reporting).
 */
export const queueCase: BenchCase = {
  name: 'queue',
  async run(context) {
    try {
      accessSync(REDIS_SERVER, constants.X_OK);
    } catch {
      context.log(`queue: skipped, ${REDIS_SERVER} not found`);
      return [];
    }
    const scratch = mkdtempSync(join(tmpdir(), 'bench-queue-'));
    const port = await freePort();
    const queue = `redis://127.0.0.1:${port}`;
    const redis = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const workers: ChildProcess[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 0; i < WORKERS; i++) {
        const worker = spawn(
          process.execPath,
          [join(context.root, 'dist', 'src', 'cli', 'main.js'), 'worker', '--queue', queue],
          { cwd: context.root, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        workers.push(worker);
        await saying(worker, 'serving', 20_000);
      }
      context.log(`queue: ${TRIALS}-trial sweep, local 2 threads vs ${WORKERS} queue workers`);
      let localRound = 0;
      let queueRound = 0;
      const sweep = (round: number, out: string, extra: string[]) =>
        cli(context.root, [
          'sweep',
          DATA_FILE,
          '--strategy',
          'sma-cross',
          ...GRID,
          '--seed',
          String(100 + round),
          '--out',
          join(scratch, out),
          ...extra,
        ]);
      const timings = await timeInterleaved(
        {
          local: () => sweep(localRound, `local-${localRound++}`, ['--threads', '2']),
          queue: () => sweep(queueRound, `queue-${queueRound++}`, ['--queue', queue]),
        },
        context.runs,
        context.warmups,
      );
      const throughput = ratio(timings.local.median, timings.queue.median);
      const perMinute = perSecond(TRIALS, timings.queue.median) * 60;

      context.log(`queue: nn-timing backtest, ${RUNS} runs, local 2 threads vs ${WORKERS} workers`);
      const backtest = (round: number, out: string, extra: string[]) =>
        cli(context.root, [
          'backtest',
          ...BACKTEST_FILES,
          '--seeds',
          String(SEEDS),
          '--seed',
          String(100 + round),
          '--out',
          join(scratch, out),
          ...extra,
        ]);
      localRound = 0;
      queueRound = 0;
      const runs = await timeInterleaved(
        {
          local: () => backtest(localRound, `bt-local-${localRound++}`, ['--threads', '2']),
          queue: () => backtest(queueRound, `bt-queue-${queueRound++}`, ['--queue', queue]),
        },
        context.runs,
        context.warmups,
      );
      const results: CaseResult[] = [
        {
          name: 'queue',
          size: 'goog',
          contender: 'local sweep (2 threads)',
          units: TRIALS,
          timing: timings.local,
          perSecond: perSecond(TRIALS, timings.local.median),
          unit: 'trials',
        },
        {
          name: 'queue',
          size: 'goog',
          contender: `queue sweep (${WORKERS} workers)`,
          units: TRIALS,
          timing: timings.queue,
          perSecond: perSecond(TRIALS, timings.queue.median),
          unit: 'trials',
          extra: { throughputVsLocal: throughput, trialsPerMinute: Math.round(perMinute) },
        },
        {
          name: 'queue',
          size: 'nn-timing backtest',
          contender: 'local backtest (2 threads)',
          units: RUNS,
          timing: runs.local,
          perSecond: perSecond(RUNS, runs.local.median),
          unit: 'runs',
        },
        {
          name: 'queue',
          size: 'nn-timing backtest',
          contender: `queue backtest (${WORKERS} workers)`,
          units: RUNS,
          timing: runs.queue,
          perSecond: perSecond(RUNS, runs.queue.median),
          unit: 'runs',
          extra: { throughputVsLocal: ratio(runs.local.median, runs.queue.median) },
        },
      ];
      return results;
    } finally {
      await Promise.all(workers.map(stop));
      await stop(redis);
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
