import { parentPort, workerData } from 'node:worker_threads';
import type { WalkForwardConfig } from './config.js';
import { toOutcome } from './outcome.js';
import type { WalkForwardProblem } from './problem.js';
import type { ScheduleWindow } from './schedule.js';
import { trainWindow } from './window.js';

/** Worker thread: trains the windows the pool sends, one at a time, and posts each outcome. */
interface WorkerInput {
  problem: WalkForwardProblem;
  config: WalkForwardConfig;
  seed: number;
  lastIndex: number;
}

const { problem, config, seed, lastIndex } = workerData as WorkerInput;
const port = parentPort!;

port.on('message', (window: ScheduleWindow) => {
  try {
    const trained = trainWindow(problem, config, window, seed);
    const outcome = toOutcome(window.index, trained, window.index === lastIndex);
    port.postMessage(outcome, [outcome.probabilities.buffer as ArrayBuffer]);
  } catch (error) {
    const { name, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    port.postMessage({ index: window.index, error: { name, message } });
  }
});
