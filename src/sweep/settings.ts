import { MIN_BOOTSTRAP_RETURNS, type Stats } from '../backtest/index.js';
import {
  choiceSetting,
  numberSetting,
  pairsSetting,
  type SettingValues,
  textSetting,
} from '../settings/index.js';
import { parseWalkForward } from './walk-forward.js';

/** Statistics a sweep can rank trials by; higher is better for each. */
export const SWEEP_METRICS = [
  'sharpe',
  'sortino',
  'cagr',
  'calmar',
  'totalReturn',
  'annualReturn',
  'maxDrawdown',
  'profitFactor',
  'sqn',
  'expectancy',
  'winRate',
] as const satisfies readonly (keyof Stats)[];

/**
 * The search's own settings, defined once: `sweep`'s options, the config's `sweep` section and
 * the flags of `nn-timing sweep`. The grid has its own shape on each (an object in a config,
 * repeated `--grid key=values` on the command line), checked by the grid's parser.
 */
export const SWEEP_SETTINGS = {
  grid: pairsSetting({
    flag: '-g, --grid',
    arg: '<key=values>',
    help: 'searched parameter, repeatable: key=v1,v2,... or key=from..to[:step]',
  }),
  random: numberSetting(
    { integer: true, min: 1 },
    { help: 'try n seeded random grid points instead of all' },
  ),
  metric: choiceSetting(SWEEP_METRICS, {
    arg: '<name>',
    help: 'what "best" means',
    default: 'sharpe',
  }),
  walkForward: textSetting(
    {
      arg: '<train=bars,test=bars>',
      help: 'also choose the best point on each train segment and trade it on the next test segment',
    },
    {
      rule: `"train=<bars>,test=<bars>" with at least ${MIN_BOOTSTRAP_RETURNS} train bars and 1 test bar`,
      parse: parseWalkForward,
    },
  ),
};

/** The job settings (JOB_SETTINGS of a backtest) that a sweep does not take. */
export const NOT_SWEEP_SETTINGS = ['checkLookahead', 'timeout', 'barFiles'] as const;

export type SweepMetric = SettingValues<typeof SWEEP_SETTINGS>['metric'];
