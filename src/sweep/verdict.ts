import {
  formatP,
  MIN_BOOTSTRAP_RETURNS,
  type SharpeDifferenceSummary,
  type VerdictKind,
} from '../backtest/index.js';

/** What a search found, in a single backtest's verdict kinds ('invalid' is never reached here). */
export type SearchVerdictKind = Exclude<VerdictKind, 'invalid'>;

export interface SearchVerdict {
  /** True only when Hansen's SPA p-value is below alpha: an edge that survives the search. */
  edge: boolean;
  kind: SearchVerdictKind;
  /** The best trial's own one-sided p, as if it had been the only one tried. */
  pValueNaive: number | null;
  pValueRealityCheck: number | null;
  pValueSpa: number | null;
  /** Deflated Sharpe Ratio of the best trial: probability its true Sharpe beats the best chance would give. */
  deflatedSharpe: number | null;
  /** Annualised Sharpe the best of this many no-skill trials would reach (the DSR's benchmark). */
  expectedMaxSharpe: number | null;
  /** Probability of Backtest Overfitting (CSCV). */
  pbo: number | null;
  alpha: number;
  /** The best trial's annualised Sharpe lead over the baseline, its interval, and the smallest lead the search could detect. */
  best: SharpeDifferenceSummary | null;
  /** Plain sentences. */
  text: string;
}

export interface SearchVerdictInput {
  trials: number;
  returns: number;
  alpha: number;
  /** What the best trial is, e.g. "fast=10, slow=50". */
  bestLabel: string;
  pValueNaive: number;
  pValueRealityCheck: number;
  pValueSpa: number;
  deflatedSharpe: number;
  expectedMaxSharpe: number;
  pbo: number;
  /** The best trial's Sharpe difference, interval and detectable difference at level alpha / trials. */
  summary: SharpeDifferenceSummary;
  confidence: number;
}

const percent = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/**
 * The headline of a search: `edge` only when the SPA p-value is below alpha. Otherwise, as for a
 * single backtest, `no-edge` when the best trial's interval rules out every lead the search could
 * have detected (at level alpha / trials), `inconclusive` when it does not.
 */
export function searchVerdict(
  input: SearchVerdictInput | null,
  alpha: number,
  why?: string,
): SearchVerdict {
  if (input === null) {
    return {
      edge: false,
      kind: 'inconclusive',
      pValueNaive: null,
      pValueRealityCheck: null,
      pValueSpa: null,
      deflatedSharpe: null,
      expectedMaxSharpe: null,
      pbo: null,
      alpha,
      best: null,
      text:
        why ??
        `Inconclusive: too little data to test for an edge, at least ${MIN_BOOTSTRAP_RETURNS} per-bar returns needed.`,
    };
  }
  const p = (x: number) => formatP(x, alpha);
  const edge = input.pValueSpa < alpha;
  const searched = `${input.trials} trial${input.trials === 1 ? '' : 's'}`;
  const details = `Reality Check p = ${p(input.pValueRealityCheck)}; Deflated Sharpe ${percent(input.deflatedSharpe)} (the best trial's own Sharpe above zero, not its margin over the baseline); probability of backtest overfitting ${percent(input.pbo)}.`;
  const { sharpeDiff, sharpeDiffCI, minDetectableDiff } = input.summary;
  const lead = `its Sharpe ratio is ${signed(sharpeDiff)} a year against the baseline's (${Math.round(input.confidence * 100)}% interval ${signed(sharpeDiffCI[0])} to ${signed(sharpeDiffCI[1])})`;
  const ruledOut = sharpeDiffCI[1] < minDetectableDiff;
  const kind: SearchVerdictKind = edge ? 'edge' : ruledOut ? 'no-edge' : 'inconclusive';
  const corrected = `shows p = ${p(input.pValueNaive)} alone, but SPA p = ${p(input.pValueSpa)} corrected for the search`;
  const text = edge
    ? `Edge after the search: the best of ${searched} (${input.bestLabel}) beats the baseline; ${lead}; SPA p = ${p(input.pValueSpa)} < ${alpha} (alone it would show p = ${p(input.pValueNaive)}). ${details}`
    : ruledOut
      ? `No edge after searching ${searched}: the best (${input.bestLabel}) ${corrected}; ${lead}, which rules out a lead of ${minDetectableDiff.toFixed(2)}, the smallest this search detects 80% of the time. ${details}`
      : `Inconclusive after searching ${searched}: the best (${input.bestLabel}) ${corrected}; ${lead}, which still allows a lead of ${minDetectableDiff.toFixed(2)}, the smallest this search detects 80% of the time. ${details}`;
  return {
    edge,
    kind,
    pValueNaive: input.pValueNaive,
    pValueRealityCheck: input.pValueRealityCheck,
    pValueSpa: input.pValueSpa,
    deflatedSharpe: Number.isFinite(input.deflatedSharpe) ? input.deflatedSharpe : null,
    expectedMaxSharpe: input.expectedMaxSharpe,
    pbo: Number.isFinite(input.pbo) ? input.pbo : null,
    alpha,
    best: input.summary,
    text,
  };
}
