import type { Command } from 'commander';
import type { PriceSeries } from '../data/index.js';
import { loadPrices } from '../data/index.js';
import { loaderOptions } from './loader-options.js';

/** Loads a CSV with the loader options the user typed on `command`. */
export function loadWithFlags(file: string, command: Command): Promise<PriceSeries> {
  return loadPrices(file, loaderOptions(command));
}
