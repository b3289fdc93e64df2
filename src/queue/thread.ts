import type { MessagePort } from 'node:worker_threads';
import { resolveStrategy, runStrategyAlone, type StrategyNames } from '../run/index.js';
import type { Strategy } from '../strategy-contract/index.js';
import { resolveParams } from '../strategy-contract/index.js';
import { loadSeries, TrialRunner } from '../sweep/index.js';
import type { ThreadReply, ThreadRequest, ThreadTrial } from './pool.js';

/** Runners kept per thread: trials of the same sweep reuse the series and indicator cache. */
const KEPT_RUNNERS = 4;

interface Runner {
  strategy: Strategy;
  trials: TrialRunner;
}

/**
 * A queue worker's thread, on `port`: runs each trial or strategy run it is sent, one at a time,
 * and answers with the trial's statistics and returns, or the strategy's output. Strategies are
 * files or names from `strategies`; a thread's entry file calls this with the names it knows
 * (`thread-entry.ts`: none).
 */
export function serveQueueThread(port: MessagePort, strategies: StrategyNames): void {
  const runners = new Map<string, Promise<Runner>>();
  const runnerFor = (trial: ThreadTrial): Promise<Runner> => {
    const { file, load, from, to, start, backtest, strategy, strategyVersion } = trial;
    const key = JSON.stringify([file, load, from, to, start, backtest, strategy, strategyVersion]);
    let runner = runners.get(key);
    if (!runner) {
      runner = Promise.all([
        resolveStrategy(strategy, strategyVersion, strategies),
        loadSeries({ file, load, from: from ?? undefined, to: to ?? undefined }),
      ]).then(([resolved, series]) => ({
        strategy: resolved,
        trials: new TrialRunner(resolved, { series, start, backtest }, strategy),
      }));
      runners.set(key, runner);
      if (runners.size > KEPT_RUNNERS) runners.delete(runners.keys().next().value as string);
    }
    return runner;
  };

  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: ThreadRequest) => {
    const { id } = request;
    queue = queue.then(async () => {
      try {
        if ('run' in request) {
          // Copied, not transferred: a strategy's arrays may share a buffer with its own caches.
          const output = await runStrategyAlone(request.run, 1, strategies);
          port.postMessage({ id, output } satisfies ThreadReply);
          return;
        }
        const { trial } = request;
        const runner = await runnerFor(trial);
        const params = resolveParams(runner.strategy, trial.params);
        const { stats, returns, position } = await runner.trials.run({
          index: 0,
          params,
          seed: trial.seed,
        });
        port.postMessage({ id, stats, returns, position } satisfies ThreadReply, [
          returns.buffer as ArrayBuffer,
          position.buffer as ArrayBuffer,
        ]);
      } catch (error) {
        const { name, message } =
          error instanceof Error ? error : { name: 'Error', message: String(error) };
        port.postMessage({ id, error: { name, message } } satisfies ThreadReply);
      }
    });
  });
}
