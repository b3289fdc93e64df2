/**
 * Loads a small warm-up file a few times, so that V8 has optimised the parser as it would have
 * well inside any large file, then the measured file once, and prints
 * { ms, units, baseMB, peakMB }.
 * Usage: node dist/bench/child/load-csv.js <nn-timing|danfojs> <warm-up file> <file>
 */
import { performance } from 'node:perf_hooks';
import { loadPrices } from '../../src/data/index.js';
import { type ChildMeasure, maxRssMB } from '../spawn.js';

const WARMUP_LOADS = 5;

type Loader = (file: string) => Promise<number>;

async function loader(reader: string): Promise<Loader> {
  if (reader === 'nn-timing') return async (file) => (await loadPrices(file)).time.length;
  if (reader === 'danfojs') {
    // Imported before the baseline is taken: danfojs' import cost is not part of a load.
    const danfo = await import('danfojs-node');
    return async (file) => (await danfo.readCSV(file)).shape[0];
  }
  throw new Error(`unknown reader ${reader}; use nn-timing or danfojs`);
}

const [reader, warmupFile, file] = process.argv.slice(2);
const load = await loader(reader);
for (let i = 0; i < WARMUP_LOADS; i++) await load(warmupFile);
const baseMB = maxRssMB();
const start = performance.now();
const units = await load(file);
const ms = performance.now() - start;
const result: ChildMeasure = { ms, units, baseMB, peakMB: maxRssMB() };
process.stdout.write(`${JSON.stringify(result)}\n`);
