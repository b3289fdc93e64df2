import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { builtinStrategies } from '../../strategies/index.js';

describe('numbers typed as text are decimals only, within sane bounds', () => {
  const sma = builtinStrategies['sma-cross'];
  for (const text of ['0x10', '0b11', '0o7', 'Infinity', '1_000', '']) {
    it(`--param fast=${text} is refused`, () => {
      expect(() => resolveParams(sma, { fast: text })).toThrow(InputError);
    });
  }

  it('decimal text is read: 16, +16, 1.6e1', () => {
    for (const text of ['16', '+16', '1.6e1'])
      expect(resolveParams(sma, { fast: text }).fast).toBe(16);
  });

  it('an initial cash of 1e308 is bad input, not an overflow halfway through', () => {
    const series = createPriceSeries({ time: [0, 86_400_000, 172_800_000], close: [1, 2, 3] });
    expect(() => runBacktest(series, new Float64Array(3).fill(1), { initialCash: 1e308 })).toThrow(
      InputError,
    );
  });
});
