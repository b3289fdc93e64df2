export { type ClearedSweep, clearSweep, type QueueStatus, queueStatus } from './admin.js';
export { CONNECT_TIMEOUT_MS, connectRedis } from './connection.js';
export { type QueueSweep, queueEngine } from './engine.js';
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
export { parseQueueUrl, QUEUE_ENV, type QueueAddress, queueFromEnv } from './url.js';
export { type RunningWorker, startWorker, type WorkerOptions } from './worker.js';
