/**
 * The comparison's test at large n, measured. From NORMAL_APPROXIMATION_RETURNS returns on,
 * `compare` takes the stationary bootstrap's normal limit instead of drawing its resamples
 * (src/backtest/bootstrap.ts). This study checks the two things that switch must not break:
 *
 * - Size under an exact null: two `random` strategies (long/flat spells, exposure 0.5, holding
 *   10 bars) with independent seeds on the same prices have the same true Sharpe ratio, so
 *   p < 0.05 should happen in about 5% of cases and p < 0.10 in about 10%. Prices: the bench's
 *   one-minute synthetic bars, and Student-t returns with 3 degrees of freedom (fat tails).
 * - Agreement with the exact bootstrap (2000 resamples) on the same pairs at the threshold: the
 *   p-values and the interval ends side by side.
 *
 * Run: `npm run build && node dist/bench/large-sample.js [agreement cases] [size cases] [bars ...]`
 * (default 50 agreement cases, and 400 size cases at each of 200000 and 1000000 bars).
 */
import { performance } from 'node:perf_hooks';
import {
  type Comparison,
  compare,
  NORMAL_APPROXIMATION_RETURNS,
  runBacktest,
} from '../src/backtest/index.js';
import { createPriceSeries, type PriceSeries } from '../src/data/index.js';
import { PythonRandom } from '../src/random/index.js';
import { random } from '../strategies/index.js';
import { syntheticSeries } from './synthetic.js';

const AGREEMENT_CASES = Number(process.argv[2] ?? 50);
const CASES = Number(process.argv[3] ?? 400);
const SIZES = process.argv.length > 4 ? process.argv.slice(4).map(Number) : [200_000, 1_000_000];
const START = Date.UTC(2020, 0, 1);
const MINUTE = 60_000;

/** One-minute bars whose log returns are Student-t with 3 degrees of freedom, 0.1% scale. */
function fatTailedSeries(seed: number, bars: number): PriceSeries {
  const rng = new PythonRandom(seed);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const time = new Float64Array(bars);
  const close = new Float64Array(bars);
  let logPrice = Math.log(100);
  for (let t = 0; t < bars; t++) {
    const chi2 = normal() ** 2 + normal() ** 2 + normal() ** 2;
    const r = (0.001 * normal()) / Math.sqrt(chi2 / 3);
    // Pulled back towards 100 so that a million bars stay in a sane price range.
    logPrice += Math.max(-0.5, Math.min(0.5, r)) + 0.001 * (Math.log(100) - logPrice);
    time[t] = START + t * MINUTE;
    close[t] = Math.exp(logPrice);
  }
  return createPriceSeries({ time, close });
}

async function nullPair(
  series: PriceSeries,
  seedA: number,
  seedB: number,
  resamples?: number,
): Promise<Comparison> {
  const params = { exposure: 0.5, holding: 10 };
  const a = await random.run(series, params, { seed: seedA, allowShort: false });
  const b = await random.run(series, params, { seed: seedB, allowShort: false });
  const options = resamples === undefined ? {} : { resamples };
  return compare(runBacktest(series, a.positions), runBacktest(series, b.positions), options);
}

interface SizeRow {
  prices: string;
  bars: number;
  cases: number;
  method: string;
  below05: number;
  below10: number;
  seconds: number;
}

/** Binomial standard error of a rejection share p over n cases, in points. */
function standardErrorPoints(p: number, n: number): number {
  return 100 * Math.sqrt((p * (1 - p)) / n);
}

async function sizeStudy(bars: number, prices: 'synthetic' | 'student-t'): Promise<SizeRow> {
  const began = performance.now();
  let below05 = 0;
  let below10 = 0;
  let method = '';
  for (let k = 0; k < CASES; k++) {
    const series =
      prices === 'synthetic' ? syntheticSeries(bars, 1000 + k) : fatTailedSeries(5000 + k, bars);
    const result = await nullPair(series, 2 * k + 1, 2 * k + 2);
    method = result.testMethod;
    const p = result.pValue as number;
    if (p < 0.05) below05++;
    if (p < 0.1) below10++;
  }
  return {
    prices,
    bars,
    cases: CASES,
    method,
    below05: below05 / CASES,
    below10: below10 / CASES,
    seconds: (performance.now() - began) / 1000,
  };
}

interface Agreement {
  bars: number;
  cases: number;
  maxPDifference: number;
  meanPDifference: number;
  /**
   * Largest difference of an interval end or of the detectable difference, as a share of the
   * exact interval's width.
   */
  maxIntervalDifference: number;
  /** Same verdict kind from both methods. */
  sameVerdict: number;
  blockLengths: string;
  exactSeconds: number;
  normalSeconds: number;
}

