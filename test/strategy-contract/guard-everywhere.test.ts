/**
 * Strategy code runs under the guard wherever it runs: a sweep's trials and baseline, the
 * contract test and the overlays of a backtest's report. And a declared warm-up is checked.
 */
import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/data/types.js';
import { StrategyFailure } from '../../src/errors.js';
import { overlaysGuarded, testStrategyContract } from '../../src/strategy-contract/index.js';
import type { Strategy, StrategyOutput } from '../../src/strategy-contract/types.js';
import { TrialRunner } from '../../src/sweep/trial.js';
import { ohlcvSeries } from '../features/helpers.js';

const BARS = 320;

function makeSeries(): PriceSeries {
  const close = Array.from({ length: BARS }, (_, i) => 100 + 5 * Math.sin(i / 7));
  return ohlcvSeries({
    open: close,
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    close,
    volume: close.map(() => 1000),
  });
}

/** Long from bar `first` on (NaN before), declaring `declared` as its warm-up. */
function probe(
  first: number,
  declared = first,
  extra: Partial<Strategy> = {},
  run?: (series: PriceSeries) => void,
): Strategy {
  return {
    name: 'probe',
    description: 'test',
    params: {},
    warmup: () => declared,
    run(series): StrategyOutput {
      run?.(series);
      const positions = new Float64Array(series.time.length).fill(Number.NaN);
      positions.fill(1, first);
      return { positions };
    },
    ...extra,
  };
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('a sweep trial runs under the guard', () => {
  const task = { index: 0, params: {}, seed: 1 };

  it('writing into the shared prices fails the trial naming the strategy, and the prices survive', async () => {
    const series = makeSeries();
    const before = series.close[BARS - 1];
    const writer = probe(10, 10, {}, (s) => {
      s.close[BARS - 1] *= 40;
    });
    const runner = new TrialRunner(writer, { series, start: 10, backtest: {} }, './writer.mjs');
    const error = await caught(runner.run(task));
    expect(error).toBeInstanceOf(StrategyFailure);
    expect(error.message).toMatch(/^strategy \.\/writer\.mjs wrote into the price arrays/);
    // The guard reports the write; the caller decides, so the evidence is left as it was.
    expect(series.close[BARS - 1]).toBe(before * 40);
  });

  it('process.exit in a trial is a failure, not the end of the sweep', async () => {
    const exiter = probe(10, 10, {}, () => {
      process.exit(0);
    });
    const runner = new TrialRunner(exiter, { series: makeSeries(), start: 10, backtest: {} });
    const error = await caught(runner.run(task));
    expect(error).toBeInstanceOf(StrategyFailure);
    expect(error.message).toMatch(/called process\.exit\(0\)/);
  });

  it('a first decision later than the declared warm-up fails the trial, naming both bars', async () => {
    const late = probe(40, 10);
    const runner = new TrialRunner(late, { series: makeSeries(), start: 10, backtest: {} });
    const error = await caught(runner.run(task));
    expect(error).toBeInstanceOf(StrategyFailure);
    expect(error.message).toMatch(
      /declares a warm-up of 10 bars \(warmup\(params\)\) but its first decision is at bar 40/,
    );
  });

  it('a first decision at or before the declared warm-up is scored as usual', async () => {
    for (const first of [10, 3]) {
      const runner = new TrialRunner(probe(first, 10), {
        series: makeSeries(),
        start: 10,
        backtest: {},
      });
      const outcome = await runner.run(task);
      expect(outcome.returns.length).toBe(BARS - 10);
    }
  });
});

describe('overlays run under the guard', () => {
  const params = {};

  it('a throw, a write into the prices or process.exit in overlays() fails naming the strategy', async () => {
    const cases: [Strategy['overlays'], RegExp][] = [
      [
        () => {
          throw new Error('no indicator');
        },
        /failed: no indicator/,
      ],
      [
        (s) => {
          s.high[0] = 0;
          return [];
        },
        /wrote into the price arrays/,
      ],
      [
        () => {
          process.exit(3);
        },
        /called process\.exit\(3\)/,
      ],
      [() => 'lines' as never, /overlays that are not an array/],
    ];
    for (const [overlays, problem] of cases) {
      const strategy = probe(10, 10, { overlays });
      const error = await caught(
        overlaysGuarded(strategy, makeSeries(), params, { label: './drawn.mjs' }),
      );
      expect(error).toBeInstanceOf(StrategyFailure);
      expect(error.message).toMatch(/^strategy \.\/drawn\.mjs /);
      expect(error.message).toMatch(problem);
    }
  });

  it('good overlays come back; no overlays() is undefined', async () => {
    const values = new Float64Array(BARS);
    const strategy = probe(10, 10, {
      overlays: () => [{ label: 'line', pane: 'price', values }],
    });
    const lines = await overlaysGuarded(strategy, makeSeries(), params);
    expect(lines).toEqual([{ label: 'line', pane: 'price', values }]);
    expect(await overlaysGuarded(probe(10), makeSeries(), params)).toBeUndefined();
  });
});

describe('testStrategyContract runs the strategy under the guard', () => {
  it('a strategy that writes into its input breaks the contract, and the reason is named', async () => {
    const writer = probe(5, 5, {}, (s) => {
      s.close[0] = -1;
    });
    const error = await caught(testStrategyContract(writer, { series: makeSeries() }));
    expect(error.message).toMatch(/breaks the strategy contract/);
    expect(error.message).toMatch(/long-only: strategy probe wrote into the price arrays/);
  });

  it('overlays that throw break the contract', async () => {
    const strategy = probe(5, 5, {
      overlays: () => {
        throw new Error('bad overlay');
      },
    });
    const error = await caught(testStrategyContract(strategy, { series: makeSeries() }));
    expect(error.message).toMatch(/overlays: strategy probe failed: bad overlay/);
  });

  it('a declared warm-up that is not the first decision breaks the contract, either way', async () => {
    for (const [first, declared] of [
      [40, 10],
      [5, 20],
    ]) {
      const error = await caught(
        testStrategyContract(probe(first, declared), { series: makeSeries() }),
      );
      expect(error.message).toMatch(
        new RegExp(
          `the first decision is at bar ${first}, but warmup\\(params\\) declares ${declared}`,
        ),
      );
    }
  });

  it('a strategy keeping every rule passes', async () => {
    const report = await testStrategyContract(probe(12), { series: makeSeries() });
    expect(report.warmup).toBe(12);
  });
});
