import type { CaseResult } from './harness.js';
import { type ChildMeasure, runChild } from './spawn.js';

/**
 * Measures the peak memory of one run of an in-process case at each size in a child process of
 * its own, and attaches it to that size's result.
 */
export async function attachPeakMemory(
  work: 'features' | 'backtest',
  results: readonly CaseResult[],
): Promise<void> {
  for (const result of results) {
    if (result.units === undefined) continue;
    const measured = await runChild<ChildMeasure>('peak-memory', [work, String(result.units)]);
    result.peakMemoryMB = measured.peakMB;
    result.baseMemoryMB = measured.baseMB;
  }
}
