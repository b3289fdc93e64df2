/**
 * The built-in strategies bound to the library core: the registry the CLI and the package entry
 * pass, and the library's functions that turn names into strategies with it as their default.
 * The core below knows no strategy names (see docs/architecture.md, "Composition roots").
 */
export {
  BUILTINS,
  resolveStrategy,
  runBacktestJob,
  runStrategyAlone,
  sweep,
  sweepUniverse,
} from './library.js';
