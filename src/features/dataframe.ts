/** The only features module that loads danfojs-node (slow to import); the rest stay light. */
import { DataFrame } from 'danfojs-node';
import type { FeatureMatrix } from './types.js';

/** The matrix as a DataFrame: `time` (Date), `bar` (index in the series), then the features. */
export function toDataFrame(matrix: FeatureMatrix): DataFrame {
  const width = matrix.columns.length;
  const data: Record<string, unknown[]> = {
    time: Array.from(matrix.time, (ms) => new Date(ms)),
    bar: Array.from(matrix.barIndex),
  };
  matrix.columns.forEach((name, c) => {
    const column = new Array<number>(matrix.rows);
    for (let r = 0; r < matrix.rows; r++) column[r] = matrix.values[r * width + c];
    data[name] = column;
  });
  return new DataFrame(data, { columns: ['time', 'bar', ...matrix.columns] });
}
