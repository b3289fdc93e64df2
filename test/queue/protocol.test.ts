import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../src/backtest/types.js';
import { BUILTINS, sweep } from '../../src/builtins/index.js';
import { createPriceSeries } from '../../src/data/index.js';
import { InputError, StrategyFailure } from '../../src/errors.js';
import { rebuildThreadError } from '../../src/io/index.js';
import { strategyRef } from '../../src/queue/engine.js';
import {
  checkTrialJob,
  decodeResult,
  encodeResult,
  isDeterministic,
  isDeterministicReason,
  JOB_OPTIONS,
  ProtocolError,
  queueName,
  skipsRetries,
  type TrialJob,
} from '../../src/queue/protocol.js';
import { parseQueueUrl } from '../../src/queue/url.js';
import { runStrategyGuarded } from '../../src/strategy-contract/index.js';
import { hashOf } from '../../src/sweep/store.js';
import type { SweepOptions } from '../../src/sweep/sweep.js';
import { DATA } from '../cli/helpers.js';

const HASH = 'a'.repeat(64);
const job: TrialJob = {
  v: 1,
  sweep: 'sweep-sma-cross-goog',
  key: HASH,
  input: { sha256: 'b'.repeat(64), name: 'goog-2004-2013.csv', load: { missing: 'drop' } },
  from: '2005-01-01',
  to: null,
  start: 99,
  backtest: { fill: 'open', commission: 0.001, allowShort: false },
  strategy: { builtin: 'sma-cross' },
  params: { fast: 10, slow: 50 },
  seed: 42,
};
const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(job));

describe('queue addresses', () => {
  it('reads host, port, database, password and TLS, and prints no password', () => {
    expect(parseQueueUrl('redis://:s%40cret@10.0.0.5:6380/2')).toMatchObject({
      host: '10.0.0.5',
      port: 6380,
      db: 2,
      password: 's@cret',
      tls: false,
      label: 'redis://10.0.0.5:6380/2',
    });
    const tls = parseQueueUrl('rediss://user:pw@queue.example');
    expect(tls).toMatchObject({ port: 6379, db: 0, username: 'user', tls: true });
    expect(tls.label).not.toContain('pw');
  });

  it('refuses other schemes, bad databases and queries with exit-2 errors', () => {
    for (const bad of [
      'http://host:6379',
      'redis://host:6379/x',
      'redis://host?db=1',
      'host:6379',
    ]) {
      expect(() => parseQueueUrl(bad)).toThrow(InputError);
    }
    expect(() => parseQueueUrl('redis//:secret@host')).toThrow(/^(?!.*secret)/);
  });
});

describe('trial jobs', () => {
  it('accepts a well-formed job unchanged', () => {
    expect(checkTrialJob(copy())).toEqual(job);
    const file = { ...copy(), strategy: { file: 'mine.mjs', sha256: HASH } };
    expect(checkTrialJob(file).strategy).toEqual({ file: 'mine.mjs', sha256: HASH });
  });

  it('refuses anything else: unknown fields, paths, bad hashes, other versions', () => {
    const cases: [string, (data: Record<string, unknown>) => void][] = [
      ['unknown field', (d) => (d.code = 'process.exit()')],
      ['missing field', (d) => delete d.seed],
      ['path as strategy file', (d) => (d.strategy = { file: '../../etc/x.mjs', sha256: HASH })],
      ['absolute strategy file', (d) => (d.strategy = { file: '/tmp/x.mjs', sha256: HASH })],
      ['not a strategy file', (d) => (d.strategy = { file: 'x.sh', sha256: HASH })],
      ['both kinds of strategy', (d) => (d.strategy = { builtin: 'x', file: 'x.mjs' })],
      ['short hash', (d) => (d.key = 'abc')],
      ['upper-case hash', (d) => (d.key = 'A'.repeat(64))],
      ['path as input name', (d) => ((d.input as { name: string }).name = '../prices.csv')],
      ['negative start', (d) => (d.start = -1)],
      ['fractional seed', (d) => (d.seed = 1.5)],
      ['unknown backtest option', (d) => ((d.backtest as Record<string, unknown>).x = 1)],
      ['wrong type of option', (d) => ((d.backtest as Record<string, unknown>).commission = '1')],
      ['unknown load option', (d) => ((d.input as { load: object }).load = { require: 'fs' })],
      ['prototype key in params', (d) => (d.params = JSON.parse('{"__proto__": {"x": 1}}'))],
      ['deep params', (d) => (d.params = { a: [[[[[[[[[[1]]]]]]]]]] })],
      ['other version', (d) => (d.v = 2)],
      ['not an object', (d) => (d.input = 'x')],
    ];
    for (const [what, spoil] of cases) {
      const data = copy();
      spoil(data);
      expect(() => checkTrialJob(data), what).toThrow(ProtocolError);
    }
    expect(() => checkTrialJob(null)).toThrow(ProtocolError);
  });
});

