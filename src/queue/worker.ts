import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StrategyRegistry, StrategyRun } from '../run/index.js';
import { checkOptions } from '../settings/index.js';
import { redisOptions } from './connection.js';
import { ThreadPool, type ThreadTrial } from './pool.js';
import {
  blobKey,
  checkTrialJob,
  encodeResult,
  KEY_PREFIX,
  ProtocolError,
  QUEUE_NAME,
  sha256,
  skipsRetries,
  type TrialJob,
  type TrialResult,
} from './protocol.js';
import { checkRunJob, encodeRunResult, isRunJob, type RunResult } from './run-job.js';
import { WORKER_SETTINGS } from './settings.js';
import type { QueueAddress } from './url.js';

/**
 * A job's lock lasts this long and is renewed at half of it; a worker that dies loses its jobs to
 * the others after at most this plus the stalled-check interval.
 */
export const LOCK_MS = 6_000;
export const STALLED_CHECK_MS = 3_000;
/** Times a job may be caught stalled (its worker lost) before it fails. */
export const MAX_STALLED = 2;

export interface WorkerOptions {
  address: QueueAddress;
  /** Threads running trials (default 1). */
  threads?: number;
  /** Jobs in hand at once (default: threads). */
  concurrency?: number;
  /** The only folder strategy files are taken from; without it, named strategies only. */
  strategiesDir?: string;
  /** The strategies known by name, and the thread entry that knows them (without it: files only). */
  registry?: StrategyRegistry;
  /** Where fetched input files are kept (default: the system temp folder). */
  cacheDir?: string;
  /** Called after each finished or failed job. */
  onJob?: (outcome: { key: string; failed?: string }) => void;
}

export interface RunningWorker {
  name: string;
  /** Finishes the jobs in hand, then stops. */
  close(): Promise<void>;
}

/** Consumes trial jobs until closed. `redis` is a checked connection, used to fetch inputs. */
export async function startWorker(options: WorkerOptions, redis: Redis): Promise<RunningWorker> {
  checkOptions(WORKER_SETTINGS, options);
  const threads = options.threads ?? 1;
  const concurrency = options.concurrency ?? threads;
  const cacheDir = resolve(options.cacheDir ?? join(tmpdir(), 'nn-timing-cache'));
  const strategiesDir =
    options.strategiesDir === undefined ? undefined : resolve(options.strategiesDir);
  const name = `${hostname()}:${process.pid}`;
  const pool = new ThreadPool(threads, options.registry?.threads.queue);
  const builtins = options.registry?.strategies ?? {};

  const fetchInput = async (job: Pick<TrialJob, 'input'>): Promise<string> => {
    const folder = join(cacheDir, job.input.sha256);
    const file = join(folder, job.input.name);
    try {
      if (sha256(readFileSync(file)) === job.input.sha256) return file;
    } catch {
      // Not cached yet.
    }
    const bytes = await redis.getBuffer(blobKey(job.input.sha256));
    if (bytes === null) {
      throw new ProtocolError(
        `input ${job.input.name} (sha256 ${job.input.sha256.slice(0, 12)}) is not in the queue; was its sweep cleared?`,
      );
    }
    if (sha256(bytes) !== job.input.sha256) {
      throw new ProtocolError(`input ${job.input.name} in the queue does not match its sha256`);
    }
    mkdirSync(folder, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, file);
    return file;
  };

  const strategyPath = (job: Pick<TrialJob, 'strategy'>): string => {
    const ref = job.strategy;
    if ('builtin' in ref) {
      if (!Object.hasOwn(builtins, ref.builtin)) {
        throw new ProtocolError(`unknown built-in strategy "${ref.builtin}" on worker ${name}`);
      }
      return ref.builtin;
    }
    if (strategiesDir === undefined) {
      throw new ProtocolError(
        `strategy file ${ref.file} needed, but worker ${name} was started without --strategies-dir`,
      );
    }
    const path = join(strategiesDir, ref.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new ProtocolError(
        `worker ${name} has no strategy file ${ref.file} in ${strategiesDir}`,
      );
    }
    const found = sha256(bytes);
    if (found !== ref.sha256) {
      throw new ProtocolError(
        `strategy file ${ref.file} on worker ${name} differs from the coordinator's (sha256 ${found.slice(0, 12)} here, ${ref.sha256.slice(0, 12)} there)`,
      );
    }
    return path;
  };

  /** A backtest's strategy run, its output sent back whole. */
  const runJob = async (job: Job): Promise<RunResult> => {
    const data = checkRunJob(job.data);
    const run: StrategyRun = {
      file: await fetchInput(data),
      load: data.input.load,
      from: data.from ?? undefined,
      to: data.to ?? undefined,
      strategy: strategyPath(data),
      strategyVersion: 'sha256' in data.strategy ? data.strategy.sha256 : undefined,
      params: data.params,
      seed: data.seed,
      allowShort: data.allowShort,
      timeout: data.timeout ?? undefined,
    };
    const output = await pool.runStrategy(run);
    options.onJob?.({ key: data.key });
    return encodeRunResult(data.key, name, output);
  };

  const process_ = async (job: Job): Promise<TrialResult | RunResult> => {
    try {
      if (isRunJob(job.data)) return await runJob(job);
      const data = checkTrialJob(job.data);
      const trial: ThreadTrial = {
        file: await fetchInput(data),
        load: data.input.load,
        from: data.from,
        to: data.to,
        start: data.start,
        backtest: data.backtest,
        strategy: strategyPath(data),
        strategyVersion: 'sha256' in data.strategy ? data.strategy.sha256 : undefined,
        params: data.params,
        seed: data.seed,
      };
      const outcome = await pool.run(trial);
      options.onJob?.({ key: data.key });
      return encodeResult(data.key, name, outcome);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      options.onJob?.({ key: String(job.id), failed: reason });
      // Would fail the same way anywhere: fail now instead of using up the retries.
      if (skipsRetries(error)) throw new UnrecoverableError(reason);
      throw error;
    }
  };

  const worker = new Worker(QUEUE_NAME, process_, {
    connection: redisOptions(options.address),
    prefix: KEY_PREFIX,
    concurrency,
    name,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: MAX_STALLED,
  });
  worker.on('error', () => {
    // Connection drops are retried by ioredis; the next job surfaces anything lasting.
  });
  await worker.waitUntilReady();
  return {
    name,
    async close() {
      await worker.close();
      await pool.close();
    },
  };
}
