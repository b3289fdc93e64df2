import { chunked, isoTimeFormatter, writeTextAtomic } from '../io/index.js';
import type { FeatureMatrix } from './types.js';

const DAY_MS = 86_400_000;

/** Dates alone when every row is a daily bar (midnight UTC), else full ISO 8601 timestamps. */
function timeFormatter(times: Float64Array): (ms: number) => string {
  for (let r = 0; r < times.length; r++) {
    if (times[r] % DAY_MS !== 0) return isoTimeFormatter();
  }
  return (ms) => new Date(ms).toISOString().slice(0, 10);
}

function* featureLines(matrix: FeatureMatrix): Generator<string> {
  const width = matrix.columns.length;
  const time = timeFormatter(matrix.time.subarray(0, matrix.rows));
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
 * The matrix as CSV in chunks of about a megabyte: `time` (the date for daily bars, else ISO 8601
 * in UTC), `bar` (index in the
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
