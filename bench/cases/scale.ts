import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineMeasure, StageMeasure } from '../child/pipeline.js';
import { type BenchCase, SCALE_SIZES } from '../context.js';
import { type CaseResult, median, perSecond, summarise } from '../harness.js';
import { runChild } from '../spawn.js';
import { writeSyntheticCsv } from '../synthetic.js';

/**
 * A 10M-bar backtest takes about a minute of CPU, so each work runs once per size: the figures
 * are single runs, and the stages of one run are compared with each other.
 */
const RUNS = 1;
const WORKS = ['inspect', 'features', 'backtest'] as const;

/**
 * Generated one-minute OHLCV files of 1M to 10M rows, each through `inspect`'s work, `features
 * --out` and `backtest --strategy sma-cross --html` stage by stage (bench/child/pipeline.ts), each
 * run once in a fresh child process. Per stage: CPU time of the child (all threads) and its peak
 * resident memory after the stage; plus one `end to end` row per work, which the 4x-inspect
 * target reads. Run it alone with `node dist/bench/run.js scale`.
 */
export const scale: BenchCase = {
  name: 'scale',
  async run(context) {
    const folder = mkdtempSync(join(tmpdir(), 'nn-timing-bench-scale-'));
    const results: CaseResult[] = [];
    try {
      for (const size of SCALE_SIZES) {
        const file = join(folder, `ohlcv-${size.label}.csv`);
        context.log(`scale ${size.label}: writing ${file}`);
        writeSyntheticCsv(file, size.units);
        const fileMB = Math.round(statSync(file).size / 2 ** 20);
        for (const work of WORKS) {
          const measures: PipelineMeasure[] = [];
          for (let run = 0; run < RUNS; run++) {
            context.log(`scale ${size.label} ${work}`);
            const out = join(folder, `run-${work}`);
            mkdirSync(out, { recursive: true });
            measures.push(await runChild<PipelineMeasure>('pipeline', [work, file, out]));
            rmSync(out, { recursive: true, force: true });
          }
          results.push(...stageResults(work, size.label, size.units, fileMB, measures));
        }
        rmSync(file, { force: true });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return results;
  },
};

function stageResults(
  work: string,
  size: string,
  bars: number,
  fileMB: number,
  measures: readonly PipelineMeasure[],
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
  return [
    ...stageNames.map((stage) =>
      row(`${work}: ${stage}`, (stages) => stages.filter((s) => s.stage === stage)),
    ),
    row(`${work}: end to end`, (stages) => stages),
  ];
}
