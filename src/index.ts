/**
 * nn-timing as a library: load prices, build features, train the BP network, backtest and
 * compare honestly, report. The built-in strategies are in 'nn-timing/strategies'; the functions
 * here that take a strategy's name know them (`BUILTINS`).
 * @module nn-timing
 */
export * from './backtest/index.js';
// The composition root: these shadow the core's functions of the same names (which know no names).
export {
  BUILTINS,
  resolveStrategy,
  runBacktestJob,
  runStrategyAlone,
  sweep,
  sweepUniverse,
} from './builtins/index.js';
export * from './data/index.js';
export * from './errors.js';
export * from './explain/index.js';
export * from './features/index.js';
export * from './indicators/index.js';
export { writeFileAtomic } from './io/index.js';
export * from './model/index.js';
export * from './nn/index.js';
export * from './random/index.js';
export * from './report/index.js';
export * from './run/index.js';
export * from './strategy-contract/index.js';
export * from './sweep/index.js';
export * from './walkforward/index.js';
