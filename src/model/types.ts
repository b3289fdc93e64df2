import type { FeatureSpec, LabelSpec, ScalerState } from '../features/index.js';
import type { NetworkJson } from '../nn/index.js';

/**
 * A trained nn-timing model as saved to JSON: everything `predict` needs to rebuild the inputs
 * of new data exactly (feature spec, fitted scaler) and turn them into a signal.
 */
export interface SavedModel {
  format: 'nn-timing-model';
  version: 1;
  symbol: string;
  /** Time of the first training row (epoch ms). */
  trainedFrom: number;
  /** Time of the last training row (epoch ms); its label was known when the model was made. */
  trainedThrough: number;
  features: FeatureSpec;
  label: LabelSpec;
  /** Fitted on the training rows only. */
  scaler: ScalerState;
  /** The ensemble; the probability is the mean of their outputs. */
  networks: NetworkJson[];
  /** Long above upper; flat (short if allowed) below lower; unchanged between. */
  thresholds: { upper: number; lower: number };
  /** The strategy parameters the model was trained with. */
  params: Record<string, unknown>;
}

/** predictWithModel's answer, one entry per feature row (from the feature warm-up on). */
export interface ModelPrediction {
  time: Float64Array;
  /** Bar index of each row in the series. */
  barIndex: Int32Array;
  /** Ensemble probability that the next move is up. */
  probability: Float64Array;
  /** Position from the thresholds (and the parameters' minHold), starting flat at the first row. */
  target: Float64Array;
}
