import { type LoadOptions, loadPrices, sliceByTime } from '../data/index.js';
import { InputError } from '../errors.js';
import {
  resolveParams,
  runStrategyGuarded,
  type StrategyOutput,
} from '../strategy-contract/index.js';
import { parseDateBound } from './dates.js';
import { resolveStrategy, type StrategyNames } from './strategy-loader.js';

/**
 * One strategy run of a backtest job (one file or symbol, one seed), described so that another
 * process holding the same file and strategy repeats it exactly.
 */
export interface StrategyRun {
  file: string;
  /** The symbol taken from a long-format file (`--symbols`). */
  symbol?: string;
  load: LoadOptions;
  from?: string;
  to?: string;
  /** A strategy's name (in the registry of whoever runs it) or a strategy file's path. */
  strategy: string;
  /** The strategy file's content hash, when known: a file changed since is loaded afresh. */
  strategyVersion?: string;
  /** The strategy's resolved parameters. */
  params: Record<string, unknown>;
  seed: number;
  allowShort: boolean;
  /** Longest the run may take, in seconds. */
  timeout?: number;
}

/**
 * Runs a job's strategy runs somewhere else (e.g. on a queue's workers): given all of them at
 * once, so they can run side by side, it answers one output per run, in order.
 */
export type RunElsewhere = (runs: readonly StrategyRun[]) => Promise<StrategyOutput>[];

/**
 * A StrategyRun done here, as the backtest job would: the file (or its symbol) loaded and cut
 * to from/to, the strategy resolved (a name from `strategies`) and run guarded. `threads` are
 * those the strategy may use.
 */
export async function runStrategyAlone(
  run: StrategyRun,
  threads = 1,
  strategies?: StrategyNames,
): Promise<StrategyOutput> {
  const load = run.symbol === undefined ? run.load : { ...run.load, symbol: run.symbol };
  const loaded = await loadPrices(run.file, load);
  const from = run.from === undefined ? undefined : parseDateBound(run.from, 'from');
  const to = run.to === undefined ? undefined : parseDateBound(run.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InputError(`--from ${run.from} is after --to ${run.to}`);
  }
  const series = from === undefined && to === undefined ? loaded : sliceByTime(loaded, from, to);
  const strategy = await resolveStrategy(run.strategy, run.strategyVersion, strategies);
  return runStrategyGuarded(
    strategy,
    series,
    resolveParams(strategy, run.params),
    { seed: run.seed, allowShort: run.allowShort, threads },
    { label: run.strategy, timeoutSeconds: run.timeout },
  );
}
