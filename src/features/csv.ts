import { writeFileAtomic } from '../io/write-atomic.js';
import type { FeatureMatrix } from './types.js';

/**
 * The matrix as CSV: `time` (ISO 8601, UTC), `bar` (index in the series), then one column per
 * feature. Numbers are written in JavaScript's shortest round-trip form, so reading them back
 * gives the same doubles.
 */
export function featureMatrixToCsv(matrix: FeatureMatrix): string {
  const width = matrix.columns.length;
  const lines = [['time', 'bar', ...matrix.columns].join(',')];
  for (let r = 0; r < matrix.rows; r++) {
    const cells = [new Date(matrix.time[r]).toISOString(), String(matrix.barIndex[r])];
    for (let c = 0; c < width; c++) cells.push(String(matrix.values[r * width + c]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function writeFeatureCsv(path: string, matrix: FeatureMatrix): void {
  writeFileAtomic(path, featureMatrixToCsv(matrix));
}
