import { describe, expect, it } from 'vitest';
import { createPriceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_FEATURE_SPEC, INDICATOR_FEATURE_SPEC } from '../../src/features/default-spec.js';
import { buildFeatures } from '../../src/features/matrix.js';
import {
  FEATURE_KINDS,
  featureColumns,
  featureWarmup,
  requiredFields,
  specForFields,
  validateFeatureSpec,
} from '../../src/features/spec.js';
import { closeSeries, EVERY_KIND, randomSeries } from './helpers.js';

function errorOf(spec: unknown): string {
  try {
    validateFeatureSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected validateFeatureSpec to throw');
}

describe('validateFeatureSpec', () => {
  it('accepts every kind and returns a copy that shares nothing with the input', () => {
    expect(new Set(EVERY_KIND.map((d) => d.kind))).toEqual(new Set(FEATURE_KINDS));
    const input = structuredClone(EVERY_KIND);
    const clean = validateFeatureSpec(input);
    expect(clean).toEqual(EVERY_KIND);
    (input[0] as { lags: number[] }).lags.push(9);
    expect(clean[0]).toEqual({ kind: 'returns', lags: [1, 3] });
  });

  it.each([
    [{ kind: 'rsi' }, 'not an array', /must be a JSON array/],
    [[], 'empty', /is empty/],
    [[42], 'entry not an object', /feature spec\[0\] must be an object with a "kind"/],
    [
      [{ kind: 'rsi', period: 14 }, { kind: 'foo' }],
      'unknown kind',
      /feature spec\[1\]: unknown kind "foo"; known kinds are returns, /,
    ],
    [[{ period: 14 }], 'missing kind', /feature spec\[0\]: unknown kind undefined/],
    [
      [{ kind: 'rsi', length: 14 }],
      'unknown parameter',
      /feature spec\[0\] \(rsi\): unknown parameter "length"; rsi takes period/,
    ],
    [
      [{ kind: 'atr' }],
      'missing parameter',
      /feature spec\[0\] \(atr\): missing parameter "period"/,
    ],
    [
      [{ kind: 'rsi', period: 0 }],
      'period < 1',
      /\(rsi\): period must be a whole number >= 1, got 0/,
    ],
    [[{ kind: 'sma' }], 'kind typo', /unknown kind "sma"/],
    [
      [{ kind: 'smaRatio', period: 2.5 }],
      'non-integer',
      /period must be a whole number >= 1, got 2.5/,
    ],
    [
      [{ kind: 'smaRatio', period: '20' }],
      'string',
      /period must be a whole number >= 1, got "20"/,
    ],
    [
      [{ kind: 'volatility', period: 1 }],
      'volatility of one return',
      /period must be a whole number >= 2, got 1/,
    ],
    [
      [{ kind: 'macd', fast: 26, slow: 12, signal: 9 }],
      'fast >= slow',
      /feature spec\[0\] \(macd\): fast \(26\) must be less than slow \(12\)/,
    ],
    [
      [{ kind: 'macd', fast: 12, slow: 12, signal: 9 }],
      'fast = slow',
      /fast \(12\) must be less than slow \(12\)/,
    ],
    [[{ kind: 'bbands', period: 20, stdDev: 0 }], 'stdDev 0', /stdDev must be a number > 0, got 0/],
    [
      [{ kind: 'bbands', period: 20, stdDev: Number.NaN }],
      'stdDev NaN',
      /stdDev must be a number > 0/,
    ],
    [[{ kind: 'returns', lags: [] }], 'empty lags', /lags must be a non-empty array/],
    [[{ kind: 'returns', lags: 5 }], 'lags not an array', /lags must be a non-empty array/],
    [[{ kind: 'returns', lags: [1, 0] }], 'lag 0', /lags must hold whole numbers >= 1, got 0/],
    [[{ kind: 'returns', lags: [1, 1] }], 'repeated lag', /lags must not repeat a lag/],
    [
      [
        { kind: 'rsi', period: 14 },
        { kind: 'rsi', period: 14 },
      ],
      'duplicate column',
      /feature spec\[1\] \(rsi\): column "rsi_14" is already produced by feature spec\[0\]/,
    ],
  ])('refuses %j (%s)', (spec, _why, message) => {
    expect(errorOf(spec)).toMatch(message);
  });
});

describe('columns, warm-up and fields', () => {
  it('names every column after its kind and parameters', () => {
    expect(featureColumns(EVERY_KIND)).toEqual([
      'ret_1',
      'ret_3',
      'logret_2',
      'sign_1',
      'sign_2',
      'sma_ratio_5',
      'ema_ratio_5',
      'rsi_6',
      'macd_4_9_3',
      'macd_signal_4_9_3',
      'macd_hist_4_9_3',
      'bb_pctb_7_1.5',
      'bb_width_7_1.5',
      'atr_6',
      'stoch_k_6_3',
      'stoch_d_6_3',
      'willr_6',
      'roc_4',
      'cci_7',
      'adx_5',
      'adx_di_5',
      'mfi_6',
      'obv_change_5',
      'volatility_6',
      'volume_ratio_5',
    ]);
  });

  it('declares the warm-up of each kind (first bar, 0-based, with a value)', () => {
    // By definition: a lag-L return needs bar t-L; an n-bar mean needs bars t-n+1..t; anything
    // built on one-bar changes (RSI, ATR, ROC, MFI, OBV, volatility) needs n changes, i.e. n+1
    // bars; MACD's signal averages `signal` line values, the first line value is at slow-1; ADX
    // averages `period` DX values, the first DX at bar `period`.
    const expected: Record<string, number> = {
      returns: 3,
      logReturns: 2,
      sign: 2,
      smaRatio: 4,
      emaRatio: 4,
      rsi: 6,
      macd: 9 - 1 + 3 - 1,
      bbands: 6,
      atr: 6,
      stochastic: 6 - 1 + 3 - 1,
      williamsR: 5,
      roc: 4,
      cci: 6,
      adx: 5 + 5 - 1,
      mfi: 6,
      obvChange: 5,
      volatility: 6,
      volumeRatio: 4,
    };
    for (const def of EVERY_KIND)
      expect([def.kind, featureWarmup([def])]).toEqual([def.kind, expected[def.kind]]);
    expect(featureWarmup(EVERY_KIND)).toBe(10);
  });

  it('lists the price fields a spec reads in OHLCV order', () => {
    expect(requiredFields([{ kind: 'rsi', period: 14 }])).toEqual(['close']);
    expect(
      requiredFields([
        { kind: 'volumeRatio', period: 5 },
        { kind: 'atr', period: 3 },
      ]),
    ).toEqual(['high', 'low', 'close', 'volume']);
    expect(requiredFields(EVERY_KIND)).toEqual(['high', 'low', 'close', 'volume']);
  });

  it('drops the entries a close-only source cannot feed', () => {
    const { spec, dropped } = specForFields(INDICATOR_FEATURE_SPEC, ['close']);
    expect(dropped).toEqual(['atr', 'stochastic', 'volumeRatio']);
    expect(spec.map((d) => d.kind)).toEqual(['returns', 'smaRatio', 'rsi', 'macd', 'bbands']);
  });
});

describe('the default and indicator specs', () => {
  it('default: the last direction and five return lags, a 20-bar warm-up, close only', () => {
    expect(featureColumns(DEFAULT_FEATURE_SPEC)).toEqual([
      'sign_1',
      'ret_1',
      'ret_2',
      'ret_5',
      'ret_10',
      'ret_20',
    ]);
    expect(featureWarmup(DEFAULT_FEATURE_SPEC)).toBe(20);
    expect(requiredFields(DEFAULT_FEATURE_SPEC)).toEqual(['close']);
    expect(validateFeatureSpec(DEFAULT_FEATURE_SPEC)).toEqual(DEFAULT_FEATURE_SPEC);
  });

  it('indicators: 16 columns and a 49-bar warm-up', () => {
    expect(featureColumns(INDICATOR_FEATURE_SPEC)).toHaveLength(16);
    expect(featureWarmup(INDICATOR_FEATURE_SPEC)).toBe(49);
    expect(validateFeatureSpec(INDICATOR_FEATURE_SPEC)).toEqual(INDICATOR_FEATURE_SPEC);
  });

  it('cannot be changed by a caller by mistake', () => {
    expect(() => {
      (DEFAULT_FEATURE_SPEC[1] as { lags: number[] }).lags.push(50);
    }).toThrow(TypeError);
  });
});

describe('missing columns and bad values', () => {
  it('names the kind, the missing fields and the source', () => {
    const series = closeSeries([1, 2, 3, 4, 5]);
    series.meta.source = 'data/eur.csv';
    expect(() => buildFeatures(series, [{ kind: 'atr', period: 2 }])).toThrow(
      new InputError("feature 'atr' needs high and low; data/eur.csv has close only."),
    );
    expect(() => buildFeatures(series, [{ kind: 'mfi', period: 2 }])).toThrow(
      "feature 'mfi' needs high, low and volume; data/eur.csv has close only.",
    );
  });

  it('lists what a source with several fields has', () => {
    const close = [1, 2, 3, 4];
    const series = createPriceSeries({ time: [0, 1, 2, 3], close, open: close, volume: close });
    expect(() => buildFeatures(series, [{ kind: 'cci', period: 2 }])).toThrow(
      "feature 'cci' needs high and low; synthetic has open, close and volume.",
    );
  });

  it('refuses prices that are not finite and above 0, naming the bar and its time', () => {
    const bad = closeSeries([10, 11, 0, 12]);
    expect(() => buildFeatures(bad, [{ kind: 'returns', lags: [1] }])).toThrow(
      'synthetic: bar 2 (2020-01-03) has close 0; features need finite prices above 0.',
    );
    const nan = randomSeries(30);
    nan.volume[7] = Number.NaN;
    expect(() => buildFeatures(nan, [{ kind: 'volumeRatio', period: 3 }])).toThrow(
      /bar 7 .* has volume NaN; features need finite volumes >= 0/,
    );
    // A field no feature reads is not checked.
    expect(() => buildFeatures(nan, [{ kind: 'rsi', period: 3 }])).not.toThrow();
  });
});
