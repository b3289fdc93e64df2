/** The price-data layer. `toDataFrame` lives in './dataframe.js' so that importing this stays fast. */
export { type Annualisation, inferPeriodsPerYear } from './calendar.js';
export { formatTimestamp } from './dates.js';
export { describeSeries, type SeriesDescription, spacingLabel } from './describe.js';
export type { DataFrameLike } from './frame-table.js';
export {
  loadAllSymbols,
  loadPrices,
  loadSymbols,
  type ParseOptions,
  parseAllSymbols,
  parsePrices,
} from './load-prices.js';
export {
  barCount,
  createPriceSeries,
  type PriceArrays,
  sliceByTime,
  sliceSeries,
} from './price-series.js';
export { LOADER_SETTINGS, type LoaderSettings } from './settings.js';
export { escapeInvisible } from './shown-text.js';
export { symbolFromPath } from './symbol.js';
export { seriesToCsv, timeFormatter } from './to-csv.js';
export type { LoadOptions, PriceField, PriceSeries, PriceSeriesMeta } from './types.js';
