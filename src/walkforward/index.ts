export {
  DEFAULT_WALK_FORWARD_CONFIG,
  validateWalkForwardConfig,
  type WalkForwardConfig,
} from './config.js';
export { type WalkForwardContext, type WalkForwardResult, walkForward } from './engine.js';
export { ensembleProbabilities } from './ensemble.js';
export { buildProblem } from './problem.js';
export {
  embargoBars,
  firstTrainBars,
  type ScheduleOptions,
  type ScheduleWindow,
  trainingRange,
  walkForwardSchedule,
} from './schedule.js';
export { deriveSeed } from './seeds.js';
export type * from './types.js';
export { trainWindow } from './window.js';
