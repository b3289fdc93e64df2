import { describe, expect, it } from 'vitest';
import { featureMatrixToCsv } from '../../src/features/csv.js';
import { toDataFrame } from '../../src/features/dataframe.js';
import { INDICATOR_FEATURE_SPEC } from '../../src/features/default-spec.js';
import { computeKind } from '../../src/features/kinds.js';
import { buildFeatures, featuresPerBar } from '../../src/features/matrix.js';
import { defColumns } from '../../src/features/spec.js';
import { closeSeries, EVERY_KIND, ohlcvSeries, randomSeries, START } from './helpers.js';

const DAY = 86_400_000;

describe('buildFeatures', () => {
  const series = randomSeries(300, 21);

  it('emits one row per bar from the warm-up to the last bar, all finite', () => {
    const matrix = buildFeatures(series, INDICATOR_FEATURE_SPEC);
    expect(matrix.columns).toEqual([
      'ret_1',
      'ret_2',
      'ret_5',
      'ret_10',
      'ret_20',
      'sma_ratio_50',
      'rsi_14',
      'macd_12_26_9',
      'macd_signal_12_26_9',
      'macd_hist_12_26_9',
      'bb_pctb_20_2',
      'bb_width_20_2',
      'atr_14',
      'stoch_k_14_3',
      'stoch_d_14_3',
      'volume_ratio_20',
    ]);
    expect(matrix.warmup).toBe(49);
    expect(matrix.rows).toBe(300 - 49);
    expect(matrix.values).toHaveLength(matrix.rows * 16);
    expect(matrix.barIndex[0]).toBe(49);
    expect(matrix.barIndex[matrix.rows - 1]).toBe(299);
    expect(matrix.time[0]).toBe(START + 49 * DAY);
    expect(matrix.time[matrix.rows - 1]).toBe(series.time[299]);
    expect(matrix.values.every(Number.isFinite)).toBe(true);
  });

  it('puts each kind on the right bars: a column is NaN up to its first value, then finite', () => {
    // First bar with every column defined, by hand for EVERY_KIND's parameters: a lag or a
    // period of one-bar changes needs that many earlier bars (p), a window of p bars ends at
    // p - 1; MACD 4/9/3: slow line at 8, its 3-bar signal at 8 + 2; stochastic 6/3: %K at 5,
    // %D at 5 + 2; ADX 5: DI at 5, the 5-bar mean of DX at 5 + 4.
    const expected: Record<string, number> = {
      returns: 3,
      logReturns: 2,
      sign: 2,
      smaRatio: 4,
      emaRatio: 4,
      rsi: 6,
      macd: 10,
      bbands: 6,
      atr: 6,
      stochastic: 7,
      williamsR: 5,
      roc: 4,
      cci: 6,
      adx: 9,
      mfi: 6,
      obvChange: 5,
      volatility: 6,
      volumeRatio: 4,
    };
    for (const def of EVERY_KIND) {
      const columns = computeKind(series, def);
      expect(columns).toHaveLength(defColumns(def).length);
      const firsts = columns.map((column) => {
        const first = column.findIndex((v) => !Number.isNaN(v));
        expect([def.kind, column.subarray(first).every(Number.isFinite)]).toEqual([def.kind, true]);
        return first;
      });
      expect([def.kind, Math.max(...firsts)]).toEqual([def.kind, expected[def.kind]]);
      expect([def.kind, buildFeatures(series, [def]).warmup]).toEqual([
        def.kind,
        expected[def.kind],
      ]);
    }
  });

  it('lays rows out row-major, in the order of the spec', () => {
    const matrix = buildFeatures(series, [
      { kind: 'rsi', period: 5 },
      { kind: 'returns', lags: [1, 20] },
    ]);
    expect(matrix.columns).toEqual(['rsi_5', 'ret_1', 'ret_20']);
    expect(matrix.warmup).toBe(20);
    const r = 7;
    const bar = 20 + r;
    expect(matrix.values[r * 3 + 1]).toBe(series.close[bar] / series.close[bar - 1] - 1);
    expect(matrix.values[r * 3 + 2]).toBe(series.close[bar] / series.close[bar - 20] - 1);
    const perBar = featuresPerBar(series, [{ kind: 'rsi', period: 5 }]);
    expect(matrix.values[r * 3]).toBe(perBar.rsi_5[bar]);
  });

  it('stays finite on a bad bar whose close lies outside a zero range', () => {
    // Such rows exist in real files (see data/README); range oscillators must not divide by 0.
    const bars = 12;
    const series = ohlcvSeries({
      open: Array(bars).fill(10),
      high: Array(bars).fill(10),
      low: Array(bars).fill(10),
      close: Array.from({ length: bars }, (_, i) => (i === 8 ? 10.5 : 10)),
      volume: Array(bars).fill(100),
    });
    const perBar = featuresPerBar(series, [
      { kind: 'williamsR', period: 3 },
      { kind: 'stochastic', period: 3, signal: 2 },
    ]);
    expect(perBar.willr_3[8]).toBe(0.5);
    expect(perBar.stoch_k_3_2[8]).toBe(0.5);
  });

  it('returns no rows (not an error) when the series is shorter than the warm-up', () => {
    const matrix = buildFeatures(randomSeries(49, 3), INDICATOR_FEATURE_SPEC);
    expect(matrix.rows).toBe(0);
    expect(matrix.values).toHaveLength(0);
    expect(matrix.warmup).toBe(49);
    expect(buildFeatures(randomSeries(50, 3), INDICATOR_FEATURE_SPEC).rows).toBe(1);
    // The default spec (returns up to 20 bars) starts at bar 20.
    expect(buildFeatures(randomSeries(20, 3)).rows).toBe(0);
    expect(buildFeatures(randomSeries(21, 3)).rows).toBe(1);
    expect(buildFeatures(closeSeries([]), [{ kind: 'rsi', period: 3 }]).rows).toBe(0);
  });

  it('is deterministic and depends on nothing but the bars', () => {
    const a = buildFeatures(series, EVERY_KIND);
    const b = buildFeatures(randomSeries(300, 21), EVERY_KIND);
    expect(b.values).toEqual(a.values);
  });

  it('is the same on another price level: features are scale-free', () => {
    const rescaled = (factor: number) => {
      const copy = randomSeries(300, 21);
      for (const key of ['open', 'high', 'low', 'close'] as const) {
        copy[key].forEach((v, i) => {
          copy[key][i] = v * factor;
        });
      }
      return buildFeatures(copy, EVERY_KIND).values;
    };
    const base = buildFeatures(series, EVERY_KIND).values;
    // Scaling by a power of two is exact in binary floating point, so every ratio is unchanged
    // to the bit; any other factor changes roundings only.
    expect(rescaled(1024)).toEqual(base);
    const other = rescaled(0.37);
    base.forEach((v, i) => {
      expect(Math.abs(other[i] - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
    });
  });
});

describe('featureMatrixToCsv and toDataFrame', () => {
  const matrix = buildFeatures(closeSeries([10, 11, 12.5, 12, 13]), [
    { kind: 'returns', lags: [1, 2] },
  ]);

  it('writes time, bar and the features, numbers round-tripping exactly', () => {
    const csv = featureMatrixToCsv(matrix);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('time,bar,ret_1,ret_2');
    // Daily bars: the date alone.
    expect(lines[1]).toBe(`2020-01-03,2,${12.5 / 11 - 1},${12.5 / 10 - 1}`);
    // Intraday bars keep the time of day.
    const hourly = { ...matrix, time: matrix.time.map((ms) => ms + 9.5 * 3_600_000) };
    expect(featureMatrixToCsv(hourly).split('\n')[1]).toMatch(/^2020-01-03T09:30:00\.000Z,2,/);
    expect(lines).toHaveLength(matrix.rows + 2);
    expect(lines[4]).toBe('');
    const parsed = lines.slice(1, -1).flatMap((line) => line.split(',').slice(2).map(Number));
    expect(Float64Array.from(parsed)).toEqual(matrix.values);
  });

  it('builds a DataFrame with the same columns and values', () => {
    const frame = toDataFrame(matrix);
    expect(frame.columns).toEqual(['time', 'bar', 'ret_1', 'ret_2']);
    expect(frame.shape).toEqual([3, 4]);
    expect(frame.column('bar').values).toEqual([2, 3, 4]);
    expect(frame.column('ret_2').values).toEqual([12.5 / 10 - 1, 12 / 11 - 1, 13 / 12.5 - 1]);
    expect((frame.column('time').values[0] as unknown as Date).toISOString()).toBe(
      '2020-01-03T00:00:00.000Z',
    );
  });
});
