import { type Command, Option } from 'commander';
import { nnTiming, nnTimingConfig } from '../../../strategies/index.js';
import { saveModel } from '../../model/index.js';
import type { OutputFormat } from '../../run/index.js';
import { DEFAULT_SEED, formatTime } from '../../run/index.js';
import { resolveParams } from '../../strategy-contract/index.js';
import { trainModel } from '../../walkforward/index.js';
import { loadWithFlags } from '../csv-input.js';
import { readJsonArg } from '../json-arg.js';
import { finishCsvCommand } from '../loader-options.js';
import { formatOption, pairsToObject, print, printJson } from '../options.js';
import { integerArg, keyValueArg, numberArg } from '../parse.js';

const EXAMPLES = `
Examples:
  $ nn-timing train data/spy-1993-2023.csv --out spy-model.json
  $ nn-timing train data/goog-2004-2013.csv --out goog.json --hidden 8 --ensemble 5 --seed 7
  $ nn-timing train data/spy-1993-2023.csv --out m.json --spec my-spec.json --label threshold --param labelThreshold=0.003

Trains one nn-timing window on the newest --train-bars rows whose labels are known at the last
close, exactly as the walk-forward's last window, and saves network(s), scaler, feature spec and
thresholds. Any nn-timing parameter can be set with --param (see \`nn-timing strategies\`).
Then: nn-timing predict <csv> --model <file>.`;

interface TrainFlags {
  out: string;
  spec?: string;
  label?: string;
  horizon?: number;
  trainBars?: number;
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  momentum?: number;
  ensemble?: number;
  param?: [string, string][];
  seed?: number;
  format?: OutputFormat;
}

export function registerTrain(program: Command): void {
  const defaults = Object.fromEntries(
    Object.entries(nnTiming.params).map(([key, spec]) => [key, String(spec.default)]),
  );
  const command = program
    .command('train')
    .summary('train an nn-timing model on a CSV file and save it')
    .description(
      'Train the nn-timing network on the newest bars of a CSV file and save the model as JSON.',
    )
    .argument('<csv>', 'OHLCV CSV file')
    .requiredOption('-o, --out <file>', 'model file to write, e.g. model.json')
    .option(
      '--spec <file|json>',
      'feature spec: JSON file or inline JSON array (default: the built-in spec)',
    )
    .addOption(
      new Option(
        '--label <kind>',
        `label: next move up/down, or beyond ±labelThreshold (default: ${defaults.label})`,
      ).choices(['direction', 'threshold']),
    )
    .option(
      '--horizon <bars>',
      `bars the predicted move spans (default: ${defaults.horizon})`,
      integerArg(1, 250),
    )
    .option(
      '--train-bars <n>',
      `most training rows (the newest), validation slice included (default: ${defaults.trainBars})`,
      integerArg(50),
    )
    .option('--hidden <n>', `hidden units (default: ${defaults.hidden})`, integerArg(1, 256))
    .option(
      '--epochs <n>',
      `most epochs; early stopping usually ends sooner (default: ${defaults.epochs})`,
      integerArg(1, 100_000),
    )
    .option(
      '--learning-rate <x>',
      `step size (default: ${defaults.learningRate})`,
      numberArg(0, 10),
    )
    .option(
      '--momentum <x>',
      `weight of the previous gradient (default: ${defaults.momentum})`,
      numberArg(0, 1),
    )
    .option(
      '--ensemble <k>',
      `networks averaged (default: ${defaults.ensemble})`,
      integerArg(1, 100),
    )
    .option('-p, --param <key=value>', 'any other nn-timing parameter, repeatable', keyValueArg)
    .option('--seed <n>', 'seed of weights and shuffles (default: 42)', integerArg(0, 2 ** 32 - 1))
    .addOption(formatOption());
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: TrainFlags, cmd: Command) => {
      const named = {
        features: flags.spec === undefined ? undefined : readJsonArg(flags.spec, 'feature spec'),
        label: flags.label,
        horizon: flags.horizon,
        trainBars: flags.trainBars,
        hidden: flags.hidden,
        epochs: flags.epochs,
        learningRate: flags.learningRate,
        momentum: flags.momentum,
        ensemble: flags.ensemble,
      };
      const raw = Object.fromEntries(
        Object.entries(named).filter(([, value]) => value !== undefined),
      );
      const params = resolveParams(nnTiming, { ...pairsToObject(flags.param), ...raw });
      const series = await loadWithFlags(file, cmd);
      const seed = flags.seed ?? DEFAULT_SEED;
      const config = nnTimingConfig(params);
      const { model, diagnostics } = trainModel(series, { ...config, seed });
      saveModel(flags.out, model);
      if (flags.format === 'json') {
        printJson({ out: flags.out, seed, model: { ...model, networks: undefined }, diagnostics });
        return;
      }
      print(
        [
          `Trained ${model.networks.length} network${model.networks.length === 1 ? '' : 's'} on ${diagnostics.trainRows} rows of ${series.symbol}, ${formatTime(model.trainedFrom)} through ${formatTime(model.trainedThrough)} (${diagnostics.validationRows} of them for early stopping).`,
          `Epochs run ${diagnostics.epochsRun} (best ${diagnostics.bestEpoch}); training error ${diagnostics.trainError.toFixed(4)}, validation error ${diagnostics.validationError === null ? 'n/a' : diagnostics.validationError.toFixed(4)} (mean squared error of the probability).`,
          `Thresholds: long above ${model.thresholds.upper}, flat below ${model.thresholds.lower}.`,
          `Saved to ${flags.out}. Next: nn-timing predict ${file} --model ${flags.out}`,
        ].join('\n'),
      );
    },
  );
}
