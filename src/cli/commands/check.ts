import type { Command } from 'commander';
import { resolveStrategy } from '../../builtins/index.js';
import type { LookaheadReport } from '../../features/index.js';
import type { OutputFormat } from '../../run/index.js';
import { defaultCheckData, formatTime, RUN_SETTINGS } from '../../run/index.js';
import { helpOf } from '../../settings/index.js';
import {
  CONTEXT_SETTINGS,
  checkLookahead,
  DEFAULT_LOOKAHEAD_CUTS,
  LOOKAHEAD_SETTINGS,
} from '../../strategy-contract/index.js';
import { loadWithFlags } from '../csv-input.js';
import { EXIT_FAILURE } from '../errors.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import type { CliState } from '../program.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing check sma-cross
  $ nn-timing check ./my-strategy.ts data/spy-1993-2023.csv --cuts 20
  $ nn-timing check nn-timing --param trainBars=250 --param testBars=63 --param epochs=10

For cut points t (one drawn at random in each of --cuts equal parts of the decision bars), the
strategy is run again with every bar after t replaced by a future whose moves go the other way;
any change in its positions (or probabilities) at bars <= t means it read the future. With the
default ${DEFAULT_LOOKAHEAD_CUTS} cuts, a strategy that peeks on at least 20% of its bars is caught with
probability at least 99.6% (1 - 0.8^${DEFAULT_LOOKAHEAD_CUTS}).
Exit code 0: no lookahead found; 1: lookahead found (where is printed); 2: bad input.
With the default settings nn-timing retrains its whole walk-forward once per cut: use small
parameters as above.`;

interface CheckFlags {
  param?: Record<string, unknown>;
  cuts?: number;
  seed?: number;
  allowShort?: boolean;
  threads?: number;
  format?: OutputFormat;
}

export function registerCheck(program: Command, state: CliState): void {
  const command = program
    .command('check')
    .summary('check a strategy for lookahead (use of future bars)')
    .description(
      'Check that a strategy decides each bar from that bar and earlier ones only (no lookahead).',
    )
    .argument('<strategy>', 'built-in strategy name or a .ts/.mts/.mjs/.js file')
    .argument(
      '[csv]',
      'OHLCV CSV file (default: data/goog-2004-2013.csv in a clone of the repository)',
    );
  addSettingOptions(
    command,
    { params: RUN_SETTINGS.params },
    {
      help: { params: 'strategy parameter, repeatable' },
    },
  );
  addSettingOptions(command, LOOKAHEAD_SETTINGS, {
    help: {
      seed: helpOf({
        ...LOOKAHEAD_SETTINGS.seed,
        help: 'seed of the cut points, the random futures and the strategy',
      }),
    },
  });
  addSettingOptions(command, { ...CONTEXT_SETTINGS, format: RUN_SETTINGS.format });
  finishCsvCommand(command, EXAMPLES).action(
    async (spec: string, csv: string | undefined, flags: CheckFlags, cmd: Command) => {
      const strategy = await resolveStrategy(spec);
      const file = csv ?? defaultCheckData();
      const series = await loadWithFlags(file, cmd);
      const seed = flags.seed ?? LOOKAHEAD_SETTINGS.seed.default;
      const report = await checkLookahead(strategy, series, {
        params: flags.param,
        cuts: flags.cuts,
        seed,
        context: { seed, allowShort: flags.allowShort ?? false, threads: flags.threads },
      });
      if (!report.ok) state.exitCode = EXIT_FAILURE;
      if (flags.format === 'json') printJson({ strategy: spec, file, ...report });
      else print(renderCheck(spec, file, series.time, report));
    },
  );
}

function renderCheck(
  spec: string,
  file: string,
  time: Float64Array,
  report: LookaheadReport,
): string {
  const cuts = `${report.cuts.length} cut point${report.cuts.length === 1 ? '' : 's'}`;
  if (report.ok) {
    return `No lookahead: ${spec} on ${file}, ${cuts} (${formatTime(time[report.cuts[0]])} to ${formatTime(time[report.cuts[report.cuts.length - 1]])}); decisions up to each cut did not change when the bars after it changed.`;
  }
  const lines = [
    `Lookahead found: ${spec} on ${file} changed ${report.violationCount} value${report.violationCount === 1 ? '' : 's'} at or before a cut when only bars after the cut changed.`,
  ];
  for (const v of report.violations) {
    lines.push(
      `  ${v.column} at bar ${v.bar} (${formatTime(time[v.bar])}) with future after bar ${v.cut} (${formatTime(time[v.cut])}) changed: ${v.original} -> ${v.perturbed}`,
    );
  }
  if (report.violationCount > report.violations.length) {
    lines.push(`  ... and ${report.violationCount - report.violations.length} more`);
  }
  return lines.join('\n');
}
