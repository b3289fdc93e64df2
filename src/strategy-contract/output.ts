import { InputError } from '../errors.js';
import type { StrategyOutput } from './types.js';

/**
 * Checks what a strategy returned before anything trades on it: one position per bar in
 * [-1, 1] (or [0, 1] when shorts are off), NaN allowed for "no decision"; probabilities, when
 * present, one per bar in [0, 1] or NaN.
 */
export function validateStrategyOutput(
  output: StrategyOutput,
  bars: number,
  allowShort: boolean,
  name = 'strategy',
): StrategyOutput {
  if (output === null || typeof output !== 'object') {
    throw new InputError(`Strategy '${name}' returned no output object.`);
  }
  const { positions, probabilities } = output;
  if (!(positions instanceof Float64Array)) {
    throw new InputError(`Strategy '${name}' must return positions as a Float64Array.`);
  }
  if (positions.length !== bars) {
    throw new InputError(
      `Strategy '${name}' returned ${positions.length} positions for ${bars} bars.`,
    );
  }
  const lowest = allowShort ? -1 : 0;
  for (let t = 0; t < bars; t++) {
    const value = positions[t];
    if (Number.isNaN(value)) continue;
    if (!(value >= lowest && value <= 1)) {
      const hint = !allowShort && value < 0 && value >= -1 ? ' (shorts are not enabled)' : '';
      throw new InputError(
        `Strategy '${name}': position at bar ${t} is ${value}, outside [${lowest}, 1]${hint}.`,
      );
    }
  }
  if (probabilities !== undefined) {
    if (!(probabilities instanceof Float64Array) || probabilities.length !== bars) {
      throw new InputError(
        `Strategy '${name}' must return probabilities as a Float64Array of ${bars} values.`,
      );
    }
    for (let t = 0; t < bars; t++) {
      const value = probabilities[t];
      if (Number.isNaN(value)) continue;
      if (!(value >= 0 && value <= 1)) {
        throw new InputError(
          `Strategy '${name}': probability at bar ${t} is ${value}, outside [0, 1].`,
        );
      }
    }
  }
  return output;
}
