import type { PriceSeries } from '../data/index.js';
import { applyScaler, buildFeatures, checkScalerColumns } from '../features/index.js';
import { BPNeuralNetwork, ensembleProbabilities } from '../nn/index.js';
import { checkOptions } from '../settings/index.js';
import { PREDICT_SETTINGS } from './settings.js';
import { applyThresholds } from './thresholds.js';
import type { ModelPrediction, SavedModel } from './types.js';
import { validateSavedModel } from './validate.js';

/**
 * The model's probability and target for every bar of `series` from the feature warm-up on;
 * the last entry is the signal for the next bar. Computed exactly as in the walk-forward
 * (same scaler, same ensemble order), so the numbers match it bit for bit.
 */
export function predictWithModel(
  model: SavedModel,
  series: PriceSeries,
  options: { allowShort?: boolean } = {},
): ModelPrediction {
  checkOptions(PREDICT_SETTINGS, options);
  const checked = validateSavedModel(model);
  const matrix = buildFeatures(series, checked.features);
  checkScalerColumns(checked.scaler, matrix.columns);
  const scaled = applyScaler(checked.scaler, matrix.values, matrix.rows);
  const nets = checked.networks.map((json) => BPNeuralNetwork.fromJSON(json));
  const probability = ensembleProbabilities(nets, scaled, matrix.rows);
  // The strategy's minimum holding, when its parameters name one, as in the backtest.
  const minHold = checked.params.minHold;
  const hold = Number.isInteger(minHold) && (minHold as number) >= 1 ? (minHold as number) : 1;
  return {
    time: matrix.time,
    barIndex: matrix.barIndex,
    probability,
    target: applyThresholds(probability, checked.thresholds, options.allowShort ?? false, hold),
  };
}
