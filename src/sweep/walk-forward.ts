import {
  chooseBlockLength,
  DEFAULT_COMPARE_OPTIONS,
  decideVerdict,
  MIN_BOOTSTRAP_RETURNS,
  sharpeDifferenceTest,
  summariseSharpeDifference,
  type VerdictKind,
} from '../backtest/index.js';
import { InputError } from '../errors.js';
import { toCsv } from '../report/index.js';
import { formatTime } from '../run/index.js';

/** `--walk-forward train=<bars>,test=<bars>`. */
export interface WalkForwardSpec {
  train: number;
  test: number;
}

/** Metrics a walk-forward step can compute from a segment's per-bar returns. */
const SEGMENT_METRICS = [
  'sharpe',
  'sortino',
  'totalReturn',
  'cagr',
  'annualReturn',
  'calmar',
  'maxDrawdown',
];

export function parseWalkForward(text: string): WalkForwardSpec {
  const match = /^\s*train\s*=\s*(\d+)\s*,\s*test\s*=\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InputError(`--walk-forward ${text}: expected train=<bars>,test=<bars>`);
  const spec = { train: Number(match[1]), test: Number(match[2]) };
  if (spec.train < MIN_BOOTSTRAP_RETURNS || spec.test < 1) {
    throw new InputError(
      `--walk-forward ${text}: train needs at least ${MIN_BOOTSTRAP_RETURNS} bars and test at least 1`,
    );
  }
  return spec;
}

/** One trial's series as the walk-forward needs them. */
export interface WalkForwardTrial {
  params: Record<string, unknown>;
  seed: number;
  /** Per-bar returns over the evaluation window (0 on its first bar). */
  returns: Float64Array;
  /** Position held at each bar's close, as a fraction of equity. */
  position: Float64Array;
}

export interface WalkForwardStep {
  trainFrom: string;
  trainTo: string;
  testFrom: string;
  testTo: string;
  /** The trial chosen on the training bars. */
  trial: number;
  params: Record<string, unknown>;
  seed: number;
  /** Its in-sample metric (per-bar Sharpe and Sortino, not annualised). */
  inSample: number;
}

export interface WalkForwardReport {
  train: number;
  test: number;
  steps: WalkForwardStep[];
  /** Out-of-sample bars stitched together. */
  bars: number;
  /** First and last out-of-sample bar. */
  from: string;
  to: string;
  /** Annualised Sharpe of the stitched out-of-sample returns and of the baseline over the same bars. */
  sharpe: number | null;
  baselineSharpe: number | null;
  totalReturn: number;
  baselineTotalReturn: number;
  /** Deepest fall of the stitched equity and of the baseline's from a peak (negative fractions). */
  maxDrawdown: number;
  baselineMaxDrawdown: number;
  /** Cost charged for switching parameters between steps, as a fraction of equity in total. */
  switchingCost: number;
  pValue: number | null;
  kind: Exclude<VerdictKind, 'invalid'>;
  edge: boolean;
  text: string;
}

/** The stitched out-of-sample bars, one entry per bar (walk-forward.csv and the page's chart). */
export interface WalkForwardSeries {
  time: Float64Array;
  /** Index into `steps` of the step that traded the bar. */
  step: Int32Array;
  /** The chosen trial's return, less the switching cost on a step's first bar. */
  returns: Float64Array;
  baselineReturns: Float64Array;
  /** Growth of 1 put in at the start of the first out-of-sample bar, after each bar. */
  equity: Float64Array;
  baselineEquity: Float64Array;
}

export interface WalkForwardOptimisationResult {
  report: WalkForwardReport;
  series: WalkForwardSeries;
}

export interface WalkForwardInput {
  trials: readonly WalkForwardTrial[];
  baselineReturns: Float64Array;
  /** Bar times of the evaluation window. */
  time: Float64Array;
  spec: WalkForwardSpec;
  metric: string;
  /** Commission plus slippage, as a fraction of traded value. */
  costRate: number;
  periodsPerYear: number;
  riskFree: number;
  resamples: number;
  seed: number;
  alpha: number;
}

