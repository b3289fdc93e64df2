import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { buildFeatures } from '../../src/features/matrix.js';
import {
  applyScaler,
  checkScalerColumns,
  fitScaler,
  validateScalerState,
} from '../../src/features/scaler.js';
import type { FeatureMatrix } from '../../src/features/types.js';
import { EVERY_KIND, randomSeries } from './helpers.js';

/** A small matrix written out by hand: 4 rows x 3 columns, the last one constant. */
function handMatrix(): FeatureMatrix {
  return {
    values: Float64Array.from([1, 10, 7, 3, 20, 7, 2, 40, 7, 5, 0, 7]),
    rows: 4,
    columns: ['a', 'b', 'c'],
    time: Float64Array.from([0, 1, 2, 3]),
    barIndex: Int32Array.from([0, 1, 2, 3]),
    warmup: 0,
  };
}

describe('fitScaler / applyScaler', () => {
  it('minmax learns min and max from the training rows only, and clips later rows', () => {
    const matrix = handMatrix();
    const state = fitScaler(matrix, 0, 3);
    // Rows 0..2: a in [1, 3], b in [10, 40], c constant 7. Row 3 (5, 0, 7) was not seen.
    expect(state).toEqual({
      kind: 'minmax',
      columns: ['a', 'b', 'c'],
      a: [1, 10, 7],
      b: [3, 40, 7],
    });
    const scaled = applyScaler(state, matrix.values, 4);
    expect(Array.from(scaled)).toEqual([0, 0, 0.5, 1, 1 / 3, 0.5, 0.5, 1, 0.5, 1, 0, 0.5]);
  });

  it('zscore squashes (x - mean) / std through the logistic', () => {
    const matrix = handMatrix();
    const state = fitScaler(matrix, 0, 3, 'zscore');
    // a: mean 2, population std sqrt(2/3); b: mean 70/3, std sqrt(((40/3)^2 + (10/3)^2 + (50/3)^2) / 3).
    const stdA = Math.sqrt(2 / 3);
    const stdB = Math.sqrt(((40 / 3) ** 2 + (10 / 3) ** 2 + (50 / 3) ** 2) / 3);
    expect(state.a[0]).toBeCloseTo(2, 14);
    expect(state.b[0]).toBeCloseTo(stdA, 14);
    expect(state.a[1]).toBeCloseTo(70 / 3, 12);
    expect(state.b[1]).toBeCloseTo(stdB, 12);
    expect(state.b[2]).toBe(0);
    const scaled = applyScaler(state, matrix.values, 4);
    const logistic = (z: number) => 1 / (1 + Math.exp(-z));
    expect(scaled[0]).toBeCloseTo(logistic((1 - 2) / stdA), 12);
    expect(scaled[9]).toBeCloseTo(logistic((5 - 2) / stdA), 12);
    expect(scaled[10]).toBeCloseTo(logistic((0 - 70 / 3) / stdB), 12);
    expect(scaled[2]).toBe(0.5);
    expect(scaled.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('maps a training slice of real features into [0, 1] (each column touching 0 and 1) and clips the rest', () => {
    const matrix = buildFeatures(randomSeries(400, 17), EVERY_KIND);
    const trainEnd = 200;
    const state = fitScaler(matrix, 0, trainEnd);
    const scaled = applyScaler(state, matrix.values, matrix.rows);
    const width = matrix.columns.length;
    for (let c = 0; c < width; c++) {
      const train = Array.from({ length: trainEnd }, (_, r) => scaled[r * width + c]);
      expect([matrix.columns[c], Math.min(...train), Math.max(...train)]).toEqual([
        matrix.columns[c],
        0,
        1,
      ]);
    }
    expect(scaled.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Later rows beyond the training range were clipped, not extrapolated.
    let clipped = 0;
    for (let i = trainEnd * width; i < scaled.length; i++) {
      const c = i % width;
      const raw = matrix.values[i];
      if (raw > state.b[c]) expect(scaled[i]).toBe(1);
      if (raw < state.a[c]) expect(scaled[i]).toBe(0);
      if (raw > state.b[c] || raw < state.a[c]) clipped++;
    }
    expect(clipped).toBeGreaterThan(0);
  });

  it('serialise -> load -> identical output, bit for bit', () => {
    const matrix = buildFeatures(randomSeries(300, 4), EVERY_KIND);
    for (const kind of ['minmax', 'zscore'] as const) {
      const state = fitScaler(matrix, 10, 150, kind);
      const loaded = validateScalerState(JSON.parse(JSON.stringify(state)));
      expect(loaded).toEqual(state);
      expect(applyScaler(loaded, matrix.values, matrix.rows)).toEqual(
        applyScaler(state, matrix.values, matrix.rows),
      );
    }
  });

  it('writes into a given output buffer', () => {
    const matrix = handMatrix();
    const state = fitScaler(matrix, 0, 4);
    const out = new Float64Array(12);
    expect(applyScaler(state, matrix.values, 4, out)).toBe(out);
    expect(out[9]).toBe(1); // row 3, column a: 5 is the max of 1, 3, 2, 5
  });

  it('refuses bad rows, short inputs and non-finite values', () => {
    const matrix = handMatrix();
    expect(() => fitScaler(matrix, 2, 2)).toThrow(
      "The scaler needs at least one row inside the matrix's 4; got rows 2 to 2.",
    );
    expect(() => fitScaler(matrix, 0, 5)).toThrow(InputError);
    expect(() => fitScaler(matrix, -1, 2)).toThrow(InputError);
    const state = fitScaler(matrix, 0, 4);
    expect(() => applyScaler(state, new Float64Array(5), 2)).toThrow(
      'The scaler expected 2 rows x 3 columns (6 values) but got 5.',
    );
    expect(() => applyScaler(state, Float64Array.from([1, Number.NaN, 3]), 1)).toThrow(
      'Feature b is NaN in row 0; the scaler needs finite values.',
    );
    expect(() => checkScalerColumns(state, ['a', 'b'])).toThrow(
      'The scaler was fitted on columns a, b, c but the features are a, b.',
    );
    expect(() => checkScalerColumns(state, ['a', 'b', 'c'])).not.toThrow();
  });
});

describe('validateScalerState', () => {
  const good = { kind: 'minmax', columns: ['x', 'y'], a: [0, 1], b: [1, 1] };

  it('accepts a valid state and copies it', () => {
    const input = structuredClone(good);
    const state = validateScalerState(input);
    expect(state).toEqual(good);
    input.a[0] = 9;
    expect(state.a[0]).toBe(0);
  });

  it.each([
    ['not an object', [], /not an object/],
    ['unknown kind', { ...good, kind: 'robust' }, /kind "robust"/],
    ['columns missing', { ...good, columns: undefined }, /columns must be an array of names/],
    ['a too short', { ...good, a: [0] }, /a must hold 2 finite numbers/],
    ['b not finite', { ...good, b: [1, null] }, /b must hold 2 finite numbers/],
    ['max below min', { ...good, b: [-1, 1] }, /column x has max below min/],
    [
      'negative std',
      { kind: 'zscore', columns: ['x'], a: [0], b: [-1] },
      /column x has a negative std/,
    ],
  ])('refuses %s', (_why, json, message) => {
    expect(() => validateScalerState(json)).toThrow(InputError);
    expect(() => validateScalerState(json)).toThrow(message);
  });
});
