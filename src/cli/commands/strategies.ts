import type { Command } from 'commander';
import { builtinStrategies } from '../../../strategies/index.js';
import type { OutputFormat } from '../../run/index.js';
import type { ParamSpec, Strategy } from '../../strategy-contract/index.js';
import { formatOption, print, printJson, withDebug } from '../options.js';

const EXAMPLES = `
Examples:
  $ nn-timing strategies
  $ nn-timing strategies --format json

Each parameter is shown as name=default, its type (with range or allowed values) and what it does.
Set one with --param name=value on backtest and check, or under "params" in a config file.`;

export function registerStrategies(program: Command): void {
  const command = program
    .command('strategies')
    .summary('list the built-in strategies with their parameters and defaults')
    .description(
      'List the built-in strategies, each with its parameters, types, ranges and defaults.',
    )
    .addOption(formatOption());
  withDebug(command);
  command.addHelpText('after', EXAMPLES).action((flags: { format?: OutputFormat }) => {
    if (flags.format === 'json') {
      printJson(Object.values(builtinStrategies).map(describe));
      return;
    }
    print(Object.values(builtinStrategies).map(renderStrategy).join('\n'));
  });
}

function describe(strategy: Strategy) {
  return {
    name: strategy.name,
    description: strategy.description,
    params: Object.fromEntries(
      Object.entries(strategy.params).map(([key, spec]) => [key, { ...spec }]),
    ),
  };
}

/** Longer defaults (nn-timing's feature spec) are summarised; `--format json` shows them whole. */
const MAX_DEFAULT_WIDTH = 24;

function renderStrategy(strategy: Strategy): string {
  const lines = [strategy.name, `  ${strategy.description}`];
  const rows = Object.entries(strategy.params).map(([key, spec]) => [
    `${key}=${formatDefault(spec)}`,
    typeText(spec),
    spec.description,
  ]);
  if (rows.length === 0) lines.push('  (no parameters)');
  const width = [0, 1].map((c) => Math.max(...rows.map((row) => row[c].length)));
  for (const [setting, type, description] of rows) {
    lines.push(`  ${setting.padEnd(width[0])}  ${type.padEnd(width[1])}  ${description}`);
  }
  return `${lines.join('\n')}\n`;
}

function typeText(spec: ParamSpec): string {
  if (spec.type === 'enum' && spec.values) return spec.values.join('|');
  if (spec.min === undefined && spec.max === undefined) return spec.type;
  return `${spec.type} ${spec.min ?? ''}..${spec.max ?? ''}`;
}

function formatDefault(spec: ParamSpec): string {
  const text = typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default);
  if (text.length <= MAX_DEFAULT_WIDTH) return text;
  return Array.isArray(spec.default) ? `[${spec.default.length} entries]` : '{...}';
}
