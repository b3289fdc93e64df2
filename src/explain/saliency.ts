import { InputError } from '../errors.js';
import type { BPNeuralNetwork } from '../nn/index.js';
import type { Explained } from './types.js';

/** The ensemble as a non-empty array of networks with the same input count. */
export function membersOf(explained: Explained): readonly BPNeuralNetwork[] {
  const nets = Array.isArray(explained) ? explained : [explained];
  if (nets.length === 0) throw new InputError('Explaining needs at least one network.');
  const width = nets[0].inputs;
  if (nets.some((net) => net.inputs !== width)) {
    throw new InputError('The networks of an ensemble must all have the same inputs.');
  }
  return nets;
}

/** Rows of a row-major matrix of network inputs, refusing a ragged length. */
export function rowCount(X: ArrayLike<number>, width: number): number {
  if (X.length % width !== 0) {
    throw new InputError(
      `The input matrix has ${X.length} values, not a whole number of rows of ${width} inputs.`,
    );
  }
  return X.length / width;
}

/**
 * Saliency per input: the mean over the rows of |d probability / d input|, for the ensemble's
 * mean probability averaged member by member. `X` holds the network inputs (scaled features),
 * row-major. A large value says a small change of that input moves the signal, at these rows.
 */
export function saliency(explained: Explained, X: ArrayLike<number>): Float64Array {
  const nets = membersOf(explained);
  const width = nets[0].inputs;
  const rows = rowCount(X, width);
  const sums = new Float64Array(width);
  const gradients = new Float64Array(width);
  for (const net of nets) {
    for (let r = 0; r < rows; r++) {
      net.inputGradientsInto(gradients, X, r * width);
      for (let c = 0; c < width; c++) sums[c] += Math.abs(gradients[c]);
    }
  }
  const count = rows * nets.length;
  for (let c = 0; c < width; c++) sums[c] = count > 0 ? sums[c] / count : 0;
  return sums;
}
