/**
 * A hand-built, realistic run: 300 weekday bars ending Monday 2023-10-30, a backtest over the last
 * 250 of them, four trades (the last still open), walk-forward diagnostics with three windows.
 * Everything is constructed directly so the report tests depend on no other module's code.
 */
import type {
  BacktestResult,
  Comparison,
  ResolvedBacktestOptions,
  Stats,
  Trade,
} from '../../src/backtest/types.js';
import type { PriceSeries } from '../../src/data/types.js';
import type { RunReportInput } from '../../src/report/build.js';
import type { WalkForwardDiagnostics } from '../../src/walkforward/types.js';

export const BARS = 300;
export const START = 50;
export const LAST_DAY = Date.UTC(2023, 9, 30);
const DAY = 86_400_000;

/** Weekday dates counting back from LAST_DAY, oldest first. */
export function weekdays(count: number, last = LAST_DAY): number[] {
  const out: number[] = [];
  for (let t = last; out.length < count; t -= DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(t);
  }
  return out.reverse();
}

export function makeSeries(symbol = 'SYN'): PriceSeries {
  const time = weekdays(BARS);
  const close = time.map((_, i) => 100 * (1 + 0.001 * i) + 5 * Math.sin(i / 10));
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]));
  return {
    symbol,
    time: Float64Array.from(time),
    open: Float64Array.from(open),
    high: Float64Array.from(close.map((c, i) => Math.max(c, open[i]) + 1)),
    low: Float64Array.from(close.map((c, i) => Math.min(c, open[i]) - 1)),
    close: Float64Array.from(close),
    volume: new Float64Array(BARS).fill(1000),
    meta: {
      source: 'data/syn.csv',
      adjusted: false,
      fields: ['open', 'high', 'low', 'close', 'volume'],
      columns: {},
      rowsRead: BARS,
      rowsDropped: 0,
      rowsRepaired: 0,
      repairedLines: [],
      warnings: [],
    },
  };
}

export const OPTIONS: ResolvedBacktestOptions = {
  fill: 'open',
  commission: 0.001,
  fixedFee: 0,
  slippageBps: 2,
  allowShort: false,
  wholeUnits: false,
  initialCash: 10_000,
  riskFreeRate: 0,
  periodsPerYear: 252,
  annualisationBasis: '252 (weekday daily bars)',
};

export function makeStats(overrides: Partial<Stats> = {}): Stats {
  return {
    start: weekdays(BARS)[START],
    end: LAST_DAY,
    durationDays: 360,
    bars: BARS - START,
    exposureTime: 0.48,
    equityFinal: 11_234.5,
    equityPeak: 11_500,
    totalReturn: 0.12345,
    buyHoldReturn: 0.2,
    cagr: 0.1187,
    annualReturn: 0.1187,
    annualVolatility: 0.153,
    sharpe: 0.8765,
    sortino: null,
    calmar: 1.5,
    maxDrawdown: -0.0791,
    avgDrawdown: -0.021,
    maxDrawdownDuration: 41,
    avgDrawdownDuration: 9.5,
    trades: 4,
    winRate: 0.75,
    bestTrade: 0.1,
    worstTrade: -0.02,
    avgTrade: 0.035,
    maxTradeDuration: 40,
    avgTradeDuration: 27.5,
    profitFactor: 3.2,
    expectancy: 175,
    sqn: 1.1,
    turnover: 4.2,
    totalCosts: 85.25,
    periodsPerYear: 252,
    annualisationBasis: '252 (weekday daily bars)',
    ...overrides,
  };
}

function trade(
  entryBar: number,
  exitBar: number,
  returnPct: number,
  time: number[],
  open = false,
): Trade {
  return {
    units: 50,
    entryBar,
    exitBar,
    entryTime: time[entryBar],
    exitTime: time[exitBar],
    entryPrice: 100 + entryBar / 10,
    exitPrice: (100 + entryBar / 10) * (1 + returnPct),
    pnl: 5000 * returnPct,
    returnPct,
    barsHeld: exitBar - entryBar,
    costs: 10,
    open,
  };
}

/** Backtest-bar trades in entry order; their returns are deliberately not in sorted order. */
export function makeTrades(time: number[]): Trade[] {
  return [
    trade(20, 60, 0.05, time),
    trade(80, 100, -0.02, time),
    trade(130, 170, 0.1, time),
    trade(200, 249, 0.01, time, true),
  ];
}

function drawdownOf(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  equity.forEach((e, i) => {
    peak = Math.max(peak, e);
    out[i] = e / peak - 1;
  });
  return out;
}

export function makeResult(
  series: PriceSeries,
  equity: Float64Array,
  position: Float64Array,
  trades: Trade[],
  stats: Stats,
  warnings: string[] = [],
): BacktestResult {
  const time = series.time.slice(START);
  const n = time.length;
  return {
    symbol: series.symbol,
    options: OPTIONS,
    time,
    equity,
    cash: new Float64Array(n),
    units: new Float64Array(n),
    position,
    drawdown: drawdownOf(equity),
    returns: new Float64Array(n),
    trades,
    pending: null,
    stats,
    warnings,
  };
}

export const FEATURES = ['rsi14', 'macd_hist', 'ret_5', 'vol_20'];
/** Mean importance; sorted largest first the bars read macd_hist, rsi14, vol_20, ret_5. */
export const IMPORTANCE = [0.3, 0.45, 0.1, 0.15];

