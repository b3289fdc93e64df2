import { CommanderError } from 'commander';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BACKTEST_SETTINGS,
  COMPARE_SETTINGS,
  resolveBacktestOptions,
  resolveCompareOptions,
} from '../../src/backtest/index.js';
import { runBacktestJob, sweep, sweepUniverse } from '../../src/builtins/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { LOADER_SETTINGS, parsePrices } from '../../src/data/index.js';
import { InputError } from '../../src/errors.js';
import { FEATURE_SETTINGS } from '../../src/features/index.js';
import {
  MODEL_FILE_SETTINGS,
  PREDICT_SETTINGS,
  predictWithModel,
  type SavedModel,
} from '../../src/model/index.js';
import { QUEUE_SETTINGS, WORKER_SETTINGS } from '../../src/queue/index.js';
import {
  CONFIG_LOADER_SETTINGS,
  CONFIG_SETTINGS,
  validateBacktestConfig,
} from '../../src/run/config.js';
import { JOB_SETTINGS, PRINT_SETTINGS, RUN_SETTINGS } from '../../src/run/settings.js';
import { flagOf, type Setting, type Settings } from '../../src/settings/index.js';
import {
  CONTEXT_SETTINGS,
  checkLookahead,
  LOOKAHEAD_SETTINGS,
  paramSetting,
  resolveParams,
} from '../../src/strategy-contract/index.js';
import { NOT_SWEEP_SETTINGS, parseSweepConfig, SWEEP_SETTINGS } from '../../src/sweep/index.js';
import {
  DEFAULT_WALK_FORWARD_CONFIG,
  TRAINING_SETTINGS,
  validateWalkForwardConfig,
} from '../../src/walkforward/index.js';
import { nnTiming, smaCross } from '../../strategies/index.js';

/**
 * Every setting of every surface, tried with values just inside and just outside its range (and
 * of the wrong type) on each place it can be set: the CLI flag (commander's own parse, in
 * process), the config key and the library option. Each place must accept and refuse the same
 * values, and refuse them with the same rule.
 */

/** A value and, where the CLI can say it, its text. */
interface Probe {
  value: unknown;
  text?: string;
}

const STEP = 1e-9;

function probes(setting: Setting): Probe[] {
  const list: Probe[] = [];
  const add = (value: unknown) =>
    list.push({
      value,
      text: typeof value === 'number' || typeof value === 'string' ? String(value) : undefined,
    });
  const { bounds, choices } = setting;
  if (bounds) {
    const step = (x: number) => (bounds.integer ? 1 : Math.max(STEP, Math.abs(x) * STEP));
    for (const edge of [bounds.min, bounds.max, bounds.above, bounds.below]) {
      if (edge === undefined) continue;
      add(edge);
      add(edge - step(edge));
      add(edge + step(edge));
    }
    const inside = bounds.min ?? bounds.above ?? bounds.max ?? bounds.below ?? 0;
    if (bounds.integer) add(inside + 0.5);
    add('abc');
    add(true);
    list.push({ value: Number.NaN }, { value: Number.POSITIVE_INFINITY });
  } else if (choices) {
    for (const choice of choices) add(choice);
    add('bogus');
    add(1);
  } else if (v.safeParse(setting.schema, true).success) {
    list.push({ value: true }, { value: false }, { value: 'yes' }, { value: 1 });
  } else if (v.safeParse(setting.schema, {}).success) {
    list.push({ value: {} }, { value: [] }, { value: 'x' });
  } else {
    for (const value of ['2010-01-31', '2010-13-01', 'x', '', ' ', 5, ['a', 'b'], [], 'a,b'])
      add(value);
  }
  return list;
}

/** What a surface said about a value: the rule it broke, or undefined when it took the value. */
type Verdict = string | undefined;

const RULE = /[Mm]ust be (.*?)(?:, got .*)?\.?$/;

function ruleOf(message: string): string {
  const match = RULE.exec(message);
  if (!match) throw new Error(`no rule in "${message}"`);
  return match[1];
}

/** The rule in an InputError about `subject`, undefined when the error is about something else. */
function libraryVerdict(subject: string, run: () => unknown): Verdict {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.message.startsWith(`${subject} must be`)) return ruleOf(error.message);
  }
  return undefined;
}

async function libraryVerdictAsync(key: string, run: () => Promise<unknown>): Promise<Verdict> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.message.startsWith(`${key} must be`)) return ruleOf(error.message);
  }
  return undefined;
}

const FILE = 'my-run.json';

