import { SCALE_SIZES, SIZES } from './context.js';
import type { CaseResult } from './harness.js';

/** One size of a sized case, relative to its smallest size. */
export interface GrowthRow {
  name: string;
  contender: string;
  size: string;
  units: number;
  /** Median time per unit (row or bar) in nanoseconds. */
  nsPerUnit: number;
  /** nsPerUnit divided by that of the smallest size: about 1 for linear cost, 100 for quadratic over 10k -> 1M. */
  timePerUnitRatio: number;
  peakMemoryMB?: number;
  /** Extra peak memory per million extra units since the next smaller size. */
  marginalMBPerMillion?: number;
}

export interface GrowthVerdict {
  name: string;
  contender: string;
  from: string;
  to: string;
  timePerUnitRatio: number;
  time: 'linear' | 'super-linear';
  memory: 'linear' | 'super-linear' | 'not measured';
}

/** Per-unit time may rise this much from the smallest to the largest size and still count as linear. */
const TIME_SLACK = 3;
/**
 * Marginal memory per million units may rise this much between the size steps and still count as
 * linear; slopes below FLOOR_MB_PER_MILLION are within a resident-memory reading's noise.
 */
const MEMORY_SLACK = 3;
const FLOOR_MB_PER_MILLION = 10;

const SIZE_LABELS: readonly string[] = [...SIZES, ...SCALE_SIZES].map((size) => size.label);

function groups(results: readonly CaseResult[]): CaseResult[][] {
  const byKey = new Map<string, CaseResult[]>();
  for (const result of results) {
    if (result.units === undefined || !SIZE_LABELS.includes(result.size)) continue;
    const key = `${result.name}\u0000${result.contender ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), result]);
  }
  return [...byKey.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.sort((a, b) => a.units! - b.units!));
}

function memoryVerdict(rows: readonly GrowthRow[]): GrowthVerdict['memory'] {
  const slopes = rows.slice(1).map((row) => row.marginalMBPerMillion);
  if (slopes.length < 2 || slopes.some((slope) => slope === undefined)) return 'not measured';
  const [first, ...later] = slopes as number[];
  const allowed = MEMORY_SLACK * Math.max(first, FLOOR_MB_PER_MILLION);
  return later.every((slope) => slope <= allowed) ? 'linear' : 'super-linear';
}

/** How time per unit and peak memory change with size, for every case measured at several sizes. */
export function growth(results: readonly CaseResult[]): {
  rows: GrowthRow[];
  verdicts: GrowthVerdict[];
} {
  const rows: GrowthRow[] = [];
  const verdicts: GrowthVerdict[] = [];
  for (const group of groups(results)) {
    const base = (group[0].timing.median * 1e6) / group[0].units!;
    const groupRows = group.map((result, i): GrowthRow => {
      const nsPerUnit = (result.timing.median * 1e6) / result.units!;
      const row: GrowthRow = {
        name: result.name,
        contender: result.contender ?? '',
        size: result.size,
        units: result.units!,
        nsPerUnit,
        timePerUnitRatio: nsPerUnit / base,
      };
      if (result.peakMemoryMB !== undefined) row.peakMemoryMB = result.peakMemoryMB;
      const previous = group[i - 1];
      if (i > 0 && result.peakMemoryMB !== undefined && previous.peakMemoryMB !== undefined) {
        row.marginalMBPerMillion =
          ((result.peakMemoryMB - previous.peakMemoryMB) / (result.units! - previous.units!)) * 1e6;
      }
      return row;
    });
    rows.push(...groupRows);
    const last = groupRows[groupRows.length - 1];
    verdicts.push({
      name: last.name,
      contender: last.contender,
      from: groupRows[0].size,
      to: last.size,
      timePerUnitRatio: last.timePerUnitRatio,
      time: last.timePerUnitRatio <= TIME_SLACK ? 'linear' : 'super-linear',
      memory: memoryVerdict(groupRows),
    });
  }
  return { rows, verdicts };
}
