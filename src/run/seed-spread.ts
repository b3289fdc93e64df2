import type { SeedSpread, SpreadStat } from '../report/index.js';

/** One seed's outcome on the evaluation window. */
export interface SeedOutcome {
  seed: number;
  sharpe: number | null;
  totalReturn: number;
  pValue: number | null;
}

/** Min, median and max over the values that exist (null when none do). */
export function spreadOf(values: readonly (number | null)[]): SpreadStat {
  const known = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (known.length === 0) return { min: null, median: null, max: null };
  const middle = known.length >> 1;
  const median = known.length % 2 === 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
  return { min: known[0], median, max: known[known.length - 1] };
}

export function seedSpread(
  outcomes: readonly SeedOutcome[],
  baselineSharpe: number | null,
  baselineReturn: number,
): SeedSpread {
  return {
    seeds: outcomes.map((o) => o.seed),
    sharpe: spreadOf(outcomes.map((o) => o.sharpe)),
    totalReturn: spreadOf(outcomes.map((o) => o.totalReturn)),
    pValue: spreadOf(outcomes.map((o) => o.pValue)),
    baselineSharpe,
    baselineReturn,
  };
}