/**
 * Walk-forward optimisation: at each step the trial with the best metric on the `train` bars is
 * traded on the next `test` bars; the window then moves on by `test` bars. The stitched
 * out-of-sample returns answer "does this search procedure have an edge" and are compared with
 * the baseline over the same bars by the single-backtest bootstrap. A change of parameters
 * between steps pays commission and slippage on the change of position at the switch.
 */
export function walkForwardOptimisation(input: WalkForwardInput): WalkForwardOptimisationResult {
  const { trials, baselineReturns, time, spec, metric } = input;
  if (!SEGMENT_METRICS.includes(metric)) {
    throw new InputError(
      `--walk-forward picks trials by ${SEGMENT_METRICS.join(', ')}; ${metric} needs whole trades`,
    );
  }
  const n = baselineReturns.length;
  if (1 + spec.train >= n) {
    throw new InputError(
      `--walk-forward train=${spec.train}: the evaluation window has only ${n} bars`,
    );
  }
  const steps: WalkForwardStep[] = [];
  // The test segments tile the bars after the first training segment.
  const first = 1 + spec.train;
  const a = new Float64Array(n - first);
  const b = new Float64Array(n - first);
  const stepOf = new Int32Array(n - first);
  let switchingCost = 0;
  let previous = -1;
  for (let from = 1; from + spec.train < n; from += spec.test) {
    const testFrom = from + spec.train;
    const testTo = Math.min(n, testFrom + spec.test);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < trials.length; k++) {
      const score = segmentScore(trials[k].returns, from, testFrom, metric, input);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    const chosen = trials[best];
    for (let t = testFrom; t < testTo; t++) {
      let r = chosen.returns[t];
      if (t === testFrom && previous >= 0 && previous !== best) {
        const change = Math.abs(chosen.position[t - 1] - trials[previous].position[t - 1]);
        r -= change * input.costRate;
        switchingCost += change * input.costRate;
      }
      a[t - first] = r;
      b[t - first] = baselineReturns[t];
      stepOf[t - first] = steps.length;
    }
    steps.push({
      trainFrom: formatTime(time[from - 1]),
      trainTo: formatTime(time[testFrom - 1]),
      testFrom: formatTime(time[testFrom]),
      testTo: formatTime(time[testTo - 1]),
      trial: best,
      params: chosen.params,
      seed: chosen.seed,
      inSample: bestScore,
    });
    previous = best;
  }

  const scale = Math.sqrt(input.periodsPerYear);
  const annualSharpe = (x: Float64Array) => {
    const s = sharpeOf(x, 0, x.length, input.riskFree);
    return Number.isFinite(s) ? s * scale : null;
  };
  const equity = growth(a);
  const baselineEquity = growth(b);
  let pValue: number | null = null;
  let summary = null;
  const confidence = DEFAULT_COMPARE_OPTIONS.confidence;
  if (a.length >= MIN_BOOTSTRAP_RETURNS) {
    const test = sharpeDifferenceTest(a, b, {
      resamples: input.resamples,
      blockLength: chooseBlockLength(a, b).blockLength,
      seed: input.seed,
      riskFree: input.riskFree,
    });
    pValue = test.pValue;
    summary = summariseSharpeDifference(test.difference, test.deviationQuantile, {
      confidence,
      trials: 1,
      alpha: input.alpha,
      scale,
    });
  }
  const verdict = decideVerdict({
    summary,
    pValue,
    pValueAdjusted: pValue,
    alpha: input.alpha,
    confidence,
    trials: 1,
    returns: a.length,
    minReturns: MIN_BOOTSTRAP_RETURNS,
  });
  const kind = verdict.kind === 'invalid' ? 'inconclusive' : verdict.kind;
  const report: WalkForwardReport = {
    train: spec.train,
    test: spec.test,
    steps,
    bars: a.length,
    from: formatTime(time[first]),
    to: formatTime(time[n - 1]),
    sharpe: annualSharpe(a),
    baselineSharpe: annualSharpe(b),
    totalReturn: equity[equity.length - 1] - 1,
    baselineTotalReturn: baselineEquity[baselineEquity.length - 1] - 1,
    maxDrawdown: maxDrawdown(equity),
    baselineMaxDrawdown: maxDrawdown(baselineEquity),
    switchingCost,
    pValue,
    kind,
    edge: kind === 'edge',
    text: `Walk-forward optimisation (${steps.length} steps, ${spec.train} bars to choose, ${spec.test} to trade): ${verdict.text}`,
  };
  const series = {
    time: time.slice(first, n),
    step: stepOf,
    returns: a,
    baselineReturns: b,
    equity,
    baselineEquity,
  };
  return { report, series };
}

