import type { ScalerState } from '../features/index.js';
import type { NetworkJson } from '../nn/index.js';
import type { WindowDiagnostics } from './types.js';
import type { TrainedWindow } from './window.js';

/** A finished window as plain data (what a worker thread sends back). */
export interface WindowOutcome {
  index: number;
  probabilities: Float64Array;
  diagnostics: WindowDiagnostics;
  scaler: ScalerState;
  trainedFrom: number;
  trainedThrough: number;
  /** The trained networks, kept only for the window whose model is saved. */
  networks: NetworkJson[] | null;
}

export function toOutcome(
  index: number,
  trained: TrainedWindow,
  keepNetworks: boolean,
): WindowOutcome {
  return {
    index,
    probabilities: trained.probabilities,
    diagnostics: trained.diagnostics,
    scaler: trained.scaler,
    trainedFrom: trained.trainedFrom,
    trainedThrough: trained.trainedThrough,
    networks: keepNetworks ? trained.nets.map((net) => net.toJSON()) : null,
  };
}
