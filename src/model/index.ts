export { buildSavedModel, type ModelParts } from './build.js';
export { loadModel, saveModel } from './io.js';
export { predictWithModel } from './predict.js';
export { MODEL_FILE_SETTINGS, PREDICT_SETTINGS } from './settings.js';
export { applyThresholds, decidePositions } from './thresholds.js';
export type { ModelPrediction, SavedModel } from './types.js';
export { validateSavedModel } from './validate.js';
