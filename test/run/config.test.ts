import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadBacktestConfig, validateBacktestConfig } from '../../src/run/config.js';

const FILE = '/configs/sub/my-run.json';

function invalid(json: unknown): string {
  try {
    validateBacktestConfig(json, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('validateBacktestConfig', () => {
  it('resolves data, strategy files and out relative to the config file and fills defaults', () => {
    const config = validateBacktestConfig(
      {
        data: ['../data/a.csv', '/abs/b.csv'],
        strategy: './mine.ts',
        baselineParams: {},
        out: '../runs/x',
      },
      FILE,
    );
    expect(config.data).toEqual(['/configs/data/a.csv', '/abs/b.csv']);
    expect(config.strategy).toBe('/configs/sub/mine.ts');
    expect(config.out).toBe('/configs/runs/x');
    expect(config.baseline).toBe('buy-and-hold');
    expect(config.params).toEqual({});
    expect(config.name).toBe('my-run');
    expect(config.loader).toEqual({});
  });

  it('keeps built-in strategy names as names and a single data path as a list', () => {
    const config = validateBacktestConfig(
      { data: 'prices.csv', strategy: 'sma-cross', baseline: 'random', params: { fast: 5 } },
      FILE,
    );
    expect(config.data).toEqual([resolve('/configs/sub/prices.csv')]);
    expect(config.strategy).toBe('sma-cross');
    expect(config.baseline).toBe('random');
    expect(config.params).toEqual({ fast: 5 });
    expect(config.out).toBeUndefined();
  });

  it('shows paths under the working folder relative to it', () => {
    const file = join(process.cwd(), 'backtests', 'x.json');
    const config = validateBacktestConfig(
      { data: '../data/a.csv', strategy: 'lib/s.mjs', out: '../runs/x' },
      file,
    );
    expect(config.data).toEqual([join('data', 'a.csv')]);
    expect(config.strategy).toBe(join('backtests', 'lib', 's.mjs'));
    expect(config.out).toBe(join('runs', 'x'));
  });

  it('accepts every documented key', () => {
    const config = validateBacktestConfig(
      {
        description: 'all keys',
        data: 'a.csv',
        symbol: 'SPY',
        strategy: 'nn-timing',
        params: {},
        baseline: 'buy-and-hold',
        baselineParams: {},
        from: '2001-01-01',
        to: '2002-06-30 15:00',
        fill: 'close',
        commission: 0.0005,
        slippageBps: 1,
        fixedFee: 1,
        allowShort: true,
        wholeUnits: true,
        initialCash: 5000,
        riskFreeRate: 0.02,
        periodsPerYear: 252,
        seed: 7,
        seeds: 3,
        threads: 1,
        resamples: 500,
        confidence: 0.95,
        trials: 12,
        checkLookahead: true,
        loader: {
          missing: 'drop',
          invalid: 'clamp',
          dateFormat: 'YYYY-MM-DD',
          columns: ['d', 'o', 'h', 'l', 'c', 'v'],
          adjust: false,
        },
        out: 'out',
        html: true,
        format: 'json',
      },
      FILE,
    );
    expect(config.fill).toBe('close');
    expect(config.seeds).toBe(3);
    expect(config.loader.adjust).toBe(false);
    expect(config.format).toBe('json');
    expect(config.checkLookahead).toBe(true);
    expect(config.confidence).toBe(0.95);
    expect(config.trials).toBe(12);
  });

  it('rejects unknown keys, naming the key and the file', () => {
    const message = invalid({ data: 'a.csv', strategy: 'sma-cross', comission: 0.001 });
    expect(message).toContain(FILE);
    expect(message).toContain('"comission"');
    expect(invalid({ data: 'a.csv', strategy: 'x', loader: { adjusted: true } })).toContain(
      '"loader.adjusted"',
    );
  });

  it('rejects wrong types and out-of-range values, naming the key', () => {
    expect(invalid({ data: 'a.csv', strategy: 'x', commission: '0.001' })).toMatch(
      /"commission" must be a number/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', commission: 2 })).toMatch(
      /"commission" must be a number at least 0 and below 1/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', seeds: 2.5 })).toMatch(
      /"seeds" must be a whole number from 1 to 1000/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', seeds: 0 })).toMatch(
      /"seeds" must be a whole number from 1 to 1000/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', fill: 'mid' })).toMatch(
      /"fill" must be one of "open", "close"/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', html: 'yes' })).toMatch(
      /"html" must be true or false/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', checkLookahead: 1 })).toMatch(
      /"checkLookahead" must be true or false/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', confidence: 1 })).toMatch(
      /"confidence" must be a number above 0 and below 1/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', trials: 0 })).toMatch(
      /"trials" must be a whole number from 1 to 1000000/,
    );
    expect(invalid({ data: [], strategy: 'x' })).toMatch(/"data" must be a non-empty/);
    expect(invalid({ data: 'a.csv', strategy: 'x', params: [1] })).toMatch(
      /"params" must be an object/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', initialCash: 0 })).toMatch(
      /"initialCash" must be a number above 0 and at most 1e15/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', loader: { missing: 'skip' } })).toMatch(
      /"loader.missing" must be one of/,
    );
  });

  it('rejects impossible dates and a from after to', () => {
    expect(invalid({ data: 'a.csv', strategy: 'x', from: '2010-02-30' })).toMatch(
      /"from" must be a date/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', to: 'last year' })).toMatch(
      /"to" must be a date/,
    );
    expect(invalid({ data: 'a.csv', strategy: 'x', from: '2011-01-01', to: '2010-12-31' })).toMatch(
      /"from" \(2011-01-01\) is after "to"/,
    );
  });

  it('requires data and strategy, and an object at the top', () => {
    expect(invalid({ strategy: 'x' })).toMatch(/"data" is required/);
    expect(invalid({ data: 'a.csv' })).toMatch(/"strategy" is required/);
    expect(invalid([1, 2])).toMatch(/must be a JSON object/);
  });
});

describe('loadBacktestConfig', () => {
  const folder = mkdtempSync(join(tmpdir(), 'nn-config-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reports unparsable JSON and missing files as InputErrors naming the file', () => {
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ "data": "a.csv", }');
    expect(() => loadBacktestConfig(broken)).toThrow(InputError);
    expect(() => loadBacktestConfig(broken)).toThrow(/broken\.json: not valid JSON/);
    expect(() => loadBacktestConfig(join(folder, 'absent.json'))).toThrow(
      /cannot read config file .*absent\.json/,
    );
  });

  it('reads a valid file', () => {
    const file = join(folder, 'ok.json');
    writeFileSync(file, JSON.stringify({ data: 'p.csv', strategy: 'sma-cross' }));
    expect(loadBacktestConfig(file).data).toEqual([join(folder, 'p.csv')]);
  });
});

describe('config files: BOM, duplicate keys, prototype keys, column lists', () => {
  const folder = mkdtempSync(join(tmpdir(), 'nn-config-hardening-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(folder, name);
    writeFileSync(file, text);
    return file;
  };
  const refusal = (file: string) => {
    try {
      loadBacktestConfig(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error('expected the config to be rejected');
  };

  it('accepts a UTF-8 byte-order mark', () => {
    const file = write('bom.json', '\uFEFF{"data": "a.csv", "strategy": "buy-and-hold"}');
    expect(loadBacktestConfig(file).strategy).toBe('buy-and-hold');
  });

  it('refuses a key given twice, naming it with its path', () => {
    const top = write('dup.json', '{"data": "a.csv", "strategy": "sma", "strategy": "rsi"}');
    expect(refusal(top)).toMatch(/key "strategy" appears twice/);
    const nested = write(
      'dup-nested.json',
      '{"data": ["x\\",{\\"y.csv"], "strategy": "sma", "loader": {"missing": "drop", "missing": "ffill"}}',
    );
    expect(refusal(nested)).toMatch(/key "loader\.missing" appears twice/);
    // Equal keys in different objects, and equal strings as values, are fine.
    const fine = write(
      'fine.json',
      '{"data": "a.csv", "strategy": "sma", "params": {"fast": 5}, "baselineParams": {"fast": 5}, "description": "strategy"}',
    );
    expect(loadBacktestConfig(fine).params).toEqual({ fast: 5 });
  });

  it.each(['__proto__', 'constructor', 'valueOf', 'isPrototypeOf', 'toString'])(
    'treats "%s" as an unknown key, at the top and in loader',
    (key) => {
      const top = write(`top-${key}.json`, `{"data": "a.csv", "strategy": "sma", "${key}": 1}`);
      expect(refusal(top)).toContain(`unknown key "${key}"`);
      const inLoader = write(
        `loader-${key}.json`,
        `{"data": "a.csv", "strategy": "sma", "loader": {"${key}": {}}}`,
      );
      expect(refusal(inLoader)).toContain(`unknown key "loader.${key}"`);
    },
  );

  it('splits "columns": "date,open" at commas like --columns', () => {
    const config = validateBacktestConfig(
      { data: 'a.csv', strategy: 'sma', loader: { columns: 'Date, Close' } },
      FILE,
    );
    expect(config.loader.columns).toEqual(['Date', 'Close']);
    expect(invalid({ data: 'a.csv', strategy: 'sma', loader: { columns: 'Date,,Close' } })).toMatch(
      /"loader\.columns" must be/,
    );
  });
});
