import { InputError } from '../errors.js';
import { PythonRandom } from '../random/index.js';
import { checkRate, resolveFitOptions, shuffleInPlace } from './fit-options.js';
import { NETWORK_FORMAT, NETWORK_VERSION, parseNetworkJson } from './network-json.js';
import { toSampleMatrix } from './sample-matrix.js';
import { sigmoid } from './sigmoid.js';
import { formatSummary } from './summary.js';
import type {
  FitHistory,
  FitOptions,
  MatrixInput,
  NetworkJson,
  NetworkOptions,
  Variant,
} from './types.js';

const EMPTY = new Float64Array(0);

/**
 * The seed's back-propagation network: inputs plus a bias input, one sigmoid hidden layer (no
 * hidden bias), sigmoid outputs, online updates `w += learn * g + correct * gPrevious`.
 *
 * All state lives in flat Float64Arrays allocated by `setup`; training allocates nothing per
 * sample. The arithmetic follows the Python original operation by operation, so both variants
 * reproduce the golden files bit for bit (see README, "Reproducing the Python original").
 */
export class BPNeuralNetwork {
  readonly variant: Variant;
  private readonly rng: PythonRandom;
  private ni = 0;
  private nh = 0;
  private no = 0;
  /** Input->hidden weights, row-major [(ni + 1) x nh]; row ni is the bias input's. */
  private wi = EMPTY;
  /** Hidden->output weights, row-major [nh x no]. */
  private wo = EMPTY;
  /** Previous gradient of each input->hidden weight (the seed's `input_correction`). */
  private ci = EMPTY;
  /** Previous gradient of each hidden->output weight (the seed's `output_correction`). */
  private co = EMPTY;
  private inputCells = EMPTY;
  private labelCells = EMPTY;
  private hid = EMPTY;
  private out = EMPTY;
  private outputDeltas = EMPTY;
  private hiddenDeltas = EMPTY;

  constructor(options: NetworkOptions = {}) {
    const { inputs, hidden, outputs = 1, variant = 'fixed', seed, rng } = options;
    if (variant !== 'fixed' && variant !== 'seed') {
      throw new InputError(`variant must be "fixed" or "seed", got ${String(variant)}.`);
    }
    if (seed !== undefined && rng !== undefined) {
      throw new InputError('Give either seed or rng, not both.');
    }
    this.variant = variant;
    this.rng = rng ?? new PythonRandom(seed ?? 0);
    if (inputs !== undefined || hidden !== undefined) {
      if (inputs === undefined || hidden === undefined) {
        throw new InputError('Give both inputs and hidden (or neither, then call setup()).');
      }
      this.setup(inputs, hidden, outputs);
    }
  }

  get inputs(): number {
    return this.ni;
  }

  get hidden(): number {
    return this.nh;
  }

  get outputs(): number {
    return this.no;
  }

  /** Hidden activations of the last forward pass (the seed's `hidden_cells`). */
  get hiddenCells(): number[] {
    return Array.from(this.hid);
  }

  /** Outputs of the last forward pass (the seed's `output_cells`). */
  get outputCells(): number[] {
    return Array.from(this.out);
  }

  /**
   * Builds the layers and draws the weights from the network's generator in the seed's order:
   * input->hidden row by row (bias row last) from U[-0.2, 0.2), then hidden->output from U[-2, 2).
   * Momentum memories start at zero.
   */
  setup(ni: number, nh: number, no = 1): void {
    for (const [name, n] of [
      ['inputs', ni],
      ['hidden', nh],
      ['outputs', no],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new InputError(`${name} must be a positive integer, got ${n}.`);
      }
    }
    this.allocate(ni, nh, no);
    for (let k = 0; k < this.wi.length; k++) this.wi[k] = this.rng.uniform(-0.2, 0.2);
    for (let k = 0; k < this.wo.length; k++) this.wo[k] = this.rng.uniform(-2.0, 2.0);
  }

