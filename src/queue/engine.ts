import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LoadOptions } from '../data/index.js';
import { InputError } from '../errors.js';
import type { StrategyNames } from '../run/index.js';
import type { TrialEngine, TrialTask } from '../sweep/index.js';
import { collect } from './collect.js';
import { connectRedis, redisOptions } from './connection.js';
import {
  blobKey,
  checkTrialJob,
  decodeResult,
  KEY_PREFIX,
  ProtocolError,
  QUEUE_NAME,
  type StrategyRef,
  SWEEPS_KEY,
  sha256,
  sweepBlobsKey,
  type TrialJob,
} from './protocol.js';
import type { QueueAddress } from './url.js';

/** What a coordinator tells its workers about a sweep, besides each trial's parameters and seed. */
export interface QueueSweep {
  address: QueueAddress;
  /** The sweep's name in `queue status` and `queue clear`. */
  name: string;
  file: string;
  load: LoadOptions;
  from?: string;
  to?: string;
  /** A name in `strategies` (workers know the same names) or a strategy file's path (workers need the same file). */
  strategy: string;
  /** The strategies the coordinator knows by name. */
  strategies?: StrategyNames;
  /** The trial key of a task: its job id and the key of its result. */
  keyOf(task: TrialTask): string;
  /**
   * Remove each finished job once its result is taken (the caller keeps results on disk, so a
   * restart resumes from there): Redis then holds only results no coordinator has collected.
   */
  removeCollected: boolean;
}

/**
 * Runs a sweep's trials as BullMQ jobs on whichever workers serve the queue. The input file is
 * published once under its SHA-256; each job names it, the strategy and one trial. Results are
 * taken once per trial key (see `collect`).
 */
export function queueEngine(sweep: QueueSweep): TrialEngine {
  const workersSeen = new Set<string>();
  let close = async () => {};
  return {
    status: () => `${workersSeen.size} worker${workersSeen.size === 1 ? '' : 's'} seen`,
    async run(setup, tasks, onOutcome) {
      // A sweep whose trials are all stored resumes without the queue.
      if (tasks.length === 0) return;
      const redis = await connectRedis(sweep.address);
      const connection = redisOptions(sweep.address);
      const queue = new Queue(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
      const events = new QueueEvents(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
      close = async () => {
        await Promise.allSettled([events.close(), queue.close()]);
        redis.disconnect();
      };
      const bars = setup.series.time.length - setup.start;
      const template = await publish(redis, sweep, setup.start, setup.backtest);
      const byKey = new Map<string, { task: TrialTask; job: TrialJob }>();
      for (const task of tasks) {
        const key = sweep.keyOf(task);
        byKey.set(key, { task, job: { ...template, key, params: task.params, seed: task.seed } });
      }
      // What workers will check, checked here first: a bad job is the coordinator's error.
      try {
        checkTrialJob(byKey.values().next().value?.job);
      } catch (error) {
        if (error instanceof ProtocolError) throw new InputError(`--queue: ${error.message}`);
        throw error;
      }
      await collect({
        redis,
        queue,
        events,
        name: sweep.name,
        jobs: new Map([...byKey].map(([key, { job }]) => [key, job])),
        take(key, value) {
          const { task } = byKey.get(key) as { task: TrialTask };
          const { worker, ...outcome } = decodeResult(value, key, bars);
          workersSeen.add(worker);
          onOutcome({ index: task.index, ...outcome });
        },
        describe: (key) => describe((byKey.get(key) as { task: TrialTask }).task),
        removeCollected: sweep.removeCollected,
      });
    },
    async close() {
      await close();
    },
  };
}

/** Publishes the input file once (content-addressed) and returns the fields every job shares. */
async function publish(
  redis: Redis,
  sweep: QueueSweep,
  start: number,
  backtest: TrialJob['backtest'],
): Promise<Omit<TrialJob, 'key' | 'params' | 'seed'>> {
  const bytes = readFileSync(sweep.file);
  const hash = sha256(bytes);
  await redis.set(blobKey(hash), bytes, 'NX');
  await redis.sadd(sweepBlobsKey(sweep.name), hash);
  await redis.sadd(SWEEPS_KEY, sweep.name);
  // As the workers will read it: through JSON (unset options vanish).
  return JSON.parse(
    JSON.stringify({
      v: 1,
      sweep: sweep.name,
      input: { sha256: hash, name: basename(sweep.file), load: sweep.load },
      from: sweep.from ?? null,
      to: sweep.to ?? null,
      start,
      backtest,
      strategy: strategyRef(sweep.strategy, sweep.strategies),
    }),
  );
}

/** Known strategies by name; a file by its name and content hash (workers run their own copy). */
export function strategyRef(spec: string, strategies: StrategyNames = {}): StrategyRef {
  if (Object.hasOwn(strategies, spec)) return { builtin: spec };
  return { file: basename(spec), sha256: sha256(readFileSync(spec)) };
}

function describe(task: TrialTask): string {
  const params = Object.entries(task.params)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
  return `trial ${task.index} (${params}, seed ${task.seed})`;
}
