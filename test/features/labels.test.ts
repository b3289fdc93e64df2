import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { labelLookahead, makeLabels, validateLabelSpec } from '../../src/features/labels.js';
import { ohlcvSeries } from './helpers.js';

const N = Number.NaN;

// Opens and closes chosen so that open- and close-based labels differ.
const open = [100, 102, 101, 104, 104, 99];
const close = [101, 100, 103, 104, 98, 100];
const series = ohlcvSeries({
  open,
  close,
  high: [105, 105, 105, 105, 105, 105],
  low: [95, 95, 95, 95, 95, 95],
});

describe('makeLabels', () => {
  it('default basis open: return from the next open over h bars, lookahead h + 1', () => {
    const labels = makeLabels(series, { kind: 'direction' });
    // Bar t: open[t+1] -> open[t+2]. 102->101, 101->104, 104->104, 104->99; bars 4, 5 have no t+2.
    expect(Array.from(labels.forwardReturn)).toEqual([
      101 / 102 - 1,
      104 / 101 - 1,
      0,
      99 / 104 - 1,
      N,
      N,
    ]);
    // A zero return is not "up".
    expect(Array.from(labels.values)).toEqual([0, 1, 0, 0, N, N]);
    expect(labels.lookahead).toBe(2);
  });

  it('horizon 2 on open reads 3 bars ahead', () => {
    const labels = makeLabels(series, { kind: 'direction', horizon: 2 });
    // open[t+1] -> open[t+3]: 102->104, 101->104, 104->99.
    expect(Array.from(labels.forwardReturn)).toEqual([
      104 / 102 - 1,
      104 / 101 - 1,
      99 / 104 - 1,
      N,
      N,
      N,
    ]);
    expect(Array.from(labels.values)).toEqual([1, 1, 0, N, N, N]);
    expect(labels.lookahead).toBe(3);
  });

  it('basis close: close[t] -> close[t+h], lookahead h', () => {
    const labels = makeLabels(series, { kind: 'direction', basis: 'close' });
    expect(Array.from(labels.forwardReturn)).toEqual([
      100 / 101 - 1,
      103 / 100 - 1,
      104 / 103 - 1,
      98 / 104 - 1,
      100 / 98 - 1,
      N,
    ]);
    expect(Array.from(labels.values)).toEqual([0, 1, 1, 0, 1, N]);
    expect(labels.lookahead).toBe(1);
  });

  it('threshold: 1 above +x, 0 below -x, the band in between dropped or 0.5', () => {
    // Close-to-close returns: -0.99%, +3%, +0.97%, -5.77%, +2.04%.
    const spec = { kind: 'threshold', basis: 'close', threshold: 0.015 } as const;
    expect(Array.from(makeLabels(series, spec).values)).toEqual([N, 1, N, 0, 1, N]);
    expect(Array.from(makeLabels(series, { ...spec, between: 'half' }).values)).toEqual([
      0.5,
      1,
      0.5,
      0,
      1,
      N,
    ]);
    // The forward return is kept for dropped rows too.
    expect(makeLabels(series, spec).forwardReturn[0]).toBe(100 / 101 - 1);
  });

  it('has no labels at all when the series is shorter than the lookahead', () => {
    const short = ohlcvSeries({ open: [1, 2], close: [1, 2] });
    expect(Array.from(makeLabels(short, { kind: 'direction' }).values)).toEqual([N, N]);
  });

  it('refuses a price it would divide by', () => {
    const bad = ohlcvSeries({ open: [1, 0, 2, 3], close: [1, 1, 2, 3] });
    expect(() => makeLabels(bad, { kind: 'direction' })).toThrow(
      'synthetic: bar 1 (2020-01-02) has open 0; labels need finite prices above 0.',
    );
  });
});

describe('validateLabelSpec', () => {
  it('fills in the defaults', () => {
    const direction = validateLabelSpec({ kind: 'direction' });
    expect(direction).toStrictEqual({
      kind: 'direction',
      horizon: 1,
      basis: 'open',
      between: 'drop',
    });
    const threshold = validateLabelSpec({ kind: 'threshold', threshold: 0.01, basis: 'close' });
    expect(threshold).toStrictEqual({
      kind: 'threshold',
      horizon: 1,
      basis: 'close',
      between: 'drop',
      threshold: 0.01,
    });
    // Its output is a valid spec again, unchanged.
    expect(validateLabelSpec(direction)).toStrictEqual(direction);
    expect(validateLabelSpec(threshold)).toStrictEqual(threshold);
    expect(labelLookahead({ kind: 'direction', horizon: 5 })).toBe(6);
    expect(labelLookahead({ kind: 'direction', horizon: 5, basis: 'close' })).toBe(5);
  });

  it.each([
    [null, /must be an object/],
    [{ kind: 'up' }, /kind must be "direction" or "threshold", got "up"/],
    [{ kind: 'direction', horizon: 0 }, /horizon must be a whole number >= 1, got 0/],
    [{ kind: 'direction', horizon: 1.5 }, /horizon must be a whole number >= 1, got 1.5/],
    [{ kind: 'direction', basis: 'high' }, /basis must be "open" or "close", got "high"/],
    [{ kind: 'threshold' }, /a threshold label needs threshold, a return > 0/],
    [
      { kind: 'threshold', threshold: -0.01 },
      /needs threshold, a return > 0 such as 0.002, got -0.01/,
    ],
    [{ kind: 'threshold', threshold: 0.01, between: 'keep' }, /between must be "drop" or "half"/],
    [{ kind: 'direction', threshold: 0.01 }, /threshold applies to kind "threshold" only/],
    [{ kind: 'direction', horizont: 2 }, /unknown key "horizont"/],
  ])('refuses %j', (spec, message) => {
    expect(() => validateLabelSpec(spec)).toThrow(InputError);
    expect(() => validateLabelSpec(spec)).toThrow(message);
  });
});
