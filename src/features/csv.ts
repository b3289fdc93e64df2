import { isoTimeFormatter } from '../io/iso-time.js';
import { chunked, writeTextAtomic } from '../io/write-text.js';
import type { FeatureMatrix } from './types.js';

function* featureLines(matrix: FeatureMatrix): Generator<string> {
  const width = matrix.columns.length;
  const time = isoTimeFormatter();
  const { values } = matrix;
  yield `${['time', 'bar', ...matrix.columns].join(',')}\n`;
  for (let r = 0; r < matrix.rows; r++) {
    let line = `${time(matrix.time[r])},${matrix.barIndex[r]}`;
    const base = r * width;
    for (let c = 0; c < width; c++) line += `,${values[base + c]}`;
    yield `${line}\n`;
  }
}

/**
 * The matrix as CSV in chunks of about a megabyte: `time` (ISO 8601, UTC), `bar` (index in the
 * series), then one column per feature. Numbers are written in JavaScript's shortest round-trip
 * form, so reading them back gives the same doubles.
 */
export function featureCsvChunks(matrix: FeatureMatrix): Generator<string> {
  return chunked(featureLines(matrix));
}

/** The whole matrix as one CSV string (for small matrices; write large ones with writeFeatureCsv). */
export function featureMatrixToCsv(matrix: FeatureMatrix): string {
  return [...featureLines(matrix)].join('');
}

/** Writes the matrix as CSV in chunks, so any number of rows fits. */
export function writeFeatureCsv(path: string, matrix: FeatureMatrix): void {
  writeTextAtomic(path, featureCsvChunks(matrix));
}
