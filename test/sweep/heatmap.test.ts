import { describe, expect, it } from 'vitest';
import { heatmapCells } from '../../src/sweep/client/sweep.js';
import type { HeatmapData } from '../../src/sweep/html.js';

/** Axes a = 1, 2; b = x, y; c = 10, 20, 30; (2, y, 20) refused; the best trial is (1, y, 20). */
const rows: [string, string, string, number | null][] = [
  ['1', 'x', '10', 1],
  ['1', 'x', '20', 3],
  ['1', 'x', '30', 8],
  ['1', 'y', '10', null],
  ['1', 'y', '20', 9],
  ['1', 'y', '30', 2],
  ['2', 'x', '10', 2],
  ['2', 'x', '20', -1],
  ['2', 'x', '30', 0],
  ['2', 'y', '10', null],
  ['2', 'y', '30', null],
];
const data: HeatmapData = {
  metric: 'sharpe',
  axes: [
    { key: 'a', values: ['1', '2'] },
    { key: 'b', values: ['x', 'y'] },
    { key: 'c', values: ['10', '20', '30'] },
  ],
  best: 4,
  trials: rows.map(([a, b, c, metric]) => ({ point: [a, b, c], seed: 42, metric })),
};

describe('sweep heatmap cells (worked by hand)', () => {
  it('folds the other parameter by max, mean, median, or slices through the best trial', () => {
    // Across a, down b. Cell (b=x, a=1) holds c = 10, 20, 30: 1, 3, 8; (y, 1): null, 9, 2;
    // (x, 2): 2, -1, 0; (y, 2): null, null (and 20 refused).
    expect(heatmapCells(data, 0, 1, 'max')).toEqual([
      [8, 2],
      [9, null],
    ]);
    expect(heatmapCells(data, 0, 1, 'mean')).toEqual([
      [(1 + 3 + 8) / 3, (2 - 1 + 0) / 3],
      [(9 + 2) / 2, null],
    ]);
    expect(heatmapCells(data, 0, 1, 'median')).toEqual([
      [3, 0],
      [(2 + 9) / 2, null],
    ]);
    // c at the best trial's 20: the refused (2, y, 20) has no trial.
    expect(heatmapCells(data, 0, 1, 'best')).toEqual([
      [3, -1],
      [9, undefined],
    ]);
  });

  it('takes any two axes in either order', () => {
    // Across c, down a; b folded. Cell (a=1, c=10) holds b = x, y: 1, null.
    expect(heatmapCells(data, 2, 0, 'max')).toEqual([
      [1, 9, 8],
      [2, -1, 0],
    ]);
    // b at the best trial's y: (1, y, 10) has no metric, (2, y, 20) no trial.
    expect(heatmapCells(data, 2, 0, 'best')).toEqual([
      [null, 9, 2],
      [null, undefined, null],
    ]);
    // Across b, down a: the transpose of across a, down b.
    expect(heatmapCells(data, 1, 0, 'max')).toEqual([
      [8, 9],
      [2, null],
    ]);
  });

  it("the slice through the best trial keeps the best trial's seed", () => {
    const seeds: HeatmapData = {
      metric: 'sharpe',
      axes: [
        { key: 'a', values: ['1'] },
        { key: 'b', values: ['1', '2'] },
      ],
      best: 2,
      trials: [
        { point: ['1', '1'], seed: 1, metric: 1 },
        { point: ['1', '1'], seed: 2, metric: 5 },
        { point: ['1', '2'], seed: 1, metric: 7 },
        { point: ['1', '2'], seed: 2, metric: 2 },
      ],
    };
    expect(heatmapCells(seeds, 1, 0, 'best')).toEqual([[1, 7]]);
    expect(heatmapCells(seeds, 1, 0, 'max')).toEqual([[5, 7]]);
    expect(heatmapCells(seeds, 1, 0, 'mean')).toEqual([[3, 4.5]]);
  });
});
