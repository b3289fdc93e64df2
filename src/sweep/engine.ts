import { Worker } from 'node:worker_threads';
import { rebuildThreadError, workerEntry } from '../io/index.js';
import type { Strategy } from '../strategy-contract/index.js';
import { type TrialOutcome, TrialRunner, type TrialSetup, type TrialTask } from './trial.js';
import type { SweepWorkerMessage, SweepWorkerReply } from './worker.js';

/**
 * Runs a sweep's trials. Outcomes may arrive in any order; the sweep orders them by index, so
 * any engine gives the same result. Engines other than these two (e.g. a queue shared by
 * several machines) plug in here.
 */
export interface TrialEngine {
  run(
    setup: TrialSetup,
    tasks: readonly TrialTask[],
    onOutcome: (outcome: TrialOutcome) => void,
  ): Promise<void>;
  close(): Promise<void>;
  /** A note for the progress bar (e.g. how many machines are helping). */
  status?(): string;
}

/** Trials one after another on this thread. */
export function inProcessEngine(strategy: Strategy): TrialEngine {
  return {
    async run(setup, tasks, onOutcome) {
      const runner = new TrialRunner(strategy, setup);
      for (const task of tasks) onOutcome(await runner.run(task));
    },
    async close() {},
  };
}

/**
 * Trials on `threads` worker threads, each resolving the strategy (a file path, or a name its
 * entry file knows: `entry`, default one that knows none) itself and keeping its indicator cache
 * across the trials it runs. Each worker keeps two trials queued so it never waits for the main
 * thread.
 */
export function workerEngine(
  strategy: string,
  threads: number,
  entry: URL = workerEntry(import.meta.url, 'worker-entry'),
): TrialEngine {
  const workers: Worker[] = [];
  return {
    async run(setup, tasks, onOutcome) {
      if (workers.length === 0) {
        for (let i = 0; i < threads; i++) workers.push(new Worker(entry));
      }
      let next = 0;
      let finished = 0;
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          reject(error);
        };
        if (tasks.length === 0) return resolve();
        const feed = (worker: Worker) => {
          if (next < tasks.length) {
            worker.postMessage({ task: tasks[next++] } satisfies SweepWorkerMessage);
          }
        };
        for (const worker of workers) {
          worker.removeAllListeners();
          worker.on('message', (reply: SweepWorkerReply) => {
            if (failed) return;
            if ('error' in reply) return fail(rebuildThreadError(reply.error));
            try {
              onOutcome(reply);
            } catch (error) {
              return fail(error);
            }
            finished++;
            if (finished === tasks.length) return resolve();
            feed(worker);
          });
          worker.on('error', fail);
          worker.on('exit', (code) => {
            if (finished < tasks.length) {
              fail(new Error(`A sweep worker stopped unexpectedly (exit code ${code}).`));
            }
          });
          worker.postMessage({ setup, strategy } satisfies SweepWorkerMessage);
          feed(worker);
          feed(worker);
        }
      }).finally(() => {
        for (const worker of workers) worker.removeAllListeners();
      });
    },
    async close() {
      await Promise.allSettled(workers.map((worker) => worker.terminate()));
      workers.length = 0;
    },
  };
}
