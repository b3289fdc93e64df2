import { InputError } from '../errors.js';
import {
  describeValue,
  parseSetting,
  type Setting,
  type Settings,
  type SettingValues,
} from './setting.js';

/**
 * A library caller's options checked against their surface: the first refused value is an
 * InputError naming the option, e.g. `commission must be a number at least 0 and below 1, got 1.`
 * Undefined values are left to the defaults; keys the surface lacks are not this check's concern.
 * Returns the options as the settings keep them (a comma-separated column list split, ...).
 */
export function checkOptions<T extends object>(settings: Settings, options: T): T {
  const checked: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || !Object.hasOwn(settings, key)) continue;
    const parsed = parseSetting(settings[key] as Setting, value);
    if (parsed.problem !== undefined) {
      throw new InputError(`${key} ${parsed.problem}, got ${describeValue(value)}.`);
    }
    checked[key] = parsed.value;
  }
  return checked as T;
}

/** The defaults of a surface whose every setting has one. */
export function settingDefaults<S extends Settings>(settings: S): SettingValues<S> {
  const defaults: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) defaults[key] = setting.default;
  return defaults as SettingValues<S>;
}

/**
 * A config file's section checked against its surface: an unknown key or a refused value is an
 * InputError from `fail`, naming the key with `prefix` (`"loader.missing" must be ...`). Returns
 * the values as the settings keep them.
 */
export function checkSection(
  json: Record<string, unknown>,
  settings: Settings,
  prefix: string,
  fail: (problem: string) => InputError,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    // Own keys only: "constructor" or "__proto__" must not reach Object.prototype's members.
    const setting: Setting | undefined = Object.hasOwn(settings, key) ? settings[key] : undefined;
    if (!setting) {
      throw fail(`unknown key "${prefix}${key}" (allowed: ${Object.keys(settings).join(', ')})`);
    }
    const parsed = parseSetting(setting, value);
    if (parsed.problem !== undefined) throw fail(`"${prefix}${key}" ${parsed.problem}`);
    out[key] = parsed.value;
  }
  return out;
}
