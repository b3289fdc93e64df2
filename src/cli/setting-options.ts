import { type Command, InvalidArgumentError, Option } from 'commander';
import { flagOf, helpOf, parseSetting, type Setting, type Settings } from '../settings/index.js';

/**
 * A setting's flag: its help and default from the setting (or the whole help line `help`), its
 * value checked by the setting's schema.
 */
export function settingOption(key: string, setting: Setting, help?: string): Option | undefined {
  const flags = flagOf(key, setting);
  if (flags === undefined) return undefined;
  const option = new Option(flags, help ?? helpOf(setting));
  if (setting.arg === undefined) return option;
  // choices() lists the words in the help; the parser below replaces its check with the schema's.
  if (setting.choices) option.choices(setting.choices);
  return option.argParser((text: string) => {
    const parsed = parseSetting(setting, setting.fromText ? setting.fromText(text) : text);
    if (parsed.problem !== undefined) {
      throw new InvalidArgumentError(`${parsed.problem.replace(/^m/, 'M')}.`);
    }
    return parsed.value;
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
