import type { PriceField, PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { barLabel } from './bar-label.js';
import { DEFAULT_FEATURE_SPEC } from './default-spec.js';
import { computeKind } from './kinds.js';
import {
  defFields,
  featureColumns,
  featureWarmup,
  listWords,
  validateFeatureSpec,
} from './spec.js';
import type { FeatureMatrix, FeatureSpec } from './types.js';

/**
 * Refuses a spec the series cannot feed: a kind reading a field its source lacked (absent
 * fields are filled with copies of close or zeros, which would make e.g. ATR silently wrong),
 * or a price that is not finite and above 0 / a volume that is not finite and >= 0.
 */
export function checkSeriesForSpec(series: PriceSeries, spec: FeatureSpec): void {
  const present = series.meta.fields;
  for (const def of spec) {
    const missing = defFields(def).filter((field) => !present.includes(field));
    if (missing.length > 0) {
      const has = present.length === 1 ? `${present[0]} only` : listWords(present);
      throw new InputError(
        `feature '${def.kind}' needs ${listWords(missing)}; ${series.meta.source} has ${has}.`,
      );
    }
  }
  const fields = new Set<PriceField>(spec.flatMap(defFields));
  for (const field of fields) {
    const values = series[field];
    const isVolume = field === 'volume';
    for (let bar = 0; bar < values.length; bar++) {
      const value = values[bar];
      if (!(Number.isFinite(value) && (isVolume ? value >= 0 : value > 0))) {
        throw new InputError(
          `${series.meta.source}: ${barLabel(series, bar)} has ${field} ${value}; features need ${
            isVolume ? 'finite volumes >= 0' : 'finite prices above 0'
          }.`,
        );
      }
    }
  }
}

/**
 * The feature matrix of a series: one row per bar from the spec's warm-up (the first bar at
 * which every feature is defined) to the last bar. Row r describes bar `barIndex[r]` from
 * bars <= that bar only.
 */
export function buildFeatures(
  series: PriceSeries,
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
): FeatureMatrix {
  const clean = validateFeatureSpec(spec);
  checkSeriesForSpec(series, clean);
  const columns = featureColumns(clean);
  const perBar = clean.flatMap((def) => computeKind(series, def));
  const bars = series.close.length;
  const warmup = featureWarmup(clean);
  const rows = Math.max(0, bars - warmup);
  const width = columns.length;
  const values = new Float64Array(rows * width);
  const time = new Float64Array(rows);
  const barIndex = new Int32Array(rows);
  for (let c = 0; c < width; c++) {
    const column = perBar[c];
    for (let r = 0; r < rows; r++) {
      const value = column[warmup + r];
      if (!Number.isFinite(value)) {
        throw new InputError(
          `feature ${columns[c]} is ${value} at ${barLabel(series, warmup + r)} of ${series.meta.source}; check the prices around it.`,
        );
      }
      values[r * width + c] = value;
    }
  }
  for (let r = 0; r < rows; r++) {
    time[r] = series.time[warmup + r];
    barIndex[r] = warmup + r;
  }
  return { values, rows, columns, time, barIndex, warmup };
}

/** A matrix spread back over the bars of its series: one array per column, NaN before warm-up. */
export function matrixPerBar(matrix: FeatureMatrix, bars: number): Record<string, Float64Array> {
  const width = matrix.columns.length;
  const out: Record<string, Float64Array> = {};
  matrix.columns.forEach((name, c) => {
    const column = new Float64Array(bars).fill(Number.NaN);
    for (let r = 0; r < matrix.rows; r++) column[matrix.barIndex[r]] = matrix.values[r * width + c];
    out[name] = column;
  });
  return out;
}

/** `buildFeatures` as per-bar columns, the shape `findLookahead` compares. */
export function featuresPerBar(
  series: PriceSeries,
  spec: FeatureSpec = DEFAULT_FEATURE_SPEC,
): Record<string, Float64Array> {
  return matrixPerBar(buildFeatures(series, spec), series.close.length);
}
