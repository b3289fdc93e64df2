import type { PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { applyScaler, buildFeatures, checkScalerColumns, makeLabels } from '../features/index.js';
import type { SavedModel } from '../model/index.js';
import { validateSavedModel } from '../model/index.js';
import { BPNeuralNetwork } from '../nn/index.js';
import { occlusionGroups } from './groups.js';
import { columnMeans, occlusion } from './occlusion.js';
import { saliency } from './saliency.js';
import type { Occlusion } from './types.js';

/** What `explainModel` found, per input column and per occlusion group. */
export interface ModelExplanation {
  /** Feature rows explained (every bar from the features' warm-up on). */
  rows: number;
  /** Rows whose label is known (the AUC and error are measured on these). */
  labelledRows: number;
  /** Rows inside the model's training period: there the model may simply remember. */
  inSampleRows: number;
  /**
   * Where each feature's neutral value comes from: its mean over the model's training rows
   * found in this series, or (when the series does not hold them) over all rows explained.
   */
  neutral: 'training rows' | 'explained rows';
  features: string[];
  /** Mean |d probability / d input| per feature. */
  saliency: number[];
  occlusion: Occlusion;
}

/**
 * Saliency and occlusion of a saved model on a series: the inputs are rebuilt exactly as for a
 * prediction (the model's feature spec and fitted scaler), labelled with the model's label, and
 * each feature, then each multi-column feature as a whole, is occluded with its neutral value.
 */
export function explainModel(model: SavedModel, series: PriceSeries): ModelExplanation {
  const checked = validateSavedModel(model);
  const matrix = buildFeatures(series, checked.features);
  if (matrix.rows === 0) {
    throw new InputError(
      `the series has no bar past the features' warm-up (${series.time.length} bars)`,
    );
  }
  checkScalerColumns(checked.scaler, matrix.columns);
  const width = matrix.columns.length;
  const scaled = applyScaler(checked.scaler, matrix.values, matrix.rows);
  const nets = checked.networks.map((json) => BPNeuralNetwork.fromJSON(json));
  const barLabels = makeLabels(series, checked.label).values;
  const labels = Float64Array.from(matrix.barIndex, (bar) => barLabels[bar]);

  // Rows are in time order, so the training period is one run of rows [first, end).
  const inTraining = (r: number) =>
    checked.symbol === series.symbol &&
    matrix.time[r] >= checked.trainedFrom &&
    matrix.time[r] <= checked.trainedThrough;
  let first = 0;
  while (first < matrix.rows && !inTraining(first)) first++;
  let end = first;
  while (end < matrix.rows && inTraining(end)) end++;
  const training = end - first;
  const neutral = columnMeans(
    training > 0 ? scaled.subarray(first * width, end * width) : scaled,
    width,
  );
  return {
    rows: matrix.rows,
    labelledRows: labels.reduce((n, y) => (Number.isNaN(y) ? n : n + 1), 0),
    inSampleRows: training,
    neutral: training > 0 ? 'training rows' : 'explained rows',
    features: [...matrix.columns],
    saliency: Array.from(saliency(nets, scaled)),
    occlusion: occlusion(nets, scaled, {
      neutral,
      labels,
      groups: occlusionGroups(checked.features),
    }),
  };
}
