import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/data/types.js';
import { InputError } from '../../src/errors.js';
import { INDICATOR_FEATURE_SPEC } from '../../src/features/default-spec.js';
import { makeLabels } from '../../src/features/labels.js';
import { findLookahead, perturbFuture } from '../../src/features/lookahead.js';
import { featuresPerBar } from '../../src/features/matrix.js';
import type { LabelSpec } from '../../src/features/types.js';
import { PythonRandom } from '../../src/random/python-random.js';
import { closeSeries, EVERY_KIND, randomSeries } from './helpers.js';

const series = randomSeries(260, 31);

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('perturbFuture', () => {
  it('keeps bars <= cut and replaces the rest with valid, different OHLCV', () => {
    const cut = 100;
    const future = perturbFuture(series, cut, new PythonRandom(3));
    for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect([key, sameBits(future[key], series[key], 0, cut + 1)]).toEqual([key, true]);
    }
    expect(future.time).toEqual(series.time);
    for (let bar = cut + 1; bar < 260; bar++) {
      const { open, high, low, close, volume } = future;
      expect(high[bar]).toBeGreaterThanOrEqual(Math.max(open[bar], close[bar]));
      expect(low[bar]).toBeLessThanOrEqual(Math.min(open[bar], close[bar]));
      expect(low[bar]).toBeGreaterThan(0);
      expect(volume[bar]).toBeGreaterThan(0);
      expect(close[bar]).not.toBe(series.close[bar]);
    }
    // The walk starts from the cut's close.
    expect(future.open[cut + 1] / series.close[cut]).toBeGreaterThan(0.98);
    expect(future.open[cut + 1] / series.close[cut]).toBeLessThan(1.02);
    // The original is untouched.
    expect(series.close).toEqual(randomSeries(260, 31).close);
  });

  it('keeps a close-only series close-only', () => {
    const closes = closeSeries([5, 6, 7, 8, 9, 10]);
    const future = perturbFuture(closes, 2, new PythonRandom(1));
    for (let bar = 3; bar < 6; bar++) {
      expect(future.open[bar]).toBe(future.close[bar]);
      expect(future.high[bar]).toBe(future.close[bar]);
      expect(future.low[bar]).toBe(future.close[bar]);
      expect(future.volume[bar]).toBe(0);
    }
    expect(future.meta.fields).toEqual(['close']);
  });

  it('is reproducible from the generator state and refuses a cut outside the series', () => {
    const a = perturbFuture(series, 50, new PythonRandom(8));
    const b = perturbFuture(series, 50, new PythonRandom(8));
    expect(a.close).toEqual(b.close);
    expect(() => perturbFuture(series, 260, new PythonRandom(1))).toThrow(RangeError);
  });
});

