import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { defineStrategy } from '../../src/strategy-contract/define.js';
import { validateStrategyOutput } from '../../src/strategy-contract/output.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import type { Strategy } from '../../src/strategy-contract/types.js';
import { smaCross } from '../../strategies/sma-cross.js';

const demo = defineStrategy({
  name: 'demo',
  description: 'Every parameter type once.',
  params: {
    rate: { type: 'number', default: 0.5, min: 0, max: 1, description: 'a fraction' },
    period: { type: 'integer', default: 14, min: 2, description: 'bars' },
    short: { type: 'boolean', default: false, description: 'flag' },
    label: { type: 'string', default: 'x', description: 'text' },
    mode: {
      type: 'enum',
      default: 'rolling',
      values: ['rolling', 'expanding'],
      description: 'mode',
    },
    spec: { type: 'json', default: [{ kind: 'rsi', period: 14 }], description: 'json' },
  },
  validate(params) {
    if ((params.period as number) > 100 && params.short === true) {
      throw new InputError('demo: long periods cannot be short.');
    }
  },
  warmup: () => 0,
  run: (series) => ({ positions: new Float64Array(series.time.length) }),
});

describe('resolveParams', () => {
  it('fills every default when nothing is given', () => {
    expect(resolveParams(demo, {})).toEqual({
      rate: 0.5,
      period: 14,
      short: false,
      label: 'x',
      mode: 'rolling',
      spec: [{ kind: 'rsi', period: 14 }],
    });
  });

  it('coerces CLI strings to the declared types', () => {
    const params = resolveParams(demo, {
      rate: '0.25',
      period: '20',
      short: 'true',
      label: 'abc',
      mode: 'expanding',
      spec: '[{"kind":"roc","period":5}]',
    });
    expect(params).toEqual({
      rate: 0.25,
      period: 20,
      short: true,
      label: 'abc',
      mode: 'expanding',
      spec: [{ kind: 'roc', period: 5 }],
    });
    expect(resolveParams(demo, { short: 'no' }).short).toBe(false);
    expect(resolveParams(demo, { short: '1' }).short).toBe(true);
  });

  it('hands out copies of json defaults, so a strategy cannot corrupt them', () => {
    const first = resolveParams(demo, {});
    (first.spec as unknown[]).push('junk');
    expect(resolveParams(demo, {}).spec).toEqual([{ kind: 'rsi', period: 14 }]);
  });

  it('names the valid keys when a key is unknown', () => {
    expect(() => resolveParams(demo, { speed: 3 })).toThrow(InputError);
    expect(() => resolveParams(demo, { speed: 3 })).toThrow(
      "Unknown parameter 'speed' for strategy 'demo'; valid parameters: rate, period, short, label, mode, spec.",
    );
  });

  it("is typed by the strategy's parameters: an unknown key does not compile", () => {
    // `npm run check` fails if this line stops being a type error.
    // @ts-expect-error 'fsat' is not a parameter of sma-cross
    expect(() => resolveParams(smaCross, { fsat: 20 })).toThrow(InputError);
    const params = resolveParams(smaCross, { fast: 20, slow: '100' });
    expect(params.slow + params.fast).toBe(120);
  });

  it.each([
    [{ rate: '1.5' }, "'rate' of strategy 'demo' must be a number from 0 to 1, got '1.5'."],
    [{ rate: '-0.1' }, 'must be a number from 0 to 1'],
    [{ rate: 'abc' }, 'must be a number from 0 to 1'],
    [{ rate: '' }, 'must be a number from 0 to 1'],
    [{ rate: 'Infinity' }, 'must be a number from 0 to 1'],
    [{ period: '2.5' }, 'must be a whole number at least 2'],
    [{ period: 1 }, 'must be a whole number at least 2, got 1.'],
    [{ short: 'maybe' }, 'must be true or false'],
    [{ mode: 'sideways' }, 'must be one of "rolling", "expanding"'],
    [{ spec: '[{' }, 'not valid JSON'],
    [{ period: 200, short: true }, 'long periods cannot be short'],
  ])('rejects %j', (raw, message) => {
    expect(() => resolveParams(demo, raw)).toThrow(InputError);
    expect(() => resolveParams(demo, raw)).toThrow(message);
  });
});

describe('defineStrategy', () => {
  const base: Strategy = {
    name: 'ok',
    description: 'fine',
    params: {},
    warmup: () => 0,
    run: (series) => ({ positions: new Float64Array(series.time.length) }),
  };

  it('returns a valid definition unchanged', () => {
    expect(defineStrategy(base)).toBe(base);
  });

  it.each([
    [{ name: 'Has Spaces' }, 'lowercase letters'],
    [{ description: '' }, 'description'],
    [{ run: undefined }, 'run()'],
    [{ params: { x: { type: 'float', default: 1, description: 'x' } } }, 'type must be one of'],
    [{ params: { x: { type: 'integer', default: 1.5, description: 'x' } } }, 'whole number'],
    [{ params: { x: { type: 'number', default: 5, max: 3, description: 'x' } } }, 'at most 3'],
    [{ params: { x: { type: 'enum', default: 'a', description: 'x' } } }, 'non-empty values'],
    [{ params: { x: { type: 'number', default: 1 } } }, 'needs a description'],
  ])('rejects a definition with %j', (change, message) => {
    const broken = { ...base, ...change } as unknown as Strategy;
    expect(() => defineStrategy(broken)).toThrow(InputError);
    expect(() => defineStrategy(broken)).toThrow(message);
  });
});

describe('validateStrategyOutput', () => {
  const positions = Float64Array.of(Number.NaN, 0, 0.5, 1);

  it('accepts NaN (no decision) and values in range', () => {
    expect(() => validateStrategyOutput({ positions }, 4, false)).not.toThrow();
    const short = Float64Array.of(Number.NaN, -1, 0, 1);
    expect(() => validateStrategyOutput({ positions: short }, 4, true)).not.toThrow();
  });

  it.each([
    [{ positions: new Float64Array(3) }, false, '3 positions for 4 bars'],
    [{ positions: Float64Array.of(0, 0, 1.01, 0) }, false, 'bar 2 is 1.01, outside [0, 1]'],
    [{ positions: Float64Array.of(0, -1, 0, 0) }, false, 'shorts are not enabled'],
    [{ positions: Float64Array.of(0, -1.5, 0, 0) }, true, 'outside [-1, 1]'],
    [{ positions: Float64Array.of(0, Number.POSITIVE_INFINITY, 0, 0) }, true, 'Infinity'],
    [{ positions: [0, 0, 0, 0] }, false, 'Float64Array'],
    [{ positions, probabilities: Float64Array.of(0.5, 1.2, 0, 0) }, false, 'probability at bar 1'],
    [
      { positions, probabilities: new Float64Array(2) },
      false,
      'probabilities as a Float64Array of 4',
    ],
  ])('rejects %j', (output, allowShort, message) => {
    const call = () => validateStrategyOutput(output as never, 4, allowShort as boolean);
    expect(call).toThrow(InputError);
    expect(call).toThrow(message);
  });
});