  /** The outputs for one sample, as a new array. */
  predict(inputs: ArrayLike<number>): number[] {
    this.requireSetup();
    if (inputs.length !== this.ni) {
      throw new InputError(`predict needs ${this.ni} inputs, got ${inputs.length}.`);
    }
    this.loadInputs(inputs, 0);
    this.forward(this.inputCells, 0);
    return Array.from(this.out);
  }

  /**
   * Writes the outputs for the sample `X[offset .. offset + inputs)` into `out` (row r of a
   * row-major matrix starts at `r * inputs`) and returns `out`. Allocates nothing.
   */
  predictInto(out: Float64Array, X: ArrayLike<number>, offset = 0): Float64Array {
    this.requireSetup();
    if (out.length < this.no) {
      throw new InputError(`predictInto needs an output array of ${this.no}, got ${out.length}.`);
    }
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + this.ni > X.length) {
      throw new InputError(
        `predictInto reads ${this.ni} inputs from offset ${offset}, but X has ${X.length} values.`,
      );
    }
    this.loadInputs(X, offset);
    this.forward(this.inputCells, 0);
    for (let k = 0; k < this.no; k++) out[k] = this.out[k];
    return out;
  }

  /**
   * One online update on one sample (the seed's `back_propagate`). Returns the sample's error
   * 0.5 * sum (label - output)^2 from the forward pass before the update; the 'seed' variant
   * returns only the last output's term, as the original does.
   */
  backPropagate(
    input: ArrayLike<number>,
    label: ArrayLike<number>,
    learn: number,
    correct: number,
  ): number {
    this.requireSetup();
    checkRate(learn, 'learn');
    checkRate(correct, 'correct');
    if (input.length !== this.ni || label.length !== this.no) {
      throw new InputError(
        `backPropagate needs ${this.ni} inputs and ${this.no} labels, got ${input.length} and ${label.length}.`,
      );
    }
    this.loadInputs(input, 0);
    for (let k = 0; k < this.no; k++) {
      const value = label[k];
      if (!isFiniteNumber(value)) rejectValue(value, `label ${k}`);
      this.labelCells[k] = value;
    }
    const error = this.step(this.inputCells, 0, this.labelCells, 0, learn, correct);
    return this.variant === 'seed' ? this.lastOutputError(this.labelCells, 0) : error;
  }

  /**
   * `limit` epochs of `backPropagate` over the cases in order (the seed's `train`). Returns the
   * last epoch's error sum (0 when limit is 0).
   */
  train(
    cases: MatrixInput,
    labels: MatrixInput,
    limit = 10000,
    learn = 0.05,
    correct = 0.1,
  ): number {
    this.requireSetup();
    checkRate(learn, 'learn');
    checkRate(correct, 'correct');
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new InputError(`limit must be a non-negative integer, got ${limit}.`);
    }
    const x = toSampleMatrix(cases, this.ni, 'cases');
    const y = toSampleMatrix(labels, this.no, 'labels');
    if (x.rows !== y.rows) {
      throw new InputError(`train got ${x.rows} cases but ${y.rows} labels.`);
    }
    const seedError = this.variant === 'seed';
    let error = 0;
    for (let epoch = 0; epoch < limit; epoch++) {
      error = 0.0;
      for (let r = 0; r < x.rows; r++) {
        const sum = this.step(x.values, r * this.ni, y.values, r * this.no, learn, correct);
        error += seedError ? this.lastOutputError(y.values, r * this.no) : sum;
      }
    }
    return error;
  }

  /**
   * Online training for everyday use; see FitOptions for the defaults. With a validation slice
   * (the last rows), the network ends holding the weights and momentum memories of the epoch
   * with the lowest validation loss unless `restoreBest` is false.
   */
  fit(X: MatrixInput, Y: MatrixInput, options: FitOptions = {}): FitHistory {
    this.requireSetup();
    const x = toSampleMatrix(X, this.ni, 'X');
    const y = toSampleMatrix(Y, this.no, 'Y');
    if (x.rows !== y.rows) throw new InputError(`X has ${x.rows} rows but Y has ${y.rows}.`);
    if (x.rows === 0) throw new InputError('fit needs at least one row.');
    const opts = resolveFitOptions(options, x.rows);
    const { learningRate, momentum, validationRows } = opts;
    const trainRows = x.rows - validationRows;
    const rng = new PythonRandom(opts.seed);
    const order = new Int32Array(trainRows);
    for (let r = 0; r < trainRows; r++) order[r] = r;
    const start = this.snapshot();
    const best = validationRows > 0 && opts.restoreBest ? this.snapshot() : null;
    const history: FitHistory = {
      trainLoss: [],
      validationLoss: [],
      bestEpoch: 0,
      epochsRun: 0,
      stoppedEarly: false,
      trainRows,
      validationRows,
    };
    let bestLoss = Number.POSITIVE_INFINITY;
    const { ni, no } = this;

    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      if (opts.shuffle) shuffleInPlace(order, rng);
      let sum = 0;
      for (let s = 0; s < trainRows; s++) {
        const r = order[s];
        sum += this.step(x.values, r * ni, y.values, r * no, learningRate, momentum);
      }
      const trainLoss = sum / trainRows;
      const validationLoss =
        validationRows > 0 ? this.meanError(x.values, y.values, trainRows, x.rows) : null;
      if (
        !Number.isFinite(trainLoss) ||
        (validationLoss !== null && !Number.isFinite(validationLoss)) ||
        !this.isFinite()
      ) {
        this.restore(start);
        throw new InputError(
          `Training diverged at epoch ${epoch} (error or weights overflowed); scale the inputs and labels or lower learningRate. The network was left as it was before fit().`,
        );
      }
      history.trainLoss.push(trainLoss);
      history.epochsRun = epoch;
      options.onEpoch?.(epoch, trainLoss, validationLoss);
      if (validationLoss === null) continue;
      history.validationLoss.push(validationLoss);
      if (validationLoss < bestLoss - opts.minDelta) {
        bestLoss = validationLoss;
        history.bestEpoch = epoch;
        if (best) this.copyStateTo(best);
      } else if (epoch - history.bestEpoch >= opts.patience) {
        history.stoppedEarly = true;
        break;
      }
    }
    if (validationRows === 0) history.bestEpoch = history.epochsRun;
    else if (best && history.bestEpoch !== history.epochsRun) this.restore(best);
    return history;
  }

  /**
   * d output[output] / d input_i for the sample x, for each of the non-bias inputs: the
   * sensitivity of the signal to each feature at that point.
   */
  inputGradients(x: ArrayLike<number>, output = 0): Float64Array {
    this.requireSetup();
    if (x.length !== this.ni) {
      throw new InputError(`inputGradients needs ${this.ni} inputs, got ${x.length}.`);
    }
    return this.inputGradientsInto(new Float64Array(this.ni), x, 0, output);
  }

  /**
   * `inputGradients` of the sample `X[offset .. offset + inputs)`, written into `out` (at least
   * `inputs` long) and returned. Allocates nothing, for loops over many rows.
   */
  inputGradientsInto(
    out: Float64Array,
    X: ArrayLike<number>,
    offset = 0,
    output = 0,
  ): Float64Array {
    this.requireSetup();
    if (!Number.isSafeInteger(output) || output < 0 || output >= this.no) {
      throw new InputError(`output must be an index below ${this.no}, got ${output}.`);
    }
    if (out.length < this.ni) {
      throw new InputError(
        `inputGradientsInto needs an output array of ${this.ni}, got ${out.length}.`,
      );
    }
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + this.ni > X.length) {
      throw new InputError(
        `inputGradientsInto reads ${this.ni} inputs from offset ${offset}, but X has ${X.length} values.`,
      );
    }
    this.loadInputs(X, offset);
    this.forward(this.inputCells, 0);
    const { ni, nh, no, wi, wo, hid } = this;
    const y = this.out[output];
    const outSlope = y * (1 - y);
    out.fill(0, 0, ni);
    for (let h = 0; h < nh; h++) {
      const a = hid[h];
      const back = outSlope * wo[h * no + output] * a * (1 - a);
      for (let i = 0; i < ni; i++) out[i] += back * wi[i * nh + h];
    }
    return out;
  }

  /** A Keras-style table of layers, output shapes and parameter counts. */
  summary(): string {
    this.requireSetup();
    return formatSummary({
      inputs: this.ni,
      hidden: this.nh,
      outputs: this.no,
      variant: this.variant,
    });
  }

  toJSON(): NetworkJson {
    this.requireSetup();
    return {
      format: NETWORK_FORMAT,
      version: NETWORK_VERSION,
      variant: this.variant,
      inputs: this.ni,
      hidden: this.nh,
      outputs: this.no,
      inputWeights: Array.from(this.wi),
      outputWeights: Array.from(this.wo),
      inputMomentum: Array.from(this.ci),
      outputMomentum: Array.from(this.co),
    };
  }

  /** Rebuilds a network from `toJSON()` output (an object or its JSON text). */
  static fromJSON(json: unknown): BPNeuralNetwork {
    const saved = parseNetworkJson(json);
    const net = new BPNeuralNetwork({ variant: saved.variant });
    net.allocate(saved.inputs, saved.hidden, saved.outputs);
    net.wi.set(saved.inputWeights);
    net.wo.set(saved.outputWeights);
    net.ci.set(saved.inputMomentum);
    net.co.set(saved.outputMomentum);
    return net;
  }

  /** An independent copy with the same variant, weights and momentum memories. */
  clone(): BPNeuralNetwork {
    this.requireSetup();
    const net = new BPNeuralNetwork({ variant: this.variant });
    net.allocate(this.ni, this.nh, this.no);
    net.restore(this.snapshot());
    return net;
  }

  private allocate(ni: number, nh: number, no: number): void {
    this.ni = ni;
    this.nh = nh;
    this.no = no;
    this.wi = new Float64Array((ni + 1) * nh);
    this.wo = new Float64Array(nh * no);
    this.ci = new Float64Array((ni + 1) * nh);
    this.co = new Float64Array(nh * no);
    this.inputCells = new Float64Array(ni);
    this.labelCells = new Float64Array(no);
    this.hid = new Float64Array(nh).fill(1.0);
    this.out = new Float64Array(no).fill(1.0);
    this.outputDeltas = new Float64Array(no);
    this.hiddenDeltas = new Float64Array(nh);
  }

  private requireSetup(): void {
    if (this.ni === 0) {
      throw new InputError(
        'The network has no layers yet: pass inputs and hidden to the constructor or call setup().',
      );
    }
  }

  /** Copies one sample into the input cells, rejecting non-finite values by position. */
  private loadInputs(source: ArrayLike<number>, offset: number): void {
    for (let c = 0; c < this.ni; c++) {
      const value = source[offset + c];
      if (!isFiniteNumber(value)) rejectValue(value, `input column ${c} (index ${offset + c})`);
      this.inputCells[c] = value;
    }
  }

  /** Forward pass for the sample at src[off ..]; the bias input is the constant 1.0. */
  private forward(src: Float64Array, off: number): void {
    const { ni, nh, no, wi, wo, hid, out } = this;
    const biasRow = ni * nh;
    for (let h = 0; h < nh; h++) {
      let total = 0.0;
      for (let i = 0; i < ni; i++) total += src[off + i] * wi[i * nh + h];
      // 1.0 * w === w exactly, so the bias term needs no multiply.
      total += wi[biasRow + h];
      hid[h] = sigmoid(total);
    }
    for (let k = 0; k < no; k++) {
      let total = 0.0;
      for (let h = 0; h < nh; h++) total += hid[h] * wo[h * no + k];
      out[k] = sigmoid(total);
    }
  }

  /**
   * Forward pass plus one update, in the seed's exact floating-point order. Returns the sample's
   * error summed over outputs, measured before the update.
   */
  private step(
    src: Float64Array,
    off: number,
    labels: Float64Array,
    labelOff: number,
    learn: number,
    correct: number,
  ): number {
    this.forward(src, off);
    const { ni, nh, no, wi, wo, ci, co, hid, out, outputDeltas, hiddenDeltas } = this;
    for (let k = 0; k < no; k++) {
      const y = out[k];
      outputDeltas[k] = y * (1 - y) * (labels[labelOff + k] - y);
    }
    // Hidden deltas use the output weights from before this update.
    for (let h = 0; h < nh; h++) {
      let error = 0.0;
      for (let k = 0; k < no; k++) error += outputDeltas[k] * wo[h * no + k];
      const a = hid[h];
      hiddenDeltas[h] = a * (1 - a) * error;
    }
    // The seed never stores the output layer's gradient, so its momentum term stays 0.
    const outputMomentum = this.variant === 'fixed';
    for (let h = 0; h < nh; h++) {
      const a = hid[h];
      for (let k = 0; k < no; k++) {
        const w = h * no + k;
        const change = outputDeltas[k] * a;
        wo[w] += learn * change + correct * co[w];
        if (outputMomentum) co[w] = change;
      }
    }
    for (let i = 0; i < ni; i++) {
      const input = src[off + i];
      const row = i * nh;
      for (let h = 0; h < nh; h++) {
        const change = hiddenDeltas[h] * input;
        wi[row + h] += learn * change + correct * ci[row + h];
        ci[row + h] = change;
      }
    }
    const biasRow = ni * nh;
    for (let h = 0; h < nh; h++) {
      const change = hiddenDeltas[h];
      wi[biasRow + h] += learn * change + correct * ci[biasRow + h];
      ci[biasRow + h] = change;
    }
    let error = 0.0;
    for (let k = 0; k < no; k++) {
      const d = labels[labelOff + k] - out[k];
      error += 0.5 * (d * d);
    }
    return error;
  }

  /** The seed's returned error: only the last output's 0.5 * (label - output)^2. */
  private lastOutputError(labels: Float64Array, labelOff: number): number {
    const d = labels[labelOff + this.no - 1] - this.out[this.no - 1];
    return 0.5 * (d * d);
  }

  /** Mean over rows [from, to) of 0.5 * sum of squared output errors, weights unchanged. */
  private meanError(xs: Float64Array, ys: Float64Array, from: number, to: number): number {
    const { ni, no, out } = this;
    let sum = 0;
    for (let r = from; r < to; r++) {
      this.forward(xs, r * ni);
      for (let k = 0; k < no; k++) {
        const d = ys[r * no + k] - out[k];
        sum += 0.5 * (d * d);
      }
    }
    return sum / (to - from);
  }

  /** Whether every weight and momentum memory is finite (errors then are too). */
  private isFinite(): boolean {
    for (const values of [this.wi, this.wo, this.ci, this.co]) {
      for (let k = 0; k < values.length; k++) {
        if (!Number.isFinite(values[k])) return false;
      }
    }
    return true;
  }

  private snapshot(): Float64Array[] {
    return [this.wi.slice(), this.wo.slice(), this.ci.slice(), this.co.slice()];
  }

  private copyStateTo(state: Float64Array[]): void {
    state[0].set(this.wi);
    state[1].set(this.wo);
    state[2].set(this.ci);
    state[3].set(this.co);
  }

  private restore(state: Float64Array[]): void {
    this.wi.set(state[0]);
    this.wo.set(state[1]);
    this.ci.set(state[2]);
    this.co.set(state[3]);
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function rejectValue(value: unknown, what: string): never {
  throw new InputError(`${what} is ${String(value)}; inputs must be finite numbers.`);
}