/** Compounded growth of 1 after each return. */
function growth(returns: Float64Array): Float64Array {
  const equity = new Float64Array(returns.length);
  let value = 1;
  for (let i = 0; i < returns.length; i++) {
    value *= 1 + returns[i];
    equity[i] = value;
  }
  return equity;
}

/** The deepest fall from a running peak, the start (1) counting as a peak. */
function maxDrawdown(equity: Float64Array): number {
  let peak = 1;
  let deepest = 0;
  for (let i = 0; i < equity.length; i++) {
    peak = Math.max(peak, equity[i]);
    deepest = Math.min(deepest, equity[i] / peak - 1);
  }
  return deepest;
}

/**
 * walk-forward.csv: the stitched out-of-sample bars, each with the step and trial that traded it
 * and that trial's searched parameters (`keys`).
 */
export function walkForwardCsv(
  result: WalkForwardOptimisationResult,
  keys: readonly string[],
): string {
  const { report, series } = result;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < series.time.length; i++) {
    const step = report.steps[series.step[i]];
    rows.push([
      formatTime(series.time[i]),
      series.step[i],
      step.trial,
      ...keys.map((key) => String(step.params[key])),
      step.seed,
      series.returns[i],
      series.equity[i],
      series.baselineReturns[i],
      series.baselineEquity[i],
    ]);
  }
  return toCsv(
    [
      'date',
      'step',
      'trial',
      ...keys,
      'seed',
      'return',
      'equity',
      'baseline_return',
      'baseline_equity',
    ],
    rows,
  );
}

/** Per-bar Sharpe of x[from..to), NaN without volatility. */
function sharpeOf(x: Float64Array, from: number, to: number, riskFree: number): number {
  const count = to - from;
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i];
  const mean = sum / count;
  let squares = 0;
  for (let i = from; i < to; i++) squares += (x[i] - mean) ** 2;
  const std = Math.sqrt(squares / (count - 1));
  return std > 0 ? (mean - riskFree) / std : Number.NaN;
}

/** A trial's metric on returns[from..to): higher is better; undefined values rank last. */
function segmentScore(
  returns: Float64Array,
  from: number,
  to: number,
  metric: string,
  { riskFree, periodsPerYear }: { riskFree: number; periodsPerYear: number },
): number {
  let score: number;
  if (metric === 'sharpe') score = sharpeOf(returns, from, to, riskFree);
  else if (metric === 'sortino') {
    let sum = 0;
    let downside = 0;
    for (let i = from; i < to; i++) {
      sum += returns[i] - riskFree;
      downside += Math.min(returns[i] - riskFree, 0) ** 2;
    }
    score = downside > 0 ? sum / (to - from) / Math.sqrt(downside / (to - from)) : Number.NaN;
  } else {
    // Compounded growth and drawdown; total return, CAGR and annual return rank alike on segments
    // of one length, and Calmar divides the annualised growth by the drawdown.
    let value = 1;
    let peak = 1;
    let drawdown = 0;
    for (let i = from; i < to; i++) {
      value *= 1 + returns[i];
      peak = Math.max(peak, value);
      drawdown = Math.min(drawdown, value / peak - 1);
    }
    if (metric === 'maxDrawdown') score = drawdown;
    else if (metric === 'calmar') {
      const growth = value > 0 ? value ** (periodsPerYear / (to - from)) - 1 : -1;
      score = drawdown < 0 ? growth / -drawdown : Number.NaN;
    } else score = value - 1;
  }
  return Number.isFinite(score) ? score : Number.NEGATIVE_INFINITY;
}
