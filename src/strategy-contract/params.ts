import * as v from 'valibot';
import { InputError } from '../errors.js';
import {
  booleanSetting,
  choiceSetting,
  describeValue,
  numberSetting,
  parseSetting,
  type Setting,
} from '../settings/index.js';
import type { ParamSpec, ParamType, Strategy } from './types.js';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** A boolean as the command line may say it; other text is left for the schema to refuse. */
function booleanFromText(text: string): unknown {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : text;
}

/** Any string; a finite number (a config's 5 for a name) is taken as its text. */
const ANY_TEXT: Setting<string> = {
  schema: v.union(
    [v.string(), v.pipe(v.number(), v.finite(), v.transform(String))],
    'must be a string',
  ),
  rule: 'a string',
  help: '',
};

/** Any JSON value, copied so that a strategy cannot change its caller's (or the default's). */
const ANY_JSON: Setting = {
  schema: v.pipe(
    v.unknown(),
    v.transform((value) => structuredClone(value)),
  ),
  rule: 'a JSON value',
  help: '',
};

/** The parameter types a spec may declare. */
export const PARAM_TYPES: readonly ParamType[] = [
  'number',
  'integer',
  'boolean',
  'string',
  'enum',
  'json',
];

const SETTINGS = new WeakMap<ParamSpec, Setting>();

/**
 * The setting a parameter spec declares: the same schemas and rules as every other setting, so a
 * parameter is refused in the words a config key or a flag with the same range would be.
 */
export function paramSetting(spec: ParamSpec): Setting {
  let setting = SETTINGS.get(spec);
  if (setting) return setting;
  // The default is the spec's, shown by a flag's help (`nn-timing train --hidden`).
  const help = spec.description;
  switch (spec.type) {
    case 'number':
    case 'integer':
      setting = numberSetting(
        { integer: spec.type === 'integer', min: spec.min, max: spec.max },
        { help, default: spec.default as number },
      );
      break;
    case 'boolean':
      setting = {
        ...booleanSetting({ help, default: spec.default as boolean }),
        fromText: booleanFromText,
      };
      break;
    case 'enum':
      setting = choiceSetting(spec.values ?? [], { help, default: spec.default as string });
      break;
    case 'string':
      setting = ANY_TEXT;
      break;
    case 'json':
      setting = ANY_JSON;
      break;
    default:
      throw new InputError(`unknown parameter type ${describeValue((spec as ParamSpec).type)}`);
  }
  SETTINGS.set(spec, setting);
  return setting;
}

/**
 * One parameter value coerced to its declared type. Strings are accepted for every type because
 * the CLI hands `--param key=value` through as text.
 */
export function coerceParam(where: string, spec: ParamSpec, value: unknown): unknown {
  if (spec.type === 'json' && typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      throw new InputError(`${where} is not valid JSON: ${value}`);
    }
  }
  if (!PARAM_TYPES.includes(spec.type)) {
    throw new InputError(`${where} has unknown type ${describeValue(spec.type)}.`);
  }
  const setting = paramSetting(spec);
  const input = typeof value === 'string' && setting.fromText ? setting.fromText(value) : value;
  const parsed = parseSetting(setting, input);
  if (parsed.problem !== undefined) {
    throw new InputError(`${where} ${parsed.problem}, got ${describeValue(value)}.`);
  }
  return parsed.value;
}

/**
 * A parameter spec declared by a setting (e.g. one of the walk-forward's training settings), so
 * that the strategy and the library share one definition. Bounds must be inclusive, as a spec's are.
 */
export function paramSpecOf<T>(setting: Setting<T>, help = setting.help): ParamSpec {
  const { bounds, choices } = setting;
  if (bounds?.above !== undefined || bounds?.below !== undefined) {
    throw new Error('a parameter spec has inclusive bounds only');
  }
  const base = { default: setting.default, description: help };
  if (bounds) {
    return {
      ...base,
      type: bounds.integer ? 'integer' : 'number',
      min: bounds.min,
      max: bounds.max,
    };
  }
  if (choices) return { ...base, type: 'enum', values: choices };
  if (v.safeParse(setting.schema, true).success) return { ...base, type: 'boolean' };
  return { ...base, type: 'string' };
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
