import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LoadOptions } from '../data/index.js';
import { InputError } from '../errors.js';
import { builtinNames } from '../run/index.js';
import type { TrialEngine, TrialTask } from '../sweep/index.js';
import { connectRedis, redisOptions } from './connection.js';
import {
  blobKey,
  checkTrialJob,
  decodeResult,
  isDeterministicReason,
  JOB_OPTIONS,
  KEY_PREFIX,
  ProtocolError,
  QUEUE_NAME,
  type StrategyRef,
  SWEEPS_KEY,
  sha256,
  sweepBlobsKey,
  sweepJobsKey,
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
  /** A built-in name or a strategy file's path (workers need the same file). */
  strategy: string;
  /** The trial key of a task: its job id and the key of its result. */
  keyOf(task: TrialTask): string;
  /**
   * Remove each finished job once its result is taken (the caller keeps results on disk, so a
   * restart resumes from there): Redis then holds only results no coordinator has collected.
   */
  removeCollected: boolean;
}

/** Jobs added per round trip, and job states checked per pipeline. */
const BATCH = 500;
/** Besides listening to events, pending trials are looked up this often (events can be missed). */
const RECHECK_MS = 15_000;

/**
 * Runs a sweep's trials as BullMQ jobs on whichever workers serve the queue. The input file is
 * published once under its SHA-256; each job names it, the strategy and one trial. Results are
 * taken once per trial key, from the completion events or, for trials finished while no
 * coordinator listened, from the kept jobs, so a retried or resumed job is never counted twice.
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
      let timer: NodeJS.Timeout | undefined;
      close = async () => {
        clearInterval(timer);
        await Promise.allSettled([events.close(), queue.close()]);
        redis.disconnect();
      };
      const bars = setup.series.time.length - setup.start;
      const template = await publish(redis, sweep, setup.start, setup.backtest);
      const pending = new Map<string, TrialTask>();
      const removals: Promise<unknown>[] = [];
      const byKey = new Map<string, TrialJob>();
      for (const task of tasks) {
        const key = sweep.keyOf(task);
        pending.set(key, task);
        byKey.set(key, { ...template, key, params: task.params, seed: task.seed });
      }
      // What workers will check, checked here first: a bad job is the coordinator's error.
      try {
        checkTrialJob(byKey.values().next().value);
      } catch (error) {
        if (error instanceof ProtocolError) throw new InputError(`--queue: ${error.message}`);
        throw error;
      }

      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          reject(error);
        };
        const accept = (key: string, value: unknown) => {
          const task = pending.get(key);
          if (!task || failed) return;
          try {
            const { worker, ...outcome } = decodeResult(value, key, bars);
            pending.delete(key);
            workersSeen.add(worker);
            onOutcome({ index: task.index, ...outcome });
            if (sweep.removeCollected) removals.push(queue.remove(key).catch(() => 0));
          } catch (error) {
            return fail(error);
          }
          if (pending.size === 0) resolve();
        };
        const reportFailure = (key: string, reason: string) => {
          const task = pending.get(key);
          if (!task) return;
          const message = `trial ${task.index} (${describe(task)}) failed on the queue: ${reason}`;
          fail(isDeterministicReason(reason) ? new InputError(message) : new Error(message));
        };
        const enqueue = async (keys: string[]) => {
          const chunk = keys.filter((key) => pending.has(key));
          if (chunk.length === 0) return;
          await queue.addBulk(
            chunk.map((key) => ({
              name: sweep.name,
              data: byKey.get(key) as TrialJob,
              opts: { ...JOB_OPTIONS, jobId: key },
            })),
          );
          await redis.sadd(sweepJobsKey(sweep.name), chunk);
        };
        /**
         * Takes completed jobs among `keys` and reports failed ones (or, with `retry`, sends them
         * back to the queue); returns the keys with no job at all, e.g. removed by another
         * coordinator that shared the trial, or cleared.
         */
        const recheck = async (keys: string[], retry: boolean) => {
          const missing: string[] = [];
          for (let i = 0; i < keys.length && !failed; i += BATCH) {
            const chunk = keys.slice(i, i + BATCH);
            const pipeline = redis.pipeline();
            for (const key of chunk) {
              pipeline.zscore(queue.keys.completed, key);
              pipeline.zscore(queue.keys.failed, key);
              pipeline.hmget(queue.toKey(key), 'returnvalue', 'failedReason', 'data');
            }
            const replies = (await pipeline.exec()) ?? [];
            for (let k = 0; k < chunk.length; k++) {
              const [completed, failedScore, fields] = replies
                .slice(3 * k, 3 * k + 3)
                .map(([error, value]) => (error ? null : value));
              const [returnvalue, reason, data] = (fields as (string | null)[] | null) ?? [];
              if (completed !== null && returnvalue) accept(chunk[k], returnvalue);
              else if (failedScore !== null && retry) {
                await (await Job.fromId(queue, chunk[k]))?.retry('failed');
              } else if (failedScore !== null) reportFailure(chunk[k], reason ?? 'unknown reason');
              else if (!data) missing.push(chunk[k]);
            }
          }
          return missing;
        };
        events.on('completed', ({ jobId, returnvalue }) => accept(jobId, returnvalue));
        events.on('failed', ({ jobId }) => {
          // 'failed' is also sent for attempts that will be retried: look at the job's state.
          if (pending.has(jobId)) recheck([jobId], false).catch(fail);
        });
        (async () => {
          await events.waitUntilReady();
          // Trials finished before this coordinator listened; earlier failures get another go.
          await recheck([...pending.keys()], true);
          const keys = [...pending.keys()];
          for (let i = 0; i < keys.length && !failed; i += BATCH) {
            await enqueue(keys.slice(i, i + BATCH));
          }
          timer = setInterval(() => {
            recheck([...pending.keys()], false)
              .then((missing) => enqueue(missing))
              .catch(fail);
          }, RECHECK_MS);
        })().catch(fail);
      });
      await Promise.all(removals);
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
      strategy: strategyRef(sweep.strategy),
    }),
  );
}

/** Built-ins by name; a file by its name and content hash (workers run their own copy). */
function strategyRef(spec: string): StrategyRef {
  if (builtinNames().includes(spec)) return { builtin: spec };
  return { file: basename(spec), sha256: sha256(readFileSync(spec)) };
}

function describe(task: TrialTask): string {
  const params = Object.entries(task.params)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
  return `${params}, seed ${task.seed}`;
}
