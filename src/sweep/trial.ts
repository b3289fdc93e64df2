import type { BacktestOptions, Stats } from '../backtest/index.js';
import { runBacktest } from '../backtest/index.js';
import type { PriceSeries } from '../data/index.js';
import { sliceSeries } from '../data/index.js';
import { StrategyFailure } from '../errors.js';
import { firstDecision } from '../run/index.js';
import type { Strategy, StrategyContext } from '../strategy-contract/index.js';
import { runStrategyGuarded } from '../strategy-contract/index.js';

/** What every trial of one sweep on one series shares. */
export interface TrialSetup {
  series: PriceSeries;
  /** First bar of the evaluation window: every trial and the baseline are measured from here. */
  start: number;
  backtest: BacktestOptions;
}

/** One trial: a grid point (parameters already resolved) and a seed. */
export interface TrialTask {
  index: number;
  params: Record<string, unknown>;
  seed: number;
}

export interface TrialOutcome {
  index: number;
  stats: Stats;
  /** Per-bar returns over the evaluation window (0 on its first bar). */
  returns: Float64Array;
  /** Position held at each bar's close over the window, as a fraction of equity. */
  position: Float64Array;
}

/**
 * Runs trials of one strategy on one series. Indicators a strategy computes through
 * `context.memo` are kept for the runner's lifetime, so each is computed once per distinct
 * parameter rather than once per trial.
 */
export class TrialRunner {
  private readonly cache = new Map<string, unknown>();
  private readonly window: PriceSeries;
  private readonly memo: NonNullable<StrategyContext['memo']>;

  /** `label` names the strategy in failures (default its name; the CLI's is the file given). */
  constructor(
    private readonly strategy: Strategy,
    private readonly setup: TrialSetup,
    private readonly label = strategy.name,
  ) {
    this.window = setup.start === 0 ? setup.series : sliceSeries(setup.series, setup.start);
    this.memo = <T>(key: string, compute: () => T): T => {
      if (this.cache.has(key)) return this.cache.get(key) as T;
      const value = compute();
      this.cache.set(key, value);
      return value;
    };
  }

  async run(task: TrialTask): Promise<TrialOutcome> {
    const { series, start, backtest } = this.setup;
    const allowShort = backtest.allowShort ?? false;
    // Guarded like a backtest's run: a strategy cannot corrupt the prices every trial shares.
    const output = await runStrategyGuarded(
      this.strategy,
      series,
      task.params,
      { seed: task.seed, allowShort, threads: 1, memo: this.memo },
      { label: this.label },
    );
    this.checkWarmup(task.params, output.positions);
    const result = runBacktest(this.window, output.positions.subarray(start), backtest);
    return {
      index: task.index,
      stats: result.stats,
      returns: result.returns,
      position: result.position,
    };
  }

  /**
   * Every trial is scored from the grid's longest declared warm-up on, so a trial whose first
   * decision comes later would be scored on bars where it decided nothing: its warmup(params)
   * is wrong, and the sweep fails rather than rank it.
   */
  private checkWarmup(params: Record<string, unknown>, positions: Float64Array): void {
    const declared = this.strategy.warmup(params);
    const first = firstDecision(positions);
    if (first > declared || first < 0) {
      throw new StrategyFailure(
        this.label,
        `declares a warm-up of ${declared} bars (warmup(params)) but ${first < 0 ? 'made no decision at all' : `its first decision is at bar ${first}`}; warmup must return the first bar with a decision`,
      );
    }
  }
}
