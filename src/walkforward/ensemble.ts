import type { BPNeuralNetwork } from '../nn/bp-network.js';

/**
 * Average up-probability of the ensemble for each scaled row. Members are summed in order, so
 * the result is the same wherever it is computed.
 */
export function ensembleProbabilities(
  nets: readonly BPNeuralNetwork[],
  scaled: Float64Array,
  rows: number,
): Float64Array {
  const width = nets[0].inputs;
  const out = new Float64Array(rows);
  const scratch = new Float64Array(1);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (const net of nets) sum += net.predictInto(scratch, scaled, r * width)[0];
    out[r] = sum / nets.length;
  }
  return out;
}

/** Mean |d probability / d input| per input over the rows, averaged over the members. */
export function meanAbsGradients(
  nets: readonly BPNeuralNetwork[],
  scaled: Float64Array,
  rows: number,
): number[] {
  const width = nets[0].inputs;
  const sums = new Float64Array(width);
  for (const net of nets) {
    for (let r = 0; r < rows; r++) {
      const gradients = net.inputGradients(scaled.subarray(r * width, (r + 1) * width));
      for (let c = 0; c < width; c++) sums[c] += Math.abs(gradients[c]);
    }
  }
  const count = rows * nets.length;
  return Array.from(sums, (sum) => (count > 0 ? sum / count : 0));
}
