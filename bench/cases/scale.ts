import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineMeasure, StageMeasure } from '../child/pipeline.js';
import { type BenchCase, SCALE_SIZES } from '../context.js';
import { type CaseResult, median, perSecond, summarise } from '../harness.js';
import { runChild } from '../spawn.js';
import { writeSyntheticCsv } from '../synthetic.js';

/**
 * `inspect` and the default backtest, whose ratio is the target, run in interleaved rounds (at
 * most three: a 10M-bar backtest takes about ten seconds of CPU); `features --out` and the
 * backtest writing every per-bar file run once per size.
 */
const MAX_ROUNDS = 3;
const ROUND_WORKS = ['inspect', 'backtest'] as const;
const ONCE_WORKS = ['backtest-bar-files', 'features'] as const;

/**
 * Generated one-minute OHLCV files of 1M to 10M rows, each through `inspect`'s work, `backtest
 * --strategy sma-cross --html` (per-bar files as `--bar-files auto` writes them: not beyond 1M
 * bars), the same backtest with `--bar-files always`, and `features --out`, stage by stage
 * (bench/child/pipeline.ts), each run in a fresh child process. Per stage: CPU time of the child
 * (all threads) and its peak resident memory after the stage; plus one `end to end` row per
 * work, which the 4x-inspect target reads (the backtest's row carries its ratio to inspect, the
 * same at every size). Run it alone with `node dist/bench/run.js scale`.
 */
export const scale: BenchCase = {
  name: 'scale',
  async run(context) {
    const folder = mkdtempSync(join(tmpdir(), 'nn-timing-bench-scale-'));
    const results: CaseResult[] = [];
    const rounds = Math.min(context.runs, MAX_ROUNDS);
    try {
      for (const size of SCALE_SIZES) {
        const file = join(folder, `ohlcv-${size.label}.csv`);
        context.log(`scale ${size.label}: writing ${file}`);
        writeSyntheticCsv(file, size.units);
        const fileMB = Math.round(statSync(file).size / 2 ** 20);
        const measures = new Map<string, PipelineMeasure[]>();
        const measure = async (work: string) => {
          context.log(`scale ${size.label} ${work}`);
          const out = join(folder, `run-${work}`);
          mkdirSync(out, { recursive: true });
          const measured = await runChild<PipelineMeasure>('pipeline', [work, file, out]);
          rmSync(out, { recursive: true, force: true });
          measures.set(work, [...(measures.get(work) ?? []), measured]);
        };
        for (let round = 0; round < rounds; round++) {
          for (const work of ROUND_WORKS) await measure(work);
        }
        for (const work of ONCE_WORKS) await measure(work);
        const inspectMs = median(endToEnd(measures.get('inspect') ?? []));
        for (const [work, measured] of measures) {
          results.push(...stageResults(work, size.label, size.units, fileMB, measured, inspectMs));
        }
        rmSync(file, { force: true });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return results;
  },
};

/** CPU milliseconds of each run, all stages. */
function endToEnd(measures: readonly PipelineMeasure[]): number[] {
  return measures.map((m) => m.stages.reduce((sum, s) => sum + s.cpuMs, 0));
}

function stageResults(
  work: string,
  size: string,
  bars: number,
  fileMB: number,
  measures: readonly PipelineMeasure[],
  inspectMs: number,
): CaseResult[] {
  for (const measure of measures) {
    if (measure.bars !== bars)
      throw new Error(`${work} ${size}: ${measure.bars} bars, expected ${bars}`);
  }
  const stageNames = measures[0].stages.map((s) => s.stage);
  const row = (contender: string, pick: (stages: StageMeasure[]) => StageMeasure[]): CaseResult => {
    const cpu = measures.map((m) => pick(m.stages).reduce((sum, s) => sum + s.cpuMs, 0));
    const wall = measures.map((m) => pick(m.stages).reduce((sum, s) => sum + s.wallMs, 0));
    const timing = summarise(cpu);
    return {
      name: 'scale',
      size,
      contender,
      units: bars,
      timing,
      perSecond: perSecond(bars, timing.median),
      unit: 'bars',
      peakMemoryMB: Math.max(
        ...measures.map((m) => Math.max(...pick(m.stages).map((s) => s.peakMB))),
      ),
      extra: { clock: 'CPU', wallMs: Math.round(median(wall)), fileMB },
    };
  };
  const whole = row(`${work}: end to end`, (stages) => stages);
  if (work !== 'inspect' && whole.extra) {
    whole.extra.xInspect = Number((whole.timing.median / inspectMs).toFixed(2));
  }
  return [
    ...stageNames.map((stage) =>
      row(`${work}: ${stage}`, (stages) => stages.filter((s) => s.stage === stage)),
    ),
    whole,
  ];
}
