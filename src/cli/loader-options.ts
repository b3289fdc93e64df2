import type { Command } from 'commander';
import { LOADER_SETTINGS, type LoadOptions } from '../data/index.js';
import { given, withDebug } from './options.js';
import { addSettingOptions } from './setting-options.js';

/** The tail every CSV-reading command shares: loader options, --debug, then its examples. */
export function finishCsvCommand(command: Command, examples: string): Command {
  addSettingOptions(command, LOADER_SETTINGS);
  withDebug(command);
  return command.addHelpText('after', examples);
}

/** Loader options from the flags the user typed, laid over a config's (flags win). */
export function loaderOptions(command: Command, base: LoadOptions = {}): LoadOptions {
  const options: Record<string, unknown> = { ...base };
  for (const key of Object.keys(LOADER_SETTINGS)) {
    const value = given(command, key);
    if (value !== undefined) options[key] = value;
  }
  return options as LoadOptions;
}
