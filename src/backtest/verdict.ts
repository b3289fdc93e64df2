/**
 * The verdict: what one backtest against its baseline can and cannot show. Built from the
 * bootstrap's sorted deviations d* - d (bootstrap.ts), annualised by sqrt(bars per year).
 */

import { numberSetting, type SettingValues } from '../settings/index.js';

/**
 * The verdict's settings, defined once: the library options (`compare`), the config keys and the
 * CLI flags are all derived from this record.
 */
export const VERDICT_SETTINGS = {
  confidence: numberSetting(
    { above: 0, below: 1 },
    {
      arg: '<level>',
      help: 'confidence level of the interval for the Sharpe difference',
      default: 0.9,
    },
  ),
  trials: numberSetting(
    { integer: true, min: 1, max: 1_000_000 },
    {
      help: 'how many strategies or settings were tried to pick this one; the p-value is adjusted for them',
      default: 1,
    },
  ),
};

export type VerdictSettingName = keyof typeof VERDICT_SETTINGS;
export type VerdictSettings = SettingValues<typeof VERDICT_SETTINGS>;

/** The verdict settings present in `source` (CLI flags, a config, job options), undefined ones dropped. */
export function pickVerdictSettings(
  source: Partial<Record<VerdictSettingName, number | undefined>>,
): Partial<VerdictSettings> {
  const picked: Partial<VerdictSettings> = {};
  for (const name of Object.keys(VERDICT_SETTINGS) as VerdictSettingName[]) {
    const value = source[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** Power at which the minimum detectable difference is stated. */
export const DETECTION_POWER = 0.8;

/** How the p-value is adjusted for `trials`. */
export const P_ADJUSTMENT = 'bonferroni';

/**
 * Bonferroni: min(1, trials x p). The chance that the best of N tries looks this good by luck is
 * at most N x p whatever the dependence between the tries (hand-tuned variants of one idea are
 * strongly dependent), and for small p it is within a hair of the 1 - (1 - p)^N that holds
 * exactly for independent tries.
 */
export function adjustPValue(p: number, trials: number): number {
  return Math.min(1, p * trials);
}

/**
 * The `level` quantile of ascending values: the ceil(level x R)-th smallest, clamped to the range
 * (the 1e-9 keeps a level like 1 - 0.1 from rounding up a whole rank).
 */
export function sortedQuantile(sorted: Float64Array, level: number): number {
  const rank = Math.ceil(level * sorted.length - 1e-9);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index];
}

export interface SharpeDifferenceSummary {
  /** Annualised Sharpe of the strategy minus the baseline's. */
  sharpeDiff: number;
  /** Basic (pivotal) bootstrap interval: [d - q_hi(d* - d), d - q_lo(d* - d)], annualised. */
  sharpeDiffCI: [number, number];
  /**
   * The smallest true difference that the one-sided test at level alpha / trials detects with 80%
   * power, taking the sampling error to be distributed as d* - d: q_(1 - alpha/trials) - q_0.2.
   */
  minDetectableDiff: number;
}

/**
 * Interval and detectable difference from the sampling error d* - d of one test: a bootstrap's
 * sorted deviations or the quantile function of its normal approximation (bootstrap.ts);
 * `scale` annualises (sqrt(bars/year)).
 */
export function summariseSharpeDifference(
  difference: number,
  deviations: Float64Array | ((level: number) => number),
  settings: VerdictSettings & { alpha: number; scale: number },
): SharpeDifferenceSummary {
  const { confidence, trials, alpha, scale } = settings;
  const quantile =
    typeof deviations === 'function'
      ? deviations
      : (level: number) => sortedQuantile(deviations, level);
  const tail = (1 - confidence) / 2;
  const low = difference - quantile(1 - tail);
  const high = difference - quantile(tail);
  const detectable = quantile(1 - alpha / trials) - quantile(1 - DETECTION_POWER);
  return {
    sharpeDiff: difference * scale,
    sharpeDiffCI: [low * scale, high * scale],
    minDetectableDiff: detectable * scale,
  };
}

export type VerdictKind = 'edge' | 'no-edge' | 'inconclusive' | 'invalid';

export interface VerdictInput {
  /** Null when there were too few returns to test. */
  summary: SharpeDifferenceSummary | null;
  pValue: number | null;
  pValueAdjusted: number | null;
  alpha: number;
  confidence: number;
  trials: number;
  /** Per-bar returns compared (for the too-little-data sentence). */
  returns: number;
  minReturns: number;
  /** A lookahead check found the strategy reading future bars. */
  lookaheadFound?: boolean;
}

export interface Verdict {
  kind: VerdictKind;
  /** One plain-words paragraph. */
  text: string;
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/** Shows p with as few digits as keep it on the right side of alpha. */
export function formatP(p: number, alpha: number): string {
  for (let digits = 2; digits < 8; digits++) {
    const shown = Number(p.toPrecision(digits));
    if (shown < alpha === p < alpha) return String(shown);
  }
  return String(p);
}

/**
 * edge: the adjusted one-sided p is below alpha (and the difference is positive);
 * no-edge: the interval's upper end is below the minimum detectable difference, so a difference
 * the test could have seen is ruled out; inconclusive: neither (or too little data);
 * invalid: lookahead was found, so no number of the run means anything.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { summary, pValue, pValueAdjusted, alpha, confidence, trials } = input;
  if (input.lookaheadFound) {
    return {
      kind: 'invalid',
      text: 'Invalid: the strategy reads prices from bars after the one it decides on (lookahead), so none of these results can be trusted.',
    };
  }
  if (summary === null || pValue === null || pValueAdjusted === null) {
    return {
      kind: 'inconclusive',
      text: `Inconclusive: too little data to test for an edge (${Math.max(input.returns, 0)} per-bar returns, at least ${input.minReturns} needed).`,
    };
  }
  const { sharpeDiff, sharpeDiffCI, minDetectableDiff } = summary;
  const level = `${Math.round(confidence * 100)}%`;
  const interval = `${level} interval ${signed(sharpeDiffCI[0])} to ${signed(sharpeDiffCI[1])}`;
  const p =
    trials > 1
      ? `p = ${formatP(pValueAdjusted, alpha)} after adjusting for ${trials} trials (${formatP(pValue, alpha)} before)`
      : `p = ${formatP(pValue, alpha)}`;
  const difference = `the strategy's Sharpe ratio is ${signed(sharpeDiff)} a year against the baseline's (${interval}; ${p}).`;
  const detectable = `This sample detects a difference of ${minDetectableDiff.toFixed(2)} or more 80% of the time`;
  if (pValueAdjusted < alpha && sharpeDiff > 0) {
    return {
      kind: 'edge',
      text: `Edge: ${difference} A lead this large is unlikely to be luck (p below ${alpha}).`,
    };
  }
  // Without any sampling error (identical returns) every lead is detectable and [0, 0] rules it out.
  const exact = minDetectableDiff <= 0 && sharpeDiffCI[1] <= 0;
  if (sharpeDiffCI[1] < minDetectableDiff || exact) {
    return {
      kind: 'no-edge',
      text: `No edge: ${difference} ${detectable}, and the interval rules out a lead that large.`,
    };
  }
  return {
    kind: 'inconclusive',
    text: `Inconclusive: ${difference} ${detectable}; the interval still allows a lead that large, so an edge may be there unseen.`,
  };
}
