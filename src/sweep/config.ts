import { InputError } from '../errors.js';
import { axisFromConfig, type GridAxis } from './grid.js';
import { SWEEP_METRICS, type SweepMetric } from './sweep.js';
import { parseWalkForward } from './walk-forward.js';

/** The `"sweep"` section of a backtest config. */
export interface SweepConfig {
  grid: GridAxis[];
  random?: number;
  metric?: SweepMetric;
  /** `train=<bars>,test=<bars>`. */
  walkForward?: string;
}

/**
 * Checks a config's `"sweep": { "grid": { "fast": [5, 10], "slow": "20..200:20" }, "random": 50,
 * "metric": "sharpe" }`; `file` names the config in errors.
 */
export function parseSweepConfig(section: Record<string, unknown>, file: string): SweepConfig {
  const fail = (problem: string) => new InputError(`${file}: ${problem}`);
  for (const key of Object.keys(section)) {
    if (!['grid', 'random', 'metric', 'walkForward'].includes(key)) {
      throw fail(`unknown key "sweep.${key}" (allowed: grid, random, metric, walkForward)`);
    }
  }
  const grid = section.grid;
  if (typeof grid !== 'object' || grid === null || Array.isArray(grid)) {
    throw fail('"sweep.grid" must be an object of parameter: values');
  }
  const { random, metric, walkForward } = section;
  if (walkForward !== undefined) {
    if (typeof walkForward !== 'string')
      throw fail('"sweep.walkForward" must be "train=<bars>,test=<bars>"');
    parseWalkForward(walkForward);
  }
  if (random !== undefined && !(Number.isInteger(random) && (random as number) >= 1)) {
    throw fail('"sweep.random" must be a whole number >= 1');
  }
  if (metric !== undefined && !SWEEP_METRICS.includes(metric as SweepMetric)) {
    throw fail(`"sweep.metric" must be one of ${SWEEP_METRICS.join(', ')}`);
  }
  try {
    return {
      grid: Object.entries(grid).map(([key, value]) => axisFromConfig(key, value)),
      random: random as number | undefined,
      metric: metric as SweepMetric | undefined,
      walkForward: walkForward as string | undefined,
    };
  } catch (error) {
    if (error instanceof InputError) throw fail(error.message);
    throw error;
  }
}
