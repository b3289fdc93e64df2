import type { PriceSeries } from '../data/index.js';

/** How a parameter given as text (CLI, config) is read and checked. */
export type ParamType = 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'json';

/** One declared parameter: its type, default, meaning and limits. */
export interface ParamSpec {
  type: ParamType;
  default: unknown;
  description: string;
  min?: number;
  max?: number;
  /** Allowed values for 'enum'. */
  values?: readonly string[];
}

/** A strategy's parameters by name. */
export type ParamSpecs = Record<string, ParamSpec>;

/** What a run gives the strategy besides the bars and parameters. */
export interface StrategyContext {
  /** Seed for everything random in the strategy (PythonRandom). */
  seed: number;
  /** Whether the run allows short targets; long-only strategies may ignore it. */
  allowShort: boolean;
  /** Worker threads the strategy may use (default: all cores). 1 = single-threaded. */
  threads?: number;
  /** Called as work progresses, e.g. once per walk-forward window. */
  onProgress?: (done: number, total: number, label?: string) => void;
  /**
   * Shares a computation between runs on the same series with different parameters (a sweep):
   * the value kept under `key`, computed on first use. The key names the computation and its
   * inputs (e.g. `sma:20`); the value must not be modified. Absent outside sweeps.
   */
  memo?: <T>(key: string, compute: () => T) => T;
}

/**
 * What a strategy reports about its run besides positions, JSON-serialisable. `kind` declares
 * which diagnostics they are: nn-timing's are `'walk-forward'` (WalkForwardDiagnostics), which the
 * report shows; it keeps other kinds out of the report.
 */
export interface StrategyDiagnostics {
  kind: string;
  [key: string]: unknown;
}

/** What a strategy returns from `run`: a target position per bar, and optionally more. */
export interface StrategyOutput {
  /** Target position decided at each bar's close, in [-1, 1]; NaN = no decision (flat). */
  positions: Float64Array;
  /** Optional per-bar probability that the next move is up (NaN where none). */
  probabilities?: Float64Array;
  /** Strategy-specific, JSON-serialisable diagnostics; their `kind` says which. */
  diagnostics?: StrategyDiagnostics;
  /** A model a later `predict` can load (nn-timing: SavedModel). */
  model?: unknown;
}

/**
 * An indicator line the HTML report draws so a reader sees why trades happened: over the price
 * (`pane: 'price'`, e.g. moving averages) or in a pane of its own under it (`'indicator'`, e.g. RSI),
 * with optional horizontal levels (e.g. the RSI bands). One value per bar of the series; NaN = none.
 */
export interface Overlay {
  label: string;
  pane: 'price' | 'indicator';
  values: Float64Array;
  levels?: number[];
}

/** The contract every strategy fulfils: built-ins, nn-timing and users' own. */
export interface Strategy<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  description: string;
  params: ParamSpecs;
  /** Bars the strategy needs before its first decision, for these parameters. */
  warmup(params: P): number;
  /** Optional check across parameters (e.g. fast < slow); throws InputError. Called by resolveParams. */
  validate?(params: P): void;
  run(
    series: PriceSeries,
    params: P,
    context: StrategyContext,
  ): StrategyOutput | Promise<StrategyOutput>;
  /** Optional indicator lines for the HTML report, computed on the whole series. */
  overlays?(series: PriceSeries, params: P): Overlay[];
  /**
   * When a backtest runs its quick lookahead check: `'always'` (the default), or `'on-request'`
   * for a strategy whose reruns are costly (nn-timing retrains its walk-forward once per cut),
   * checked only when the backtest asks (`checkLookahead`).
   */
  lookaheadCheck?: 'always' | 'on-request';
}
