import type { MessagePort } from 'node:worker_threads';
import { resolveStrategy, type StrategyNames } from '../run/index.js';
import { type TrialOutcome, TrialRunner, type TrialSetup, type TrialTask } from './trial.js';

/** The engine's messages: a sweep's shared inputs (once per file), then its trials one by one. */
export type SweepWorkerMessage = { setup: TrialSetup; strategy: string } | { task: TrialTask };

export type SweepWorkerReply =
  | TrialOutcome
  | { index: number; error: { name: string; message: string } };

/**
 * A sweep's worker thread, on `port`: resolves the strategy once (a name from `strategies`, or a
 * file), then runs each trial it is sent, in order. A thread's entry file calls this with the
 * names it knows (`worker-entry.ts`: none).
 */
export function serveTrials(port: MessagePort, strategies: StrategyNames): void {
  let runner: Promise<TrialRunner> | null = null;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: SweepWorkerMessage) => {
    if ('setup' in message) {
      const { setup, strategy } = message;
      runner = resolveStrategy(strategy, undefined, strategies).then(
        (resolved) => new TrialRunner(resolved, setup, strategy),
      );
      runner.catch(() => {});
      return;
    }
    const { task } = message;
    const current = runner;
    queue = queue.then(async () => {
      try {
        const outcome = await current!.then((r) => r.run(task));
        port.postMessage(outcome, [
          outcome.returns.buffer as ArrayBuffer,
          outcome.position.buffer as ArrayBuffer,
        ]);
      } catch (error) {
        const { name, message } =
          error instanceof Error ? error : { name: 'Error', message: String(error) };
        port.postMessage({
          index: task.index,
          error: { name, message },
        } satisfies SweepWorkerReply);
      }
    });
  });
}
