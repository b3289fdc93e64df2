import { CsvBytes, chunked, isoTimeFormatter, writeTextAtomic } from '../io/index.js';
import { formatTime, isIntraday } from './format.js';
import type { RunBars, RunReport } from './types.js';

type Cell = string | number | boolean | null | undefined;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header plus rows, one line each, newline-terminated. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** A number in its shortest round-trip form; NaN and infinities are empty fields. */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * The report's per-bar data: `bars` on a report built in this process, else (a report read back
 * from report.json) its series, which is every bar unless it was downsampled.
 */
export function runBarsOf(report: RunReport): RunBars {
  if (report.bars) return report.bars;
  const s = report.series;
  if (s.downsampled) {
    throw new RangeError(
      `This report's series is downsampled (${s.downsampled.bars} bars); the per-bar data is in the run's CSV files.`,
    );
  }
  const column = (values: readonly (number | null)[]) =>
    Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
  return {
    time: column(s.time),
    close: column(s.close),
    target: column(s.target),
    ...(s.probability ? { probability: column(s.probability) } : {}),
    position: column(s.position),
    equity: column(s.equity),
    drawdown: column(s.drawdown),
    baselineEquity: column(s.baselineEquity),
    baselineDrawdown: column(s.baselineDrawdown),
    trades: report.strategy.trades,
  };
}

/** ISO date for daily bars, full ISO timestamp (UTC) for intraday bars. */
function timeFormatter(time: Float64Array): (ms: number) => string {
  return isIntraday(time) ? isoTimeFormatter() : (ms) => formatTime(ms, false);
}

const EQUITY_HEADER = [
  'time',
  'close',
  'target',
  'position',
  'equity',
  'drawdown',
  'baseline_equity',
  'baseline_drawdown',
];

const COMMA = 44;
const NEWLINE = 10;

/** Writes a bar's time: full ISO timestamps (UTC) for intraday bars, ISO dates for daily ones. */
function timeWriter(time: Float64Array): (out: CsvBytes, ms: number) => void {
  return isIntraday(time)
    ? (out, ms) => out.isoTime(ms)
    : (out, ms) => out.text(formatTime(ms, false));
}

/**
 * Per-bar equity of strategy and baseline with price, decided target and held position, as
 * chunks of bytes (each valid until the next is asked for): millions of bars leave no garbage.
 */
function* equityChunks(bars: RunBars): Generator<Uint8Array> {
  const out = new CsvBytes();
  const time = timeWriter(bars.time);
  const columns = [
    bars.close,
    bars.target,
    bars.position,
    bars.equity,
    bars.drawdown,
    bars.baselineEquity,
    bars.baselineDrawdown,
  ];
  out.text(`${EQUITY_HEADER.join(',')}\n`);
  for (let i = 0; i < bars.time.length; i++) {
    time(out, bars.time[i]);
    for (const column of columns) {
      out.byte(COMMA);
      out.number(column[i]);
    }
    out.byte(NEWLINE);
    if (out.full) yield out.take();
  }
  yield out.take();
}

const TRADES_HEADER = [
  'symbol',
  'side',
  'units',
  'entry_time',
  'exit_time',
  'entry_bar',
  'exit_bar',
  'entry_price',
  'exit_price',
  'pnl',
  'return',
  'bars_held',
  'costs',
  'open',
];

/** The strategy's trades, one line each; `open` marks a trade still held on the last bar. */
function* tradeLines(symbol: string, bars: RunBars): Generator<string> {
  const at = timeFormatter(bars.time);
  const name = csvField(symbol);
  yield `${TRADES_HEADER.join(',')}\n`;
  for (const t of bars.trades) {
    yield `${name},${t.units >= 0 ? 'long' : 'short'},${num(t.units)},${at(t.entryTime)},${at(t.exitTime)},${t.entryBar},${t.exitBar},${num(t.entryPrice)},${num(t.exitPrice)},${num(t.pnl)},${num(t.returnPct)},${t.barsHeld},${num(t.costs)},${t.open}\n`;
  }
}

/** Per-bar decision: the model's probability (empty when the strategy has none) and the target. */
function* signalChunks(bars: RunBars): Generator<Uint8Array> {
  const out = new CsvBytes();
  const time = timeWriter(bars.time);
  const { probability, target } = bars;
  out.text('time,probability,target\n');
  for (let i = 0; i < bars.time.length; i++) {
    time(out, bars.time[i]);
    out.byte(COMMA);
    if (probability) out.number(probability[i]);
    out.byte(COMMA);
    out.number(target[i]);
    out.byte(NEWLINE);
    if (out.full) yield out.take();
  }
  yield out.take();
}

/** The chunks as one string (each copied before the next overwrites it). */
function joined(chunks: Iterable<Uint8Array>): string {
  return Buffer.concat(Array.from(chunks, (chunk) => Buffer.from(chunk))).toString('latin1');
}

/** equity.csv as one string (for small runs; the run writer streams it). */
export function equityCsv(report: RunReport): string {
  return joined(equityChunks(runBarsOf(report)));
}

export function tradesCsv(report: RunReport): string {
  return [...tradeLines(report.data.symbol, runBarsOf(report))].join('');
}

export function signalsCsv(report: RunReport): string {
  return joined(signalChunks(runBarsOf(report)));
}

/** equity.csv, written in chunks (any number of bars). */
export function writeEquityCsv(path: string, report: RunReport): void {
  writeTextAtomic(path, equityChunks(runBarsOf(report)));
}

/** trades.csv with every trade, written in chunks. */
export function writeTradesCsv(path: string, report: RunReport): void {
  writeTextAtomic(path, chunked(tradeLines(report.data.symbol, runBarsOf(report))));
}

/** signals.csv, written in chunks. */
export function writeSignalsCsv(path: string, report: RunReport): void {
  writeTextAtomic(path, signalChunks(runBarsOf(report)));
}
