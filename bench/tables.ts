/** The plain-text tables of a benchmark run: printed by run.ts, copied into the guide by table.ts. */
import { compact, renderTable, significant } from './format.js';
import type { GrowthRow, GrowthVerdict } from './growth.js';
import type { CaseResult } from './harness.js';
import type { TargetCheck } from './targets.js';

function notes(extra: CaseResult['extra']): string {
  if (!extra) return '';
  return Object.entries(extra)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

export function resultsTable(results: readonly CaseResult[]): string {
  return renderTable(
    [
      'case',
      'size',
      'contender',
      'median ms',
      'min ms',
      'max ms',
      'runs',
      'per second',
      'peak MB',
      'notes',
    ],
    results.map((r) => [
      r.name,
      r.size,
      r.contender ?? '',
      significant(r.timing.median),
      significant(r.timing.min),
      significant(r.timing.max),
      String(r.timing.runs),
      `${compact(r.perSecond)} ${r.unit}/s`,
      r.peakMemoryMB === undefined ? '' : String(Math.round(r.peakMemoryMB)),
      notes(r.extra),
    ]),
  );
}

export function growthTable(rows: readonly GrowthRow[]): string {
  return renderTable(
    ['case', 'contender', 'size', 'ns/unit', 'x smallest', 'peak MB', 'MB per 1M more'],
    rows.map((r) => [
      r.name,
      r.contender,
      r.size,
      significant(r.nsPerUnit),
      significant(r.timePerUnitRatio),
      r.peakMemoryMB === undefined ? '' : String(Math.round(r.peakMemoryMB)),
      r.marginalMBPerMillion === undefined ? '' : String(Math.round(r.marginalMBPerMillion)),
    ]),
  );
}

export function verdictTable(verdicts: readonly GrowthVerdict[]): string {
  return renderTable(
    ['case', 'contender', 'sizes', 'time', 'memory'],
    verdicts.map((v) => [v.name, v.contender, `${v.from} -> ${v.to}`, v.time, v.memory]),
  );
}

export function targetTable(checks: readonly TargetCheck[]): string {
  return renderTable(
    ['target', 'measured', 'met'],
    checks.map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO']),
  );
}
