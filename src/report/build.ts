import type {
  BacktestResult,
  Comparison,
  ResolvedBacktestOptions,
  SignalQuality,
} from '../backtest/index.js';
import type { PriceSeries } from '../data/index.js';
import type { Overlay, StrategyOutput } from '../strategy-contract/index.js';
import type { WalkForwardDiagnostics } from '../walkforward/index.js';
import { BAR_FILES, type BarFilesChoice, barFilesSkipReason } from './bar-files.js';
import { displayLine, displaySeries } from './downsample.js';
import { isIntraday, plural } from './format.js';
import { LOOKAHEAD_NOT_CHECKED, lookaheadVerdict } from './lookahead.js';
import type {
  LookaheadStatus,
  ReportDiagnostics,
  ReportSeries,
  RunBars,
  RunReport,
  RunTimings,
  SeedSpread,
  SideReport,
} from './types.js';

export interface ReportSide {
  name: string;
  params: Record<string, unknown>;
  output: StrategyOutput;
  result: BacktestResult;
  signalQuality?: SignalQuality;
  /** Indicator lines for the charts, one value per bar of the loaded series or of the backtest. */
  overlays?: Overlay[];
}

export interface RunReportInput {
  /** Tool name and version, e.g. "nn-timing 0.1.0". */
  tool: string;
  /** The data file as the user named it. */
  file: string;
  /** The whole loaded series; the backtest may cover only part of it. */
  series: PriceSeries;
  seed: number;
  strategy: ReportSide;
  baseline: Omit<ReportSide, 'signalQuality'>;
  comparison: Comparison;
  /** The lookahead check the run made before reporting (default: not checked). */
  lookahead?: LookaheadStatus;
  seedSpread?: SeedSpread;
  /** Whether the run folder gets the per-bar files equity.csv and signals.csv (default 'auto'). */
  barFiles?: BarFilesChoice;
}

/** Lines listed in a repair warning; the rest are counted, not listed. */
const LISTED_LINES = 10;

/** Trades listed in report.json (the most recent); trades.csv holds every one. */
export const LISTED_TRADES = 1000;

/**
 * Plain JSON copy: typed arrays become arrays, NaN and Infinity become null, undefined is dropped.
 * Keeps key order, so equal inputs give byte-identical JSON.
 */
function toJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => toJson(v));
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJson(v)));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined && typeof v !== 'function') out[key] = toJson(v);
  }
  return out;
}

function toJsonAs<T>(value: T): T {
  return toJson(value) as T;
}

