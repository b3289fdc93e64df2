import type { BPNeuralNetwork } from './bp-network.js';

/**
 * Average up-probability of the ensemble for each scaled row, written into `out` when given.
 * Members are summed in order, so the result is the same wherever it is computed.
 */
export function ensembleProbabilities(
  nets: readonly BPNeuralNetwork[],
  scaled: Float64Array,
  rows: number,
  out = new Float64Array(rows),
): Float64Array {
  const width = nets[0].inputs;
  const scratch = new Float64Array(1);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (const net of nets) sum += net.predictInto(scratch, scaled, r * width)[0];
    out[r] = sum / nets.length;
  }
  return out;
}