function configVerdict(path: string, value: unknown): Verdict {
  const [section, key] = path.includes('.') ? path.split('.') : [undefined, path];
  const json = {
    data: 'x.csv',
    strategy: 'sma-cross',
    ...(section ? { [section]: { [key]: value } } : { [key]: value }),
  };
  try {
    validateBacktestConfig(json, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    if (message.startsWith(`${FILE}: "${path}" must be`)) return ruleOf(message);
    // Cross-key checks ("from" after "to") are not the setting's.
    if (!message.includes(`"${path}" must be`)) return undefined;
    throw error;
  }
  return undefined;
}

/** Parses `command flag text` with the real program, the command's action replaced by a no-op. */
async function cliVerdict(command: string, flag: string, text: string): Promise<Verdict> {
  const program = buildProgram({ exitCode: 0 });
  const sub = program.commands.find((c) => c.name() === command);
  if (!sub) throw new Error(`no command ${command}`);
  sub.action(() => {});
  const args = sub.registeredArguments
    .filter((a) => a.required)
    .map((a) => (a.name() === 'strategy' ? 'sma-cross' : 'x.csv'));
  // Options the command requires (features' --out) get a value, so only `flag` is judged.
  const required = sub.options.filter((o) => o.mandatory && o.long !== longFlag(flag));
  const others = required.map((o) => `${o.long}=x`);
  try {
    await program.parseAsync([command, ...args, ...others, `${longFlag(flag)}=${text}`], {
      from: 'user',
    });
  } catch (error) {
    expect(error).toBeInstanceOf(CommanderError);
    const message = (error as CommanderError).message;
    // One line, naming the flag as the user typed it.
    expect(message).not.toContain('\n');
    expect(message).toContain(`option '${flag}'`);
    return ruleOf(message);
  }
  return undefined;
}

const TIME = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2020, 0, 1 + i));
const CSV = 'date,open,high,low,close\n2020-01-01,1,1,1,1\n2020-01-02,1,1,1,1\n';

interface Surface {
  name: string;
  settings: Settings;
  /** Commands whose flags set these settings. */
  commands: string[];
  /** Only some settings have a flag (the others are set another way, e.g. --param). */
  someFlags?: boolean;
  /** The library takes text too (strategy parameters, as `--param` hands them on). */
  readsText?: boolean;
  /** The library's verdict on one option; null when the key is no library option. */
  library?: (key: string, value: unknown) => Verdict | null | Promise<Verdict | null>;
  /** The config file's verdict, when the surface is a section of its own. */
  config?: (key: string, value: unknown) => Verdict;
}

const SURFACES: Surface[] = [
  {
    name: 'backtest',
    settings: BACKTEST_SETTINGS,
    commands: ['backtest', 'sweep'],
    library: (key, value) =>
      libraryVerdict(key, () => resolveBacktestOptions({ [key]: value }, TIME)),
  },
  {
    name: 'compare',
    settings: COMPARE_SETTINGS,
    commands: ['backtest'],
    library: (key, value) => libraryVerdict(key, () => resolveCompareOptions({ [key]: value })),
  },
  {
    name: 'job',
    settings: JOB_SETTINGS,
    commands: ['backtest'],
    library: (key, value) =>
      libraryVerdictAsync(key, () => runBacktestJob({ files: [], [key]: value })),
  },
  { name: 'run', settings: RUN_SETTINGS, commands: ['backtest'] },
  {
    name: 'loader',
    settings: LOADER_SETTINGS,
    commands: ['backtest', 'sweep', 'train', 'predict', 'explain', 'inspect', 'features', 'check'],
    library: (key, value) => libraryVerdict(key, () => parsePrices(CSV, { [key]: value })),
  },
  {
    name: 'training',
    settings: TRAINING_SETTINGS,
    commands: ['train'],
    someFlags: true,
    library: (key, value) =>
      libraryVerdict(key, () =>
        validateWalkForwardConfig(
          key === 'upper' || key === 'lower'
            ? { ...WF, thresholds: { ...WF.thresholds, [key]: value } }
            : { ...WF, [key]: value },
        ),
      ),
  },
  {
    name: 'nn-timing parameter',
    settings: Object.fromEntries(
      Object.entries(nnTiming.params).map(([key, spec]) => [key, paramSetting(spec)]),
    ),
    commands: ['train'],
    someFlags: true,
    readsText: true,
    library: (key, value) =>
      libraryVerdict(`Parameter '${key}' of strategy 'nn-timing'`, () =>
        resolveParams(nnTiming, { [key]: value }),
      ),
  },
];

const WF = DEFAULT_WALK_FORWARD_CONFIG;

