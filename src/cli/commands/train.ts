import type { Command, Option } from 'commander';
import { type NnTimingParams, nnTiming, nnTimingConfig } from '../../../strategies/index.js';
import { FEATURE_SETTINGS } from '../../features/index.js';
import { MODEL_FILE_SETTINGS, saveModel } from '../../model/index.js';
import type { OutputFormat } from '../../run/index.js';
import { formatTime, JOB_SETTINGS, RUN_SETTINGS } from '../../run/index.js';
import { helpOf } from '../../settings/index.js';
import { paramSetting, resolveParams } from '../../strategy-contract/index.js';
import { trainModel } from '../../walkforward/index.js';
import { loadWithFlags } from '../csv-input.js';
import { readJsonArg } from '../json-arg.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import { addSettingOptions, settingOption } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing train data/spy-1993-2023.csv --out spy-model.json
  $ nn-timing train data/goog-2004-2013.csv --out goog.json --hidden 8 --ensemble 5 --seed 7
  $ nn-timing train data/spy-1993-2023.csv --out m.json --spec my-spec.json --label threshold --param labelThreshold=0.003

Trains one nn-timing window on the newest --train-bars rows whose labels are known at the last
close, exactly as the walk-forward's last window, and saves network(s), scaler, feature spec and
thresholds. Any nn-timing parameter can be set with --param (see \`nn-timing strategies\`).
Then: nn-timing predict <csv> --model <file>.`;

/** nn-timing parameters with a flag of their own; the others take --param. */
const FLAG_PARAMS = [
  'label',
  'horizon',
  'trainBars',
  'hidden',
  'epochs',
  'learningRate',
  'momentum',
  'ensemble',
] as const satisfies (keyof NnTimingParams)[];

type TrainFlags = Partial<Pick<NnTimingParams, (typeof FLAG_PARAMS)[number]>> & {
  out: string;
  spec?: string;
  param?: Record<string, unknown>;
  seed?: number;
  format?: OutputFormat;
};

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .summary('train an nn-timing model on a CSV file and save it')
    .description(
      'Train the nn-timing network on the newest bars of a CSV file and save the model as JSON.',
    )
    .argument('<csv>', 'OHLCV CSV file');
  addSettingOptions(
    command,
    {
      out: MODEL_FILE_SETTINGS.out,
      spec: FEATURE_SETTINGS.spec,
      params: RUN_SETTINGS.params,
    },
    { help: { params: 'any other nn-timing parameter, repeatable' } },
  );
  // The flags for the parameters tuned most often, checked by the parameters' own settings.
  for (const key of FLAG_PARAMS) {
    command.addOption(settingOption(key, paramSetting(nnTiming.params[key])) as Option);
  }
  addSettingOptions(
    command,
    { seed: JOB_SETTINGS.seed, format: RUN_SETTINGS.format },
    {
      help: { seed: helpOf({ ...JOB_SETTINGS.seed, help: 'seed of weights and shuffles' }) },
    },
  );
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: TrainFlags, cmd: Command) => {
      const named = {
        features: flags.spec === undefined ? undefined : readJsonArg(flags.spec, 'feature spec'),
        ...Object.fromEntries(FLAG_PARAMS.map((key) => [key, flags[key]])),
      };
      const raw = Object.fromEntries(
        Object.entries(named).filter(([, value]) => value !== undefined),
      );
      const params = resolveParams(nnTiming, { ...flags.param, ...raw });
      const series = await loadWithFlags(file, cmd);
      const seed = flags.seed ?? JOB_SETTINGS.seed.default;
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
