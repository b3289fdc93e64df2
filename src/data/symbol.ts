import { basename, extname } from 'node:path';

/** Name parts that describe the bar size rather than the instrument, e.g. `h1`, `1d`, `daily`. */
const BAR_SIZE = /^(\d*[smhdwy]\d*|m\d+|\d+m|daily|hourly|weekly|monthly|minute|min|tick|ohlcv?)$/i;

/**
 * A symbol from a file name: the leading name parts before any date, year or bar size, upper
 * case. `spy-1993-2023.csv` -> `SPY`, `btc-usd-2014-2022.csv` -> `BTC-USD`, `eurusd-h1-2017.csv` -> `EURUSD`.
 */
export function symbolFromPath(path: string): string {
  const stem = basename(path, extname(path));
  const parts = stem.split(/[-_ ]+/).filter((part) => part !== '');
  const name: string[] = [];
  for (const part of parts) {
    if (/^\d/.test(part) || BAR_SIZE.test(part)) break;
    name.push(part);
  }
  return (name.length > 0 ? name.join('-') : stem).toUpperCase();
}
