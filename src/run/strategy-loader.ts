import { InputError } from '../errors.js';
import type { Strategy } from '../strategy-contract/index.js';
import { loadStrategyFile, looksLikeStrategyPath } from './strategy-file.js';

/** Strategies by the names a config file, an option or a job may give. */
export type StrategyNames = Readonly<Record<string, Strategy>>;

/**
 * The strategies known by name, handed to the library core by a composition root (the CLI, the
 * package entry): the core itself knows no names, only Strategy objects and strategy files.
 */
export interface StrategyRegistry {
  strategies: StrategyNames;
  /**
   * Entry files of the worker threads that know the same names (a thread starts from a file, so
   * it cannot be handed them): the sweep's trial threads and a queue worker's threads.
   */
  threads: { sweep: URL; queue: URL };
}

/**
 * A `--strategy` value made into a Strategy: a name in `strategies`, or a path to a user's .ts,
 * .mts, .mjs or .js file whose default export is a strategy. Strategy objects pass straight
 * through. A file's `version` (e.g. its content hash) loads it afresh when it changed since last
 * loaded.
 */
export async function resolveStrategy(
  spec: string | Strategy,
  version?: string,
  strategies: StrategyNames = {},
): Promise<Strategy> {
  if (typeof spec !== 'string') return spec;
  if (Object.hasOwn(strategies, spec)) return strategies[spec];
  if (looksLikeStrategyPath(spec)) return loadStrategyFile(spec, version);
  const names = Object.keys(strategies);
  throw new InputError(
    names.length > 0
      ? `unknown strategy "${spec}"; built-in strategies: ${names.join(', ')} (or give a path to a .ts/.mjs/.js file)`
      : `unknown strategy "${spec}": no strategy names are known here; name strategies through the package entry 'nn-timing' (it knows the built-in ones) or a \`registry\`, or give a Strategy object or a path to a .ts/.mjs/.js file`,
  );
}
