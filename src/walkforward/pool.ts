import { Worker } from 'node:worker_threads';
import { rebuildThreadError, type ThreadFailure, workerEntry } from '../io/index.js';
import type { WalkForwardConfig } from './config.js';
import { toOutcome, type WindowOutcome } from './outcome.js';
import type { WalkForwardProblem } from './problem.js';
import type { ScheduleWindow } from './schedule.js';
import { trainWindow } from './window.js';
import type { WorkerMessage, WorkerRun } from './worker.js';

interface WorkerFailure {
  index: number;
  error: ThreadFailure;
}

/**
 * Workers kept between runs. A new worker loads its modules and then trains its first few dozen
 * windows slowly while V8 optimises the training code (about half a second of a 3.5 s two-thread
 * run on the shipped SPY file); repeated runs (lookahead checks, several files, benchmarks) reuse
 * warm workers instead. Idle workers are unref'd, so they never keep the process alive.
 */
const idleWorkers: Worker[] = [];

function dropIdle(worker: Worker): void {
  const at = idleWorkers.indexOf(worker);
  if (at >= 0) idleWorkers.splice(at, 1);
}

/** Removes the listeners a run or the idle pool attached. */
function detach(worker: Worker): void {
  for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
}

/**
 * Stops the walk-forward's idle worker threads and frees their memory (a later multi-threaded run
 * starts new ones). Idle workers never keep the process alive, but a long-lived program may want
 * their memory back, or a clean exit from a host that waits for threads.
 */
export async function shutdownWorkers(): Promise<void> {
  const idle = idleWorkers.splice(0);
  await Promise.all(
    idle.map((worker) => {
      detach(worker);
      return worker.terminate();
    }),
  );
}

function workerUrl(): URL {
  return workerEntry(import.meta.url, 'worker');
}

function takeWorker(url: URL): Worker {
  const worker = idleWorkers.pop() ?? new Worker(url);
  detach(worker);
  worker.ref();
  return worker;
}

function parkWorker(worker: Worker): void {
  // An idle worker that fails or exits leaves the pool rather than be handed a run later.
  worker.once('error', () => dropIdle(worker));
  worker.once('exit', () => dropIdle(worker));
  worker.unref();
  idleWorkers.push(worker);
}

function returnWorker(worker: Worker): void {
  detach(worker);
  worker.postMessage({ release: true } satisfies WorkerMessage);
  parkWorker(worker);
}

/**
 * Starts workers until `count` are idle, without waiting for them: a new worker spends a good
 * part of a second loading its modules, which then overlaps the features this thread builds
 * before the windows are handed out.
 */
export function prepareWorkers(count: number): void {
  const url = workerUrl();
  while (idleWorkers.length < count) parkWorker(new Worker(url));
}

/**
 * Trains the windows on `threads` threads: this one plus threads - 1 workers, each taking the
 * next window as soon as it is free. Each window's result depends only on its inputs and
 * derived seeds, so the outcomes equal a single-threaded run bit for bit; they are returned in
 * window order. Workers keep two windows queued so they never wait for the busy main thread,
 * which yields to the event loop between its own windows to hand out more.
 */
export async function trainInParallel(
  problem: WalkForwardProblem,
  config: WalkForwardConfig,
  seed: number,
  windows: readonly ScheduleWindow[],
  threads: number,
  onWindow: (outcome: WindowOutcome) => void,
): Promise<WindowOutcome[]> {
  const url = workerUrl();
  const run: WorkerRun = { problem, config, seed, lastIndex: windows.length - 1 };
  const outcomes: WindowOutcome[] = new Array(windows.length);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  let failed = false;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const allDone = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Failures are rethrown below; this only keeps an early rejection from counting as unhandled.
  allDone.catch(() => {});
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    settle.reject(error);
  };
  const record = (outcome: WindowOutcome) => {
    outcomes[outcome.index] = outcome;
    finished++;
    onWindow(outcome);
    if (finished === windows.length) settle.resolve();
  };
  const feed = (worker: Worker) => {
    if (next < windows.length) {
      worker.postMessage({ window: windows[next++] } satisfies WorkerMessage);
    }
  };

  for (let i = 0; i < threads - 1; i++) {
    const worker = takeWorker(url);
    workers.push(worker);
    worker.on('message', (message: WindowOutcome | WorkerFailure) => {
      if (failed) return;
      if ('error' in message) return fail(rebuildThreadError(message.error));
      try {
        record(message);
      } catch (error) {
        return fail(error);
      }
      feed(worker);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (finished < windows.length) {
        fail(new Error(`A walk-forward worker stopped unexpectedly (exit code ${code}).`));
      }
    });
    worker.postMessage({ run } satisfies WorkerMessage);
    feed(worker);
    feed(worker);
  }
  try {
    while (!failed && next < windows.length) {
      const window = windows[next++];
      const trained = trainWindow(problem, config, window, seed);
      record(toOutcome(window.index, trained, window.index === windows.length - 1));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    fail(error);
  }
  try {
    await allDone;
  } catch (error) {
    // A failed run may leave windows queued in its workers: they are stopped, not reused.
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
    throw error;
  }
  for (const worker of workers) returnWorker(worker);
  return outcomes;
}