SURFACES.push(
  {
    name: 'worker',
    settings: WORKER_SETTINGS,
    commands: ['worker'],
    // startWorker checks its options with the same settings before it connects; a test of it
    // would need a Redis server.
  },
  {
    name: 'sweep',
    settings: SWEEP_SETTINGS,
    commands: ['sweep'],
    config: (key, value) => {
      try {
        parseSweepConfig({ grid: { fast: [5] }, [key]: value }, FILE);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        const message = (error as Error).message;
        if (message.startsWith(`${FILE}: "sweep.${key}" must be`)) return ruleOf(message);
        throw error;
      }
      return undefined;
    },
    library: (key, value) =>
      // The grid is a list of axes in the library, checked by the grid's parser.
      key === 'grid'
        ? null
        : libraryVerdictAsync(key, () =>
            sweep({ file: 'x.csv', strategy: 'sma-cross', grid: [], [key]: value }),
          ),
  },
  {
    name: 'lookahead check',
    settings: LOOKAHEAD_SETTINGS,
    commands: ['check'],
    // One bar: a check with accepted options stops at "no bars after the cut" before any run.
    library: (key, value) =>
      libraryVerdictAsync(key, () => checkLookahead(smaCross, ONE_BAR, { [key]: value })),
  },
  {
    name: 'lookahead check context',
    settings: CONTEXT_SETTINGS,
    commands: ['check'],
    library: (key, value) =>
      libraryVerdictAsync(key, () =>
        checkLookahead(smaCross, ONE_BAR, { context: { [key]: value } }),
      ),
  },
  // Files named on the command line only: the library takes the model or the matrix itself.
  { name: 'model file', settings: MODEL_FILE_SETTINGS, commands: ['predict', 'explain', 'train'] },
  { name: 'feature', settings: FEATURE_SETTINGS, commands: ['features', 'train'] },
  {
    name: 'predict',
    settings: PREDICT_SETTINGS,
    commands: ['predict'],
    // The options are checked before the model: an accepted one fails on the empty model instead.
    library: (key, value) =>
      libraryVerdict(key, () =>
        predictWithModel({} as SavedModel, parsePrices(CSV), { [key]: value }),
      ),
  },
  { name: 'print', settings: PRINT_SETTINGS, commands: ['backtest'] },
  {
    // The job's settings that `sweep` takes too: its library option refuses what its flag does.
    name: 'sweep job',
    settings: Object.fromEntries(
      Object.entries(JOB_SETTINGS).filter(
        ([key]) => ![...NOT_SWEEP_SETTINGS, 'symbols'].includes(key),
      ),
    ),
    commands: ['sweep'],
    library: (key, value) =>
      libraryVerdictAsync(key, () =>
        sweep({ file: 'x.csv', strategy: 'sma-cross', grid: [], [key]: value }),
      ),
  },
  {
    // runBacktestJob's symbols are in the job surface; the sweep of several symbols checks them too.
    name: 'sweep symbols',
    settings: { symbols: JOB_SETTINGS.symbols },
    commands: ['sweep'],
    library: (key, value) =>
      libraryVerdictAsync(key, () =>
        sweepUniverse({ files: [], strategy: 'sma-cross', grid: [], [key]: value }),
      ),
  },
  {
    name: 'queue',
    settings: QUEUE_SETTINGS,
    commands: ['backtest', 'sweep', 'worker'],
    library: (key, value) =>
      libraryVerdictAsync(key, () =>
        sweep({ file: 'x.csv', strategy: 'sma-cross', grid: [], [key]: value }),
      ),
  },
);

const ONE_BAR = parsePrices('date,open,high,low,close\n2020-01-01,1,1,1,1\n');

/** Where a setting sits in a config file, if it does: the same setting object, not a copy. */
function configPath(key: string, setting: Setting): string | undefined {
  const top: Settings = CONFIG_SETTINGS;
  const loader: Settings = CONFIG_LOADER_SETTINGS;
  if (Object.hasOwn(top, key) && top[key] === setting) return key;
  if (Object.hasOwn(loader, key) && loader[key] === setting) return `loader.${key}`;
  return undefined;
}

