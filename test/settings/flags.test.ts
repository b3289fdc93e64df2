import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { BACKTEST_SETTINGS, COMPARE_SETTINGS, VERDICT_SETTINGS } from '../../src/backtest/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { settingOfOption } from '../../src/cli/setting-options.js';
import { LOADER_SETTINGS } from '../../src/data/index.js';
import { FEATURE_SETTINGS } from '../../src/features/index.js';
import { MODEL_FILE_SETTINGS, PREDICT_SETTINGS } from '../../src/model/index.js';
import { QUEUE_SETTINGS, WORKER_SETTINGS } from '../../src/queue/index.js';
import { JOB_SETTINGS, PRINT_SETTINGS, RUN_SETTINGS } from '../../src/run/index.js';
import { flagOf, type Settings } from '../../src/settings/index.js';
import {
  CONTEXT_SETTINGS,
  LOOKAHEAD_SETTINGS,
  paramSetting,
} from '../../src/strategy-contract/index.js';
import { SWEEP_SETTINGS } from '../../src/sweep/index.js';
import { TRAINING_SETTINGS } from '../../src/walkforward/index.js';
import { nnTiming } from '../../strategies/index.js';

/**
 * Every option of every command is a setting's flag: made from a setting of one of the surfaces'
 * records, so its range check, message, help and default are that setting's. A flag written by
 * hand in a command fails here.
 */

/** Every surface whose settings may appear as flags. */
const RECORDS: Record<string, Settings> = {
  BACKTEST_SETTINGS,
  COMPARE_SETTINGS,
  VERDICT_SETTINGS,
  LOADER_SETTINGS,
  JOB_SETTINGS,
  RUN_SETTINGS,
  PRINT_SETTINGS,
  SWEEP_SETTINGS,
  QUEUE_SETTINGS,
  WORKER_SETTINGS,
  TRAINING_SETTINGS,
  LOOKAHEAD_SETTINGS,
  CONTEXT_SETTINGS,
  MODEL_FILE_SETTINGS,
  PREDICT_SETTINGS,
  FEATURE_SETTINGS,
  'nn-timing parameters': Object.fromEntries(
    Object.entries(nnTiming.params).map(([key, spec]) => [key, paramSetting(spec)]),
  ),
};

/**
 * Switches of the command line that are not settings: none has a config key or a library
 * option, nor a range to check. --debug and --version say how the program itself behaves;
 * --config names the file the settings are read from.
 */
const NOT_SETTINGS = new Set(['--debug', '--version', '--config']);

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

describe('every option of every command', () => {
  const commands = allCommands(buildProgram({ exitCode: 0 }));

  it('walks every command', () => {
    const names = commands.map(commandPath);
    for (const name of ['backtest', 'sweep', 'check', 'train', 'predict', 'explain']) {
      expect(names).toContain(`nn-timing ${name}`);
    }
    expect(names).toContain('nn-timing queue status');
  });

  it.each(commands.map((command) => [commandPath(command), command] as const))(
    '%s: is made from a setting of a surface record, or is on the short list of CLI switches',
    (_, command) => {
      for (const option of command.options) {
        const long = option.long ?? option.flags;
        const made = settingOfOption(option);
        if (made === undefined) {
          expect(NOT_SETTINGS.has(long), `${long} is written by hand`).toBe(true);
          continue;
        }
        expect(NOT_SETTINGS.has(long), long).toBe(false);
        const { key, setting } = made;
        // The same values, rule and flag as the record's setting (a help line may be the command's).
        const owners = Object.entries(RECORDS).filter(
          ([, record]) => Object.hasOwn(record, key) && record[key].schema === setting.schema,
        );
        expect(owners.length, `${long}: no record holds setting ${key}`).toBeGreaterThan(0);
        expect(option.flags).toBe(flagOf(key, setting));
        expect(setting.rule).toBe(RECORDS[owners[0][0]][key].rule);
      }
    },
  );
});