/** Index of the backtest's first bar in the loaded series, checking every bar lines up. */
function backtestOffset(series: PriceSeries, time: Float64Array): number {
  if (time.length === 0) throw new RangeError('The backtest covers no bars.');
  const offset = series.time.indexOf(time[0]);
  if (offset < 0 || offset + time.length > series.time.length) {
    throw new RangeError('The backtest bars are not a stretch of the loaded series.');
  }
  for (let i = 0; i < time.length; i++) {
    if (series.time[offset + i] !== time[i]) {
      throw new RangeError(`Backtest bar ${i} does not match the loaded series' time.`);
    }
  }
  return offset;
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Where a strategy's per-bar output starts relative to the backtest: strategies run on the whole
 * loaded series (offset into it) or on exactly the backtested bars (offset 0).
 */
function outputOffset(
  name: string,
  length: number,
  seriesLength: number,
  bars: number,
  offset: number,
): number {
  if (length === seriesLength) return offset;
  if (length === bars) return 0;
  throw new RangeError(
    `Strategy ${name} has ${length} values; expected ${seriesLength} (series) or ${bars} (backtest).`,
  );
}

/** The backtested stretch of a strategy's per-bar output (a view, no copy). */
function outputView(name: string, values: Float64Array, n: number, bars: number, offset: number) {
  const start = outputOffset(name, values.length, n, bars, offset);
  return values.subarray(start, start + bars);
}

/** Every backtested bar at full resolution, as views of the inputs. */
function runBars(input: RunReportInput, offset: number): RunBars {
  const { series, strategy, baseline } = input;
  const bars = strategy.result.time.length;
  const n = series.time.length;
  const run: RunBars = {
    time: strategy.result.time,
    close: series.close.subarray(offset, offset + bars),
    target: outputView('positions', strategy.output.positions, n, bars, offset),
    position: strategy.result.position,
    equity: strategy.result.equity,
    drawdown: strategy.result.drawdown,
    baselineEquity: baseline.result.equity,
    baselineDrawdown: baseline.result.drawdown,
    trades: strategy.result.trades,
  };
  const probabilities = strategy.output.probabilities;
  if (probabilities) {
    run.probability = outputView('probabilities', probabilities, n, bars, offset);
  }
  return run;
}

function buildSeries(input: RunReportInput, bars: RunBars, offset: number): ReportSeries {
  const { series } = input;
  const n = bars.time.length;
  const end = offset + n;
  const shown = displaySeries({
    ...bars,
    open: series.open.subarray(offset, end),
    high: series.high.subarray(offset, end),
    low: series.low.subarray(offset, end),
  });
  const overlays = input.strategy.overlays;
  if (overlays && overlays.length > 0) {
    shown.overlays = overlays.map((o) => ({
      label: o.label,
      pane: o.pane,
      values: displayLine(outputView(o.label, o.values, series.time.length, n, offset)),
      ...(o.levels ? { levels: [...o.levels] } : {}),
    }));
  }
  return shown;
}

function repairWarning(file: string, series: PriceSeries): string | null {
  const { rowsDropped, rowsRepaired, repairedLines } = series.meta;
  if (rowsDropped === 0 && rowsRepaired === 0) return null;
  const parts: string[] = [];
  if (rowsDropped > 0) parts.push(`${plural(rowsDropped, 'row')} dropped`);
  if (rowsRepaired > 0) parts.push(`${plural(rowsRepaired, 'row')} repaired`);
  let lines = '';
  if (repairedLines.length > 0) {
    const listed = repairedLines.slice(0, LISTED_LINES).join(', ');
    const more = repairedLines.length > LISTED_LINES ? ', ...' : '';
    lines = ` (lines ${listed}${more})`;
  }
  return `${file}: ${parts.join(' and ')}${lines}.`;
}

const CLOSE_FILL_MENTIONED = /same[- ]bar|optimistic|close fill|fill.*close/i;

/** Everything a reader should weigh before trusting the numbers, in a fixed order. */
function gatherWarnings(input: RunReportInput, options: ResolvedBacktestOptions): string[] {
  const { series, file } = input;
  const warnings: string[] = [];
  if (series.meta.adjusted) {
    warnings.push(
      'Prices are adjusted by the adjusted-close ratio: fills and equity use adjusted, not traded, prices.',
    );
  }
  const splits = series.meta.splits;
  if (splits?.applied) {
    warnings.push(
      `Prices are back-adjusted for ${plural(splits.events.length, 'stock split')} listed in column ${splits.column}: bars before a split are divided by its ratio (volumes multiplied), so fills and equity use split-adjusted prices.`,
    );
  }
  const repaired = repairWarning(file, series);
  if (repaired) warnings.push(repaired);
  if (!series.meta.fields.includes('open') && options.fill === 'open') {
    warnings.push(
      'The data has no open prices (open copies close), so next-open fills happen at the next close.',
    );
  }
  warnings.push(...series.meta.warnings);
  warnings.push(...input.strategy.result.warnings, ...input.baseline.result.warnings);
  if (options.fill === 'close' && !warnings.some((w) => CLOSE_FILL_MENTIONED.test(w))) {
    warnings.push(
      'Fills at the same bar close that decided them: optimistic, that price was not tradable yet.',
    );
  }
  if (options.commission === 0 && options.slippageBps === 0 && options.fixedFee === 0) {
    warnings.push('No trading costs are charged: results are optimistic.');
  }
  return [...new Set(warnings)];
}

function side(input: ReportSide): SideReport {
  const trades = input.result.trades;
  const omitted = Math.max(0, trades.length - LISTED_TRADES);
  const report: SideReport = {
    name: input.name,
    params: toJsonAs(input.params),
    stats: toJsonAs(input.result.stats),
    trades: toJsonAs(omitted > 0 ? trades.slice(omitted) : trades),
    ...(omitted > 0 ? { tradesOmitted: omitted } : {}),
    pending: toJsonAs(input.result.pending),
  };
  if (input.signalQuality) report.signalQuality = toJsonAs(input.signalQuality);
  return report;
}

function isNumberArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => v === null || typeof v === 'number');
}

/**
 * The walk-forward diagnostics, recognised by their declared kind (other strategies may log
 * anything); their shape is checked too, so a strategy that only claims the kind is left out.
 */
