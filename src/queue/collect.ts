import { Job, type Queue, type QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import { isDeterministicReason, JOB_OPTIONS, sweepJobsKey } from './protocol.js';

/** Jobs added per round trip, and job states checked per pipeline. */
const BATCH = 500;
/** Besides listening to events, pending jobs are looked up this often (events can be missed). */
const RECHECK_MS = 15_000;

/** A coordinator's jobs and what to do with each one's result. */
export interface Collection {
  redis: Redis;
  queue: Queue;
  events: QueueEvents;
  /** The sweep's or backtest's name: the BullMQ job name, for `queue status` and `queue clear`. */
  name: string;
  /** Each job's data by its key (also its job id). */
  jobs: ReadonlyMap<string, object>;
  /** Takes a job's result; throws (e.g. a ProtocolError) when it is not one. */
  take(key: string, value: unknown): void;
  /** The job as messages name it, e.g. `trial 3 (fast=5, seed 42)`. */
  describe(key: string): string;
  /** Remove each job once its result is taken. */
  removeCollected: boolean;
  /** Stops the collection (its coordinator closes), the jobs left in the queue. */
  signal?: AbortSignal;
}

/**
 * Enqueues the jobs not already in the queue and takes each result once per key: from the
 * completion events or, for jobs finished while no coordinator listened, from the kept jobs, so
 * a retried or resumed job is never counted twice. Failures stop the collection with the job's
 * reason (an InputError, exit 2, when it would fail the same way anywhere); failures found from
 * an earlier run get another attempt.
 */
export async function collect(collection: Collection): Promise<void> {
  const { redis, queue, events, jobs, name } = collection;
  const pending = new Set(jobs.keys());
  if (pending.size === 0) return;
  const removals: Promise<unknown>[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const accept = (key: string, value: unknown) => {
        if (!pending.has(key) || failed) return;
        try {
          collection.take(key, value);
          pending.delete(key);
          if (collection.removeCollected) removals.push(queue.remove(key).catch(() => 0));
        } catch (error) {
          return fail(error);
        }
        if (pending.size === 0) resolve();
      };
      const reportFailure = (key: string, reason: string) => {
        if (!pending.has(key)) return;
        const message = `${collection.describe(key)} failed on the queue: ${reason}`;
        fail(isDeterministicReason(reason) ? new InputError(message) : new Error(message));
      };
      const enqueue = async (keys: string[]) => {
        const chunk = keys.filter((key) => pending.has(key));
        if (chunk.length === 0) return;
        await queue.addBulk(
          chunk.map((key) => ({
            name,
            data: jobs.get(key) as object,
            opts: { ...JOB_OPTIONS, jobId: key },
          })),
        );
        await redis.sadd(sweepJobsKey(name), chunk);
      };
      /**
       * Takes completed jobs among `keys` and reports failed ones (or, with `retry`, sends them
       * back to the queue); returns the keys with no job at all, e.g. removed by another
       * coordinator that shared the job, or cleared.
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
      const closed = () => fail(new Error('the queue was closed'));
      if (collection.signal?.aborted) closed();
      collection.signal?.addEventListener('abort', closed);
      events.on('completed', ({ jobId, returnvalue }) => accept(jobId, returnvalue));
      events.on('failed', ({ jobId }) => {
        // 'failed' is also sent for attempts that will be retried: look at the job's state.
        if (pending.has(jobId)) recheck([jobId], false).catch(fail);
      });
      (async () => {
        await events.waitUntilReady();
        // Jobs finished before this coordinator listened; earlier failures get another go.
        await recheck([...pending], true);
        const keys = [...pending];
        for (let i = 0; i < keys.length && !failed; i += BATCH) {
          await enqueue(keys.slice(i, i + BATCH));
        }
        timer = setInterval(() => {
          recheck([...pending], false)
            .then((missing) => enqueue(missing))
            .catch(fail);
        }, RECHECK_MS);
      })().catch(fail);
    });
  } finally {
    clearInterval(timer);
    events.removeAllListeners('completed');
    events.removeAllListeners('failed');
  }
  await Promise.all(removals);
}
