import type { PendingSignal, ResolvedBacktestOptions, Trade } from '../backtest/index.js';

/** How a statistic is shown; every renderer (terminal, HTML) formats through these. */
/** `score`: a ratio that needs three decimals (AUC, Brier). */
export type StatKind = 'percent' | 'ratio' | 'score' | 'money' | 'count' | 'bars' | 'pvalue';

const NA = 'n/a';
const DAY_MS = 86_400_000;

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Thousands separators without locale data, so output is the same on every machine. */
function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [whole, fraction] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Rounds and drops a negative sign left on a zero ("-0.00" reads like a loss). */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export function formatPercent(value: number | null | undefined, digits = 2): string {
  return isNumber(value) ? `${groupThousands(fixed(value * 100, digits))}%` : NA;
}

export function formatRatio(value: number | null | undefined, digits = 2): string {
  return isNumber(value) ? groupThousands(fixed(value, digits)) : NA;
}

export function formatMoney(value: number | null | undefined): string {
  return isNumber(value) ? groupThousands(fixed(value, 2)) : NA;
}

export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? groupThousands(fixed(value, 0)) : NA;
}

/** Bar counts: whole numbers as such, averages with one decimal. */
export function formatBars(value: number | null | undefined): string {
  if (!isNumber(value)) return NA;
  return Number.isInteger(value) ? groupThousands(String(value)) : groupThousands(fixed(value, 1));
}

/**
 * A span of bars with its calendar length at the annualisation rate, e.g. "1,657 bars (6.6
 * years)", "12 bars (17 days)", "30 bars (5 hours)".
 */
export function formatDuration(bars: number | null | undefined, periodsPerYear: number): string {
  if (!isNumber(bars)) return NA;
  const days = (bars / periodsPerYear) * 365.25;
  const calendar =
    days >= 365.25
      ? `${fixed(days / 365.25, 1)} years`
      : days >= 1
        ? plural(Math.round(days), 'day')
        : plural(Math.max(1, Math.round(days * 24)), 'hour');
  return `${formatBars(bars)} bar${bars === 1 ? '' : 's'} (${calendar})`;
}

export function formatPValue(value: number | null | undefined): string {
  if (!isNumber(value)) return NA;
  return value < 0.001 ? '<0.001' : fixed(value, 3);
}

export function formatStat(value: number | null | undefined, kind: StatKind): string {
  switch (kind) {
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRatio(value);
    case 'score':
      return formatRatio(value, 3);
    case 'money':
      return formatMoney(value);
    case 'count':
      return formatCount(value);
    case 'bars':
      return formatBars(value);
    case 'pvalue':
      return formatPValue(value);
  }
}

/** True when any bar carries a time of day, i.e. dates alone would be ambiguous. */
export function isIntraday(times: ArrayLike<number>): boolean {
  for (let i = 0; i < times.length; i++) {
    if (times[i] % DAY_MS !== 0) return true;
  }
  return false;
}

/** `2023-10-30` for daily bars, `2023-10-30 14:30` (UTC) for intraday ones. */
export function formatTime(ms: number, intraday: boolean): string {
  const iso = new Date(ms).toISOString();
  if (!intraday) return iso.slice(0, 10);
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}

/** Percent with trailing zeros trimmed: 0.001 -> "0.1%", 0.0025 -> "0.25%". */
function trimmedPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(4))}%`;
}

export function describeCosts(options: ResolvedBacktestOptions): string {
  return [
    `commission ${trimmedPercent(options.commission)}`,
    `slippage ${Number(options.slippageBps.toFixed(4))} bps`,
    `fixed fee ${formatMoney(options.fixedFee)} per order`,
  ].join(', ');
}

export function describeFill(options: ResolvedBacktestOptions): string {
  return options.fill === 'open'
    ? 'next bar open (decided at the close, filled at the next open)'
    : 'same bar close (optimistic)';
}

export function describePositioning(options: ResolvedBacktestOptions): string {
  return [
    options.allowShort ? 'long and short' : 'long only',
    options.wholeUnits ? 'whole units' : 'fractional units',
    `initial cash ${formatMoney(options.initialCash)}`,
  ].join(', ');
}

/** Structured values longer than this are summarised; report.json keeps them whole. */
const PARAM_WIDTH = 40;

function paramValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= PARAM_WIDTH || value === null || typeof value !== 'object') return json;
  if (Array.isArray(value)) return `[${plural(value.length, 'item')}]`;
  return `{${plural(Object.keys(value).length, 'key')}}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `name=value` pairs in the order given; an empty record gives an empty list. */
export function describeParams(params: Record<string, unknown>): string[] {
  return Object.entries(params).map(([key, value]) => `${key}=${paramValue(value)}`);
}

export function describeStrategy(name: string, params: Record<string, unknown>): string {
  const pairs = describeParams(params);
  return pairs.length === 0 ? name : `${name} (${pairs.join(', ')})`;
}

function describeTarget(target: number): string {
  if (target === 0) return 'flat';
  return `${target > 0 ? 'long' : 'short'} ${formatPercent(Math.abs(target), 0)}`;
}

/** Positions drift with prices and costs between fills; closer than this counts as already there. */
const HOLD_TOLERANCE = 0.02;

/** What the strategy held at the last close: its trade still open, if any. */
export function heldAtEnd(trades: readonly Trade[]): 'long' | 'short' | 'flat' {
  const last = trades.at(-1);
  if (!last?.open) return 'flat';
  return last.units > 0 ? 'long' : 'short';
}

/**
 * What to do about the signal decided at the last close, in plain words: "go flat at the next
 * open (decided 2023-10-30 close)", "stay long 100% (decided ...)", or without a new signal
 * "stay long (no order)" when what was held is known, "none" when it is not.
 */
export function describePending(
  pending: PendingSignal | null,
  fill: 'open' | 'close',
  intraday: boolean,
  held?: 'long' | 'short' | 'flat',
): string {
  if (pending === null) return held ? `stay ${held} (no order)` : 'none';
  const decided = formatTime(pending.time, intraday);
  const target = describeTarget(pending.target);
  const already =
    Math.sign(pending.target) === Math.sign(pending.current) &&
    Math.abs(pending.target - pending.current) <= HOLD_TOLERANCE;
  if (already) return `stay ${target} (decided ${decided} close)`;
  return fill === 'open'
    ? `go ${target} at the next open (decided ${decided} close)`
    : `go ${target} at the ${decided} close`;
}

/** Decimals that show a price to at least five significant digits, and never fewer than two. */
export function priceDecimals(price: number): number {
  const size = Math.abs(price);
  if (!(size > 0)) return 2;
  return Math.min(10, Math.max(2, 4 - Math.floor(Math.log10(size))));
}

/** 4,321.50 / 1.09061 / 0.00012346: enough digits for equities, FX and small coins alike. */
export function formatPrice(value: number | null | undefined): string {
  if (!isNumber(value)) return NA;
  return groupThousands(fixed(value, priceDecimals(value)));
}

/** Units traded: whole numbers as such, fractions to six decimals without trailing zeros. */
export function formatUnits(value: number | null | undefined): string {
  if (!isNumber(value)) return NA;
  return groupThousands(String(Number(value.toFixed(6))));
}
