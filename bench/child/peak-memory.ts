/**
 * Runs one in-process case once on a synthetic series and prints { ms, units, baseMB, peakMB },
 * so each size's memory high-water mark is measured in a process of its own.
 * Usage: node dist/bench/child/peak-memory.js <features|backtest> <bars>
 */
import { performance } from 'node:perf_hooks';
import { runBacktest } from '../../src/backtest/index.js';
import { buildFeatures } from '../../src/features/index.js';
import { type ChildMeasure, maxRssMB } from '../spawn.js';
import { syntheticPositions, syntheticSeries } from '../synthetic.js';

const [work, barsArg] = process.argv.slice(2);
const bars = Number(barsArg);
if (!Number.isSafeInteger(bars) || bars < 100) throw new Error(`bad bar count ${barsArg}`);
const series = syntheticSeries(bars);
const targets = syntheticPositions(bars);
let run: () => unknown;
if (work === 'features') run = () => buildFeatures(series);
else if (work === 'backtest') run = () => runBacktest(series, targets);
else throw new Error(`unknown work ${work}; use features or backtest`);

const baseMB = maxRssMB();
const start = performance.now();
const output = run();
const ms = performance.now() - start;
const result: ChildMeasure = { ms, units: bars, baseMB, peakMB: maxRssMB() };
// Keep the output alive until the high-water mark has been read.
if (output === undefined) throw new Error(`${work} returned nothing`);
process.stdout.write(`${JSON.stringify(result)}\n`);
