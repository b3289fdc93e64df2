import {
  booleanSetting,
  choiceSetting,
  type SettingValues,
  textListSetting,
  textSetting,
} from '../settings/index.js';

/**
 * How `loadPrices` reads a file, defined once: its options, the config's `loader` keys (`symbol`
 * sits at the config's top level) and the flags of every CSV-reading command.
 */
export const LOADER_SETTINGS = {
  missing: choiceSetting(['error', 'drop', 'ffill'] as const, {
    arg: '<how>',
    help: 'rows with empty or null prices: fail, drop them, or carry the last value forward',
    default: 'error',
  }),
  invalid: choiceSetting(['error', 'drop', 'clamp'] as const, {
    arg: '<how>',
    help: 'rows with impossible prices (high < low, negative, ...): fail, drop, or clamp into range',
    default: 'error',
  }),
  dateFormat: textSetting({
    arg: '<format>',
    help: 'date format of the date column, e.g. DD/MM/YYYY',
    defaultText: 'detected',
  }),
  columns: textListSetting(
    {
      arg: '<names>',
      help: 'every column name in file order, comma-separated, for files without a header or a short one',
      defaultText: 'the header',
    },
    true,
  ),
  symbol: textSetting({
    arg: '<symbol>',
    help: 'symbol to use (or to pick from a multi-symbol file)',
  }),
  adjust: booleanSetting({
    flag: '--no-adjust',
    help: 'keep raw OHLC even when the file has an Adj Close column',
    default: true,
    defaultText: 'adjusted by it',
  }),
};

export type LoaderSettings = Partial<SettingValues<typeof LOADER_SETTINGS>>;
