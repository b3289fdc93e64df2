import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { ModelPrediction, SavedModel } from '../../model/index.js';
import {
  loadModel,
  MODEL_FILE_SETTINGS,
  PREDICT_SETTINGS,
  predictWithModel,
} from '../../model/index.js';
import type { OutputFormat } from '../../run/index.js';
import { formatTime, RUN_SETTINGS } from '../../run/index.js';
import { loadWithFlags } from '../csv-input.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing predict data/spy-1993-2023.csv --model runs/spy-nn-timing/model.json
  $ nn-timing predict new-prices.csv --model model.json --format json
  $ nn-timing predict new-prices.csv --model model.json --all > signals.txt

The signal is decided at the close of the last bar (the as-of date) and is meant for the next
bar: with next-open fills, trade it at the next open. Bars the model was trained on are marked
in-sample, and bars before its training data "trained on later data" (the model had seen what
came after them): neither kind is out of sample, so their signals are not evidence of anything.`;

interface PredictFlags {
  model: string;
  all?: boolean;
  allowShort?: boolean;
  format?: OutputFormat;
}

interface SignalRow {
  time: number;
  date: string;
  probability: number | null;
  target: number;
  signal: 'long' | 'flat' | 'short';
  /** Inside the model's training period (same symbol). */
  inSample: boolean;
  /** Before the model's training period (same symbol): the model learned from the bars after it. */
  trainedOnLaterData: boolean;
}

export function registerPredict(program: Command): void {
  const command = program
    .command('predict')
    .summary('the latest signal of a saved model on a CSV file')
    .description(
      'Apply a saved model (from train, or model.json of a backtest run) to a CSV file and print the latest signal.',
    )
    .argument('<csv>', 'OHLCV CSV file');
  addSettingOptions(command, {
    model: MODEL_FILE_SETTINGS.model,
    ...PREDICT_SETTINGS,
    format: RUN_SETTINGS.format,
  });
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: PredictFlags, cmd: Command) => {
      const model = loadModel(flags.model);
      const series = await loadWithFlags(file, cmd);
      const prediction = predictWithModel(model, series, { allowShort: flags.allowShort ?? false });
      const rows = signalRows(prediction, model, series.symbol);
      if (rows.length === 0) {
        throw new InputError(
          `${file} has no bar past the features' warm-up (${series.time.length} bars)`,
        );
      }
      const latest = rows[rows.length - 1];
      const warnings = modelWarnings(model, series.symbol, latest);
      if (flags.format === 'json') {
        printJson({
          file,
          model: flags.model,
          symbol: series.symbol,
          thresholds: model.thresholds,
          trainedThrough: model.trainedThrough,
          latest,
          ...(flags.all ? { signals: rows } : {}),
          warnings,
        });
        return;
      }
      const lines: string[] = [];
      if (flags.all) {
        lines.push('date                 p(up)   target  signal');
        for (const row of rows) lines.push(renderRow(row));
        lines.push('');
      }
      lines.push(
        `As of the ${latest.date} close (${series.symbol}): p(up) ${formatProbability(latest.probability)} -> ${latest.signal} for the next bar (long above ${model.thresholds.upper}, ${flags.allowShort ? 'short' : 'flat'} below ${model.thresholds.lower}, unchanged between).`,
      );
      for (const warning of warnings) lines.push(`Warning: ${warning}`);
      print(lines.join('\n'));
    },
  );
}

/**
 * On the model's own symbol, a bar is in-sample inside its training period and "trained on
 * later data" before it; only bars after the training period are out of sample.
 */
function signalRows(prediction: ModelPrediction, model: SavedModel, symbol: string): SignalRow[] {
  const sameSymbol = model.symbol === symbol;
  return Array.from(prediction.time, (time, i) => {
    const probability = prediction.probability[i];
    const target = prediction.target[i];
    return {
      time,
      date: formatTime(time),
      probability: Number.isFinite(probability) ? probability : null,
      target,
      signal: target > 0 ? 'long' : target < 0 ? 'short' : 'flat',
      inSample: sameSymbol && time >= model.trainedFrom && time <= model.trainedThrough,
      trainedOnLaterData: sameSymbol && time < model.trainedFrom,
    };
  });
}

function modelWarnings(model: SavedModel, symbol: string, latest: SignalRow): string[] {
  const warnings: string[] = [];
  if (model.symbol !== symbol) {
    warnings.push(`the model was trained on ${model.symbol}, the data is ${symbol}.`);
  }
  if (latest.inSample) {
    warnings.push(
      `the latest bar is inside the model's training data (trained through ${formatTime(model.trainedThrough)}): this signal is in-sample.`,
    );
  }
  if (latest.trainedOnLaterData) {
    warnings.push(
      `the latest bar is before the model's training data (trained from ${formatTime(model.trainedFrom)}): the model learned from later bars, so this signal is not out of sample.`,
    );
  }
  return warnings;
}

function renderRow(row: SignalRow): string {
  const mark = row.inSample
    ? '  (in-sample)'
    : row.trainedOnLaterData
      ? '  (trained on later data)'
      : '';
  return `${row.date.padEnd(19)}  ${formatProbability(row.probability).padStart(5)}  ${String(row.target).padStart(6)}  ${row.signal}${mark}`;
}

function formatProbability(p: number | null): string {
  return p === null ? 'n/a' : p.toFixed(3);
}
