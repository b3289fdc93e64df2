import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Milliseconds per run. */
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface CaseResult {
  name: string;
  size: string;
  /** Who did the work when a case compares several (e.g. 'nn-timing', 'danfojs readCSV'). */
  contender?: string;
  /** Work units per run (rows, bars or samples); sized cases use it for the growth table. */
  units?: number;
  timing: Timing;
  /** Work units per second at the median time (rows, bars or samples). */
  perSecond: number;
  unit: string;
  /** Peak resident memory in MB, where measured in a child process. */
  peakMemoryMB?: number;
  /** Resident memory of that child before the work began (imports and inputs), in MB. */
  baseMemoryMB?: number;
  /** Free-form extras: a reference's throughput, ratios, windows. */
  extra?: Record<string, number | string>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(samples: readonly number[]): Timing {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
  };
}

/** Runs `work` once to warm up, then `runs` times, and returns the timing in ms. */
export async function time(work: () => unknown, runs = 5, warmups = 1): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/**
 * Like `time`, for work that measures itself (e.g. a child process timing only its load and not
 * its start-up): `work` returns the milliseconds to record.
 */
export async function collect(
  work: () => number | Promise<number>,
  runs = 5,
  warmups = 1,
): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await work());
  return summarise(samples);
}

/** Milliseconds now: wall-clock, or this process's CPU time (user + system, all its threads). */
export type Clock = 'wall' | 'cpu';

function now(clock: Clock): number {
  if (clock === 'wall') return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Times several contenders round-robin (a, b, c, a, b, c, ...) so that a noisy neighbour
 * slows them alike and their ratio stays meaningful. On a shared machine the 'cpu' clock leaves
 * out the time other processes held the cores.
 */
export async function timeInterleaved(
  contenders: Record<string, () => unknown>,
  runs = 5,
  warmups = 1,
  clock: Clock = 'wall',
): Promise<Record<string, Timing>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmups + runs; round++) {
    for (const name of names) {
      const start = now(clock);
      await contenders[name]();
      const elapsed = now(clock) - start;
      if (round >= warmups) samples[name].push(elapsed);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n])]));
}

export function perSecond(units: number, ms: number): number {
  return (units / ms) * 1000;
}

/**
 * Repeats work whose single run is too short to time reliably (a 10k-bar backtest takes well
 * under a millisecond), so that each timed sample does at least `minUnits` units.
 */
export function repeatsFor(units: number, minUnits = 100_000): number {
  return Math.max(1, Math.ceil(minUnits / units));
}

/** `work` repeated `repeats` times, as one timed sample. */
export function repeated(work: () => unknown, repeats: number): () => void {
  return () => {
    for (let i = 0; i < repeats; i++) work();
  };
}

/** The timing of a sample of `repeats` runs, expressed per run. */
export function perRun(timing: Timing, repeats: number): Timing {
  return {
    median: timing.median / repeats,
    min: timing.min / repeats,
    max: timing.max / repeats,
    runs: timing.runs,
  };
}