describe('features never read ahead', () => {
  it('default spec: bit-identical up to every random cut (property test)', () => {
    const original = featuresPerBar(series);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 258 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (cut, seed) => {
          const perturbed = featuresPerBar(perturbFuture(series, cut, new PythonRandom(seed)));
          for (const [name, values] of Object.entries(original)) {
            if (!sameBits(values, perturbed[name], 0, cut + 1)) return false;
          }
          return true;
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it.each(EVERY_KIND.map((def) => [def.kind, def] as const))(
    '%s: findLookahead finds nothing',
    async (_kind, def) => {
      const report = await findLookahead(series, (s) => featuresPerBar(s, [def]), {
        cuts: 15,
        seed: 5,
      });
      expect(report.violations).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.cuts).toHaveLength(15);
    },
  );

  it('holds across flat stretches, where the neutral values kick in', async () => {
    const flat = randomSeries(200, 12, { flat: [60, 110] });
    const report = await findLookahead(flat, (s) => featuresPerBar(s, EVERY_KIND), {
      cuts: 25,
      seed: 2,
      minCut: 50,
    });
    expect(report.ok).toBe(true);
    expect(report.cuts.every((cut) => cut >= 50 && cut <= 198)).toBe(true);
  });
});

describe('labels read exactly their lookahead ahead', () => {
  const specs: LabelSpec[] = [
    { kind: 'direction' },
    { kind: 'direction', horizon: 3 },
    { kind: 'direction', basis: 'close', horizon: 2 },
    { kind: 'threshold', threshold: 0.01, between: 'half' },
  ];

  it.each(specs)('%j: identical up to t - lookahead, and not one bar further', async (spec) => {
    const compute = (s: PriceSeries) => {
      const labels = makeLabels(s, spec);
      return { label: labels.values, forwardReturn: labels.forwardReturn };
    };
    const { lookahead } = makeLabels(series, spec);
    const honest = await findLookahead(series, compute, {
      cuts: 30,
      seed: 9,
      allowAhead: lookahead,
    });
    expect(honest.ok).toBe(true);
    // One bar less of allowance and the forward returns must change: the check has teeth.
    const tight = await findLookahead(series, compute, {
      cuts: 30,
      seed: 9,
      allowAhead: lookahead - 1,
    });
    expect(tight.ok).toBe(false);
    expect(tight.violations.every((v) => v.bar === v.cut - lookahead + 1)).toBe(true);
  });
});

describe('findLookahead catches a leak', () => {
  // "Tomorrow's return", the classic leak.
  const leaky = (s: PriceSeries) => {
    const next = new Float64Array(s.close.length).fill(Number.NaN);
    for (let t = 0; t + 1 < s.close.length; t++) next[t] = s.close[t + 1] / s.close[t] - 1;
    return { next, honest: s.close };
  };

  it('reports the cut, the bar, the column and both values', async () => {
    const report = await findLookahead(series, leaky, { cuts: 10, seed: 4 });
    expect(report.ok).toBe(false);
    expect(report.violationCount).toBe(10);
    const first = report.violations[0];
    expect(first.column).toBe('next');
    expect(first.bar).toBe(first.cut);
    expect(first.original).toBe(series.close[first.cut + 1] / series.close[first.cut] - 1);
    expect(first.perturbed).not.toBe(first.original);
    expect(report.violations.some((v) => v.column === 'honest')).toBe(false);
  });

  it('caps the list but counts every violation', async () => {
    const everything = (s: PriceSeries) => ({
      sum: s.close.map((_, t) => s.close.reduce((a, b) => a + b) + t),
    });
    const report = await findLookahead(series, everything, { cuts: 5, seed: 1, minCut: 100 });
    expect(report.violations).toHaveLength(20);
    expect(report.violationCount).toBe(report.cuts.reduce((total, cut) => total + cut + 1, 0));
  });

  it('is deterministic for a seed, accepts async computations, and checks its inputs', async () => {
    const a = await findLookahead(series, async (s) => leaky(s), { cuts: 6, seed: 77 });
    const b = await findLookahead(series, leaky, { cuts: 6, seed: 77 });
    expect(a).toEqual(b);
    await expect(findLookahead(closeSeries([1]), leaky)).rejects.toThrow(InputError);
    await expect(findLookahead(series, leaky, { cuts: 0 })).rejects.toThrow(
      'findLookahead: cuts must be a whole number >= 1, got 0.',
    );
    await expect(findLookahead(series, () => ({ short: [1, 2] }))).rejects.toThrow(
      'findLookahead: column short of the original run has 2 values for 260 bars.',
    );
  });

  it('uses every possible cut when asked for more cuts than there are', async () => {
    const report = await findLookahead(closeSeries([1, 2, 3, 4, 5]), (s) => ({ c: s.close }), {
      cuts: 50,
    });
    expect(report.cuts).toEqual([0, 1, 2, 3]);
    expect(report.ok).toBe(true);
  });
});

describe('findLookahead with its default options', () => {
  it('tries 20 cuts and passes the indicator spec', async () => {
    const report = await findLookahead(series, (s) => featuresPerBar(s, INDICATOR_FEATURE_SPEC));
    expect(report).toMatchObject({ ok: true, violationCount: 0 });
    expect(report.cuts).toHaveLength(20);
  });
});

describe('findLookahead with a short replaced future (horizon)', () => {
  const tomorrow = (s: PriceSeries) => ({
    next: s.close.map((_, t) => (t + 1 < s.close.length ? s.close[t + 1] : Number.NaN)),
  });
  it('passes every feature kind on series that end a few bars after the cut', async () => {
    const lengths: number[] = [];
    const report = await findLookahead(
      series,
      (s) => {
        lengths.push(s.close.length);
        return featuresPerBar(s, EVERY_KIND);
      },
      { cuts: 10, seed: 3, minCut: 60, horizon: 4 },
    );
    expect(report.ok).toBe(true);
    // The original run, then one run per cut on bars 0..cut + 4.
    expect(lengths).toEqual([260, ...report.cuts.map((cut) => Math.min(260, cut + 5))]);
  });

  it('catches a leak, and a computation that depends on how many bars follow', async () => {
    const leak = await findLookahead(series, tomorrow, { cuts: 8, seed: 2, horizon: 3 });
    expect(leak.ok).toBe(false);
    expect(leak.violations.every((v) => v.bar === v.cut)).toBe(true);
    const lengthAware = (s: PriceSeries) => ({ last: s.close.map(() => s.close.length) });
    const counted = await findLookahead(series, lengthAware, { cuts: 3, seed: 2, horizon: 3 });
    expect(counted.ok).toBe(false);
    expect(counted.firstBar).toBe(0);
  });

  it('perturbFuture stops before `end` and keeps the bars up to the cut', () => {
    const short = perturbFuture(series, 100, new PythonRandom(1), 110);
    expect(short.close).toHaveLength(110);
    expect(sameBits(short.close, series.close, 0, 101)).toBe(true);
    expect(() => perturbFuture(series, 100, new PythonRandom(1), 100)).toThrow(RangeError);
  });
});
