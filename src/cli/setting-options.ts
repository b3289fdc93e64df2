import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { flagOf, helpOf, parseSetting, type Setting, type Settings } from '../settings/index.js';

/** The setting behind each option made here: the test that every flag is a setting reads it. */
const SETTING_OF = new WeakMap<Option, { key: string; setting: Setting }>();

/** The setting an option was made from, or undefined for an option written by hand. */
export function settingOfOption(option: Option): { key: string; setting: Setting } | undefined {
  return SETTING_OF.get(option);
}

/**
 * A setting's flag: its help and default from the setting (or the whole help line `help`), its
 * value checked by the setting's schema.
 */
export function settingOption(key: string, setting: Setting, help?: string): Option | undefined {
  const flags = flagOf(key, setting);
  if (flags === undefined) return undefined;
  const option = new Option(flags, help ?? helpOf(setting));
  SETTING_OF.set(option, { key, setting });
  if (setting.required) option.makeOptionMandatory();
  if (setting.env !== undefined) option.env(setting.env);
  if (setting.arg === undefined) return option;
  // choices() lists the words in the help; the parser below replaces its check with the schema's.
  if (setting.choices) option.choices(setting.choices);
  return option.argParser((text: string, previous: unknown) => {
    // An empty environment variable (VAR= clears one in a shell) means unset, and so does the flag's.
    if (setting.env !== undefined && text.trim() === '') return undefined;
    const parsed = parseSetting(setting, setting.fromText ? setting.fromText(text) : text);
    if (parsed.problem !== undefined) {
      const problem = `${parsed.problem.replace(/^m/, 'M')}.`;
      if (setting.hide === undefined) throw new InvalidArgumentError(problem);
      // Commander's own message would quote the text whole; this one is the same but hides the secret.
      throw new CommanderError(
        2,
        'commander.invalidSecret',
        `error: option '${flags}' argument '${setting.hide(text)}' is invalid. ${problem}`,
      );
    }
    return setting.repeatable && previous !== undefined
      ? { ...(previous as object), ...(parsed.value as object) }
      : parsed.value;
  });
}

/**
 * Adds a flag for every setting of `settings` that has one (in the record's order), but those in
 * `except`; `help` replaces a setting's help line (default included) on this command.
 */
export function addSettingOptions<S extends Settings>(
  command: Command,
  settings: S,
  {
    except = [],
    help = {},
  }: { except?: (keyof S)[]; help?: Partial<Record<keyof S, string>> } = {},
): Command {
  for (const [key, setting] of Object.entries(settings)) {
    if (except.includes(key)) continue;
    const option = settingOption(key, setting, help[key]);
    if (option) command.addOption(option);
  }
  return command;
}
