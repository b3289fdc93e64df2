import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { embargoBars, walkForwardSchedule } from '../../src/walkforward/schedule.js';

describe('walkForwardSchedule', () => {
  // 100 bars, features from bar 10, 30 training rows, 20-bar test blocks, next-open labels with
  // horizon 1 (the label at t reads open[t+2]: lookahead 2). The first test bar is the first t
  // with 30 labelled rows whose labels are known at its close: rows 10..39 (39 + 2 = 41) -> 41.
  const base = { bars: 100, firstRow: 10, trainBars: 30, testBars: 20, lookahead: 2 } as const;

  it('rolls a fixed-length training window forward', () => {
    expect(walkForwardSchedule({ ...base, mode: 'rolling' })).toEqual([
      { index: 0, trainStart: 10, trainEnd: 40, testStart: 41, testEnd: 61 },
      { index: 1, trainStart: 30, trainEnd: 60, testStart: 61, testEnd: 81 },
      { index: 2, trainStart: 50, trainEnd: 80, testStart: 81, testEnd: 100 },
    ]);
  });

  it('expands the training window from the first feature row', () => {
    expect(walkForwardSchedule({ ...base, mode: 'expanding' })).toEqual([
      { index: 0, trainStart: 10, trainEnd: 40, testStart: 41, testEnd: 61 },
      { index: 1, trainStart: 10, trainEnd: 60, testStart: 61, testEnd: 81 },
      { index: 2, trainStart: 10, trainEnd: 80, testStart: 81, testEnd: 100 },
    ]);
  });

  it('starts with minTrainBars rows and grows by testBars up to trainBars, then rolls', () => {
    // First window: rows 10..19 (10 rows), labels known at 19 + 2 = 21. Each block adds 20
    // rows: 30 rows at bar 41 (the cap), then the window rolls.
    expect(walkForwardSchedule({ ...base, minTrainBars: 10, mode: 'rolling' })).toEqual([
      { index: 0, trainStart: 10, trainEnd: 20, testStart: 21, testEnd: 41 },
      { index: 1, trainStart: 10, trainEnd: 40, testStart: 41, testEnd: 61 },
      { index: 2, trainStart: 30, trainEnd: 60, testStart: 61, testEnd: 81 },
      { index: 3, trainStart: 50, trainEnd: 80, testStart: 81, testEnd: 100 },
    ]);
    // Expanding windows start just as early and never stop growing.
    expect(
      walkForwardSchedule({ ...base, minTrainBars: 10, mode: 'expanding' }).map((w) => [
        w.trainStart,
        w.trainEnd,
      ]),
    ).toEqual([
      [10, 20],
      [10, 40],
      [10, 60],
      [10, 80],
    ]);
    // A minTrainBars above trainBars is capped: the first window is a full one.
    expect(walkForwardSchedule({ ...base, minTrainBars: 50, mode: 'rolling' })[0]).toEqual({
      index: 0,
      trainStart: 10,
      trainEnd: 40,
      testStart: 41,
      testEnd: 61,
    });
  });

  it('embargoes h bars for a next-open label of horizon h', () => {
    // horizon 1 -> lookahead 2 -> one bar (40) between the last training row 39 and bar 41.
    expect(embargoBars(2)).toBe(1);
    expect(embargoBars(6)).toBe(5);
  });

  it('keeps every training label out of the test period, covers the tail, loses no bar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 2, max: 80 }),
        fc.integer({ min: 2, max: 100 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('rolling' as const, 'expanding' as const),
        (firstRow, trainBars, minTrainBars, testBars, horizon, extra, mode) => {
          const lookahead = horizon + 1;
          const first = Math.min(trainBars, minTrainBars);
          const bars = firstRow + first + lookahead - 1 + extra;
          const windows = walkForwardSchedule({
            bars,
            firstRow,
            trainBars,
            minTrainBars,
            testBars,
            mode,
            lookahead,
          });
          expect(windows[0].testStart).toBe(firstRow + first + lookahead - 1);
          expect(windows.at(-1)!.testEnd).toBe(bars);
          windows.forEach((w, i) => {
            const lastTrainRow = w.trainEnd - 1;
            // The label of row t is the return open[t+1] -> open[t+1+h]; the test block's
            // traded returns start at open[testStart+1]. No overlap, and no bar wasted.
            expect(lastTrainRow + 1 + horizon).toBeLessThanOrEqual(w.testStart + 1);
            expect(lastTrainRow + lookahead).toBe(w.testStart);
            expect(w.trainStart).toBeGreaterThanOrEqual(firstRow);
            // Every row since the warm-up, capped at trainBars when rolling; never fewer than
            // the first window's.
            const since = w.trainEnd - firstRow;
            expect(w.trainEnd - w.trainStart).toBe(
              mode === 'rolling' ? Math.min(trainBars, since) : since,
            );
            expect(w.trainEnd - w.trainStart).toBeGreaterThanOrEqual(first);
            expect(w.testEnd - w.testStart).toBe(Math.min(testBars, bars - w.testStart));
            if (i > 0) expect(w.testStart).toBe(windows[i - 1].testEnd);
            expect(w.index).toBe(i);
          });
        },
      ),
    );
  });

  it('says how many bars it needs when the series is too short', () => {
    const call = () => walkForwardSchedule({ ...base, bars: 41, mode: 'rolling' });
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      'needs more than 41 bars (10 warm-up + 30 training + 1 embargo) but the series has 41',
    );
    expect(walkForwardSchedule({ ...base, bars: 42, mode: 'rolling' })).toHaveLength(1);
  });

  it('rejects nonsense sizes', () => {
    expect(() => walkForwardSchedule({ ...base, testBars: 0, mode: 'rolling' })).toThrow(
      InputError,
    );
    expect(() => walkForwardSchedule({ ...base, trainBars: 2.5, mode: 'rolling' })).toThrow(
      'trainBars must be a whole number',
    );
    expect(() => walkForwardSchedule({ ...base, minTrainBars: 1, mode: 'rolling' })).toThrow(
      'minTrainBars must be a whole number >= 2',
    );
  });
});
