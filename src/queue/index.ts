/**
 * The queue's light half, safe to import at start-up: addresses and the job protocol. The parts
 * that load BullMQ and ioredis (`engine.ts`, `worker.ts`, `admin.ts`, `connection.ts`; about
 * 130 ms to import) are not re-exported here: callers load them with `import()` when a queue is
 * actually used, so a run without `--queue` never pays for them.
 */
export type { ClearedSweep, QueueStatus } from './admin.js';
export type { QueueSweep } from './engine.js';
export {
  checkTrialJob,
  decodeResult,
  encodeResult,
  isDeterministic,
  JOB_OPTIONS,
  ProtocolError,
  queueName,
  type StrategyRef,
  type TrialJob,
  type TrialResult,
} from './protocol.js';
export {
  checkRunJob,
  decodeRunResult,
  encodeRunResult,
  type RunJob,
  type RunResult,
} from './run-job.js';
export type { QueueRuns, QueueRunsOptions } from './runs.js';
export { QUEUE_SETTINGS, WORKER_SETTINGS } from './settings.js';
export { parseQueueUrl, QUEUE_ENV, type QueueAddress, queueFromEnv } from './url.js';
export type { RunningWorker, WorkerOptions } from './worker.js';
