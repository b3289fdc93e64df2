export {
  type StrategyContractOptions,
  type StrategyContractReport,
  testStrategyContract,
} from './contract.js';
export { defineStrategy } from './define.js';
export {
  type GuardedRunOptions,
  lastStrategyRun,
  overlaysGuarded,
  runStrategyGuarded,
  seriesChecksum,
} from './guarded-run.js';
export {
  type CheckLookaheadOptions,
  CONTEXT_SETTINGS,
  checkLookahead,
  DEFAULT_LOOKAHEAD_CUTS,
  LOOKAHEAD_SETTINGS,
} from './lookahead.js';
export { validateStrategyOutput } from './output.js';
export {
  coerceParam,
  paramSetting,
  paramSpecOf,
  type RawParams,
  resolveParams,
} from './params.js';
export type {
  Overlay,
  ParamSpec,
  ParamSpecs,
  ParamType,
  Strategy,
  StrategyContext,
  StrategyDiagnostics,
  StrategyOutput,
} from './types.js';
