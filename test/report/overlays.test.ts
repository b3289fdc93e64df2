import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { displayLine } from '../../src/report/downsample.js';
import { macdCross } from '../../strategies/macd-cross.js';
import { rsiReversion } from '../../strategies/rsi-reversion.js';
import { smaCross } from '../../strategies/sma-cross.js';
import { makeInput } from './fixture.js';

/** Simple moving average recomputed from its definition: the mean of the last `period` closes. */
function naiveSma(close: Float64Array, period: number): (number | null)[] {
  return Array.from(close, (_, t) => {
    if (t < period - 1) return null;
    let sum = 0;
    for (let k = t - period + 1; k <= t; k++) sum += close[k];
    return sum / period;
  });
}

/** Wilder's RSI from its definition: seed averages over the first period, then smoothed by 1/period. */
function naiveRsi(close: Float64Array, period: number): (number | null)[] {
  const out: (number | null)[] = new Array(close.length).fill(null);
  let gain = 0;
  let loss = 0;
  for (let t = 1; t < close.length; t++) {
    const change = close[t] - close[t - 1];
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (t <= period) {
      gain += up / period;
      loss += down / period;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    if (t >= period) out[t] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

function expectClose(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (e === null) expect(actual[i], `point ${i}`).toBeNull();
    else expect(actual[i], `point ${i}`).toBeCloseTo(e, 9);
  }
}

describe('indicator overlays in the report', () => {
  it("embeds sma-cross's two SMAs over the backtested bars", () => {
    const input = makeInput();
    const params = { fast: 5, slow: 20 };
    input.strategy.overlays = smaCross.overlays?.(input.series, params);
    const report = buildRunReport(input);
    const overlays = report.series.overlays ?? [];
    expect(overlays.map((o) => [o.label, o.pane])).toEqual([
      ['SMA 5', 'price'],
      ['SMA 20', 'price'],
    ]);
    // The report shows the backtested bars only: the tail of the whole series.
    const skip = input.series.time.length - report.series.time.length;
    expectClose(overlays[0].values, naiveSma(input.series.close, 5).slice(skip));
    expectClose(overlays[1].values, naiveSma(input.series.close, 20).slice(skip));
    expect(JSON.parse(JSON.stringify(report)).series.overlays).toEqual(overlays);
  });

  it("embeds rsi-reversion's RSI with its bands and macd-cross's two lines in their own pane", () => {
    const input = makeInput();
    input.strategy.overlays = rsiReversion.overlays?.(input.series, {
      period: 14,
      low: 25,
      high: 75,
    });
    const rsi = buildRunReport(input).series.overlays ?? [];
    expect(rsi.map((o) => [o.label, o.pane, o.levels])).toEqual([
      ['RSI 14', 'indicator', [25, 75]],
    ]);
    const skip = input.series.time.length - buildRunReport(input).series.time.length;
    expectClose(rsi[0].values, naiveRsi(input.series.close, 14).slice(skip));

    input.strategy.overlays = macdCross.overlays?.(input.series, { fast: 12, slow: 26, signal: 9 });
    const macd = buildRunReport(input).series.overlays ?? [];
    expect(macd.map((o) => [o.label, o.pane, o.levels])).toEqual([
      ['MACD 12,26', 'indicator', [0]],
      ['Signal 9', 'indicator', undefined],
    ]);
  });

  it('downsamples a long line to each run’s low and high in time order, skipping gaps', () => {
    const values = Float64Array.from([Number.NaN, 3, 1, 2, 5, 4, 9, 0]);
    // Limit 4: two runs of four bars. Run 1 (NaN, 3, 1, 2): high 3 comes before low 1.
    // Run 2 (5, 4, 9, 0): high 9 before low 0.
    expect(displayLine(values, 4)).toEqual([3, 1, 9, 0]);
    expect(displayLine(values, 8)).toEqual([null, 3, 1, 2, 5, 4, 9, 0]);
  });
});
