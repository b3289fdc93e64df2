import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { sweep, sweepUniverse } from '../../builtins/index.js';
import { InputError } from '../../errors.js';
import { JOB_SETTINGS } from '../../run/index.js';
import { helpOf } from '../../settings/index.js';
import type { GridAxis } from '../../sweep/index.js';
import {
  NOT_SWEEP_SETTINGS,
  parseSweepConfig,
  renderSweepTable,
  renderUniverseTable,
  SWEEP_SETTINGS,
  type SweepMetric,
} from '../../sweep/index.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import { createProgress } from '../progress.js';
import { openQueueFlag, queueOption } from '../queue-options.js';
import { addRunOptions, type RunFlags, runSettings } from '../run-options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing sweep data/goog-2004-2013.csv --strategy sma-cross --grid fast=5..50:5 --grid slow=20..200:20
  $ nn-timing sweep data/spy-1993-2023.csv --strategy rsi-reversion --grid period=5,10,14,21 --metric calmar
  $ nn-timing sweep data/goog-2004-2013.csv --strategy sma-cross --grid fast=2..100 --grid slow=10..300 --random 200
  $ nn-timing sweep data/spy-1993-2023.csv --strategy sma-cross --grid fast=5..50:5 --grid slow=50..250:25 --walk-forward train=1000,test=250
  $ nn-timing sweep --config backtests/goog-sma-cross-sweep.json --format json

Every grid point (or --random N of them) is backtested on the same bars, from the end of the
longest warm-up. Points the strategy refuses (e.g. fast >= slow) are skipped and counted. The
verdict says "edge" only when Hansen's SPA p-value, which accounts for every trial, is below 0.05.
Outputs: trials.csv (one row per trial) and sweep.json in --out; rerunning into the same folder
resumes an interrupted sweep. With --queue, the trials run on 'nn-timing worker' processes on
any machine; the outputs are the same. Settings on the command line override the config file's.`;

type SweepFlags = RunFlags & {
  grid?: Record<string, unknown>;
  random?: number;
  metric?: SweepMetric;
  walkForward?: string;
  queue?: string;
};

export function registerSweep(program: Command): void {
  const command = program
    .command('sweep')
    .summary('search a strategy parameter grid, with a verdict that accounts for the search')
    .description(
      "Backtest a strategy on every point of a parameter grid against a baseline, rank the trials by a metric, and judge the best with White's Reality Check, Hansen's SPA, the Deflated Sharpe Ratio and the Probability of Backtest Overfitting.",
    )
    .argument('[csv...]', 'OHLCV CSV file(s); not needed with --config');
  addSettingOptions(command, SWEEP_SETTINGS).addOption(
    queueOption(
      'run the trials on the workers of this Redis queue, redis://[:password@]host:port[/db]',
    ),
  );
  addRunOptions(
    command,
    {
      strategy: 'built-in strategy or a .ts/.mts/.mjs/.js file (required unless in --config)',
      symbols:
        'sweep these symbols (or all) of one long-format file, with a false-discovery-rate verdict across them',
      seeds: helpOf({
        ...JOB_SETTINGS.seeds,
        help: 'run every grid point with seeds seed..seed+k-1',
      }),
      threads: helpOf({ ...JOB_SETTINGS.threads, help: 'worker threads for the trials' }),
      out: 'output folder; a rerun into it resumes (default: runs/<config name>, or runs/sweep-<strategy>-<file>)',
      html: 'also write sweep.html (heatmap, trial Sharpes against luck, PBO, walk-forward equity, top trials)',
    },
    [...NOT_SWEEP_SETTINGS],
  );
  finishCsvCommand(command, EXAMPLES).action(
    async (csvs: string[], flags: SweepFlags, cmd: Command) => {
      const settings = runSettings(csvs, flags, cmd);
      const { config, files } = settings;
      if (files.length === 0)
        throw new InputError('give at least one CSV file, or --config <file>');
      const strategy = settings.strategy;
      if (strategy === undefined) throw new InputError('give --strategy <name|path> to sweep');
      const section = config?.sweep ? parseSweepConfig(config.sweep, config.file) : undefined;
      // Grid axes from the command line replace the config's axis of the same name.
      const given = Object.entries(flags.grid ?? {}).map(([key, values]) => `${key}=${values}`);
      const flagKeys = new Set(Object.keys(flags.grid ?? {}));
      const grid: (string | GridAxis)[] = [
        ...(strategy === config?.strategy ? (section?.grid ?? []) : []).filter(
          (axis) => !flagKeys.has(axis.key),
        ),
        ...given,
      ];
      if (flags.queue) {
        // Fail on a bad address or password now, before any trial is prepared.
        (await openQueueFlag(flags.queue)).redis.disconnect();
      }
      const options = {
        queue: flags.queue || undefined,
        strategy,
        grid,
        params: settings.params,
        random: flags.random ?? section?.random,
        seeds: settings.seeds,
        seed: settings.seed,
        metric: flags.metric ?? section?.metric,
        walkForward: flags.walkForward ?? section?.walkForward,
        baseline: settings.baseline,
        baselineParams: settings.baselineParams,
        from: settings.from,
        to: settings.to,
        backtest: settings.backtest,
        load: settings.load,
        threads: settings.threads,
        resamples: settings.resamples,
        out: settings.out ?? defaultOut(config?.name, strategy, files),
        html: settings.html,
      };
      const progress = createProgress();
      try {
        const symbols = settings.symbols;
        if (files.length === 1 && symbols === undefined) {
          const report = await sweep({ ...options, file: files[0] }, progress);
          if (settings.format === 'json') printJson(report);
          else print(`${renderSweepTable(report)}\n\nOutputs written to ${options.out}`);
        } else {
          const report = await sweepUniverse({ ...options, files, symbols }, progress);
          if (settings.format === 'json') printJson(report);
          else print(`${renderUniverseTable(report)}\n\nOutputs written to ${options.out}`);
        }
      } finally {
        progress.stop();
      }
    },
  );
}

/** runs/<config name>, else runs/sweep-<strategy>-<file> (runs/sweep-<strategy> for several files). */
function defaultOut(configName: string | undefined, strategy: string, files: string[]): string {
  if (configName) return join('runs', configName);
  const name = `sweep-${basename(strategy, extname(strategy))}`;
  return files.length === 1
    ? join('runs', `${name}-${basename(files[0], extname(files[0]))}`)
    : join('runs', name);
}
