import { InputError } from '../errors.js';
import type { FeatureMatrix, ScalerState } from './types.js';

export type ScalerKind = ScalerState['kind'];

/**
 * Learns per-column scaling from rows [rowStart, rowEnd) only, so that nothing from later
 * (test) rows leaks into training. 'minmax' keeps min and max; 'zscore' keeps mean and
 * population standard deviation (0 for a constant column).
 */
export function fitScaler(
  matrix: FeatureMatrix,
  rowStart: number,
  rowEnd: number,
  kind: ScalerKind = 'minmax',
): ScalerState {
  if (kind !== 'minmax' && kind !== 'zscore') {
    throw new InputError(`scaler kind must be "minmax" or "zscore", got ${JSON.stringify(kind)}.`);
  }
  if (
    !Number.isInteger(rowStart) ||
    !Number.isInteger(rowEnd) ||
    rowStart < 0 ||
    rowEnd > matrix.rows ||
    rowStart >= rowEnd
  ) {
    throw new InputError(
      `The scaler needs at least one row inside the matrix's ${matrix.rows}; got rows ${rowStart} to ${rowEnd}.`,
    );
  }
  const width = matrix.columns.length;
  const count = rowEnd - rowStart;
  const a: number[] = [];
  const b: number[] = [];
  for (let c = 0; c < width; c++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let r = rowStart; r < rowEnd; r++) {
      const value = matrix.values[r * width + c];
      if (value < min) min = value;
      if (value > max) max = value;
      sum += value;
    }
    if (kind === 'minmax') {
      a.push(min);
      b.push(max);
      continue;
    }
    const mean = sum / count;
    let squares = 0;
    for (let r = rowStart; r < rowEnd; r++) {
      const deviation = matrix.values[r * width + c] - mean;
      squares += deviation * deviation;
    }
    // An exactly constant column can still show a tiny deviation from rounding of its mean.
    a.push(mean);
    b.push(min === max ? 0 : Math.sqrt(squares / count));
  }
  return { kind, columns: [...matrix.columns], a, b };
}

/**
 * Scales row-major `values` (rows x columns) into (0, 1): minmax maps [min, max] to [0, 1] and
 * clips beyond; zscore passes (x - mean) / std through the logistic. A column that was
 * constant in training maps to 0.5. Writes into `out` when given.
 */
export function applyScaler(
  state: ScalerState,
  values: Float64Array,
  rows: number,
  out?: Float64Array,
): Float64Array {
  const width = state.columns.length;
  const size = rows * width;
  if (values.length < size) {
    throw new InputError(
      `The scaler expected ${rows} rows x ${width} columns (${size} values) but got ${values.length}.`,
    );
  }
  const target = out ?? new Float64Array(size);
  if (target.length < size) {
    throw new InputError(`The scaler's output holds ${target.length} values; it needs ${size}.`);
  }
  const minmax = state.kind === 'minmax';
  for (let c = 0; c < width; c++) {
    const a = state.a[c];
    const spread = minmax ? state.b[c] - a : state.b[c];
    for (let i = c; i < size; i += width) {
      const x = values[i];
      if (!Number.isFinite(x)) {
        throw new InputError(
          `Feature ${state.columns[c]} is ${x} in row ${(i - c) / width}; the scaler needs finite values.`,
        );
      }
      if (!(spread > 0)) target[i] = 0.5;
      else if (minmax) {
        const scaled = (x - a) / spread;
        target[i] = Math.min(Math.max(scaled, 0), 1);
      } else target[i] = 1 / (1 + Math.exp(-(x - a) / spread));
    }
  }
  return target;
}

/** Refuses a scaler fitted on other columns (a saved model meeting a different feature spec). */
export function checkScalerColumns(state: ScalerState, columns: readonly string[]): void {
  const same =
    state.columns.length === columns.length && state.columns.every((c, i) => c === columns[i]);
  if (!same) {
    throw new InputError(
      `The scaler was fitted on columns ${state.columns.join(', ')} but the features are ${columns.join(', ')}.`,
    );
  }
}

/** Checks a scaler state loaded from JSON (e.g. inside a saved model) and returns a clean copy. */
export function validateScalerState(json: unknown): ScalerState {
  const fail = (problem: string): never => {
    throw new InputError(`Invalid scaler state: ${problem}.`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('not an object');
  const record = json as Record<string, unknown>;
  const { kind, columns, a, b } = record;
  if (kind !== 'minmax' && kind !== 'zscore') fail(`kind ${JSON.stringify(kind)}`);
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    fail('columns must be an array of names');
  }
  const names = columns as string[];
  const numbers = (value: unknown, name: string): number[] => {
    if (
      !Array.isArray(value) ||
      value.length !== names.length ||
      !value.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      return fail(`${name} must hold ${names.length} finite numbers`);
    }
    return [...value];
  };
  const first = numbers(a, 'a');
  const second = numbers(b, 'b');
  second.forEach((value, c) => {
    if (kind === 'minmax' ? value < first[c] : value < 0) {
      fail(`column ${names[c]} has ${kind === 'minmax' ? 'max below min' : 'a negative std'}`);
    }
  });
  return { kind: kind as ScalerKind, columns: [...names], a: first, b: second };
}
