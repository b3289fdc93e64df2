import { parentPort } from 'node:worker_threads';
import type { WalkForwardConfig } from './config.js';
import { toOutcome } from './outcome.js';
import type { WalkForwardProblem } from './problem.js';
import type { ScheduleWindow } from './schedule.js';
import { trainWindow } from './window.js';

/** What one walk-forward run shares with every window (sent once per run, not per window). */
export interface WorkerRun {
  problem: WalkForwardProblem;
  config: WalkForwardConfig;
  seed: number;
  lastIndex: number;
}

/** The pool's messages: a run's inputs, a window of that run to train, or the end of the run. */
export type WorkerMessage = { run: WorkerRun } | { window: ScheduleWindow } | { release: true };

/**
 * Worker thread: keeps the current run's inputs, trains the windows the pool sends one at a
 * time and posts each outcome. It outlives a run, so that the next run finds its code warm.
 */
const port = parentPort!;
let current: WorkerRun | null = null;

port.on('message', (message: WorkerMessage) => {
  if ('run' in message) {
    current = message.run;
    return;
  }
  if ('release' in message) {
    // Idle between runs: drop the inputs rather than hold a whole feature matrix.
    current = null;
    return;
  }
  const { window } = message;
  try {
    const { problem, config, seed, lastIndex } = current!;
    const trained = trainWindow(problem, config, window, seed);
    const outcome = toOutcome(window.index, trained, window.index === lastIndex);
    port.postMessage(outcome, [outcome.probabilities.buffer as ArrayBuffer]);
  } catch (error) {
    const { name, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    port.postMessage({ index: window.index, error: { name, message } });
  }
});
