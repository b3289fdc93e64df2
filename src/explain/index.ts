/** Why the network said what it said: saliency (input gradients) and occlusion. */
export { occlusionGroups } from './groups.js';
export { explainModel, type ModelExplanation } from './model.js';
export { columnMeans, meanOcclusionTable, occlusion, occlusionTable } from './occlusion.js';
export { saliency } from './saliency.js';
export type * from './types.js';
