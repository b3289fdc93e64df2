import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS, runBacktestJob, runStrategyAlone } from '../../src/builtins/index.js';
import { InputError } from '../../src/errors.js';
import { ThreadPool } from '../../src/queue/pool.js';
import { ProtocolError } from '../../src/queue/protocol.js';
import {
  checkRunJob,
  decodeRunResult,
  encodeJson,
  encodeRunResult,
  isRunJob,
  type RunJob,
  runKey,
} from '../../src/queue/run-job.js';
import type { StrategyRun } from '../../src/run/index.js';
import { DATA } from '../cli/helpers.js';

const job: RunJob = {
  v: 1,
  kind: 'run',
  sweep: 'nn-timing-goog',
  key: 'a'.repeat(64),
  input: { sha256: 'b'.repeat(64), name: 'prices.csv', load: { symbol: 'AAA', missing: 'drop' } },
  from: '2005-01-01',
  to: null,
  strategy: { file: 'mine.mjs', sha256: 'c'.repeat(64) },
  params: { lag: 5 },
  seed: 43,
  allowShort: false,
  timeout: null,
};
const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(job));
const { key: _, ...unkeyed } = job;

describe('run jobs', () => {
  it('are told from trials by their kind and checked field by field', () => {
    expect(isRunJob(copy())).toBe(true);
    expect(isRunJob({ ...copy(), kind: undefined })).toBe(false);
    expect(checkRunJob(copy())).toEqual(job);
    const bad: [string, (data: Record<string, unknown>) => void][] = [
      ['unknown field "code"', (data) => Object.assign(data, { code: 'process.exit()' })],
      ['lacks "allowShort"', (data) => delete data.allowShort],
      ['allowShort must be a boolean', (data) => Object.assign(data, { allowShort: 'yes' })],
      ['timeout must be', (data) => Object.assign(data, { timeout: -1 })],
      [
        'strategy.file is malformed',
        (data) => Object.assign(data, { strategy: { file: '../x.mjs', sha256: 'c'.repeat(64) } }),
      ],
      [
        'input.load.symbol must be a string',
        (data) => Object.assign(data.input as object, { load: { symbol: 1 } }),
      ],
      ['protocol version 2', (data) => Object.assign(data, { v: 2 })],
    ];
    for (const [problem, spoil] of bad) {
      const data = copy();
      spoil(data);
      expect(() => checkRunJob(data), problem).toThrow(ProtocolError);
      expect(() => checkRunJob(data), problem).toThrow(problem);
    }
  });

  it('are keyed by what decides the output, and by nothing else', () => {
    const key = runKey(unkeyed, '1.0.0');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey(structuredClone(unkeyed), '1.0.0')).toBe(key);
    // Neither the timeout nor the backtest's name change what a run yields.
    expect(runKey({ ...unkeyed, timeout: 60, sweep: 'other' }, '1.0.0')).toBe(key);
    const changed: Omit<RunJob, 'key'>[] = [
      { ...unkeyed, seed: 44 },
      { ...unkeyed, params: { lag: 6 } },
      { ...unkeyed, allowShort: true },
      { ...unkeyed, from: null },
      { ...unkeyed, input: { ...unkeyed.input, load: { symbol: 'BBB', missing: 'drop' } } },
      { ...unkeyed, input: { ...unkeyed.input, name: 'other.csv' } },
      { ...unkeyed, strategy: { file: 'mine.mjs', sha256: 'd'.repeat(64) } },
    ];
    for (const other of changed) expect(runKey(other, '1.0.0')).not.toBe(key);
    // A built-in is the same run only under the same version of the package.
    const builtin = { ...unkeyed, strategy: { builtin: 'nn-timing' } };
    expect(runKey(builtin, '1.0.0')).not.toBe(runKey(builtin, '1.0.1'));
  });
});

