import type { Command } from 'commander';
import type { PriceSeries } from '../../data/index.js';
import { describeSeries } from '../../data/index.js';
import type { OutputFormat } from '../../run/index.js';
import { formatTime, RUN_SETTINGS } from '../../run/index.js';
import { loadWithFlags } from '../csv-input.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing inspect data/orcl-1995-2014.csv
  $ nn-timing inspect data/orcl-1995-2014.csv --no-adjust
  $ nn-timing inspect prices.csv --missing drop --format json

When the loader refuses a file, its error (with the file and line) is printed and the exit code is 2.`;

export function registerInspect(program: Command): void {
  const command = program
    .command('inspect')
    .summary('show what the loader made of a CSV file')
    .description(
      'Show what the loader made of a CSV file: rows, date range, bar spacing, how columns were mapped, whether prices were adjusted, and any repairs and warnings.',
    )
    .argument('<csv>', 'OHLCV CSV file');
  addSettingOptions(command, { format: RUN_SETTINGS.format });
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: { format?: OutputFormat }, cmd: Command) => {
      const series = await loadWithFlags(file, cmd);
      const facts = inspection(file, series);
      if (flags.format === 'json') printJson(facts);
      else print(renderInspection(facts));
    },
  );
}

function adjustedText(facts: ReturnType<typeof inspection>): string {
  if (facts.adjusted) return 'yes (OHLC scaled by Adj Close / Close)';
  const splits = facts.splits;
  if (splits?.applied) {
    return `yes (back-adjusted for ${splits.events.length} split${splits.events.length === 1 ? '' : 's'} in column ${splits.column})`;
  }
  return 'no';
}

function inspection(file: string, series: PriceSeries) {
  const described = describeSeries(series);
  const { meta } = series;
  return {
    file,
    symbol: series.symbol,
    ...described,
    adjusted: meta.adjusted,
    ...(meta.splits ? { splits: meta.splits } : {}),
    fields: meta.fields,
    columns: meta.columns,
    rowsRead: meta.rowsRead,
    rowsDropped: meta.rowsDropped,
    rowsRepaired: meta.rowsRepaired,
    repairedLines: meta.repairedLines,
    warnings: meta.warnings,
  };
}

function renderInspection(facts: ReturnType<typeof inspection>): string {
  const missing = (['open', 'high', 'low', 'close', 'volume'] as const).filter(
    (field) => !facts.fields.includes(field),
  );
  const rows: [string, string][] = [
    ['File', facts.file],
    ['Symbol', facts.symbol],
    ['Bars', String(facts.bars)],
    ['From', formatTime(facts.start)],
    ['To', formatTime(facts.end)],
    ['Bar spacing', `${facts.spacingLabel}${facts.weekends ? ' (weekends included)' : ''}`],
    ['Annualisation', facts.annualisation.basis],
    [
      'Columns',
      Object.entries(facts.columns)
        .map(([name, source]) => `${name} <- "${source}"`)
        .join(', '),
    ],
    [
      'Missing fields',
      missing.length === 0
        ? 'none'
        : `${missing.join(', ')} (open/high/low copy close, volume is 0)`,
    ],
    ['Adjusted', adjustedText(facts)],
    ['Rows read', String(facts.rowsRead)],
    ['Rows dropped', String(facts.rowsDropped)],
    ['Rows repaired', String(facts.rowsRepaired)],
  ];
  if (facts.repairedLines.length > 0) rows.push(['Lines affected', facts.repairedLines.join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  lines.push('', facts.warnings.length === 0 ? 'No warnings.' : 'Warnings:');
  for (const warning of facts.warnings) lines.push(`  - ${warning}`);
  return lines.join('\n');
}
