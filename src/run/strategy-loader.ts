import { builtinStrategies } from '../../strategies/index.js';
import { InputError } from '../errors.js';
import type { Strategy } from '../strategy-contract/index.js';
import { loadStrategyFile, looksLikeStrategyPath } from './strategy-file.js';

/**
 * A `--strategy` value made into a Strategy: a built-in name, or a path to a user's .ts, .mts,
 * .mjs or .js file whose default export is a strategy. Strategy objects pass straight through.
 * A file's `version` (e.g. its content hash) loads it afresh when it changed since last loaded.
 */
export async function resolveStrategy(
  spec: string | Strategy,
  version?: string,
): Promise<Strategy> {
  if (typeof spec !== 'string') return spec;
  const builtin = findBuiltin(spec);
  if (builtin) return builtin;
  if (looksLikeStrategyPath(spec)) return loadStrategyFile(spec, version);
  throw new InputError(
    `unknown strategy "${spec}"; built-in strategies: ${builtinNames().join(', ')} (or give a path to a .ts/.mjs/.js file)`,
  );
}

export function builtinNames(): string[] {
  return Object.keys(builtinStrategies);
}

function findBuiltin(name: string): Strategy | undefined {
  return Object.hasOwn(builtinStrategies, name) ? builtinStrategies[name] : undefined;
}
