import { InputError } from '../errors.js';
import { coerceParam, PARAM_TYPES } from './params.js';
import type { Strategy } from './types.js';

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Declares a strategy. It returns its argument unchanged (typed), after checking that the
 * definition is usable: a CLI-friendly name, a description, well-formed parameter specs whose
 * defaults pass their own checks, and `warmup`/`run` functions.
 */
export function defineStrategy<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
): Strategy<P> {
  const label = typeof strategy?.name === 'string' ? `Strategy '${strategy.name}'` : 'Strategy';
  if (strategy === null || typeof strategy !== 'object') {
    throw new InputError(
      'A strategy must be an object with name, description, params, warmup and run.',
    );
  }
  if (typeof strategy.name !== 'string' || !NAME.test(strategy.name)) {
    throw new InputError(
      `${label} needs a name of lowercase letters, digits and dashes (e.g. 'my-strategy').`,
    );
  }
  if (typeof strategy.description !== 'string' || strategy.description.trim() === '') {
    throw new InputError(`${label} needs a non-empty description.`);
  }
  if (strategy.params === null || typeof strategy.params !== 'object') {
    throw new InputError(`${label} needs a params object (use {} for none).`);
  }
  for (const method of ['warmup', 'run'] as const) {
    if (typeof strategy[method] !== 'function') {
      throw new InputError(`${label} needs a ${method}() function.`);
    }
  }
  if (strategy.validate !== undefined && typeof strategy.validate !== 'function') {
    throw new InputError(`${label}: validate must be a function when given.`);
  }
  for (const [key, spec] of Object.entries(strategy.params)) {
    const where = `${label}, parameter '${key}'`;
    if (!PARAM_TYPES.includes(spec?.type)) {
      throw new InputError(`${where}: type must be one of ${PARAM_TYPES.join(', ')}.`);
    }
    if (typeof spec.description !== 'string' || spec.description.trim() === '') {
      throw new InputError(`${where} needs a description.`);
    }
    if (spec.type === 'enum' && (!Array.isArray(spec.values) || spec.values.length === 0)) {
      throw new InputError(`${where}: an enum needs a non-empty values list.`);
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      throw new InputError(`${where}: min ${spec.min} is above max ${spec.max}.`);
    }
    coerceParam(`${where} default`, spec, spec.default);
  }
  return strategy;
}
