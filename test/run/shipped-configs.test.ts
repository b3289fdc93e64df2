import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBacktestConfig } from '../../src/run/config.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { builtinStrategies } from '../../strategies/index.js';

const BACKTESTS = resolve(import.meta.dirname, '../../backtests');

describe('shipped backtest configs', () => {
  const files = readdirSync(BACKTESTS).filter((name) => name.endsWith('.json'));

  it('include the runs the issue asks for', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining([
        'btc-nn-timing.json',
        'eurusd-nn-timing.json',
        'goog-nn-timing.json',
        'goog-sma-cross.json',
        'spy-nn-timing.json',
      ]),
    );
  });

  it.each(files)('%s is valid, names shipped data and writes under runs/', (name) => {
    const config = loadBacktestConfig(join(BACKTESTS, name));
    for (const data of config.data) expect(existsSync(data)).toBe(true);
    const strategy = builtinStrategies[config.strategy];
    expect(strategy).toBeDefined();
    expect(() => resolveParams(strategy, config.params)).not.toThrow();
    expect(resolve(config.out ?? '')).toBe(resolve(BACKTESTS, '..', 'runs', config.name));
  });
});
