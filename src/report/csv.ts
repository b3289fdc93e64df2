import { formatTime, isIntraday } from './format.js';
import type { RunReport } from './types.js';

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

/** ISO date for daily bars, full ISO timestamp (UTC) for intraday bars. */
function timeFormatter(report: RunReport): (ms: number) => string {
  return isIntraday(report.series.time)
    ? (ms) => new Date(ms).toISOString()
    : (ms) => formatTime(ms, false);
}

/** Per-bar equity of strategy and baseline with price, decided target and held position. */
export function equityCsv(report: RunReport): string {
  const s = report.series;
  const time = timeFormatter(report);
  const header = [
    'time',
    'close',
    'target',
    'position',
    'equity',
    'drawdown',
    'baseline_equity',
    'baseline_drawdown',
  ];
  const rows = s.time.map((t, i) => [
    time(t),
    s.close[i],
    s.target[i],
    s.position[i],
    s.equity[i],
    s.drawdown[i],
    s.baselineEquity[i],
    s.baselineDrawdown[i],
  ]);
  return toCsv(header, rows);
}

/** The strategy's trades, one line each; `open` marks a trade still held on the last bar. */
export function tradesCsv(report: RunReport): string {
  const time = timeFormatter(report);
  const symbol = report.data.symbol;
  const header = [
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
  const rows = report.strategy.trades.map((t) => [
    symbol,
    t.units >= 0 ? 'long' : 'short',
    t.units,
    time(t.entryTime),
    time(t.exitTime),
    t.entryBar,
    t.exitBar,
    t.entryPrice,
    t.exitPrice,
    t.pnl,
    t.returnPct,
    t.barsHeld,
    t.costs,
    t.open,
  ]);
  return toCsv(header, rows);
}

/** Per-bar decision: the model's probability (empty when the strategy has none) and the target. */
export function signalsCsv(report: RunReport): string {
  const s = report.series;
  const time = timeFormatter(report);
  const rows = s.time.map((t, i) => [time(t), s.probability?.[i], s.target[i]]);
  return toCsv(['time', 'probability', 'target'], rows);
}
