export { normalCdf, normalQuantile } from '../backtest/index.js';
export { parseSweepConfig, type SweepConfig } from './config.js';
export {
  type DeflatedSharpe,
  type DeflatedSharpeInput,
  deflatedSharpe,
  expectedMaxSharpe,
  probabilisticSharpe,
  shapeMoments,
} from './deflated-sharpe.js';
export { inProcessEngine, type TrialEngine, workerEngine } from './engine.js';
export { benjaminiHochberg, type FalseDiscoveryControl } from './fdr.js';
export { type GridAxis, gridPoints, parseGridAxis, randomPoints } from './grid.js';
export {
  type JointBootstrap,
  type JointBootstrapOptions,
  jointBootstrap,
  singleTestPValues,
} from './joint-bootstrap.js';
export { DEFAULT_PBO_BLOCKS, type Pbo, type PboOptions, probabilityOfOverfitting } from './pbo.js';
export { realityCheckPValue } from './reality-check.js';
export {
  NOT_SWEEP_SETTINGS,
  SWEEP_METRICS,
  SWEEP_SETTINGS,
  type SweepMetric,
} from './settings.js';
export { spaPValue } from './spa.js';
export {
  loadSeries,
  type SweepHooks,
  type SweepOptions,
  type SweepReport,
  sweep,
  sweepJson,
  type TrialSummary,
} from './sweep.js';
export { renderSweepTable, renderUniverseTable } from './table.js';
export type { TrialOutcome, TrialSetup, TrialTask } from './trial.js';
export { TrialRunner } from './trial.js';
export {
  type SymbolVerdict,
  sweepUniverse,
  type UniverseSweepReport,
} from './universe.js';
export type { SearchVerdict, SearchVerdictKind } from './verdict.js';
export {
  parseWalkForward,
  type WalkForwardInput,
  type WalkForwardOptimisationResult,
  type WalkForwardReport,
  type WalkForwardSeries,
  type WalkForwardSpec,
  type WalkForwardStep,
  type WalkForwardTrial,
  walkForwardCsv,
  walkForwardOptimisation,
} from './walk-forward.js';
export { type SweepWorkerMessage, type SweepWorkerReply, serveTrials } from './worker.js';
