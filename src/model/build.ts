import type { FeatureSpec, LabelSpec, ScalerState } from '../features/index.js';
import type { BPNeuralNetwork, NetworkJson } from '../nn/index.js';
import type { SavedModel } from './types.js';

export interface ModelParts {
  symbol: string;
  features: FeatureSpec;
  label: LabelSpec;
  scaler: ScalerState;
  networks: readonly (BPNeuralNetwork | NetworkJson)[];
  trainedFrom: number;
  trainedThrough: number;
  thresholds: { upper: number; lower: number };
  params?: Record<string, unknown>;
}

/** Assembles the saved form; copies the specs so later edits cannot change a saved model. */
export function buildSavedModel(parts: ModelParts): SavedModel {
  return {
    format: 'nn-timing-model',
    version: 1,
    symbol: parts.symbol,
    trainedFrom: parts.trainedFrom,
    trainedThrough: parts.trainedThrough,
    features: structuredClone(parts.features),
    label: structuredClone(parts.label),
    scaler: structuredClone(parts.scaler),
    networks: parts.networks.map((net) => ('toJSON' in net ? net.toJSON() : net)),
    thresholds: { ...parts.thresholds },
    params: structuredClone(parts.params ?? {}),
  };
}