describe('run results', () => {
  const positions = Float64Array.from([Number.NaN, 0, 1, 0.5]);
  const probabilities = Float64Array.from([Number.NaN, 0.25, 0.75, 0.5]);
  const diagnostics = {
    kind: 'test',
    error: Number.NaN,
    worst: Number.NEGATIVE_INFINITY,
    zero: -0,
    windows: [{ a: 1.5 }],
  };
  const model = { format: 'nn-timing-model', weights: [0.1, -2.5e-300, Number.POSITIVE_INFINITY] };

  it('come back exactly, NaN, infinities and -0 included, through JSON text', () => {
    const sent = JSON.stringify(
      encodeRunResult(job.key, 'host:1', { positions, probabilities, diagnostics, model }),
    );
    const { worker, output } = decodeRunResult(sent, job.key);
    expect(worker).toBe('host:1');
    expect(output.positions).toEqual(positions);
    expect(output.probabilities).toEqual(probabilities);
    expect(Object.is(output.diagnostics?.zero, -0)).toBe(true);
    expect(output.diagnostics).toEqual(diagnostics);
    expect(output.model).toEqual(model);
    // A strategy without probabilities, diagnostics or model gets none back.
    const bare = decodeRunResult(encodeRunResult(job.key, 'host:1', { positions }), job.key);
    expect(Object.keys(bare.output)).toEqual(['positions']);
  });

  it('that do not answer the run, or are malformed, are refused', () => {
    const result = encodeRunResult(job.key, 'host:1', { positions, probabilities, diagnostics });
    const spoiled: [string, Record<string, unknown>][] = [
      ['for run', { ...result, key: 'f'.repeat(64) }],
      [
        'result.probabilities has 3 values, expected 4',
        { ...result, probabilities: result.positions.slice(0, 32) },
      ],
      ['malformed number', { ...result, diagnostics: '{"x":{"$number":"1e999"}}' }],
      ['result.model is not JSON', { ...result, model: '{' }],
      ['diagnostics must be an object', { ...result, diagnostics: '[1]' }],
      ['unknown field "code"', { ...result, code: 'x' }],
    ];
    for (const [problem, value] of spoiled) {
      expect(() => decodeRunResult(value, job.key), problem).toThrow(problem);
    }
    expect(encodeJson({ tag: { $number: 'NaN', other: 1 } })).toBe(
      '{"tag":{"$number":"NaN","other":1}}',
    );
  });
});

describe('a queue worker’s threads', () => {
  const run: StrategyRun = {
    file: join(DATA, 'goog-2004-2013.csv'),
    load: {},
    strategy: 'sma-cross',
    params: { fast: 10, slow: 50 },
    seed: 42,
    allowShort: false,
  };
  const runOn = async (entry?: URL) => {
    const pool = new ThreadPool(1, entry);
    try {
      return await pool.runStrategy(run);
    } finally {
      await pool.close();
    }
  };

  it('resolve a built-in name from the entry that knows them, and none from the core’s own', async () => {
    const output = await runOn(BUILTINS.threads.queue);
    expect(Array.from(output.positions)).toEqual(
      Array.from((await runStrategyAlone(run)).positions),
    );
    await expect(runOn()).rejects.toThrow(/unknown strategy "sma-cross": no strategy names/);
  });
});

describe('backtest runs elsewhere', () => {
  const files = [join(DATA, 'goog-2004-2013.csv'), join(DATA, 'orcl-1995-2014.csv')];
  const options = { files, strategy: 'sma-cross', seeds: 2, resamples: 200, params: { fast: 10 } };

  it('hands every file and seed over at once and reports as if run here', async () => {
    const asked: StrategyRun[] = [];
    const elsewhere = await runBacktestJob(options, {
      runElsewhere: (runs) => {
        asked.push(...runs);
        return runs.map((run) => runStrategyAlone(structuredClone(run)));
      },
    });
    expect(asked.map((run) => [run.file, run.seed])).toEqual([
      [files[0], 42],
      [files[0], 43],
      [files[1], 42],
      [files[1], 43],
    ]);
    expect(asked[0]).toMatchObject({ strategy: 'sma-cross', params: { fast: 10, slow: 200 } });
    expect(JSON.stringify(elsewhere)).toBe(JSON.stringify(await runBacktestJob(options)));
  });

  it('checks what comes back as it checks a strategy run here', async () => {
    const run = runBacktestJob(options, {
      runElsewhere: (runs) => runs.map(async () => ({ positions: new Float64Array(3).fill(2) })),
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(
      runBacktestJob(options, {
        runElsewhere: (runs) =>
          runs.map(async () => ({ positions: new Float64Array(2148).fill(2) })),
      }),
    ).rejects.toThrow(/position at bar 0 is 2, outside \[0, 1\]/);
  });
});