/** The exact bootstrap (just below the threshold) against the approximation (at it) on the same pairs. */
async function agreementStudy(): Promise<Agreement> {
  const bars = NORMAL_APPROXIMATION_RETURNS + 1;
  let maxP = 0;
  let sumP = 0;
  let maxInterval = 0;
  let same = 0;
  let exactMs = 0;
  let normalMs = 0;
  const blocks: number[] = [];
  for (let k = 0; k < AGREEMENT_CASES; k++) {
    const series = syntheticSeries(bars, 9000 + k);
    const params = { exposure: 0.5, holding: 10 };
    const a = await random.run(series, params, { seed: 2 * k + 1, allowShort: false });
    const b = await random.run(series, params, { seed: 2 * k + 2, allowShort: false });
    const strategy = runBacktest(series, a.positions);
    const baseline = runBacktest(series, b.positions);
    // Bars 1.. give NORMAL_APPROXIMATION_RETURNS returns; dropping one more bar keeps the exact
    // bootstrap, so both see the same returns but for the first.
    let began = performance.now();
    const normal = compare(strategy, baseline);
    normalMs += performance.now() - began;
    const shorter = syntheticSeriesPrefix(series, bars - 1);
    const exactStrategy = runBacktest(shorter, a.positions.subarray(0, bars - 1));
    const exactBaseline = runBacktest(shorter, b.positions.subarray(0, bars - 1));
    began = performance.now();
    const exact = compare(exactStrategy, exactBaseline);
    exactMs += performance.now() - began;
    if (
      normal.testMethod !== 'normal-approximation' ||
      exact.testMethod !== 'stationary-bootstrap'
    ) {
      throw new Error(`unexpected methods ${normal.testMethod} / ${exact.testMethod}`);
    }
    const dp = Math.abs((normal.pValue as number) - (exact.pValue as number));
    maxP = Math.max(maxP, dp);
    sumP += dp;
    const ends = [
      [normal.sharpeDiffCI?.[0], exact.sharpeDiffCI?.[0]],
      [normal.sharpeDiffCI?.[1], exact.sharpeDiffCI?.[1]],
      [normal.minDetectableDiff, exact.minDetectableDiff],
    ];
    const width = exact.sharpeDiffCI![1] - exact.sharpeDiffCI![0];
    for (const [x, y] of ends) maxInterval = Math.max(maxInterval, Math.abs(x! - y!) / width);
    if (normal.verdictKind === exact.verdictKind) same++;
    blocks.push(normal.blockLength);
  }
  blocks.sort((x, y) => x - y);
  return {
    bars: bars - 1,
    cases: AGREEMENT_CASES,
    maxPDifference: maxP,
    meanPDifference: sumP / AGREEMENT_CASES,
    maxIntervalDifference: maxInterval,
    sameVerdict: same / AGREEMENT_CASES,
    blockLengths: `${blocks[0].toFixed(1)} to ${blocks[blocks.length - 1].toFixed(1)}`,
    exactSeconds: exactMs / 1000 / AGREEMENT_CASES,
    normalSeconds: normalMs / 1000 / AGREEMENT_CASES,
  };
}

function syntheticSeriesPrefix(series: PriceSeries, bars: number): PriceSeries {
  return createPriceSeries({
    time: series.time.subarray(0, bars),
    open: series.open.subarray(0, bars),
    high: series.high.subarray(0, bars),
    low: series.low.subarray(0, bars),
    close: series.close.subarray(0, bars),
    volume: series.volume?.subarray(0, bars),
  });
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const log = (message: string) => process.stderr.write(`[large-sample] ${message}\n`);

if (AGREEMENT_CASES > 0) {
  log(`agreement at the threshold, ${AGREEMENT_CASES} cases`);
  process.stdout.write(`${JSON.stringify(await agreementStudy())}\n`);
}
for (const bars of CASES > 0 ? SIZES : []) {
  for (const prices of ['synthetic', 'student-t'] as const) {
    log(`size, ${prices} prices, ${bars} bars, ${CASES} cases`);
    const row = await sizeStudy(bars, prices);
    const se = (p: number) => standardErrorPoints(p, row.cases).toFixed(1);
    process.stdout.write(
      `${JSON.stringify(row)}  p<0.05 ${percent(row.below05)} (se ${se(0.05)}), p<0.10 ${percent(row.below10)} (se ${se(0.1)})\n`,
    );
  }
}