describe('strategies in jobs', () => {
  it('are named when the coordinator knows the name, else sent as a file by its content', () => {
    const file = join(DATA, 'goog-2004-2013.csv');
    const bytes = readFileSync(file);
    expect(strategyRef('sma-cross', BUILTINS.strategies)).toEqual({ builtin: 'sma-cross' });
    expect(strategyRef(file, BUILTINS.strategies)).toEqual({
      file: 'goog-2004-2013.csv',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    // Without names, a name is a file like any other (and there is none called so).
    expect(() => strategyRef('sma-cross')).toThrow(/ENOENT/);
  });
});

describe('results', () => {
  const stats = { sharpe: 1.25, sqn: null, annualisationBasis: 'days' } as unknown as Stats;
  const returns = Float64Array.from([0, 0.5, -0.25, 1 / 3]);
  const position = Float64Array.from([0, 1, 1, 0.5]);

  it('round-trip through JSON bit for bit', () => {
    const text = JSON.stringify(encodeResult(HASH, 'host:1', { stats, returns, position }));
    const back = decodeResult(text, HASH, 4);
    expect(back.worker).toBe('host:1');
    expect(back.stats).toEqual(stats);
    expect(Array.from(back.returns)).toEqual([0, 0.5, -0.25, 1 / 3]);
    expect(Array.from(back.position)).toEqual([0, 1, 1, 0.5]);
  });

  it('are refused when they answer another trial or have the wrong length', () => {
    const value = encodeResult(HASH, 'host:1', { stats, returns, position });
    expect(() => decodeResult(value, 'c'.repeat(64), 4)).toThrow(ProtocolError);
    expect(() => decodeResult(value, HASH, 5)).toThrow(/returns has 4 values, expected 5/);
    expect(() => decodeResult({ ...value, stats: { sharpe: {} } }, HASH, 4)).toThrow(ProtocolError);
    expect(() => decodeResult('{', HASH, 4)).toThrow(ProtocolError);
  });
});

describe('retries and keys', () => {
  it('retry crashes a bounded number of times and keep finished jobs for resuming', () => {
    expect(JOB_OPTIONS.attempts).toBeGreaterThan(1);
    expect(JOB_OPTIONS.attempts).toBeLessThanOrEqual(5);
    expect(JOB_OPTIONS.removeOnComplete).toBe(false);
  });

  it('fail bad input at once: deterministic errors are told apart from crashes', () => {
    expect(isDeterministic(new InputError('bad'))).toBe(true);
    expect(isDeterministic(new ProtocolError('bad'))).toBe(true);
    expect(isDeterministic(new Error('worker lost'))).toBe(false);
    expect(isDeterministicReason('InputError: fast must be < slow')).toBe(true);
    expect(isDeterministicReason('Error: out of memory')).toBe(false);
  });

  it('do not retry a strategy out of time (it would hang again), but do retry a crash', async () => {
    const series = createPriceSeries({ time: [0, 86_400_000, 172_800_000], close: [1, 2, 3] });
    const hanging = async (run: () => unknown) => {
      const strategy = { name: 'hangs', params: {}, warmup: () => 0, run } as never;
      try {
        await runStrategyGuarded(
          strategy,
          series,
          {},
          { seed: 1, allowShort: false },
          {
            label: 'hangs.mjs',
            timeoutSeconds: 0.05,
          },
        );
      } catch (error) {
        return error as Error;
      }
      throw new Error('the strategy was not stopped');
    };
    // A promise that never settles while a timer keeps the process busy, and a busy loop.
    let ticker: NodeJS.Timeout | undefined;
    const waiting = await hanging(
      () =>
        new Promise(() => {
          ticker = setInterval(() => {}, 10);
        }),
    );
    clearInterval(ticker);
    const spinning = await hanging(() => {
      for (;;) {}
    });
    for (const error of [waiting, spinning]) {
      expect(error).toBeInstanceOf(StrategyFailure);
      expect(error.message).toBe(
        'strategy hangs.mjs did not finish within 0.05 s (the time limit)',
      );
      expect(skipsRetries(error)).toBe(true);
      // As a worker thread hands it back to the queue worker.
      expect(skipsRetries(rebuildThreadError({ name: error.name, message: error.message }))).toBe(
        true,
      );
    }
    expect(skipsRetries(new InputError('bad'))).toBe(true);
    expect(skipsRetries(new StrategyFailure('s.mjs', 'failed: boom'))).toBe(false);
    expect(skipsRetries(new Error('worker thread exited with code 134'))).toBe(false);
  });

  it('name jobs by content: equal trials share a key, any change makes a new one', () => {
    const trial = { data: HASH, params: { fast: 10, slow: 50 }, seed: 42 };
    expect(hashOf(trial)).toBe(hashOf(JSON.parse(JSON.stringify(trial))));
    expect(hashOf({ ...trial, seed: 43 })).not.toBe(hashOf(trial));
    expect(hashOf({ ...trial, params: { fast: 10, slow: 51 } })).not.toBe(hashOf(trial));
    expect(hashOf(trial)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('make sweep names safe', () => {
    expect(queueName('runs/sweep a:b')).toBe('runs-sweep-a-b');
    expect(queueName('../..')).toBe('sweep');
  });
});

describe('resuming', () => {
  it('finishes a sweep whose trials are all stored without reaching the queue', async () => {
    const out = mkdtempSync(join(tmpdir(), 'queue-resume-'));
    try {
      const options: SweepOptions = {
        file: join(DATA, 'goog-2004-2013.csv'),
        strategy: 'sma-cross',
        grid: ['fast=5,10', 'slow=40,60'],
        resamples: 100,
        threads: 1,
        out,
      };
      const local = await sweep(options);
      const before = readFileSync(join(out, 'trials.csv'), 'utf8');
      // Port 1 on loopback: nothing listens, so any connection attempt would fail the sweep.
      const resumed = await sweep({ ...options, queue: 'redis://127.0.0.1:1' });
      expect(resumed).toEqual(local);
      expect(readFileSync(join(out, 'trials.csv'), 'utf8')).toBe(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
