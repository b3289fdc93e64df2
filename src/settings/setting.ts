import * as v from 'valibot';

/**
 * One setting, defined once: the values it takes (a valibot schema), the rule that every refusal
 * states, how the command line reads it, and its help. The setting's key in its surface's record
 * is the config-file key and the library option; the CLI flag is that key in kebab case unless
 * `flag` says otherwise.
 */
export interface Setting<T = unknown> {
  schema: v.GenericSchema<unknown, T>;
  /** Completes "must be ...": the one message of a refused value on every surface. */
  rule: string;
  /** Commander's placeholder, e.g. '<fraction>'; a setting without one is a switch. */
  arg?: string;
  /** The flag when it is not `--<kebab key>` (a short alias, `--no-adjust`); false: config and library only. */
  flag?: string | false;
  /** The command line's text as a value for the schema (default: the text itself). */
  fromText?: (text: string) => unknown;
  /** The allowed words, listed by the help. */
  choices?: readonly string[];
  /** Number bounds, kept for the tests that probe each edge. */
  bounds?: NumberBounds;
  help: string;
  /** The library's default, shown by the help as `(default: ...)`. */
  default?: T;
  /** The help's default when it is not a value ('detected', 'all cores'). */
  defaultText?: string;
  /** The command line must give it (a command's input or output file). */
  required?: boolean;
  /** The environment variable the command line reads when the flag is not given. */
  env?: string;
  /** The flag may be repeated; each value (an object) adds its keys, a later key winning. */
  repeatable?: boolean;
  /** The text as an error may show it, when it can hold a secret (a password in a URL). */
  hide?: (text: string) => string;
}

/** A surface: every setting of one thing (a backtest, the loader, a sweep), by key. */
export type Settings = Record<string, Setting>;

/** The values of a surface's settings, typed from their schemas. */
export type SettingValues<S extends Settings> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

type Meta<T> = Pick<
  Setting<T>,
  'arg' | 'flag' | 'help' | 'default' | 'defaultText' | 'required' | 'env' | 'hide'
>;

export interface NumberBounds {
  integer?: boolean;
  /** Lowest value allowed, or `above` for the one just excluded. */
  min?: number;
  above?: number;
  /** Highest value allowed, or `below` for the one just excluded. */
  max?: number;
  below?: number;
}

/** A decimal number as text; `Number()` alone would also take 0x10, 0b11, 0o7 and 'Infinity'. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Command-line text as a number, or the text itself (which the schema then refuses). */
export function numberFromText(text: string): unknown {
  return DECIMAL.test(text.trim()) ? Number(text.trim()) : text;
}

