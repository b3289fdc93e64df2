import { afterEach, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/data/types.js';
import { InputError, StrategyFailure } from '../../src/errors.js';
import { runStrategyGuarded, seriesChecksum } from '../../src/strategy-contract/guarded-run.js';
import type {
  Strategy,
  StrategyContext,
  StrategyOutput,
} from '../../src/strategy-contract/types.js';
import { ohlcvSeries } from '../features/helpers.js';

const BARS = 50;
const CONTEXT: StrategyContext = { seed: 1, allowShort: false };

function makeSeries(): PriceSeries {
  const close = Array.from({ length: BARS }, (_, i) => 100 + Math.sin(i));
  return ohlcvSeries({
    open: close,
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    close,
    volume: close.map(() => 1000),
  });
}

const long = (series: PriceSeries): StrategyOutput => ({
  positions: new Float64Array(series.time.length).fill(1),
});

function strategy(run: Strategy['run']): Strategy {
  return { name: 'probe', description: 'test', params: {}, warmup: () => 0, run };
}

async function failure(run: Strategy['run'], timeoutSeconds?: number): Promise<StrategyFailure> {
  const error = await runStrategyGuarded(strategy(run), makeSeries(), {}, CONTEXT, {
    label: './my-strategy.mjs',
    timeoutSeconds,
  }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StrategyFailure);
  expect((error as Error).message).toMatch(/^strategy \.\/my-strategy\.mjs /);
  return error as StrategyFailure;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

describe('a strategy cannot corrupt the run', () => {
  for (const field of FIELDS) {
    it(`writing into ${field} fails the run, naming the strategy`, async () => {
      const error = await failure((series) => {
        series[field][BARS - 1] += 1;
        return long(series);
      });
      expect(error.message).toMatch(/wrote into the price arrays/);
    });
  }

  it('replacing arrays or meta on its series object leaves the caller’s series alone', async () => {
    const series = makeSeries();
    const close = series.close;
    const output = await runStrategyGuarded(
      strategy((own) => {
        own.close = new Float64Array(BARS);
        own.meta.warnings.push('mine');
        own.meta.source = 'elsewhere';
        return long(own);
      }),
      series,
      {},
      CONTEXT,
    );
    expect(output.positions).toHaveLength(BARS);
    expect(series.close).toBe(close);
    expect(series.meta.warnings).toEqual([]);
    expect(series.meta.source).toBe('synthetic');
  });

  it('the checksum changes with any single value of any array, and only then', () => {
    const series = makeSeries();
    const before = seriesChecksum(series);
    expect(seriesChecksum(makeSeries())).toBe(before);
    for (const field of FIELDS) {
      for (const index of [0, 1, 17, BARS - 1]) {
        const saved = series[field][index];
        // The smallest change a double allows, then a sign flip: both must show.
        for (const changed of [saved * (1 + Number.EPSILON), -saved]) {
          series[field][index] = changed;
          expect(seriesChecksum(series)).not.toBe(before);
        }
        series[field][index] = saved;
        expect(seriesChecksum(series)).toBe(before);
      }
    }
  });
});

describe('a misbehaving strategy becomes one failure naming it', () => {
  const savedListeners = process.listeners('uncaughtException');
  afterEach(() => {
    for (const listener of savedListeners) {
      if (!process.listeners('uncaughtException').includes(listener)) {
        process.on('uncaughtException', listener);
      }
    }
  });

  it('a throw: its message, with the original error as the cause', async () => {
    const boom = new RangeError('out of road');
    const error = await failure(() => {
      throw boom;
    });
    expect(error.message).toBe('strategy ./my-strategy.mjs failed: RangeError: out of road');
    expect(error.cause).toBe(boom);
  });

  it('a file it cannot read is its failure (exit 1), not a bad input (exit 2)', async () => {
    const { readFile } = await import('node:fs/promises');
    const error = await failure(async () => {
      await readFile('/nonexistent/weights.json');
      return long(makeSeries());
    });
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toMatch(/failed: .*ENOENT/);
  });

  it('an InputError (a bad parameter, too few bars) stays an input problem', async () => {
    const tooFew = new InputError('needs 500 bars');
    await expect(
      runStrategyGuarded(
        strategy(() => {
          throw tooFew;
        }),
        makeSeries(),
        {},
        CONTEXT,
      ),
    ).rejects.toBe(tooFew);
  });

  it('a promise that never settles fails once nothing is left to run', async () => {
    const pending = failure(() => new Promise<StrategyOutput>(() => {}));
    // What Node does when the event loop runs dry while the CLI still awaits the strategy.
    await new Promise((done) => setImmediate(done));
    process.emit('beforeExit', 0);
    expect((await pending).message).toMatch(/never settles/);
  });

  it('an error thrown from one of its timers', async () => {
    process.removeAllListeners('uncaughtException');
    const pending = failure(() => new Promise<StrategyOutput>(() => {}));
    await new Promise((done) => setImmediate(done));
    // What Node does when a callback throws and nobody catches it.
    for (const listener of process.listeners('uncaughtException')) {
      listener(new Error('boom in a timer'), 'uncaughtException');
    }
    expect((await pending).message).toBe(
      'strategy ./my-strategy.mjs threw from a timer or callback: boom in a timer',
    );
    expect(process.listeners('uncaughtException')).toEqual([]);
  });

  it('process.exit inside the strategy cannot end the run as a success', async () => {
    const exit = process.exit;
    const error = await failure(() => {
      try {
        process.exit(0);
      } catch {
        // A strategy that swallows the throw still fails.
      }
      return long(makeSeries());
    });
    expect(error.message).toMatch(/called process\.exit\(0\)/);
    expect(process.exit).toBe(exit);
  });

  it('the time limit stops a slow promise and a busy loop alike', async () => {
    const slow = await failure(
      () =>
        new Promise<StrategyOutput>((done) => setTimeout(() => done(long(makeSeries())), 60_000)),
      0.2,
    );
    expect(slow.message).toBe(
      'strategy ./my-strategy.mjs did not finish within 0.2 s (the time limit)',
    );
    const busy = await failure(() => {
      for (;;) {}
    }, 0.2);
    expect(busy.message).toBe(
      'strategy ./my-strategy.mjs did not finish within 0.2 s (the time limit)',
    );
  });

  it('a well-behaved strategy runs unchanged under a time limit', async () => {
    const output = await runStrategyGuarded(
      strategy(async (s) => long(s)),
      makeSeries(),
      {},
      CONTEXT,
      {
        timeoutSeconds: 5,
      },
    );
    expect(Array.from(output.positions)).toEqual(new Array(BARS).fill(1));
  });
});
