import { once } from 'node:events';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import {
  buildFeatures,
  DEFAULT_FEATURE_SPEC,
  FEATURE_SETTINGS,
  featureCsvChunks,
  featureWarmup,
  validateFeatureSpec,
  writeFeatureCsv,
} from '../../features/index.js';
import { formatTime } from '../../run/index.js';
import { loadWithFlags } from '../csv-input.js';
import { readJsonArg } from '../json-arg.js';
import { finishCsvCommand } from '../loader-options.js';
import { print } from '../options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing features data/spy-1993-2023.csv --out features.csv
  $ nn-timing features data/goog-2004-2013.csv --spec my-spec.json --out goog-features.csv
  $ nn-timing features data/goog-2004-2013.csv --spec '[{"kind":"rsi","period":14}]' | head

Columns: time (ISO 8601, UTC), bar (index in the series), then one column per feature. Rows start
at the first bar where every feature is defined; each row uses that bar and earlier bars only.`;

export function registerFeatures(program: Command): void {
  const command = program
    .command('features')
    .summary('compute the feature matrix of a CSV file')
    .description(
      'Compute the feature matrix the network sees (before scaling) and write it as CSV.',
    )
    .argument('<csv>', 'OHLCV CSV file');
  addSettingOptions(command, FEATURE_SETTINGS);
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: { out?: string; spec?: string }, cmd: Command) => {
      const spec =
        flags.spec === undefined
          ? DEFAULT_FEATURE_SPEC
          : validateFeatureSpec(readJsonArg(flags.spec, 'feature spec'));
      const series = await loadWithFlags(file, cmd);
      const matrix = buildFeatures(series, spec);
      if (matrix.rows === 0) {
        // A header with no rows would look like success; name the feature whose period is too long.
        const longest = spec.reduce((a, b) => (featureWarmup([b]) > featureWarmup([a]) ? b : a));
        throw new InputError(
          `${file} has ${series.close.length} bars; feature '${longest.kind}' needs at least ${
            matrix.warmup + 1
          } (a ${matrix.warmup}-bar warm-up): use a longer file or a shorter period in --spec`,
        );
      }
      if (flags.out === undefined) {
        // Chunk by chunk, waiting whenever the reader is behind: memory stays flat on any length.
        for (const chunk of featureCsvChunks(matrix)) {
          if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
        }
        return;
      }
      writeFeatureCsv(flags.out, matrix);
      const span =
        matrix.rows > 0
          ? `, ${formatTime(matrix.time[0])} to ${formatTime(matrix.time[matrix.rows - 1])}`
          : '';
      print(`Wrote ${matrix.rows} rows x ${matrix.columns.length} features to ${flags.out}${span}`);
    },
  );
}