export function asWalkForwardDiagnostics(value: unknown): WalkForwardDiagnostics | undefined {
  const json = toJson(value);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const d = json as Record<string, unknown>;
  const thresholds = d.thresholds as Record<string, unknown> | undefined;
  const fits =
    d.kind === 'walk-forward' &&
    Array.isArray(d.features) &&
    d.features.every((f) => typeof f === 'string') &&
    isNumberArray(d.importance) &&
    Array.isArray(d.windows) &&
    d.windows.every(
      (w) =>
        w !== null &&
        typeof w === 'object' &&
        typeof (w as Record<string, unknown>).trainEnd === 'number' &&
        isNumberArray((w as Record<string, unknown>).importance),
    ) &&
    thresholds !== null &&
    typeof thresholds === 'object' &&
    typeof thresholds.upper === 'number' &&
    typeof thresholds.lower === 'number';
  return fits ? (json as WalkForwardDiagnostics) : undefined;
}

/** The diagnostics without their run times and thread count, which vary from run to run. */
function reproducible(diagnostics: WalkForwardDiagnostics): ReportDiagnostics {
  const { threads: _threads, windows, ...rest } = diagnostics;
  return { ...rest, windows: windows.map(({ millis: _millis, ...window }) => window) };
}

/** The walk-forward's run times (threads and per-window training time), for timings.json. */
export function walkForwardTimings(diagnostics: unknown): Omit<RunTimings, 'stages'> {
  const d = asWalkForwardDiagnostics(diagnostics);
  if (!d) return {};
  return {
    threads: d.threads,
    windows: d.windows.map((w) => ({ index: w.index, millis: w.millis })),
  };
}

/**
 * Everything one run produced, as plain JSON-ready data bounded in size: `report.json`, the table
 * and the HTML page come from this alone; the CSV files from its non-enumerable `bars` (every bar
 * and trade). Holds no time of the run itself, so equal inputs give byte-identical output.
 */
export function buildRunReport(input: RunReportInput): RunReport {
  const { series, strategy, baseline, comparison } = input;
  const time = strategy.result.time;
  if (!sameTimes(time, baseline.result.time)) {
    throw new RangeError('Strategy and baseline backtests cover different bars.');
  }
  const offset = backtestOffset(series, time);
  const options = toJsonAs(strategy.result.options);
  const { strategy: _strategyStats, baseline: _baselineStats, ...figures } = comparison;
  const diagnostics = asWalkForwardDiagnostics(strategy.output.diagnostics);
  const lookahead = input.lookahead ?? LOOKAHEAD_NOT_CHECKED;
  const verdict = toJsonAs(figures);
  const warnings = gatherWarnings(input, options);
  if (lookahead.found) {
    // A strategy that read the future has no edge to report, whatever its figures say.
    verdict.edge = false;
    verdict.verdictKind = 'invalid';
    verdict.verdict = lookaheadVerdict(lookahead, isIntraday(time));
    warnings.unshift(verdict.verdict);
  }
  const bars = runBars(input, offset);
  const skipReason = barFilesSkipReason(input.barFiles ?? 'auto', time.length);
  if (skipReason) warnings.push(skipReason);
  const report: RunReport = {
    format: 'nn-timing-report',
    version: 1,
    tool: input.tool,
    data: {
      file: input.file,
      symbol: series.symbol,
      bars: time.length,
      start: time[0],
      end: time[time.length - 1],
      adjusted: series.meta.adjusted,
      fields: [...series.meta.fields],
      rowsDropped: series.meta.rowsDropped,
      rowsRepaired: series.meta.rowsRepaired,
      warnings: [...series.meta.warnings],
    },
    options,
    seed: input.seed,
    warnings,
    strategy: side(strategy),
    baseline: side(baseline),
    comparison: verdict,
    lookahead: { ...lookahead },
    ...(input.seedSpread ? { seedSpread: toJsonAs(input.seedSpread) } : {}),
    ...(diagnostics ? { diagnostics: reproducible(diagnostics) } : {}),
    series: buildSeries(input, bars, offset),
    ...(skipReason ? { skippedFiles: [...BAR_FILES] } : {}),
  };
  // Not enumerable: JSON.stringify, spreads and structuredClone leave the per-bar data out.
  Object.defineProperty(report, 'bars', { value: bars, enumerable: false });
  return report;
}
