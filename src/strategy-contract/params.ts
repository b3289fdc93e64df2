import { InputError } from '../errors.js';
import type { ParamSpec, Strategy } from './types.js';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A decimal number as text; `Number()` alone would also take 0x10, 0b11, 0o7 and 'Infinity'. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(where: string, value: unknown): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && DECIMAL.test(value.trim())
        ? Number(value.trim())
        : Number.NaN;
  if (!Number.isFinite(number)) {
    throw new InputError(`${where} must be a finite number, got ${describe(value)}.`);
  }
  return number;
}

function checkRange(where: string, spec: ParamSpec, value: number): void {
  if (spec.min !== undefined && value < spec.min) {
    throw new InputError(`${where} must be at least ${spec.min}, got ${value}.`);
  }
  if (spec.max !== undefined && value > spec.max) {
    throw new InputError(`${where} must be at most ${spec.max}, got ${value}.`);
  }
}

/**
 * One parameter value coerced to its declared type. Strings are accepted for every type because
 * the CLI hands `--param key=value` through as text.
 */
export function coerceParam(where: string, spec: ParamSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'number': {
      const number = toNumber(where, value);
      checkRange(where, spec, number);
      return number;
    }
    case 'integer': {
      const number = toNumber(where, value);
      if (!Number.isInteger(number)) {
        throw new InputError(`${where} must be a whole number, got ${describe(value)}.`);
      }
      checkRange(where, spec, number);
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw new InputError(`${where} must be true or false, got ${describe(value)}.`);
    }
    case 'string': {
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw new InputError(`${where} must be a string, got ${describe(value)}.`);
    }
    case 'enum': {
      const allowed = spec.values ?? [];
      if (typeof value === 'string' && allowed.includes(value)) return value;
      throw new InputError(
        `${where} must be one of ${allowed.join(', ')}, got ${describe(value)}.`,
      );
    }
    case 'json': {
      if (typeof value !== 'string') return structuredClone(value);
      try {
        return JSON.parse(value);
      } catch {
        throw new InputError(`${where} is not valid JSON: ${value}`);
      }
    }
    default:
      throw new InputError(`${where} has unknown type ${describe((spec as ParamSpec).type)}.`);
  }
}

/**
 * Parameters as given to `resolveParams`: any of the strategy's own keys, each with its declared
 * type or as text (from a command line or a file). A key the strategy does not have is a type
 * error (and, from untyped input, an InputError).
 */
export type RawParams<P> = [DeclaredKeys<P>] extends [never]
  ? Record<string, unknown>
  : { [K in DeclaredKeys<P>]?: P[K] | string };

/** The named keys of a parameter type, without the index signature of `Record<string, unknown>`. */
type DeclaredKeys<P> = keyof {
  [K in keyof P as string extends K ? never : number extends K ? never : K]: unknown;
};

/**
 * The strategy's full parameter set: defaults filled in, raw values (numbers or CLI strings)
 * coerced to their declared types and checked, then the strategy's own cross-parameter check.
 */
export function resolveParams<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  given: NoInfer<RawParams<P>> = {},
): P {
  const raw: Record<string, unknown> = given;
  const specs = strategy.params;
  const valid = Object.keys(specs);
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(specs, key)) {
      const list = valid.length > 0 ? valid.join(', ') : 'none';
      throw new InputError(
        `Unknown parameter '${key}' for strategy '${strategy.name}'; valid parameters: ${list}.`,
      );
    }
  }
  const params: Record<string, unknown> = {};
  for (const key of valid) {
    const where = `Parameter '${key}' of strategy '${strategy.name}'`;
    const given = raw[key];
    params[key] =
      given === undefined
        ? coerceParam(where, specs[key], specs[key].default)
        : coerceParam(where, specs[key], given);
  }
  strategy.validate?.(params as P);
  return params as P;
}
