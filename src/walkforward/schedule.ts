import { InputError } from '../errors.js';

export interface ScheduleOptions {
  /** Bars in the series. */
  bars: number;
  /** First bar with a complete feature row (the feature warm-up). */
  firstRow: number;
  /** Most training rows per window (including the validation slice). */
  trainBars: number;
  /**
   * Training rows the first window needs (default and at most trainBars): windows start with
   * this many and grow by testBars each retraining until they reach trainBars.
   */
  minTrainBars?: number;
  /** Bars predicted by each window before the next retraining. */
  testBars: number;
  /** 'rolling': the newest rows, at most trainBars. 'expanding': every row since firstRow. */
  mode: 'rolling' | 'expanding';
  /** How many bars after t the label at t reads (Labels.lookahead). */
  lookahead: number;
}

/** One retraining: rows [trainStart, trainEnd) train the model that predicts bars [testStart, testEnd). */
export interface ScheduleWindow {
  index: number;
  trainStart: number;
  /** Exclusive. The last training row is trainEnd - 1 = testStart - lookahead. */
  trainEnd: number;
  testStart: number;
  /** Exclusive. */
  testEnd: number;
}

/**
 * The first window that may predict bar `testStart`, as bar indices.
 *
 * The first test decision is taken at the close of bar testStart. A training row t is usable
 * only if its label is known by then: the label reads bars up to t + lookahead, so
 * t + lookahead <= testStart. With next-open labels (lookahead = h + 1) the label's return runs
 * open[t+1] -> open[t+1+h] and ends at or before open[testStart], before the first traded
 * return of the test block (open[testStart+1] onward): no training label overlaps the test
 * period. The lookahead - 1 rows skipped in between are the embargo.
 */
export function trainingRange(
  testStart: number,
  options: Pick<ScheduleOptions, 'firstRow' | 'trainBars' | 'mode' | 'lookahead'>,
): { trainStart: number; trainEnd: number } {
  const trainEnd = testStart - options.lookahead + 1;
  const trainStart =
    options.mode === 'expanding'
      ? options.firstRow
      : Math.max(options.firstRow, trainEnd - options.trainBars);
  return { trainStart, trainEnd };
}

function requireWhole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(`Walk-forward ${name} must be a whole number >= ${min}, got ${value}.`);
  }
}

/** Bars between the last training row and the first test bar (exclusive of both). */
export function embargoBars(lookahead: number): number {
  return lookahead - 1;
}

/** Rows of the first training window: minTrainBars, capped at trainBars. */
export function firstTrainBars(
  options: Pick<ScheduleOptions, 'trainBars' | 'minTrainBars'>,
): number {
  return Math.min(options.trainBars, options.minTrainBars ?? options.trainBars);
}

/**
 * The walk-forward windows: the first test block starts as soon as the first window's
 * labelled rows (minTrainBars) exist, every window retrains and predicts the next testBars bars,
 * and the last block runs to the final bar (its last decision is the pending signal).
 */
export function walkForwardSchedule(options: ScheduleOptions): ScheduleWindow[] {
  const { bars, firstRow, testBars, mode, lookahead } = options;
  requireWhole('bars', bars, 0);
  requireWhole('first row', firstRow, 0);
  requireWhole('trainBars', options.trainBars, 2);
  if (options.minTrainBars !== undefined) requireWhole('minTrainBars', options.minTrainBars, 2);
  const firstTrain = firstTrainBars(options);
  requireWhole('testBars', testBars, 1);
  requireWhole('label lookahead', lookahead, 1);
  if (mode !== 'rolling' && mode !== 'expanding') {
    throw new InputError(`Walk-forward mode must be 'rolling' or 'expanding', got '${mode}'.`);
  }
  const firstTest = firstRow + firstTrain + lookahead - 1;
  if (firstTest >= bars) {
    throw new InputError(
      `Walk-forward needs more than ${firstTest} bars (${firstRow} warm-up + ${firstTrain} training + ${lookahead - 1} embargo) but the series has ${bars}.`,
    );
  }
  const windows: ScheduleWindow[] = [];
  for (let testStart = firstTest; testStart < bars; testStart += testBars) {
    windows.push({
      index: windows.length,
      ...trainingRange(testStart, options),
      testStart,
      testEnd: Math.min(bars, testStart + testBars),
    });
  }
  return windows;
}
