/**
 * One entry of a feature spec. The spec is plain JSON so that a saved model can rebuild its
 * inputs exactly. Kinds and their parameters are documented in docs/guide/features.md.
 */
export type FeatureDef =
  | { kind: 'returns'; lags: number[] }
  | { kind: 'logReturns'; lags: number[] }
  | { kind: 'sign'; lags: number[] }
  | { kind: 'smaRatio'; period: number }
  | { kind: 'emaRatio'; period: number }
  | { kind: 'rsi'; period: number }
  | { kind: 'macd'; fast: number; slow: number; signal: number }
  | { kind: 'bbands'; period: number; stdDev: number }
  | { kind: 'atr'; period: number }
  | { kind: 'stochastic'; period: number; signal: number }
  | { kind: 'williamsR'; period: number }
  | { kind: 'roc'; period: number }
  | { kind: 'cci'; period: number }
  | { kind: 'adx'; period: number }
  | { kind: 'mfi'; period: number }
  | { kind: 'obvChange'; period: number }
  | { kind: 'volatility'; period: number }
  | { kind: 'volumeRatio'; period: number };

export type FeatureSpec = FeatureDef[];

/** Features in row-major order: row r describes bar `barIndex[r]` using bars <= that bar only. */
export interface FeatureMatrix {
  values: Float64Array;
  rows: number;
  columns: string[];
  time: Float64Array;
  barIndex: Int32Array;
  /** First bar index at which every feature is defined (= barIndex[0] when rows > 0). */
  warmup: number;
}

export interface LabelSpec {
  /** 'direction': 1 if the forward return > 0 else 0. 'threshold': 1 above +threshold, 0 below -threshold. */
  kind: 'direction' | 'threshold';
  /** Holding period in bars (default 1). */
  horizon?: number;
  /** 'open' (default): open[t+1] -> open[t+1+h], matching next-open fills. 'close': close[t] -> close[t+h]. */
  basis?: 'open' | 'close';
  /** For 'threshold': the return band (e.g. 0.002). */
  threshold?: number;
  /** For 'threshold': rows inside the band are dropped (NaN, default) or labelled 0.5. */
  between?: 'drop' | 'half';
}

export interface Labels {
  /** One label per bar; NaN where the label needs bars past the end or was dropped. */
  values: Float64Array;
  /** The forward return each label was made from (NaN where unavailable). */
  forwardReturn: Float64Array;
  /** How many bars after t the label at t reads (horizon + 1 for 'open', horizon for 'close'). */
  lookahead: number;
}

export interface ScalerState {
  kind: 'minmax' | 'zscore';
  columns: string[];
  /** minmax: min/max; zscore: mean/std. One entry per column. */
  a: number[];
  b: number[];
}

/** Per-bar columns: every column holds one value per bar of the series (NaN where undefined). */
export type PerBar = Record<string, ArrayLike<number>>;

export interface LookaheadOptions {
  /** Number of cut points, one drawn in each of as many equal parts of the range (default 20). */
  cuts?: number;
  /** Seed of the PythonRandom that picks cuts and draws the perturbed futures (default 1). */
  seed?: number;
  /** Earliest bar a cut may fall on (default 0). */
  minCut?: number;
  /** Bars a column may legitimately read ahead, e.g. a label's lookahead (default 0). */
  allowAhead?: number;
  /** Bars of replaced future after each cut; the perturbed series ends there (default: all bars). */
  horizon?: number;
  /** `compute`'s result on the series itself, when the caller already has it. */
  original?: PerBar;
}

export interface LookaheadViolation {
  cut: number;
  bar: number;
  column: string;
  original: number;
  perturbed: number;
}

export interface LookaheadReport {
  /** True when no column changed at any bar <= cut - allowAhead, for every cut. */
  ok: boolean;
  /** The cut points tried, ascending. */
  cuts: number[];
  /** The first violations found (capped); `violationCount` counts them all. */
  violations: LookaheadViolation[];
  violationCount: number;
  /** The earliest bar whose value changed (null when none did). */
  firstBar: number | null;
}
