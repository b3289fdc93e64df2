import type { PriceSeries } from '../data/index.js';
import type { FeatureMatrix, FeatureSpec, LabelSpec } from '../features/index.js';
import { buildFeatures, makeLabels } from '../features/index.js';

/**
 * What every window reads, as plain typed arrays: it crosses to worker threads by structured
 * clone, with no class instances and no PriceSeries methods to lose on the way.
 */
export interface WalkForwardProblem {
  symbol: string;
  /** Bar times of the whole series (epoch ms). */
  barTime: Float64Array;
  /** The feature matrix (row-major, rows x columns.length). */
  columns: string[];
  values: Float64Array;
  rows: number;
  rowTime: Float64Array;
  barIndex: Int32Array;
  warmup: number;
  /** One label per bar (NaN where none). */
  labels: Float64Array;
  /** Bars after t that the label at t reads. */
  lookahead: number;
  /**
   * What a position decided at bar t's close earns with next-open fills: open[t+2] / open[t+1] - 1
   * (NaN for the last two bars). It reads bar t + 2: the threshold search uses it only where
   * that bar lies before the test block.
   */
  heldReturns: Float64Array;
}

function heldReturns(open: Float64Array): Float64Array {
  const returns = new Float64Array(open.length).fill(Number.NaN);
  for (let t = 0; t + 2 < open.length; t++) returns[t] = open[t + 2] / open[t + 1] - 1;
  return returns;
}

export function buildProblem(
  series: PriceSeries,
  features: FeatureSpec,
  label: LabelSpec,
): WalkForwardProblem {
  const matrix = buildFeatures(series, features);
  const labels = makeLabels(series, label);
  return {
    symbol: series.symbol,
    barTime: series.time,
    columns: matrix.columns,
    values: matrix.values,
    rows: matrix.rows,
    rowTime: matrix.time,
    barIndex: matrix.barIndex,
    warmup: matrix.warmup,
    labels: labels.values,
    lookahead: labels.lookahead,
    heldReturns: heldReturns(series.open),
  };
}

export function matrixOf(problem: WalkForwardProblem): FeatureMatrix {
  return {
    values: problem.values,
    rows: problem.rows,
    columns: problem.columns,
    time: problem.rowTime,
    barIndex: problem.barIndex,
    warmup: problem.warmup,
  };
}

/** The first feature row whose bar is >= bar (rows are in bar order). */
export function rowAtOrAfter(barIndex: Int32Array, bar: number): number {
  let low = 0;
  let high = barIndex.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (barIndex[middle] < bar) low = middle + 1;
    else high = middle;
  }
  return low;
}
