import { type Command, Option } from 'commander';
import type { LoadOptions } from '../data/index.js';
import { given, withDebug } from './options.js';

/** The loader options every CSV-reading command takes, with their help. */
function addLoaderOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--missing <how>',
        'rows with empty or null prices: fail, drop them, or carry the last value forward (default: error)',
      ).choices(['error', 'drop', 'ffill']),
    )
    .addOption(
      new Option(
        '--invalid <how>',
        'rows with impossible prices (high < low, negative, ...): fail, drop, or clamp into range (default: error)',
      ).choices(['error', 'drop', 'clamp']),
    )
    .option(
      '--date-format <format>',
      'date format of the date column, e.g. DD/MM/YYYY (default: detected)',
    )
    .option(
      '--columns <names>',
      'every column name in file order, comma-separated, for files without a header or a short one (default: the header)',
    )
    .option('--symbol <symbol>', 'symbol to use (or to pick from a multi-symbol file)')
    .option('--no-adjust', 'keep raw OHLC even when the file has an Adj Close column');
}

/** The tail every CSV-reading command shares: loader options, --debug, then its examples. */
export function finishCsvCommand(command: Command, examples: string): Command {
  addLoaderOptions(command);
  withDebug(command);
  return command.addHelpText('after', examples);
}

/** Loader options from the flags the user typed, laid over a config's (flags win). */
export function loaderOptions(command: Command, base: LoadOptions = {}): LoadOptions {
  const columns = given<string>(command, 'columns');
  return {
    ...base,
    ...defined({
      missing: given<LoadOptions['missing']>(command, 'missing'),
      invalid: given<LoadOptions['invalid']>(command, 'invalid'),
      dateFormat: given<string>(command, 'dateFormat'),
      columns: columns === undefined ? undefined : columns.split(',').map((name) => name.trim()),
      symbol: given<string>(command, 'symbol'),
      adjust: given<boolean>(command, 'adjust'),
    }),
  };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
