import { MIN_BOOTSTRAP_RETURNS } from '../backtest/compare.js';

/** What a search found: the same kinds as a single backtest's verdict. */
export type SearchVerdictKind = 'edge' | 'no-edge' | 'inconclusive';

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
}

/** p with two significant digits, more when needed to stay on the right side of alpha. */
export function formatP(p: number, alpha: number): string {
  for (let digits = 2; digits < 8; digits++) {
    const shown = Number(p.toPrecision(digits));
    if (shown < alpha === p < alpha) return String(shown);
  }
  return String(p);
}

const percent = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');

/** The headline of a search: `edge` only when the SPA p-value is below alpha. */
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
      text:
        why ??
        `Too little data to test for an edge: at least ${MIN_BOOTSTRAP_RETURNS} per-bar returns needed.`,
    };
  }
  const p = (x: number) => formatP(x, alpha);
  const edge = input.pValueSpa < alpha;
  const searched = `${input.trials} trial${input.trials === 1 ? '' : 's'}`;
  const details = `Reality Check p = ${p(input.pValueRealityCheck)}; Deflated Sharpe ${percent(input.deflatedSharpe)} (the best trial's own Sharpe above zero, not its margin over the baseline); probability of backtest overfitting ${percent(input.pbo)}.`;
  const text = edge
    ? `Edge after the search: the best of ${searched} (${input.bestLabel}) beats the baseline, SPA p = ${p(input.pValueSpa)} < ${alpha} (alone it would show p = ${p(input.pValueNaive)}). ${details}`
    : `No evidence of an edge after searching ${searched}: the best (${input.bestLabel}) alone shows p = ${p(input.pValueNaive)}, but corrected for the search SPA p = ${p(input.pValueSpa)}. ${details}`;
  return {
    edge,
    kind: edge ? 'edge' : 'no-edge',
    pValueNaive: input.pValueNaive,
    pValueRealityCheck: input.pValueRealityCheck,
    pValueSpa: input.pValueSpa,
    deflatedSharpe: Number.isFinite(input.deflatedSharpe) ? input.deflatedSharpe : null,
    expectedMaxSharpe: input.expectedMaxSharpe,
    pbo: Number.isFinite(input.pbo) ? input.pbo : null,
    alpha,
    text,
  };
}
