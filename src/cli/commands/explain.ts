import type { Command } from 'commander';
import { explainModel, type ModelExplanation } from '../../explain/index.js';
import { loadModel, MODEL_FILE_SETTINGS } from '../../model/index.js';
import type { OutputFormat } from '../../run/index.js';
import { formatTime, RUN_SETTINGS } from '../../run/index.js';
import { loadWithFlags } from '../csv-input.js';
import { finishCsvCommand } from '../loader-options.js';
import { print, printJson } from '../options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing explain data/spy-1993-2023.csv --model runs/spy-nn-timing/model.json
  $ nn-timing explain new-prices.csv --model model.json --format json

Saliency: mean |d p(up) / d input| over the rows. Occlusion: each input (then each
multi-column feature whole) is replaced by its mean over the model's training rows, and the
change in p(up), the drop in AUC and the rise in error (mean (label - p)^2) are measured.
On the model's own training rows these say what it fitted, not what holds out of sample.`;

interface ExplainFlags {
  model: string;
  format?: OutputFormat;
}

export function registerExplain(program: Command): void {
  const command = program
    .command('explain')
    .summary("which inputs a saved model's signal leans on (saliency and occlusion)")
    .description(
      'Explain a saved model on a CSV file: saliency (input gradients) and occlusion (inputs replaced by their training mean) per feature.',
    )
    .argument('<csv>', 'OHLCV CSV file');
  addSettingOptions(command, { model: MODEL_FILE_SETTINGS.model, format: RUN_SETTINGS.format });
  finishCsvCommand(command, EXAMPLES).action(
    async (file: string, flags: ExplainFlags, cmd: Command) => {
      const model = loadModel(flags.model);
      const series = await loadWithFlags(file, cmd);
      const explanation = explainModel(model, series);
      if (flags.format === 'json') {
        printJson({ file, model: flags.model, symbol: series.symbol, ...explanation });
        return;
      }
      print(renderTable(explanation, file, model.symbol, model.trainedFrom, model.trainedThrough));
    },
  );
}

const fixed = (value: number | null, digits: number) =>
  value === null ? 'n/a' : value.toFixed(digits);
const signed = (value: number | null) =>
  value === null ? 'n/a' : `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;

function renderTable(
  e: ModelExplanation,
  file: string,
  symbol: string,
  from: number,
  through: number,
): string {
  const o = e.occlusion;
  const width = Math.max(8, ...o.scores.map((s) => s.name.length));
  const lines = [
    `Model trained on ${symbol} ${formatTime(from)} to ${formatTime(through)}, explained on ${e.rows} rows of ${file} (${e.labelledRows} labelled, ${e.inSampleRows} in its training period).`,
    `Without occlusion: AUC ${fixed(o.auc, 4)}, error ${fixed(o.error, 5)}. Neutral values: feature means over the ${e.neutral}.`,
    '',
    `${'input'.padEnd(width)}  saliency  occl. |dp|  AUC drop  error rise`,
  ];
  // The single columns come first, in feature order; groups (no one saliency) follow.
  o.scores.forEach((score, i) => {
    const gradient = i < e.features.length ? fixed(e.saliency[i], 4) : '';
    lines.push(
      `${score.name.padEnd(width)}  ${gradient.padStart(8)}  ${fixed(score.probabilityChange, 4).padStart(10)}  ${signed(score.aucDrop).padStart(8)}  ${signed(score.errorRise).padStart(10)}`,
    );
  });
  return lines.join('\n');
}
