import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { VERDICT_SETTINGS } from '../../src/backtest/verdict.js';
import { buildProgram } from '../../src/cli/program.js';
import { flagOf } from '../../src/settings/index.js';

describe('backtest flags for the verdict settings', () => {
  const backtest = () =>
    buildProgram({ exitCode: 0 }).commands.find((command) => command.name() === 'backtest')!;

  it('has one flag per verdict setting, named and described from its definition', () => {
    const help = backtest().helpInformation();
    for (const [key, setting] of Object.entries(VERDICT_SETTINGS)) {
      expect(help).toContain(flagOf(key, setting));
      expect(help).toContain(`(default: ${setting.default})`);
    }
  });

  it('rejects a value that breaks the setting’s rule, in its own words', async () => {
    const program = buildProgram({ exitCode: 0 });
    const parse = program.parseAsync(['backtest', 'x.csv', '--trials', '0'], { from: 'user' });
    await expect(parse).rejects.toBeInstanceOf(CommanderError);
    await expect(parse).rejects.toThrow(/Must be a whole number from 1 to 1000000\./);
  });
});
