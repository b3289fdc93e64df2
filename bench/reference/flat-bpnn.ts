/**
 * The yardstick for the training benchmark: the seed's network and update rule written as one
 * plain loop over flat Float64Arrays, with nothing else (no input checks, no history, no early
 * stopping). Sigmoid hidden and output layers, a bias input (constant 1.0, its weights the last
 * row), no hidden bias, and per-weight `w += learn * g + correct * gPrevious` on both layers.
 */
export interface FlatNet {
  ni: number;
  nh: number;
  no: number;
  /** Input->hidden weights, row-major [(ni + 1) x nh], bias row last. */
  wi: Float64Array;
  /** Hidden->output weights, row-major [nh x no]. */
  wo: Float64Array;
  /** Previous gradient term of each weight. */
  ci: Float64Array;
  co: Float64Array;
  hid: Float64Array;
  out: Float64Array;
  outputDeltas: Float64Array;
  hiddenDeltas: Float64Array;
}

export function flatNet(
  ni: number,
  nh: number,
  no: number,
  inputWeights: ArrayLike<number>,
  outputWeights: ArrayLike<number>,
): FlatNet {
  return {
    ni,
    nh,
    no,
    wi: Float64Array.from(inputWeights),
    wo: Float64Array.from(outputWeights),
    ci: new Float64Array((ni + 1) * nh),
    co: new Float64Array(nh * no),
    hid: new Float64Array(nh),
    out: new Float64Array(no),
    outputDeltas: new Float64Array(no),
    hiddenDeltas: new Float64Array(nh),
  };
}

/** Online training over rows in order for `epochs` passes; returns the last epoch's error sum. */
export function trainFlat(
  net: FlatNet,
  X: Float64Array,
  Y: Float64Array,
  rows: number,
  epochs: number,
  learn: number,
  correct: number,
): number {
  const { ni, nh, no, wi, wo, ci, co, hid, out, outputDeltas, hiddenDeltas } = net;
  const biasRow = ni * nh;
  let error = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    error = 0;
    for (let r = 0; r < rows; r++) {
      const x = r * ni;
      const y = r * no;
      for (let h = 0; h < nh; h++) {
        let total = 0.0;
        for (let i = 0; i < ni; i++) total += X[x + i] * wi[i * nh + h];
        total += wi[biasRow + h];
        hid[h] = 1.0 / (1.0 + Math.exp(-total));
      }
      for (let k = 0; k < no; k++) {
        let total = 0.0;
        for (let h = 0; h < nh; h++) total += hid[h] * wo[h * no + k];
        out[k] = 1.0 / (1.0 + Math.exp(-total));
      }
      for (let k = 0; k < no; k++) {
        const o = out[k];
        outputDeltas[k] = o * (1 - o) * (Y[y + k] - o);
      }
      for (let h = 0; h < nh; h++) {
        let sum = 0.0;
        for (let k = 0; k < no; k++) sum += outputDeltas[k] * wo[h * no + k];
        const a = hid[h];
        hiddenDeltas[h] = a * (1 - a) * sum;
      }
      for (let h = 0; h < nh; h++) {
        const a = hid[h];
        for (let k = 0; k < no; k++) {
          const w = h * no + k;
          const change = outputDeltas[k] * a;
          wo[w] += learn * change + correct * co[w];
          co[w] = change;
        }
      }
      for (let i = 0; i <= ni; i++) {
        // Row ni is the bias input, whose value is 1.0.
        const value = i < ni ? X[x + i] : 1.0;
        const row = i * nh;
        for (let h = 0; h < nh; h++) {
          const change = hiddenDeltas[h] * value;
          wi[row + h] += learn * change + correct * ci[row + h];
          ci[row + h] = change;
        }
      }
      for (let k = 0; k < no; k++) {
        const d = Y[y + k] - out[k];
        error += 0.5 * (d * d);
      }
    }
  }
  return error;
}
