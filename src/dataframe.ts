/**
 * DataFrame interop, at the subpath `nn-timing/dataframe`. It needs danfojs-node, an optional
 * peer dependency: install it yourself to use this module. Nothing in the core imports it, so
 * `nn-timing` itself neither needs danfojs nor pays its import time (over a second).
 * Reading a DataFrame needs no import at all: `loadPrices(frame)` accepts any frame-like object.
 * @module nn-timing/dataframe
 */
import type { DataFrame } from 'danfojs-node';
import { toDataFrame as seriesToDataFrame } from './data/dataframe.js';
import type { PriceSeries } from './data/index.js';
import { toDataFrame as featuresToDataFrame } from './features/dataframe.js';
import type { FeatureMatrix } from './features/index.js';

/**
 * A price series as a DataFrame (`Date` as text, then one column per field the source had), or a
 * feature matrix as one (`time` as Date, `bar`, then the features).
 */
export function toDataFrame(source: PriceSeries): DataFrame;
export function toDataFrame(source: FeatureMatrix): DataFrame;
export function toDataFrame(source: PriceSeries | FeatureMatrix): DataFrame {
  return 'barIndex' in source ? featuresToDataFrame(source) : seriesToDataFrame(source);
}
