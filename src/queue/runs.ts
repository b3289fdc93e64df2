import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import {
  packageVersion,
  type RunElsewhere,
  type StrategyNames,
  type StrategyRun,
} from '../run/index.js';
import type { StrategyOutput } from '../strategy-contract/index.js';
import { collect } from './collect.js';
import { redisOptions } from './connection.js';
import { strategyRef } from './engine.js';
import {
  BACKTESTS_KEY,
  blobKey,
  KEY_PREFIX,
  ProtocolError,
  QUEUE_NAME,
  SWEEPS_KEY,
  sha256,
  sweepBlobsKey,
} from './protocol.js';
import { checkRunJob, decodeRunResult, type RunJob, runKey } from './run-job.js';
import type { QueueAddress } from './url.js';

export interface QueueRunsOptions {
  address: QueueAddress;
  /** A checked connection (see `connectRedis`); closed by `close`. */
  redis: Redis;
  /** The backtest's name in `queue status` and `queue clear`: its output folder's name. */
  name: string;
  /** Runs finished across all workers, with how many workers have answered. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** The strategies the coordinator knows by name (workers know the same names); others are files. */
  strategies?: StrategyNames;
}

export interface QueueRuns {
  /** Hand this to `runBacktestJob` as its `runElsewhere` hook. */
  runElsewhere: RunElsewhere;
  /**
   * Removes the finished jobs once the reports are written. Until then they stay in Redis, so a
   * coordinator restarted with the same arguments takes their results instead of rerunning them.
   */
  removeCollected(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A backtest's strategy runs (per file or symbol and seed) as BullMQ jobs on whichever workers
 * serve the queue: each input file published once under its SHA-256, one job per run keyed by
 * what decides its output, each result taken once (see `collect`).
 */
export function queueRuns(options: QueueRunsOptions): QueueRuns {
  const { redis, name } = options;
  const connection = redisOptions(options.address);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
  const keys: string[] = [];
  const closing = new AbortController();
  return {
    runElsewhere(runs) {
      const answers = runs.map(() => deferred<StrategyOutput>());
      (async () => {
        const jobs = await runJobs(redis, name, runs, options.strategies);
        keys.push(...new Set(jobs.map((job) => job.key)));
        // What workers will check, checked here first: a bad job is the coordinator's error.
        try {
          checkRunJob(jobs[0]);
        } catch (error) {
          if (error instanceof ProtocolError) throw new InputError(`--queue: ${error.message}`);
          throw error;
        }
        const byKey = new Map<string, number[]>();
        for (const [index, job] of jobs.entries()) {
          byKey.set(job.key, [...(byKey.get(job.key) ?? []), index]);
        }
        const workers = new Set<string>();
        let done = 0;
        const progress = () =>
          options.onProgress?.(
            done,
            runs.length,
            `runs on the queue, ${workers.size} worker${workers.size === 1 ? '' : 's'} seen`,
          );
        progress();
        await collect({
          redis,
          queue,
          events,
          name,
          jobs: new Map(jobs.map((job) => [job.key, job])),
          take(key, value) {
            const { worker, output } = decodeRunResult(value, key);
            workers.add(worker);
            for (const index of byKey.get(key) ?? []) {
              answers[index].resolve(output);
              done++;
            }
            progress();
          },
          describe(key) {
            const index = (byKey.get(key) ?? [0])[0];
            const run = runs[index];
            const what = run.symbol ?? basename(run.file);
            return `run ${index + 1} (${what}, seed ${run.seed})`;
          },
          removeCollected: false,
          signal: closing.signal,
        });
      })().catch((error: unknown) => {
        // The first failure ends the backtest: every run still awaited reports it.
        for (const answer of answers) answer.reject(error);
      });
      return answers.map((answer) => answer.promise);
    },
    async removeCollected() {
      for (const key of keys) await queue.remove(key).catch(() => 0);
    },
    async close() {
      closing.abort();
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}

/** Publishes each input file once (content-addressed) and builds one job per run. */
async function runJobs(
  redis: Redis,
  name: string,
  runs: readonly StrategyRun[],
  names: StrategyNames | undefined,
): Promise<RunJob[]> {
  const inputs = new Map<string, string>();
  for (const run of runs) {
    if (inputs.has(run.file)) continue;
    const bytes = readFileSync(run.file);
    const hash = sha256(bytes);
    inputs.set(run.file, hash);
    await redis.set(blobKey(hash), bytes, 'NX');
    await redis.sadd(sweepBlobsKey(name), hash);
  }
  await redis.sadd(SWEEPS_KEY, name);
  await redis.sadd(BACKTESTS_KEY, name);
  const strategies = new Map<string, ReturnType<typeof strategyRef>>();
  return runs.map((run) => {
    let strategy = strategies.get(run.strategy);
    if (!strategy) {
      strategy = strategyRef(run.strategy, names);
      strategies.set(run.strategy, strategy);
    }
    const load = run.symbol === undefined ? run.load : { ...run.load, symbol: run.symbol };
    // As the workers will read it: through JSON (unset options vanish).
    const job: Omit<RunJob, 'key'> = JSON.parse(
      JSON.stringify({
        v: 1,
        kind: 'run',
        sweep: name,
        input: { sha256: inputs.get(run.file), name: basename(run.file), load },
        from: run.from ?? null,
        to: run.to ?? null,
        strategy,
        params: run.params,
        seed: run.seed,
        allowShort: run.allowShort,
        timeout: run.timeout ?? null,
      }),
    );
    return { ...job, key: runKey(job, packageVersion()) };
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Awaited one by one by the backtest: a rejection waiting its turn is not unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
