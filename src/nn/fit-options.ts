import { InputError } from '../errors.js';
import type { FitOptions, ValidationSplit } from './types.js';

/** FitOptions with defaults applied and every value checked. */
export interface ResolvedFitOptions {
  epochs: number;
  learningRate: number;
  momentum: number;
  shuffle: boolean;
  seed: number;
  restoreBest: boolean;
  validationRows: number;
  /** Infinity without early stopping. */
  patience: number;
  minDelta: number;
}

export function resolveFitOptions(options: FitOptions, rows: number): ResolvedFitOptions {
  const epochs = options.epochs ?? 100;
  if (!Number.isSafeInteger(epochs) || epochs < 1) {
    throw new InputError(`epochs must be a positive integer, got ${epochs}.`);
  }
  const learningRate = checkRate(options.learningRate ?? 0.05, 'learningRate');
  const momentum = checkRate(options.momentum ?? 0.1, 'momentum');
  const validationRows = validationRowCount(rows, options.validation);
  const stopping = options.earlyStopping;
  let patience = Number.POSITIVE_INFINITY;
  let minDelta = 0;
  if (stopping !== undefined) {
    if (validationRows === 0) {
      throw new InputError('earlyStopping needs a validation slice (options.validation).');
    }
    patience = stopping.patience;
    minDelta = stopping.minDelta ?? 0;
    if (!Number.isSafeInteger(patience) || patience < 1) {
      throw new InputError(`earlyStopping.patience must be a positive integer, got ${patience}.`);
    }
    if (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0) {
      throw new InputError(`earlyStopping.minDelta must be a finite number >= 0, got ${minDelta}.`);
    }
  }
  return {
    epochs,
    learningRate,
    momentum,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? 0,
    restoreBest: options.restoreBest ?? true,
    validationRows,
    patience,
    minDelta,
  };
}

/** A learning rate or momentum: finite and not negative. */
export function checkRate(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${name} must be a finite number >= 0, got ${value}.`);
  }
  return value;
}

/** How many of `rows` rows form the validation slice (always the last ones). */
function validationRowCount(rows: number, split: ValidationSplit | undefined): number {
  if (split === undefined) return 0;
  let count: number;
  if ('fraction' in split) {
    const { fraction } = split;
    if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) {
      throw new InputError(`validation.fraction must be between 0 and 1, got ${fraction}.`);
    }
    count = Math.floor(rows * fraction);
  } else if ('rows' in split) {
    count = split.rows;
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new InputError(`validation.rows must be a positive integer, got ${count}.`);
    }
  } else {
    throw new InputError('validation must be { fraction } or { rows }.');
  }
  if (count < 1 || count >= rows) {
    throw new InputError(
      `A validation slice of ${count} of ${rows} rows leaves no rows to train or validate on.`,
    );
  }
  return count;
}

/** Fisher–Yates shuffle of `order` in place, drawing from `rng`. */
export function shuffleInPlace(order: Int32Array, rng: { int(n: number): number }): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
