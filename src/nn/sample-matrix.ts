import { InputError } from '../errors.js';
import type { MatrixInput } from './types.js';

/** Checked row-major samples: value (r, c) is `values[r * width + c]`. */
export interface SampleMatrix {
  values: Float64Array;
  rows: number;
  width: number;
}

/**
 * Packs samples into one row-major Float64Array, checking the row length and that every value is
 * finite, so that a NaN is reported by position instead of silently poisoning the weights.
 * A Float64Array is checked and used as is (no copy). `name` labels messages ("X", "Y").
 */
export function toSampleMatrix(data: MatrixInput, width: number, name: string): SampleMatrix {
  if (data.length > 0 && typeof data[0] === 'object' && data[0] !== null) {
    return fromRows(data as readonly ArrayLike<number>[], width, name);
  }
  const flat = data as ArrayLike<unknown>;
  if (flat.length % width !== 0) {
    throw new InputError(
      `${name} has ${flat.length} values, which is not a whole number of rows of ${width}.`,
    );
  }
  const rows = flat.length / width;
  if (flat instanceof Float64Array) {
    for (let k = 0; k < flat.length; k++) checkValue(flat[k], k, width, name);
    return { values: flat, rows, width };
  }
  const values = new Float64Array(flat.length);
  for (let k = 0; k < flat.length; k++) values[k] = checkValue(flat[k], k, width, name);
  return { values, rows, width };
}

function fromRows(rowsIn: readonly ArrayLike<number>[], width: number, name: string): SampleMatrix {
  const rows = rowsIn.length;
  const values = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const row = rowsIn[r] as ArrayLike<unknown> | null | undefined;
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new InputError(`${name} row ${r} is not an array of numbers.`);
    }
    if (row.length !== width) {
      throw new InputError(`${name} row ${r} has ${row.length} values, expected ${width}.`);
    }
    for (let c = 0; c < width; c++) {
      values[r * width + c] = checkValue(row[c], r * width + c, width, name);
    }
  }
  return { values, rows, width };
}

function checkValue(value: unknown, index: number, width: number, name: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const row = Math.floor(index / width);
  const column = index - row * width;
  const shown = typeof value === 'number' ? String(value) : typeof value;
  throw new InputError(
    `${name} row ${row}, column ${column} is ${shown}; every value must be a finite number (rows and columns count from 0).`,
  );
}
