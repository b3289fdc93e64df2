import { describe, expect, it } from 'vitest';
import { overallProgress } from '../../src/run/progress.js';

function recorder() {
  const seen: { fraction: number; label: string }[] = [];
  return { seen, report: (fraction: number, label: string) => seen.push({ fraction, label }) };
}

describe('overallProgress', () => {
  it('fills one bar over several runs instead of restarting it for each', () => {
    const { seen, report } = recorder();
    // Two seeds of a 4-window run, then a lookahead check of two runs: 4 runs planned.
    const progress = overallProgress(4, report);
    for (const seed of ['seed 1 ', 'seed 2 ']) {
      for (let done = 1; done <= 4; done++) progress(done, 4, `${seed}windows`);
    }
    progress(1, 2, 'check');
    progress(2, 2, 'check');
    progress(1, 3, 'check');
    progress(3, 3, 'check');
    const fractions = seen.map((s) => s.fraction);
    // Run r of 4 at done d of t is (r + d / t) / 4.
    expect(fractions).toEqual([
      1 / 16,
      2 / 16,
      3 / 16,
      4 / 16,
      5 / 16,
      6 / 16,
      7 / 16,
      8 / 16,
      2.5 / 4,
      3 / 4,
      (3 + 1 / 3) / 4,
      1,
    ]);
    for (let i = 1; i < fractions.length; i++) {
      expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    }
    expect(seen[5].label).toBe('2/4 seed 2 windows');
  });

  it('counts a run that reports once as a run of its own', () => {
    const { seen, report } = recorder();
    const progress = overallProgress(2, report);
    progress(1, 1, 'a');
    progress(1, 1, 'a');
    expect(seen.map((s) => s.fraction)).toEqual([0.5, 1]);
  });

  it('holds the bar, never past 100% or backwards, when more runs come than planned', () => {
    const { seen, report } = recorder();
    const progress = overallProgress(1, report);
    progress(2, 2, 'first');
    progress(1, 2, 'again');
    progress(2, 2, 'again');
    expect(seen.map((s) => s.fraction)).toEqual([1, 1, 1]);
    expect(seen[1].label).toBe('1/2 again');
  });
});
