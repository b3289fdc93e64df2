export type { BarFilesChoice } from './bar-files.js';
export {
  AUTO_BAR_FILES_LIMIT,
  BAR_FILES,
  BAR_FILES_CHOICES,
  barFilesSkipReason,
} from './bar-files.js';
export type { ReportSide, RunReportInput } from './build.js';
export {
  asWalkForwardDiagnostics,
  buildRunReport,
  LISTED_TRADES,
  walkForwardTimings,
} from './build.js';
export {
  csvField,
  equityCsv,
  runBarsOf,
  signalsCsv,
  toCsv,
  tradesCsv,
  writeEquityCsv,
  writeSignalsCsv,
  writeTradesCsv,
} from './csv.js';
export { DISPLAY_BARS, displaySeries } from './downsample.js';
export { explain, GLOSSARY } from './glossary.js';
export { escapeHtml, jsonForScript, renderHtml } from './html.js';
export { describeLookahead, LOOKAHEAD_NOT_CHECKED, lookaheadVerdict } from './lookahead.js';
export type { RunOutputOptions } from './outputs.js';
export { RUN_OUTPUT_FILES, reportJson, writeRunOutputs } from './outputs.js';
export type { TableOptions } from './table.js';
export { renderExplanations, renderSummaryTable, renderTable } from './table.js';
export type * from './types.js';
