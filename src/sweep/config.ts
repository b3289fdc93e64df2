import { InputError } from '../errors.js';
import { checkSection, type SettingValues } from '../settings/index.js';
import { axisFromConfig, type GridAxis } from './grid.js';
import { SWEEP_SETTINGS } from './settings.js';

/** The `"sweep"` section of a backtest config. */
export interface SweepConfig extends Partial<Omit<SettingValues<typeof SWEEP_SETTINGS>, 'grid'>> {
  grid: GridAxis[];
}

/**
 * Checks a config's `"sweep": { "grid": { "fast": [5, 10], "slow": "20..200:20" }, "random": 50,
 * "metric": "sharpe" }` against SWEEP_SETTINGS; `file` names the config in errors.
 */
export function parseSweepConfig(section: Record<string, unknown>, file: string): SweepConfig {
  const fail = (problem: string) => new InputError(`${file}: ${problem}`);
  const { grid, ...rest } = checkSection(section, SWEEP_SETTINGS, 'sweep.', fail) as Partial<
    SettingValues<typeof SWEEP_SETTINGS>
  >;
  if (grid === undefined) throw fail('"sweep.grid" is required (an object of parameter: values)');
  try {
    return {
      ...rest,
      grid: Object.entries(grid).map(([key, value]) => axisFromConfig(key, value)),
    };
  } catch (error) {
    if (error instanceof InputError) throw fail(error.message);
    throw error;
  }
}
