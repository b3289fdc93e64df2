import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKTEST_SETTINGS, COMPARE_SETTINGS } from '../../src/backtest/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { LOADER_SETTINGS } from '../../src/data/index.js';
import { FEATURE_SETTINGS } from '../../src/features/index.js';
import { MODEL_FILE_SETTINGS, PREDICT_SETTINGS } from '../../src/model/index.js';
import { QUEUE_SETTINGS, WORKER_SETTINGS } from '../../src/queue/index.js';
import { CONFIG_LOADER_SETTINGS, CONFIG_SETTINGS } from '../../src/run/config.js';
import { JOB_SETTINGS, PRINT_SETTINGS, RUN_SETTINGS } from '../../src/run/index.js';
import { flagOf, type Settings } from '../../src/settings/index.js';
import { CONTEXT_SETTINGS, LOOKAHEAD_SETTINGS } from '../../src/strategy-contract/index.js';
import { SWEEP_SETTINGS } from '../../src/sweep/index.js';

/**
 * The guide's option reference against the settings: every flag and config key is there, a
 * config key with its accepted values (the setting's rule) and its default, a flag with its default.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const CLI_GUIDE = readFileSync(resolve(ROOT, 'docs/guide/cli.md'), 'utf8');
const SWEEP_GUIDE = readFileSync(resolve(ROOT, 'docs/guide/sweep.md'), 'utf8');

/** The table rows of `text` whose first cell names `name` in backticks. */
function rows(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.split(' | ')[0].includes(`\`${name}`));
}

function longFlag(flag: string): string {
  return /--[\w-]+/.exec(flag)?.[0] ?? flag;
}

/** The part of `text` from the heading that starts with `heading` to the next one of its level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = text.indexOf('\n## ', start + heading.length + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

const FLAG_SURFACES: [string, Settings, string][] = [
  [
    'backtest',
    {
      ...RUN_SETTINGS,
      ...JOB_SETTINGS,
      ...BACKTEST_SETTINGS,
      ...COMPARE_SETTINGS,
      ...PRINT_SETTINGS,
      ...QUEUE_SETTINGS,
    },
    section(CLI_GUIDE, '## `nn-timing backtest'),
  ],
  [
    'train',
    { out: MODEL_FILE_SETTINGS.out, spec: FEATURE_SETTINGS.spec },
    section(CLI_GUIDE, '## `nn-timing train'),
  ],
  [
    'predict',
    { model: MODEL_FILE_SETTINGS.model, ...PREDICT_SETTINGS },
    section(CLI_GUIDE, '## `nn-timing predict'),
  ],
  ['explain', { model: MODEL_FILE_SETTINGS.model }, section(CLI_GUIDE, '## `nn-timing explain')],
  ['features', FEATURE_SETTINGS, section(CLI_GUIDE, '## `nn-timing features')],
  [
    'check',
    { ...LOOKAHEAD_SETTINGS, ...CONTEXT_SETTINGS },
    section(CLI_GUIDE, '## `nn-timing check'),
  ],
  ['loader', LOADER_SETTINGS, section(CLI_GUIDE, '## Loader options')],
  ['worker', WORKER_SETTINGS, section(CLI_GUIDE, '## `nn-timing worker')],
  ['sweep', SWEEP_SETTINGS, SWEEP_GUIDE],
];

describe('the guide lists every flag with its default', () => {
  it.each(FLAG_SURFACES)('%s', (_, settings, guide) => {
    for (const [key, setting] of Object.entries(settings)) {
      const flag = flagOf(key, setting);
      if (flag === undefined) continue;
      const name = longFlag(flag);
      expect(guide, name).toMatch(new RegExp(`\`(-\\w, )?${name}[\` <,]`));
      const found = rows(guide, name);
      if (found.length > 0 && setting.default !== undefined && setting.defaultText === undefined) {
        expect(found.join('\n'), name).toContain(`\`${String(setting.default)}\``);
      }
    }
  });

  it('and no flag the program lacks, for the settings it documents', () => {
    const program = buildProgram({ exitCode: 0 });
    const flags = new Set(program.commands.flatMap((c) => c.options.map((o) => o.long)));
    for (const [, settings] of FLAG_SURFACES) {
      for (const [key, setting] of Object.entries(settings)) {
        const flag = flagOf(key, setting);
        if (flag !== undefined) expect(flags.has(longFlag(flag)), flag).toBe(true);
      }
    }
  });
});

describe('the config reference', () => {
  it('has a row for every key, with the accepted values and the default', () => {
    for (const [key, setting] of Object.entries(CONFIG_SETTINGS as Settings)) {
      const [row] = rows(CLI_GUIDE, key).filter((line) => line.includes(`| ${setting.rule} |`));
      expect(row, key).toBeDefined();
      if (setting.default !== undefined) {
        expect(row, key).toContain(`\`${JSON.stringify(setting.default)}\``);
      }
    }
  });

  it('names every key of the loader section', () => {
    const [row] = rows(CLI_GUIDE, 'loader');
    for (const key of Object.keys(CONFIG_LOADER_SETTINGS)) expect(row, key).toContain(`\`${key}\``);
  });

  it("names every key of a sweep's section", () => {
    for (const key of Object.keys(SWEEP_SETTINGS)) expect(SWEEP_GUIDE, key).toContain(`\`${key}\``);
  });
});
