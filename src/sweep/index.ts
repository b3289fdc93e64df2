export {
  type DeflatedSharpe,
  type DeflatedSharpeInput,
  deflatedSharpe,
  expectedMaxSharpe,
  probabilisticSharpe,
  shapeMoments,
} from './deflated-sharpe.js';
export { benjaminiHochberg, type FalseDiscoveryControl } from './fdr.js';
export {
  type JointBootstrap,
  type JointBootstrapOptions,
  jointBootstrap,
  singleTestPValues,
} from './joint-bootstrap.js';
export { normalCdf, normalQuantile } from './normal.js';
export { DEFAULT_PBO_BLOCKS, type Pbo, type PboOptions, probabilityOfOverfitting } from './pbo.js';
export { realityCheckPValue } from './reality-check.js';
export { spaPValue } from './spa.js';
