import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriesToCsv } from '../../src/data/index.js';
import { writeFileAtomic } from '../../src/io/index.js';
import { type BenchCase, type BenchContext, SIZES } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, collect, perSecond, type Timing } from '../harness.js';
import { type ChildMeasure, runChild } from '../spawn.js';
import { syntheticSeries } from '../synthetic.js';

/** danfojs-node needs about 1 GB for the 1M-row file, so it is measured on the smaller two. */
const DANFOJS_MAX_ROWS = 100_000;

/** Rows of the small file each child loads (five times) before the measured one. */
const WARMUP_ROWS = 10_000;

const READERS = [
  { reader: 'nn-timing', contender: 'loadPrices' },
  { reader: 'danfojs', contender: 'danfojs readCSV' },
] as const;

async function measureLoads(
  context: BenchContext,
  reader: string,
  warmupFile: string,
  file: string,
  rows: number,
): Promise<{ timing: Timing; peakMB: number; baseMB: number }> {
  let peakMB = 0;
  let baseMB = 0;
  const timing = await collect(
    async () => {
      const measured = await runChild<ChildMeasure>('load-csv', [reader, warmupFile, file]);
      if (measured.units !== rows) {
        throw new Error(`${reader} loaded ${measured.units} rows of ${file}, expected ${rows}`);
      }
      // The worst load is the one a user must have memory for.
      peakMB = Math.max(peakMB, measured.peakMB);
      baseMB = Math.max(baseMB, measured.baseMB);
      return measured.ms;
    },
    context.runs,
    context.warmups,
  );
  return { timing, peakMB, baseMB };
}

/**
 * Loads generated OHLCV files of 10k, 100k and 1M rows, each load in a fresh child process so
 * that its peak memory is its own (after warm-up loads of a 10,000-row file in that child); danfojs-node's
 * readCSV is the reference on the same files.
 */
export const csvLoad: BenchCase = {
  name: 'csv-load',
  async run(context) {
    const folder = mkdtempSync(join(tmpdir(), 'nn-timing-bench-'));
    const results: CaseResult[] = [];
    try {
      const warmupFile = join(folder, 'warm-up.csv');
      writeFileAtomic(warmupFile, seriesToCsv(syntheticSeries(WARMUP_ROWS, 99)));
      for (const size of SIZES) {
        const file = join(folder, `ohlcv-${size.label}.csv`);
        writeFileAtomic(file, seriesToCsv(syntheticSeries(size.units)));
        const fileMB = statSync(file).size / 2 ** 20;
        for (const { reader, contender } of READERS) {
          if (reader === 'danfojs' && size.units > DANFOJS_MAX_ROWS) continue;
          context.log(`csv-load ${size.label} ${contender}`);
          const { timing, peakMB, baseMB } = await measureLoads(
            context,
            reader,
            warmupFile,
            file,
            size.units,
          );
          results.push({
            name: 'csv-load',
            size: size.label,
            contender,
            units: size.units,
            timing,
            perSecond: perSecond(size.units, timing.median),
            unit: 'rows',
            peakMemoryMB: peakMB,
            baseMemoryMB: baseMB,
            extra: { fileMB: Math.round(fileMB * 10) / 10 },
          });
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const ours = results.filter((r) => r.contender === 'loadPrices');
    for (const result of results.filter((r) => r.contender === 'danfojs readCSV')) {
      const mine = ours.find((r) => r.size === result.size);
      if (mine) mine.extra = { ...mine.extra, xDanfojs: ratio(mine.perSecond, result.perSecond) };
    }
    return results;
  },
};
