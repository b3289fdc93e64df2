/**
 * Size and power of the sweep's verdict, measured. Size: zero-drift random walks, where no edge
 * exists, searched with a 50-point long/flat sma-cross grid: how often the best trial's own p-value is below
 * 0.05 (what a search reported naively would claim) and how often the sweep's headline says
 * `edge` (SPA p < 0.05). Power: walks with planted momentum, trends whose direction persists
 * (a daily drift of +/- `trend` that flips with probability 1/100 a day, zero on average), which
 * short long/short moving-average crosses exploit: how often the headline finds it.
 * Run: `npm run build && node dist/bench/sweep-calibration.js [paths] [bars] [trend]`
 * (default 100 paths, 2500 bars, trend 0.0025, mean trend length 100 days).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweep } from '../src/builtins/index.js';
import { PythonRandom } from '../src/random/index.js';

const PATHS = Number(process.argv[2] ?? 100);
const BARS = Number(process.argv[3] ?? 2500);
/** 5 x 10 = 50 points, every one with fast < slow. */
const GRID = ['fast=2,4,6,8,10', 'slow=12,20,30,45,60,80,100,130,160,200'];
const VOLATILITY = 0.01;
/** Daily drift of the planted trends in the power study. */
const TREND = Number(process.argv[4] ?? 0.0025);
/** Chance a day that a planted trend reverses (mean trend length 100 days by default). */
const REVERSAL = 1 / Number(process.argv[5] ?? 100);

/** Daily closes from log returns r_t = trend * s_t + e_t, e_t ~ N(0, 1%), s_t = +/-1 persisting. */
function pathCsv(folder: string, seed: number, trend: number): string {
  const random = new PythonRandom(seed);
  const gauss = () => {
    // Box-Muller from two uniforms in (0, 1].
    const u = 1 - random.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.random());
  };
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  let direction = 1;
  let t = Date.UTC(2000, 0, 3);
  for (let i = 0; i < BARS; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
    if (random.random() < REVERSAL) direction = -direction;
    const r = trend * direction + VOLATILITY * gauss();
    const next = price * Math.exp(r);
    lines.push(
      `${new Date(t).toISOString().slice(0, 10)},${price},${Math.max(price, next)},${Math.min(price, next)},${next},1000`,
    );
    price = next;
    t += 86_400_000;
  }
  const file = join(folder, `path-${seed}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface Tally {
  naive: number;
  naiveStrict: number;
  realityCheck: number;
  spa: number;
  deflated: number;
  pbo: number;
}

async function study(
  folder: string,
  trend: number,
  allowShort: boolean,
  firstSeed: number,
): Promise<Tally> {
  const tally: Tally = { naive: 0, naiveStrict: 0, realityCheck: 0, spa: 0, deflated: 0, pbo: 0 };
  for (let i = 0; i < PATHS; i++) {
    const file = pathCsv(folder, firstSeed + i, trend);
    const report = await sweep({
      file,
      strategy: 'sma-cross',
      grid: GRID,
      threads: 1,
      seed: i,
      backtest: { allowShort },
    });
    const v = report.verdict;
    if ((v.pValueNaive ?? 1) < 0.05) tally.naive++;
    if ((v.pValueNaive ?? 1) < 0.01) tally.naiveStrict++;
    if ((v.pValueRealityCheck ?? 1) < 0.05) tally.realityCheck++;
    if (v.edge) tally.spa++;
    if ((v.deflatedSharpe ?? 0) > 0.95) tally.deflated++;
    tally.pbo += v.pbo ?? 0;
    if (report.trials !== 50) throw new Error(`expected 50 trials, got ${report.trials}`);
  }
  return tally;
}

function line(name: string, tally: Tally): string {
  const share = (count: number) => `${((100 * count) / PATHS).toFixed(0)}%`;
  return `${name} | ${PATHS} | ${share(tally.naive)} | ${share(tally.naiveStrict)} | ${share(tally.realityCheck)} | ${share(tally.spa)} | ${share(tally.deflated)} | ${(tally.pbo / PATHS).toFixed(2)}`;
}

const folder = mkdtempSync(join(tmpdir(), 'sweep-calibration-'));
try {
  console.log(
    `${BARS} daily bars per path, 50-point sma-cross grid, 2000 resamples, alpha 0.05, default costs`,
  );
  console.log(
    'series | paths | naive p < 0.05 | naive p < 0.01 | Reality Check p < 0.05 | headline edge (SPA) | DSR > 0.95 | mean PBO',
  );
  console.log(line('zero-drift random walk, long/flat', await study(folder, 0, false, 1_000)));
  console.log(
    line(`trends of +/-${TREND}/day, long/short`, await study(folder, TREND, true, 2_000)),
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
