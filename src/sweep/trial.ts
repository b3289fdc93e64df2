import type { BacktestOptions, Stats } from '../backtest/index.js';
import { runBacktest } from '../backtest/index.js';
import type { PriceSeries } from '../data/index.js';
import { sliceSeries } from '../data/index.js';
import type { Strategy, StrategyContext } from '../strategy-contract/index.js';
import { validateStrategyOutput } from '../strategy-contract/index.js';

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

  constructor(
    private readonly strategy: Strategy,
    private readonly setup: TrialSetup,
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
    const output = validateStrategyOutput(
      await this.strategy.run(series, task.params, {
        seed: task.seed,
        allowShort,
        threads: 1,
        memo: this.memo,
      }),
      series.time.length,
      allowShort,
      this.strategy.name,
    );
    const result = runBacktest(this.window, output.positions.subarray(start), backtest);
    return {
      index: task.index,
      stats: result.stats,
      returns: result.returns,
      position: result.position,
    };
  }
}
