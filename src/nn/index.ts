export { BPNeuralNetwork } from './bp-network.js';
export { ensembleProbabilities } from './ensemble.js';
export { NETWORK_FORMAT, NETWORK_VERSION, parseNetworkJson } from './network-json.js';
export { sigmoid } from './sigmoid.js';
export type {
  EarlyStopping,
  FitHistory,
  FitOptions,
  MatrixInput,
  NetworkJson,
  NetworkOptions,
  ValidationSplit,
  Variant,
} from './types.js';
