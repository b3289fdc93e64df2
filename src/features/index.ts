/** The feature pipeline, without the DataFrame export (import `./dataframe.js` for that). */
export { featureCsvChunks, featureMatrixToCsv, writeFeatureCsv } from './csv.js';
export {
  DEFAULT_FEATURE_SPEC,
  DEFAULT_LABEL_SPEC,
  INDICATOR_FEATURE_SPEC,
} from './default-spec.js';
export { labelLookahead, makeLabels, validateLabelSpec } from './labels.js';
export { findLookahead, perturbFuture, stratifiedCuts } from './lookahead.js';
export { buildFeatures, checkSeriesForSpec, featuresPerBar, matrixPerBar } from './matrix.js';
export {
  applyScaler,
  checkScalerColumns,
  fitScaler,
  type ScalerKind,
  validateScalerState,
} from './scaler.js';
export { FEATURE_SETTINGS } from './settings.js';
export {
  defColumns,
  FEATURE_KINDS,
  type FeatureKind,
  featureColumns,
  featureWarmup,
  requiredFields,
  specForFields,
  validateFeatureSpec,
} from './spec.js';
export type * from './types.js';