/** Mean occlusion change in p; sorted largest first: macd_hist, rsi14, vol_20, ret_5. */
export const OCCLUSION = [0.02, 0.05, 0.004, 0.01];

function occlusionTable(scale: number) {
  return {
    probabilityChange: OCCLUSION.map((v) => v * scale),
    aucDrop: OCCLUSION.map((v) => v * scale * 0.5),
    errorRise: OCCLUSION.map((v) => v * scale * 0.01),
  };
}

export function makeDiagnostics(time: number[]): WalkForwardDiagnostics {
  const window = (index: number, trainError: number, validationError: number | null) => ({
    index,
    trainStart: time[index * 60],
    trainEnd: time[index * 60 + 100],
    testStart: time[index * 60 + 105],
    testEnd: time[index * 60 + 164],
    trainRows: 90,
    validationRows: 10,
    trainError,
    validationError,
    epochsRun: 200,
    bestEpoch: 120 + index,
    millis: 15,
    importance: IMPORTANCE.map((v) => v * (1 + index / 10)),
    occlusion: occlusionTable(1 + index / 10),
  });
  return {
    kind: 'walk-forward',
    features: FEATURES,
    windows: [window(0, 0.24, 0.26), window(1, 0.23, 0.25), window(2, 0.22, 0.27)],
    importance: IMPORTANCE,
    occlusion: {
      groups: FEATURES.map((name, c) => ({ name, columns: [c] })),
      ...occlusionTable(1),
    },
    thresholds: { upper: 0.55, lower: 0.45 },
    embargo: 5,
    ensemble: 1,
    threads: 1,
  };
}

export function makeComparison(strategy: Stats, baseline: Stats): Comparison {
  return {
    strategy,
    baseline,
    excessReturn: strategy.totalReturn - baseline.totalReturn,
    beta: 0.45,
    alpha: 0.031,
    trackingError: 0.12,
    informationRatio: -0.35,
    pValue: 0.412,
    pValueAdjusted: 0.412,
    pAdjustment: 'bonferroni',
    trials: 1,
    significance: 0.05,
    sharpeDiff: -0.08,
    sharpeDiffCI: [-0.52, 0.37],
    confidence: 0.9,
    minDetectableDiff: 0.61,
    resamples: 2000,
    blockLength: 7,
    testMethod: 'stationary-bootstrap',
    blockLengthMethod: 'politis-white',
    bootstrapSeed: 0,
    verdictKind: 'inconclusive',
    verdict: 'Inconclusive: the test could not have seen an edge of this size.',
    edge: false,
  };
}

export interface FixtureOptions {
  symbol?: string;
  diagnostics?: boolean;
}

/** The whole input of buildRunReport for one nn-timing run against buy-and-hold. */
export function makeInput(options: FixtureOptions = {}): RunReportInput {
  const series = makeSeries(options.symbol);
  const time = Array.from(series.time);
  const n = BARS - START;
  const positions = new Float64Array(BARS);
  const probabilities = new Float64Array(BARS);
  for (let i = 0; i < BARS; i++) {
    const inWarmup = i < START + 10;
    probabilities[i] = inWarmup ? Number.NaN : 0.5 + 0.2 * Math.sin(i / 7);
    positions[i] = inWarmup ? Number.NaN : probabilities[i] > 0.5 ? 1 : 0;
  }
  const strategyEquity = new Float64Array(n);
  const baselineEquity = new Float64Array(n);
  const position = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    strategyEquity[i] = 10_000 * (1 + 0.0005 * i) + 150 * Math.sin(i / 9);
    baselineEquity[i] = (10_000 * series.close[START + i]) / series.close[START];
    position[i] = Number.isNaN(positions[START + i]) ? 0 : positions[START + i];
  }
  const backtestTime = time.slice(START);
  const strategyStats = makeStats();
  const baselineStats = makeStats({
    exposureTime: 1,
    totalReturn: 0.2,
    sharpe: 1.02,
    sortino: 1.4,
    trades: 1,
    winRate: null,
    profitFactor: null,
    equityFinal: 12_000,
  });
  const strategyResult = makeResult(
    series,
    strategyEquity,
    position,
    makeTrades(backtestTime),
    strategyStats,
  );
  strategyResult.pending = { time: LAST_DAY, target: 1, current: 0 };
  const baselineResult = makeResult(
    series,
    baselineEquity,
    new Float64Array(n).fill(1),
    [],
    baselineStats,
  );
  const withDiagnostics = options.diagnostics ?? true;
  return {
    tool: 'nn-timing 0.1.0',
    file: 'data/syn.csv',
    series,
    seed: 42,
    strategy: {
      name: 'nn-timing',
      params: { hidden: 8, epochs: 200, features: 'default' },
      output: withDiagnostics
        ? {
            positions,
            probabilities,
            diagnostics: makeDiagnostics(time),
          }
        : { positions },
      result: strategyResult,
      signalQuality: { hitRate: 0.53, auc: 0.541, brier: 0.2487, samples: 240 },
    },
    baseline: {
      name: 'buy-and-hold',
      params: {},
      output: { positions: new Float64Array(BARS).fill(1) },
      result: baselineResult,
    },
    comparison: makeComparison(strategyStats, baselineStats),
  };
}
