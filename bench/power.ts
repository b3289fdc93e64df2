/**
 * Power of the verdict: how often it finds an edge that is really there. Each synthetic path has
 * daily returns whose sign repeats the previous day's with a planted probability (53%, 55%, 60%;
 * 50% is a random walk, where every edge found is a false one) and no drift, so buy-and-hold has no edge and a strategy that follows yesterday's sign has a
 * known one. Each strategy is run on every path, backtested against buy-and-hold with and without
 * costs, and the share of `edge` verdicts is the detection rate.
 *
 *   npm run bench:power                     default run (28 minutes on a busy 2-core machine)
 *   node dist/bench/power.js --paths 50     more nn-timing paths (--oracle-paths for the oracle)
 *   node dist/bench/power.js --levels 0.5 --paths 100 --oracle-paths 100   the null alone
 *   node dist/bench/power.js --param minTrainBars=1260 --out /tmp/before.json   other parameters
 *
 * Writes bench/power.json (every cell, with its settings) and bench/power.md (the table the guide
 * shows). `plantedPath`, `oracle` and `measurePower` are exported for tuning scripts.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BacktestOptions, VerdictKind } from '../src/backtest/index.js';
import {
  compare,
  DEFAULT_BACKTEST_OPTIONS,
  runBacktest,
  signalQuality,
} from '../src/backtest/index.js';
import type { PriceSeries } from '../src/data/index.js';
import { createPriceSeries, sliceSeries } from '../src/data/index.js';
import { writeFileAtomic } from '../src/io/index.js';
import { PythonRandom } from '../src/random/index.js';
import { firstDecision } from '../src/run/index.js';
import type { Strategy } from '../src/strategy-contract/index.js';
import { defineStrategy, resolveParams } from '../src/strategy-contract/index.js';
import { nnTiming } from '../strategies/index.js';
import { repoRoot } from './context.js';

const DAY = 86_400_000;
const START = Date.UTC(2000, 0, 3);

export interface PlantedPathOptions {
  /** Daily bars (default 3276: 13 years of 252). */
  bars?: number;
  /** Probability that a day's return has the previous day's sign (0.5: no pattern). */
  persistence: number;
  seed: number;
  /** Standard deviation of daily returns (default 0.01). */
  volatility?: number;
}

/**
 * Daily OHLCV bars whose close-to-close returns are s_t |z_t| x volatility, with z_t standard
 * normal and the sign s_t equal to s_(t-1) with probability `persistence`. Each open equals the
 * previous close, so a decision at a close that fills at the next open trades the whole next
 * return; high and low lie a little outside open and close; volumes are random.
 */
export function plantedPath(options: PlantedPathOptions): PriceSeries {
  const { persistence, seed } = options;
  const bars = options.bars ?? 3276;
  const volatility = options.volatility ?? 0.01;
  const rng = new PythonRandom(seed);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const time = new Float64Array(bars);
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const close = new Float64Array(bars);
  const volume = new Float64Array(bars);
  let sign = rng.random() < 0.5 ? 1 : -1;
  let previous = 100;
  for (let t = 0; t < bars; t++) {
    if (t > 0 && rng.random() >= persistence) sign = -sign;
    const c = previous * Math.exp(sign * Math.abs(normal()) * volatility);
    time[t] = START + t * DAY;
    open[t] = previous;
    close[t] = c;
    high[t] = Math.max(previous, c) * (1 + 0.002 * rng.random());
    low[t] = Math.min(previous, c) * (1 - 0.002 * rng.random());
    volume[t] = 1e6 * (0.5 + rng.random());
    previous = c;
  }
  return createPriceSeries({ time, open, high, low, close, volume }, 'PLANTED');
}

/** Knows the pattern: long after an up close, flat (short with shorts allowed) after a down one. */
export const oracle: Strategy = defineStrategy({
  name: 'oracle',
  description: 'Follows the sign of the last close-to-close return (the planted pattern).',
  params: {},
  warmup: () => 1,
  run(series, _params, { allowShort }) {
    const { close } = series;
    const positions = new Float64Array(close.length).fill(Number.NaN);
    for (let t = 1; t < close.length; t++) {
      positions[t] = close[t] > close[t - 1] ? 1 : allowShort ? -1 : 0;
    }
    return { positions };
  },
});

/**
 * Path seeds reserved for choosing nn-timing's defaults (bench/tune-nn.ts); the power table's
 * paths use seeds 1, 2, ... and never reach them.
 */