describe.each(SURFACES)('the $name settings', (surface) => {
  it.each(Object.keys(surface.settings))(
    '%s: every place accepts and refuses the same values, with the same rule',
    async (key) => {
      const setting = surface.settings[key];
      const flag = flagOf(key, setting);
      const path = configPath(key, setting);
      expect(
        flag !== undefined || path !== undefined || surface.config || surface.library,
      ).toBeTruthy();
      for (const probe of probes(setting)) {
        const read =
          surface.readsText && typeof probe.value === 'string' && setting.fromText
            ? setting.fromText(probe.value)
            : probe.value;
        const expected = v.safeParse(setting.schema, read).success ? undefined : setting.rule;
        const where = `${key} = ${JSON.stringify(probe.value)}`;
        if (path !== undefined)
          expect(configVerdict(path, probe.value), `config ${where}`).toBe(expected);
        if (surface.config)
          expect(surface.config(key, probe.value), `config ${where}`).toBe(expected);
        const library = surface.library ? await surface.library(key, probe.value) : null;
        if (library !== null) expect(library, `library ${where}`).toBe(expected);
        if (
          flag !== undefined &&
          setting.arg !== undefined &&
          probe.text !== undefined &&
          typeof probe.value !== 'boolean'
        ) {
          // The command line reads text: '5' is the number 5 there, as 5 is in a file.
          const fromText = setting.fromText ? setting.fromText(probe.text) : probe.text;
          // An empty value of a setting with an environment variable means unset (VAR= in a shell).
          const unset = setting.env !== undefined && probe.text.trim() === '';
          const cliExpected =
            unset || v.safeParse(setting.schema, fromText).success ? undefined : setting.rule;
          for (const command of surface.commands) {
            if (!hasFlag(command, flag)) continue;
            expect(
              await cliVerdict(command, flag, probe.text),
              `${command} ${flag} ${probe.text}`,
            ).toBe(cliExpected);
          }
        }
      }
    },
  );
});

function longFlag(flag: string): string {
  return /--[\w-]+/.exec(flag)?.[0] ?? flag;
}

function hasFlag(command: string, flag: string): boolean {
  const sub = buildProgram({ exitCode: 0 }).commands.find((c) => c.name() === command);
  return sub?.options.some((option) => option.flags === flag) ?? false;
}

describe('every flag of a surface is on its commands', () => {
  it.each(SURFACES)('$name', (surface) => {
    for (const [key, setting] of Object.entries(surface.settings)) {
      const flag = flagOf(key, setting);
      if (flag === undefined || surface.someFlags) continue;
      expect(
        surface.commands.some((command) => hasFlag(command, flag)),
        flag,
      ).toBe(true);
    }
  });
});

describe('a commission of 1 (100% of the traded value)', () => {
  const rule = BACKTEST_SETTINGS.commission.rule;

  it('is refused by the flag, the config key and the library option in the same words', async () => {
    expect(rule).toBe('a number at least 0 and below 1');
    for (const command of ['backtest', 'sweep']) {
      const program = buildProgram({ exitCode: 0 });
      const parse = program.parseAsync([command, 'x.csv', '--commission', '1'], { from: 'user' });
      await expect(parse).rejects.toThrow(
        `option '--commission <fraction>' argument '1' is invalid. Must be ${rule}.`,
      );
    }
    expect(() =>
      validateBacktestConfig({ data: 'x.csv', strategy: 'sma-cross', commission: 1 }, FILE),
    ).toThrow(`${FILE}: "commission" must be ${rule}`);
    expect(() => resolveBacktestOptions({ commission: 1 }, TIME)).toThrow(
      `commission must be ${rule}, got 1.`,
    );
    await expect(runBacktestJob({ files: ['x.csv'], backtest: { commission: 1 } })).rejects.toThrow(
      `commission must be ${rule}, got 1.`,
    );
  });

  it('just below 1 is taken everywhere', async () => {
    expect(resolveBacktestOptions({ commission: 0.999 }, TIME).commission).toBe(0.999);
    expect(
      validateBacktestConfig({ data: 'x.csv', strategy: 'sma-cross', commission: 0.999 }, FILE)
        .commission,
    ).toBe(0.999);
    const program = buildProgram({ exitCode: 0 });
    const backtest = program.commands.find((c) => c.name() === 'backtest')!;
    backtest.action(() => {});
    await program.parseAsync(['backtest', 'x.csv', '--commission', '0.999'], { from: 'user' });
    expect(backtest.opts().commission).toBe(0.999);
  });
});

describe("nn-timing's training parameters", () => {
  it('are the walk-forward training settings: same rule, same default', () => {
    for (const [key, setting] of Object.entries(TRAINING_SETTINGS)) {
      if (key === 'minDelta') continue;
      const spec = nnTiming.params[key];
      expect(paramSetting(spec).rule, key).toBe(setting.rule);
      expect(spec.default, key).toEqual(setting.default);
    }
  });

  it('refuse 49 training bars and take 50 in the strategy and in a walk-forward config alike', () => {
    const rule = 'a whole number at least 50';
    expect(() => resolveParams(nnTiming, { trainBars: 49 })).toThrow(`must be ${rule}, got 49.`);
    expect(() => validateWalkForwardConfig({ ...WF, trainBars: 49 })).toThrow(
      `trainBars must be ${rule}, got 49.`,
    );
    expect(resolveParams(nnTiming, { trainBars: 50 }).trainBars).toBe(50);
    expect(() => validateWalkForwardConfig({ ...WF, trainBars: 50 })).not.toThrow();
  });
});
