import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisOptions } from './connection.js';
import {
  BACKTESTS_KEY,
  blobKey,
  KEY_PREFIX,
  QUEUE_NAME,
  SWEEPS_KEY,
  sweepBlobsKey,
  sweepJobsKey,
} from './protocol.js';
import type { QueueAddress } from './url.js';

export interface NamedJobs {
  name: string;
  jobs: number;
}

export interface QueueStatus {
  queue: string;
  /** Jobs by state (waiting includes delayed retries and prioritised jobs). */
  jobs: { waiting: number; active: number; completed: number; failed: number };
  /** Workers connected now, by name (`host:pid`). */
  workers: string[];
  /** Named sweeps with their number of jobs. */
  sweeps: NamedJobs[];
  /** Named backtests (run jobs) with their number of jobs. */
  backtests: NamedJobs[];
  /** The most recent failures with their reasons. */
  failures: { trial: string; sweep: string; reason: string }[];
}

const SHOWN_FAILURES = 5;

function openQueue(address: QueueAddress): Queue {
  return new Queue(QUEUE_NAME, { connection: redisOptions(address), prefix: KEY_PREFIX });
}

/** Counts, live workers, sweeps and recent failures of the queue at `address`. */
export async function queueStatus(address: QueueAddress, redis: Redis): Promise<QueueStatus> {
  const queue = openQueue(address);
  try {
    const counts = await queue.getJobCounts(
      'waiting',
      'delayed',
      'prioritized',
      'active',
      'completed',
      'failed',
    );
    // BullMQ names a worker's connection `<queue>:w:<worker name>`.
    const workers = (await queue.getWorkers()).map((worker) => {
      const raw = String(worker.rawname ?? '');
      const at = raw.indexOf(':w:');
      return at >= 0 ? raw.slice(at + 3) : String(worker.addr ?? 'unnamed');
    });
    const names = (await redis.smembers(SWEEPS_KEY)).sort();
    const backtestNames = new Set(await redis.smembers(BACKTESTS_KEY));
    const sweeps: NamedJobs[] = [];
    const backtests: NamedJobs[] = [];
    for (const name of names) {
      const named = { name, jobs: await redis.scard(sweepJobsKey(name)) };
      (backtestNames.has(name) ? backtests : sweeps).push(named);
    }
    const failures = (await queue.getFailed(0, SHOWN_FAILURES - 1)).map((job) => ({
      trial: String(job.id),
      sweep: String((job.data as { sweep?: unknown } | undefined)?.sweep ?? ''),
      reason: job.failedReason ?? '',
    }));
    return {
      queue: address.label,
      jobs: {
        waiting: counts.waiting + counts.delayed + counts.prioritized,
        active: counts.active,
        completed: counts.completed,
        failed: counts.failed,
      },
      workers: workers.sort(),
      sweeps,
      backtests,
      failures,
    };
  } finally {
    await queue.close();
  }
}

export interface ClearedSweep {
  removed: number;
  /** Jobs a worker holds right now: they finish, and are left in the queue. */
  running: number;
  inputs: number;
}

/**
 * Removes a named sweep's jobs (waiting, finished or failed) and the input files no other sweep
 * uses. Returns undefined when no sweep has that name.
 */
export async function clearSweep(
  address: QueueAddress,
  redis: Redis,
  name: string,
): Promise<ClearedSweep | undefined> {
  if (!(await redis.sismember(SWEEPS_KEY, name))) return undefined;
  const queue = openQueue(address);
  let removed = 0;
  let running = 0;
  try {
    const keys = await redis.smembers(sweepJobsKey(name));
    for (const key of keys) {
      if ((await queue.remove(key)) === 1) removed++;
      else if ((await queue.getJobState(key)) === 'active') running++;
    }
    const others = (await redis.smembers(SWEEPS_KEY)).filter((other) => other !== name);
    let inputs = 0;
    for (const hash of await redis.smembers(sweepBlobsKey(name))) {
      let shared = false;
      for (const other of others) {
        if (await redis.sismember(sweepBlobsKey(other), hash)) shared = true;
      }
      if (!shared) inputs += await redis.del(blobKey(hash));
    }
    await redis.del(sweepJobsKey(name), sweepBlobsKey(name));
    await redis.srem(SWEEPS_KEY, name);
    await redis.srem(BACKTESTS_KEY, name);
    return { removed, running, inputs };
  } finally {
    await queue.close();
  }
}
