import { builtinStrategies } from '../../strategies/index.js';
import { workerEntry } from '../io/index.js';
import * as run from '../run/index.js';
import * as search from '../sweep/index.js';

/** The built-in strategies by name, and the worker-thread entry files that know them too. */
export const BUILTINS: run.StrategyRegistry = {
  strategies: builtinStrategies,
  threads: {
    sweep: workerEntry(import.meta.url, 'sweep-thread'),
    queue: workerEntry(import.meta.url, 'queue-thread'),
  },
};

/** A strategy name, file or object made into a Strategy; names are the built-ins unless given. */
export const resolveStrategy: typeof run.resolveStrategy = (
  spec,
  version,
  strategies = BUILTINS.strategies,
) => run.resolveStrategy(spec, version, strategies);

/** One backtest job; strategies are named from the built-ins unless `registry` is given. */
export const runBacktestJob: typeof run.runBacktestJob = (options, hooks) =>
  run.runBacktestJob({ ...options, registry: options.registry ?? BUILTINS }, hooks);

/** One strategy run repeated here; its strategy is named from the built-ins unless given. */
export const runStrategyAlone: typeof run.runStrategyAlone = (
  strategyRun,
  threads,
  strategies = BUILTINS.strategies,
) => run.runStrategyAlone(strategyRun, threads, strategies);

/** A parameter search; strategies are named from the built-ins unless `registry` is given. */
export const sweep: typeof search.sweep = (options, hooks) =>
  search.sweep({ ...options, registry: options.registry ?? BUILTINS }, hooks);

/** The same search on each symbol; strategies are named from the built-ins unless `registry` is given. */
export const sweepUniverse: typeof search.sweepUniverse = (options, hooks) =>
  search.sweepUniverse({ ...options, registry: options.registry ?? BUILTINS }, hooks);
