import type { Command, Option } from 'commander';
import { RUN_SETTINGS } from '../run/index.js';
import { settingOption } from './setting-options.js';

/** An option's value only when the user set it on the command line, so config values can show through. */
export function given<T>(command: Command, key: string): T | undefined {
  const source = command.getOptionValueSource(key);
  return source === 'cli' || source === 'env' ? (command.getOptionValue(key) as T) : undefined;
}

/** Adds --debug to a subcommand so it may follow the command's own options. */
export function withDebug(command: Command): Command {
  return command.option('--debug', 'print stack traces with errors');
}

/** `--format table|json`: what a command prints on stdout. */
export function formatOption(): Option {
  return settingOption('format', RUN_SETTINGS.format) as Option;
}

/** Writes one line (or block) to stdout. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** JSON for stdout: two-space indented, one trailing newline. */
export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