/** The rule of a bounded number, e.g. 'a number at least 0 and below 1', 'a whole number from 1 to 256'. */
export function numberRule(bounds: NumberBounds): string {
  const noun = bounds.integer ? 'a whole number' : 'a number';
  const [min, above, max, below] = [bounds.min, bounds.above, bounds.max, bounds.below].map(shown);
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  const low = min !== undefined ? `at least ${min}` : above !== undefined ? `above ${above}` : '';
  const high = max !== undefined ? `at most ${max}` : below !== undefined ? `below ${below}` : '';
  return [noun, [low, high].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
}

/** A bound as a rule shows it: 1e15, not 1000000000000000. */
function shown(bound: number | undefined): string | undefined {
  if (bound === undefined) return undefined;
  return Math.abs(bound) >= 1e15 ? bound.toExponential().replace('e+', 'e') : String(bound);
}

/** A finite number within bounds. */
export function numberSetting<const M extends Meta<number>>(
  bounds: NumberBounds,
  meta: M,
): Setting<number> & M {
  const rule = numberRule(bounds);
  const message = `must be ${rule}`;
  const actions: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [v.finite(message)];
  if (bounds.integer) actions.push(v.integer(message));
  if (bounds.min !== undefined) actions.push(v.minValue(bounds.min, message));
  if (bounds.above !== undefined) actions.push(v.gtValue(bounds.above, message));
  if (bounds.max !== undefined) actions.push(v.maxValue(bounds.max, message));
  if (bounds.below !== undefined) actions.push(v.ltValue(bounds.below, message));
  return {
    schema: v.pipe(v.number(message), ...actions),
    rule,
    fromText: numberFromText,
    bounds,
    arg: '<n>',
    ...meta,
  };
}

/** true or false; on the command line a switch. */
export function booleanSetting<const M extends Meta<boolean>>(meta: M): Setting<boolean> & M {
  return { schema: v.boolean('must be true or false'), rule: 'true or false', ...meta };
}

/** One of a few words. */
export function choiceSetting<const C extends readonly string[], const M extends Meta<C[number]>>(
  choices: C,
  meta: M,
): Setting<C[number]> & M {
  const rule = `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`;
  return {
    schema: v.picklist(choices, `must be ${rule}`),
    rule,
    choices,
    arg: '<word>',
    ...meta,
  };
}

/**
 * A non-empty string, optionally checked further by `parse` (whose rule is then `rule`): the text
 * is valid when the concept's own parser reads it without throwing.
 */
export function textSetting<const M extends Meta<string>>(
  meta: M,
  check?: { rule: string; parse: (text: string) => unknown },
): Setting<string> & M {
  const rule = check?.rule ?? 'a non-empty string';
  const message = `must be ${rule}`;
  return {
    schema: v.pipe(
      v.string(message),
      v.check(
        (text) => text.trim() !== '' && (check === undefined || parses(check.parse, text)),
        message,
      ),
    ),
    rule,
    arg: '<text>',
    ...meta,
  };
}

function parses(parse: (text: string) => unknown, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

const COMMA_LIST_RULE = 'a non-empty list of names, or one string of them separated by commas';

/**
 * A non-empty list of non-empty strings; one string counts as a list of one, or, with
 * `commas`, as the list its commas separate (`--columns Date,Open,...`).
 */
export function textListSetting(meta: Meta<string[]>, commas = false): Setting<string[]> {
  const rule = commas ? COMMA_LIST_RULE : 'a non-empty string or a non-empty list of strings';
  const message = `must be ${rule}`;
  const item = v.pipe(
    v.string(message),
    v.check((text) => text.trim() !== '', message),
  );
  const list = v.pipe(v.array(item, message), v.minLength(1, message));
  const fromString = v.pipe(
    v.string(message),
    v.transform((text) => (commas ? text.split(',').map((name) => name.trim()) : [text])),
    list,
  );
  return { schema: v.union([list, fromString], message), rule, arg: '<list>', ...meta };
}

/** One word (`all`), or a list of names as `textListSetting` with commas takes it. */
export function wordOrListSetting<const W extends string>(
  word: W,
  meta: Meta<W | string[]>,
): Setting<W | string[]> {
  const rule = `"${word}" or ${COMMA_LIST_RULE}`;
  const list = textListSetting({ help: meta.help }, true);
  return {
    schema: v.union([v.literal(word), list.schema], `must be ${rule}`),
    rule,
    arg: '<list>',
    ...meta,
  };
}

/** An object (of strategy parameters, or a nested section checked by its own surface). */
export function objectSetting(
  meta: Meta<Record<string, unknown>>,
): Setting<Record<string, unknown>> {
  // v.custom keeps the object itself: a copy would drop keys such as "__proto__" that the
  // section's own check must see and refuse.
  return {
    schema: v.custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'must be an object',
    ),
    rule: 'an object',
    flag: false,
    ...meta,
  };
}

/**
 * An object of keys and values (strategy parameters, a sweep's grid); on the command line a
 * repeatable `key=value`, each adding one key.
 */
export function pairsSetting(
  meta: Meta<Record<string, unknown>>,
): Setting<Record<string, unknown>> {
  const rule = 'an object of keys and values (key=value on the command line)';
  return {
    rule,
    schema: v.custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      `must be ${rule}`,
    ),
    arg: '<key=value>',
    repeatable: true,
    fromText: (text) => {
      const at = text.indexOf('=');
      // Text the schema refuses: without a key there is no pair.
      if (at <= 0 || text.slice(0, at).trim() === '') return text;
      return { [text.slice(0, at).trim()]: text.slice(at + 1).trim() };
    },
    ...meta,
  };
}

/** The value as the setting keeps it, or the problem with it ('must be ...'). */
export function parseSetting(
  setting: Setting,
  value: unknown,
): { value: unknown; problem?: undefined } | { problem: string } {
  const result = v.safeParse(setting.schema, value);
  return result.success ? { value: result.output } : { problem: `must be ${setting.rule}` };
}

/** The problem with `value` for this setting ('must be ...'), or undefined when it is accepted. */
export function settingProblem(setting: Setting, value: unknown): string | undefined {
  return parseSetting(setting, value).problem;
}

/** The setting's flag as commander takes it, e.g. '--slippage-bps <bps>'; undefined when it has none. */
export function flagOf(key: string, setting: Setting): string | undefined {
  if (setting.flag === false) return undefined;
  const name = setting.flag ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return setting.arg === undefined ? name : `${name} ${setting.arg}`;
}

/** The help line: the setting's help and its default. */
export function helpOf(setting: Setting): string {
  const shown = setting.defaultText ?? setting.default;
  // A parameter's description ends its sentence; the default follows it in brackets.
  return shown === undefined
    ? setting.help
    : `${setting.help.replace(/\.$/, '')} (default: ${shown})`;
}

/** A value as an error message shows it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
