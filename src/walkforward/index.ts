export {
  DEFAULT_WALK_FORWARD_CONFIG,
  TRAINING_SETTINGS,
  validateWalkForwardConfig,
  type WalkForwardConfig,
} from './config.js';
export { type WalkForwardContext, type WalkForwardResult, walkForward } from './engine.js';
export { shutdownWorkers } from './pool.js';
export {
  embargoBars,
  firstTrainBars,
  type ScheduleOptions,
  type ScheduleWindow,
  trainingRange,
  walkForwardSchedule,
} from './schedule.js';
export { deriveSeed } from './seeds.js';
export { type TrainedModel, type TrainModelOptions, trainModel } from './train-model.js';
export type * from './types.js';