export const TUNING_SEEDS = { first: 1000, last: 1999 } as const;

/** No commission and no slippage. */
export const NO_COSTS: BacktestOptions = { commission: 0, slippageBps: 0, fixedFee: 0 };

export interface PowerOptions {
  strategy: Strategy;
  params?: Record<string, unknown>;
  persistence: number;
  paths: number;
  bars?: number;
  /** Path seeds are firstSeed, firstSeed + 1, ... (default 1). */
  firstSeed?: number;
  /** The strategy's seed on every path (default 42). */
  strategySeed?: number;
  threads?: number;
  /** Called after each path. */
  onPath?: (done: number, total: number) => void;
}

/** One cell of the table: a strategy, a planted persistence, costs on or off. */
export interface PowerCell {
  strategy: string;
  persistence: number;
  costs: boolean;
  paths: number;
  /** Paths whose verdict was `edge`. */
  edges: number;
  detectionRate: number;
  kinds: Record<VerdictKind, number>;
  /** Medians over the paths, annualised. */
  medianSharpeDiff: number | null;
  medianMinDetectableDiff: number | null;
  /** Mean out-of-sample ROC AUC of the strategy's probabilities (null without them). */
  meanAuc: number | null;
  /** Median number of trades per path. */
  medianTrades: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs the strategy on `paths` planted paths and judges it against buy-and-hold from its first
 * decision, as `nn-timing backtest` does: once with the default costs and once without (the
 * positions do not depend on costs, so the strategy runs once per path). Returns both cells.
 */
export async function measurePower(options: PowerOptions): Promise<[PowerCell, PowerCell]> {
  const { strategy, persistence, paths } = options;
  const params = resolveParams(strategy, options.params ?? {});
  const tallies = [true, false].map((costs) => ({
    costs,
    kinds: { edge: 0, 'no-edge': 0, inconclusive: 0, invalid: 0 } as Record<VerdictKind, number>,
    diffs: [] as number[],
    detectable: [] as number[],
    trades: [] as number[],
  }));
  const aucs: number[] = [];
  for (let k = 0; k < paths; k++) {
    const series = plantedPath({
      bars: options.bars,
      persistence,
      seed: (options.firstSeed ?? 1) + k,
    });
    const output = await strategy.run(series, params, {
      seed: options.strategySeed ?? 42,
      allowShort: false,
      threads: options.threads,
    });
    const start = firstDecision(output.positions);
    const window = sliceSeries(series, start);
    const targets = output.positions.subarray(start);
    const hold = new Float64Array(targets.length).fill(1);
    if (output.probabilities) {
      const { auc } = signalQuality(window, targets, output.probabilities.subarray(start));
      if (auc !== null) aucs.push(auc);
    }
    for (const tally of tallies) {
      const backtest = tally.costs ? DEFAULT_BACKTEST_OPTIONS : NO_COSTS;
      const result = runBacktest(window, targets, backtest);
      const comparison = compare(result, runBacktest(window, hold, backtest));
      tally.trades.push(result.stats.trades);
      tally.kinds[comparison.verdictKind]++;
      if (comparison.sharpeDiff !== null) tally.diffs.push(comparison.sharpeDiff);
      if (comparison.minDetectableDiff !== null) {
        tally.detectable.push(comparison.minDetectableDiff);
      }
    }
    options.onPath?.(k + 1, paths);
  }
  const cell = (tally: (typeof tallies)[number]): PowerCell => ({
    strategy: strategy.name,
    persistence,
    costs: tally.costs,
    paths,
    edges: tally.kinds.edge,
    detectionRate: tally.kinds.edge / paths,
    kinds: tally.kinds,
    medianSharpeDiff: median(tally.diffs),
    medianMinDetectableDiff: median(tally.detectable),
    meanAuc: aucs.length > 0 ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
    medianTrades: median(tally.trades),
  });
  return [cell(tallies[0]), cell(tallies[1])];
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const two = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** The markdown table: one row per strategy and cost setting, one column per persistence. */
export function powerTable(cells: readonly PowerCell[]): string {
  const levels = [...new Set(cells.map((c) => c.persistence))].sort((a, b) => a - b);
  const rows = [...new Set(cells.map((c) => `${c.strategy}\u0000${c.costs}`))];
  const head = `| strategy | costs | ${levels.map((p) => `${percent(p)} persistence`).join(' | ')} |`;
  const rule = `| --- | --- | ${levels.map(() => '---').join(' | ')} |`;
  const body = rows.map((row) => {
    const [name, costs] = row.split('\u0000');
    const cellsOf = levels.map((p) => {
      const c = cells.find(
        (x) => x.strategy === name && String(x.costs) === costs && x.persistence === p,
      );
      const auc = c?.meanAuc == null ? '' : `; AUC ${c.meanAuc.toFixed(3)}`;
      return c
        ? `${c.edges}/${c.paths} (${percent(c.detectionRate)})${auc}; Sharpe diff ${two(c.medianSharpeDiff)}, detectable ${two(c.medianMinDetectableDiff)}`
        : '';
    });
    return `| ${name} | ${costs === 'true' ? 'default' : 'none'} | ${cellsOf.join(' | ')} |`;
  });
  return [head, rule, ...body].join('\n');
}

interface Args {
  paths: number;
  oraclePaths: number;
  bars: number;
  levels: number[];
  /** nn-timing parameters other than its defaults (e.g. the earlier defaults, for a before/after). */
  params: Record<string, unknown>;
  out: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    paths: 20,
    oraclePaths: 100,
    bars: 3276,
    levels: [0.5, 0.53, 0.55, 0.6],
    params: {},
    out: join(repoRoot(), 'bench', 'power.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return next;
    };
    const whole = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${argv[i - 1]} needs a whole number >= 1`);
      return n;
    };
    const arg = argv[i];
    if (arg === '--paths') args.paths = whole(value());
    else if (arg === '--oracle-paths') args.oraclePaths = whole(value());
    else if (arg === '--bars') args.bars = whole(value());
    else if (arg === '--levels') {
      args.levels = value().split(',').map(Number);
      if (!args.levels.every((p) => p >= 0 && p <= 1)) {
        throw new Error('--levels needs persistences between 0 and 1, e.g. 0.5,0.6');
      }
    } else if (arg === '--param') {
      const [key, text] = value().split(/=(.*)/s);
      if (text === undefined) throw new Error('--param needs key=value');
      args.params[key] = /^[-\d.[{]|^(true|false)$/.test(text) ? JSON.parse(text) : text;
    } else if (arg === '--out') args.out = value();
    else
      throw new Error(
        `unknown option ${arg} (--paths, --oracle-paths, --bars, --levels, --param, --out)`,
      );
  }
  if (Math.max(args.paths, args.oraclePaths) >= TUNING_SEEDS.first) {
    throw new Error(
      `at most ${TUNING_SEEDS.first - 1} paths: seeds from ${TUNING_SEEDS.first} on are reserved for tuning`,
    );
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const levels = args.levels;
  const runs: { strategy: Strategy; paths: number; params?: Record<string, unknown> }[] = [
    { strategy: oracle, paths: args.oraclePaths },
    { strategy: nnTiming, paths: args.paths, params: args.params },
  ];
  const cells: PowerCell[] = [];
  const started = Date.now();
  for (const { strategy, paths, params } of runs) {
    for (const persistence of levels) {
      const label = `${strategy.name} ${percent(persistence)}`;
      const pair = await measurePower({
        strategy,
        params,
        persistence,
        paths,
        bars: args.bars,
        onPath: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${label}: path ${done}/${total}   `);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      cells.push(...pair);
    }
  }
  const table = powerTable(cells);
  const result = {
    description:
      'Share of edge verdicts (one-sided p < 0.05 against buy-and-hold, 2000 resamples) on planted sign-persistence paths.',
    bars: args.bars,
    nnTimingParams: args.params,
    pathSeeds: `path k uses seed 1 + k (seeds ${TUNING_SEEDS.first}-${TUNING_SEEDS.last} are reserved for tuning); strategies use seed 42`,
    defaultCosts: {
      commission: DEFAULT_BACKTEST_OPTIONS.commission,
      slippageBps: DEFAULT_BACKTEST_OPTIONS.slippageBps,
    },
    seconds: Math.round((Date.now() - started) / 1000),
    cells,
    table,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileAtomic(args.out, `${JSON.stringify(result, null, 2)}\n`);
  writeFileAtomic(args.out.replace(/\.json$/, '.md'), `${table}\n`);
  process.stdout.write(`${table}\n\nWritten to ${args.out} (${result.seconds} s)\n`);
}

if (process.argv[1]?.endsWith('power.js')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
