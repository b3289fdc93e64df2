import { readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { BacktestOptions, Stats } from '../backtest/index.js';
import {
  cubeRootBlockLength,
  DEFAULT_BACKTEST_OPTIONS,
  DEFAULT_COMPARE_OPTIONS,
  MIN_BOOTSTRAP_RETURNS,
  resolveCompareOptions,
  returnMoments,
  riskFreePerBar,
  runBacktest,
  summariseSharpeDifference,
} from '../backtest/index.js';
import type { LoadOptions, PriceSeries } from '../data/index.js';
import { loadPrices, sliceByTime, sliceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { lockRunFolder, writeFileAtomic } from '../io/index.js';
import { parseQueueUrl, QUEUE_SETTINGS, queueName } from '../queue/index.js';
import {
  DEFAULT_SEED,
  formatTime,
  JOB_SETTINGS,
  looksLikeStrategyPath,
  packageVersion,
  parseDateBound,
  RUN_SETTINGS,
  resolveStrategy,
  type StrategyRegistry,
} from '../run/index.js';
import { checkOptions } from '../settings/index.js';
import type { Strategy } from '../strategy-contract/index.js';
import { coerceParam, resolveParams, runStrategyGuarded } from '../strategy-contract/index.js';
import { deflatedSharpe, shapeMoments } from './deflated-sharpe.js';
import { inProcessEngine, type TrialEngine, workerEngine } from './engine.js';
import { checkAxes, type GridAxis, gridPoints, parseGridAxis, randomPoints } from './grid.js';
import { renderSweepHtml } from './html.js';
import { jointBootstrap, singleTestPValues } from './joint-bootstrap.js';
import { DEFAULT_PBO_BLOCKS, probabilityOfOverfitting } from './pbo.js';
import { realityCheckPValue } from './reality-check.js';
import { SWEEP_SETTINGS, type SweepMetric } from './settings.js';
import { spaPValue } from './spa.js';
import { hashOf, type TrialRecord, TrialStore, TrialsCsv } from './store.js';
import type { TrialSetup, TrialTask } from './trial.js';
import { type SearchVerdict, searchVerdict } from './verdict.js';
import {
  parseWalkForward,
  type WalkForwardOptimisationResult,
  type WalkForwardReport,
  type WalkForwardSpec,
  walkForwardCsv,
  walkForwardOptimisation,
} from './walk-forward.js';

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many trials the report lists, best first. */
const TOP_TRIALS = 10;

export interface SweepOptions {
  /** One OHLCV CSV file. */
  file: string;
  /** A name in `registry`, path to a strategy file, or a Strategy object (run on this thread). */
  strategy: string | Strategy;
  /** Searched parameters: `key=v1,v2` / `key=from..to[:step]` strings or axes. */
  grid: readonly (string | GridAxis)[];
  /** Fixed values for parameters outside the grid. */
  params?: Record<string, unknown>;
  /** Try this many seeded random points of the grid instead of all of them. */
  random?: number;
  /** Run every point with seeds seed..seed+k-1 (for stochastic strategies; default 1). */
  seeds?: number;
  /** Seed of the strategy, the random points and the bootstrap (default 42). */
  seed?: number;
  /** What "best" means (default sharpe). */
  metric?: SweepMetric;
  /** Default 'buy-and-hold'. */
  baseline?: string | Strategy;
  baselineParams?: Record<string, unknown>;
  /**
   * The strategies known by name, the default baseline among them (the package entry and the CLI
   * pass the built-in ones); without it, strategy and baseline are Strategy objects or files.
   */
  registry?: StrategyRegistry;
  from?: string;
  to?: string;
  backtest?: BacktestOptions;
  load?: LoadOptions;
  /** Worker threads for the trials (default: all cores; 1 runs them on this thread). */
  threads?: number;
  /** Bootstrap resamples (default 2000, as a single backtest's p-value). */
  resamples?: number;
  /** Significance level of the verdict (default 0.05). */
  alpha?: number;
  /** CSCV blocks for the PBO (default 16). */
  pboBlocks?: number;
  /** Folder for trials.csv, sweep.json and the finished trials; a rerun into it resumes. */
  out?: string;
  /** Also run walk-forward optimisation: `train=<bars>,test=<bars>` or the spec. */
  walkForward?: string | WalkForwardSpec;
  /** Run the trials as jobs on the workers of this Redis queue (`redis://…`) instead of here. */
  queue?: string;
  /** Also write sweep.html into `out`. */
  html?: boolean;
  /** `file` already loaded with `load` (e.g. one symbol of a long-format file); from/to still apply. */
  loaded?: PriceSeries;
}

export interface SweepHooks {
  /** Trials done of total, with a label giving the rate and the time left. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

export interface TrialSummary {
  trial: number;
  params: Record<string, unknown>;
  seed: number;
  /** The ranking metric's value (null when undefined for the trial). */
  metric: number | null;
  sharpe: number | null;
  totalReturn: number;
  maxDrawdown: number;
  trades: number;
  /** One-sided bootstrap p of this trial alone vs the baseline. */
  pValue: number | null;
}

/** What `nn-timing sweep` prints with --format json and writes as sweep.json. */
export interface SweepReport {
  tool: string;
  file: string;
  symbol: string;
  strategy: string;
  baseline: { name: string; params: Record<string, unknown> };
  metric: SweepMetric;
  grid: GridAxis[];
  fixedParams: Record<string, unknown>;
  random: number | null;
  seeds: number;
  seed: number;
  /** Every trial and the baseline are measured on these bars (after the longest warm-up). */
  window: { from: string; to: string; bars: number; warmup: number };
  /** Trials run (grid points x seeds). */
  trials: number;
  /** Grid points the strategy refused (e.g. fast >= slow). */
  skipped: number;
  resamples: number;
  blockLength: number;
  pboBlocks: number;
  baselineStats: Stats;
  best: (TrialSummary & { stats: Stats }) | null;
  top: TrialSummary[];
  /** Annualised Sharpe ratios of the trials: their spread is what the search inflates. */
  trialSharpes: { mean: number | null; std: number | null };
  verdict: SearchVerdict;
  /** With `walkForward`: the search procedure itself, chosen in-sample and traded out of sample. */
  walkForward: WalkForwardReport | null;
}

interface PlannedTrial extends TrialTask {
  key: string;
}

/**
 * Searches a strategy's parameters on one file and judges the best trial honestly: its own
 * p-value, White's Reality Check and Hansen's SPA over all trials from one joint bootstrap, the
 * Deflated Sharpe Ratio and the Probability of Backtest Overfitting. Trials run on worker threads;
 * with `out`, each finished trial is kept so an interrupted sweep resumes where it stopped and
 * ends with the same files as an uninterrupted one.
 */
export async function sweep(options: SweepOptions, hooks: SweepHooks = {}): Promise<SweepReport> {
  checkOptions(SWEEP_SETTINGS, {
    random: options.random,
    metric: options.metric,
    // A spec object is the library's own; anything else is checked as a flag or config key would be.
    walkForward: isRecord(options.walkForward) ? undefined : options.walkForward,
  });
  checkOptions(QUEUE_SETTINGS, { queue: options.queue });
  // The job's settings the search shares with a backtest (seed, seeds, dates, threads, out, html).
  checkOptions(JOB_SETTINGS, options);
  // The folder is locked for the whole search, as a backtest's is: a second sweep into it would
  // store and stream the same trials twice.
  const release = options.out === undefined ? undefined : lockRunFolder(options.out);
  try {
    return await searchAndJudge(options, hooks);
  } finally {
    release?.();
  }
}

async function searchAndJudge(options: SweepOptions, hooks: SweepHooks): Promise<SweepReport> {
  const metric = options.metric ?? SWEEP_SETTINGS.metric.default;
  const seed = options.seed ?? DEFAULT_SEED;
  const seeds = options.seeds ?? JOB_SETTINGS.seeds.default;
  const alpha = options.alpha ?? DEFAULT_COMPARE_OPTIONS.alpha;
  const pboBlocks = options.pboBlocks ?? DEFAULT_PBO_BLOCKS;
  const names = options.registry?.strategies;
  const strategy = await resolveStrategy(options.strategy, undefined, names);
  const strategyName = typeof options.strategy === 'string' ? options.strategy : strategy.name;
  const baselineSpec = options.baseline ?? RUN_SETTINGS.baseline.default;
  const baseline = await resolveStrategy(baselineSpec, undefined, names);
  const baselineName = typeof baselineSpec === 'string' ? baselineSpec : baseline.name;
  const baselineParams = resolveParams(baseline, options.baselineParams);
  const fixed = options.params ?? {};

  // Axes: known parameters, values coerced to the parameters' types (a bad value is an error).
  const axes = options.grid.map((axis) => (typeof axis === 'string' ? parseGridAxis(axis) : axis));
  if (axes.length === 0) throw new InputError('give at least one --grid key=values');
  checkAxes(axes, strategy.params, strategyName);
  const grid: GridAxis[] = axes.map(({ key, values }) => ({
    key,
    values: values.map(
      (value) =>
        coerceParam(
          `--grid ${key} of strategy '${strategyName}'`,
          strategy.params[key],
          value,
        ) as GridAxis['values'][number],
    ),
  }));
  for (const key of Object.keys(fixed)) {
    if (grid.some((axis) => axis.key === key)) {
      throw new InputError(`parameter '${key}' is both fixed and searched; drop one`);
    }
  }
  const walkForward =
    typeof options.walkForward === 'string'
      ? parseWalkForward(options.walkForward)
      : options.walkForward;
  const raw =
    options.random === undefined ? gridPoints(grid) : randomPoints(grid, options.random, seed);

  // Points the strategy's own check refuses are skipped and counted, not errors.
  const points: Record<string, unknown>[] = [];
  let skipped = 0;
  for (const point of raw) {
    try {
      points.push(resolveParams(strategy, { ...fixed, ...point }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped++;
    }
  }
  if (points.length === 0) {
    throw new InputError(
      `every one of the ${raw.length} grid points was refused by strategy '${strategyName}'`,
    );
  }

  const series = await loadSeries(options);
  const warmup = Math.max(...points.map((params) => strategy.warmup(params)));
  const bars = series.time.length;
  if (warmup >= bars - 1) {
    throw new InputError(
      `${options.file}: ${bars} bars, but the grid's longest warm-up is ${warmup} bars; use a longer file or shorter parameters`,
    );
  }
  const backtest = options.backtest ?? {};
  const setup: TrialSetup = { series, start: warmup, backtest };
  const window = warmup === 0 ? series : sliceSeries(series, warmup);
  const baselineOutput = await runStrategyGuarded(
    baseline,
    series,
    baselineParams,
    { seed, allowShort: backtest.allowShort ?? false },
    { label: baselineName },
  );
  const baselineResult = runBacktest(window, baselineOutput.positions.subarray(warmup), backtest);

  // Trial keys: data, strategy, parameters, seed and every option that changes a trial's returns.
  const common = {
    data: fileHash(options.file),
    strategy: strategyIdentity(options.strategy, strategy),
    load: options.load ?? {},
    from: options.from ?? null,
    to: options.to ?? null,
    backtest,
    start: warmup,
  };
  const planned: PlannedTrial[] = [];
  for (const params of points) {
    for (let i = 0; i < seeds; i++) {
      const trialSeed = seed + i;
      planned.push({
        index: planned.length,
        params,
        seed: trialSeed,
        key: hashOf({ ...common, params, seed: trialSeed }),
      });
    }
  }

  const records: (TrialRecord | undefined)[] = new Array(planned.length);
  const store = options.out === undefined ? undefined : new TrialStore(options.out);
  const paramKeys = Object.keys(strategy.params);
  const csv =
    options.out === undefined
      ? undefined
      : new TrialsCsv(join(options.out, 'trials.csv'), paramKeys);
  let header: string | undefined;
  const stream = (index: number, record: TrialRecord) => {
    if (!csv) return;
    if (header === undefined) {
      header = csv.header(record.stats);
      csv.start(header);
    }
    csv.append(csv.row(index, options.file, record, undefined));
  };
  const todo: PlannedTrial[] = [];
  for (const trial of planned) {
    const stored = store?.read(trial.key);
    if (stored) records[trial.index] = stored;
    else todo.push(trial);
  }
  for (const [index, record] of records.entries()) if (record) stream(index, record);

  const total = planned.length;
  let done = total - todo.length;
  const started = Date.now();
  const resumed = done;
  hooks.onProgress?.(done, total, 'trials');
  const engine = await chooseEngine(options, strategy, (task) => planned[task.index].key);
  try {
    await engine.run(setup, todo, (outcome) => {
      const trial = planned[outcome.index];
      const record: TrialRecord = {
        key: trial.key,
        params: trial.params,
        seed: trial.seed,
        stats: outcome.stats,
        returns: outcome.returns,
        position: outcome.position,
      };
      store?.write(record);
      records[outcome.index] = record;
      stream(outcome.index, record);
      done++;
      const note = engine.status?.();
      const label = progressLabel(done - resumed, total - done, started);
      hooks.onProgress?.(done, total, note ? `${label}, ${note}` : label);
    });
  } finally {
    await engine.close();
  }

  const finished = records as TrialRecord[];
  const report = judge({
    options,
    strategyName,
    baselineName,
    baselineParams,
    baselineStats: baselineResult.stats,
    baselineReturns: baselineResult.returns,
    series,
    window,
    warmup,
    grid,
    fixed,
    metric,
    seed,
    seeds,
    alpha,
    pboBlocks,
    skipped,
    records: finished,
    walkForward,
  });
  if (csv && options.out !== undefined) {
    const first = finished[0];
    const { pValues } = report;
    csv.finish(
      csv.header(first.stats),
      finished.map((record, index) => csv.row(index, options.file, record, pValues?.[index])),
    );
    writeFileAtomic(join(options.out, 'sweep.json'), sweepJson(report.report));
    // Files an earlier run left and this one does not write would contradict this run's.
    const stitched = join(options.out, 'walk-forward.csv');
    if (report.walkForward) {
      writeFileAtomic(
        stitched,
        walkForwardCsv(
          report.walkForward,
          grid.map((axis) => axis.key),
        ),
      );
    } else rmSync(stitched, { force: true });
    const page = join(options.out, 'sweep.html');
    if (options.html) {
      writeFileAtomic(
        page,
        renderSweepHtml({
          report: report.report,
          logits: report.logits,
          walkForward: report.walkForward?.series ?? null,
          trials: finished.map((record, index) => ({
            params: record.params,
            seed: record.seed,
            metric: record.stats[metric],
            sharpe: record.stats.sharpe,
            pValue: pValues?.[index] ?? null,
          })),
        }),
      );
    } else rmSync(page, { force: true });
  }
  return report.report;
}

/** sweep.json's text: two-space indented, one trailing newline. */
export function sweepJson(report: SweepReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The sweep's series: the file loaded, then cut to --from/--to (workers of a queue load it alike). */
export async function loadSeries(
  options: Pick<SweepOptions, 'file' | 'load' | 'from' | 'to' | 'loaded'>,
): Promise<PriceSeries> {
  const loaded = options.loaded ?? (await loadPrices(options.file, options.load));
  const from = options.from === undefined ? undefined : parseDateBound(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDateBound(options.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InputError(`--from ${options.from} is after --to ${options.to}`);
  }
  return from === undefined && to === undefined ? loaded : sliceByTime(loaded, from, to);
}

const fileHashes = new Map<string, { modified: number; size: number; hash: string }>();

/** SHA-256 of a file's bytes, kept while the file is unchanged (a universe hashes one file per symbol). */
function fileHash(file: string): string {
  const { mtimeMs, size } = statSync(file);
  const known = fileHashes.get(file);
  if (known && known.modified === mtimeMs && known.size === size) return known.hash;
  const hash = hashOf(readFileSync(file).toString('base64'));
  fileHashes.set(file, { modified: mtimeMs, size, hash });
  return hash;
}

/** A built-in is named with the package version; a strategy file by its content. */
function strategyIdentity(spec: string | Strategy, strategy: Strategy): string {
  if (typeof spec !== 'string') return `object:${strategy.name}`;
  if (looksLikeStrategyPath(spec)) return `file:${hashOf(readFileSync(spec, 'utf8'))}`;
  return `builtin:${spec}@${packageVersion()}`;
}

/**
 * Jobs on a queue when one is given; else worker threads for a named or file strategy (a Strategy
 * object can only run on this thread).
 */
async function chooseEngine(
  options: SweepOptions,
  strategy: Strategy,
  keyOf: (task: TrialTask) => string,
): Promise<TrialEngine> {
  if (options.queue !== undefined) {
    if (typeof options.strategy !== 'string') {
      throw new InputError('a queue runs built-in strategies or strategy files, not objects');
    }
    // Loaded only when used: BullMQ's dependencies at start-up break strategy files loaded from
    // outside any project (a global install).
    const { queueEngine } = await import('../queue/engine.js');
    return queueEngine({
      address: parseQueueUrl(options.queue),
      name: sweepName(options),
      file: options.file,
      load: options.load ?? {},
      from: options.from,
      to: options.to,
      strategy: options.strategy,
      strategies: options.registry?.strategies,
      keyOf,
      removeCollected: options.out !== undefined,
    });
  }
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  if (threads === 1 || typeof options.strategy !== 'string') return inProcessEngine(strategy);
  return workerEngine(options.strategy, threads, options.registry?.threads.sweep);
}

/** The sweep's name on a queue: its output folder's name, else strategy-file. */
function sweepName(options: SweepOptions): string {
  const strategy = String(options.strategy);
  const name =
    options.out === undefined
      ? `${basename(strategy, extname(strategy))}-${basename(options.file, extname(options.file))}`
      : basename(options.out);
  return queueName(name);
}

function progressLabel(run: number, left: number, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  if (run === 0 || seconds <= 0) return 'trials';
  const rate = run / seconds;
  const eta = Math.round(left / rate);
  return `trials, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s, ETA ${eta >= 60 ? `${Math.floor(eta / 60)}m${eta % 60}s` : `${eta}s`}`;
}

interface JudgeInput {
  options: SweepOptions;
  strategyName: string;
  baselineName: string;
  baselineParams: Record<string, unknown>;
  baselineStats: Stats;
  baselineReturns: Float64Array;
  series: PriceSeries;
  window: PriceSeries;
  warmup: number;
  grid: GridAxis[];
  fixed: Record<string, unknown>;
  metric: SweepMetric;
  seed: number;
  seeds: number;
  alpha: number;
  pboBlocks: number;
  skipped: number;
  records: TrialRecord[];
  walkForward: WalkForwardSpec | undefined;
}

/** The search's statistics over all trials, and the report. */
function judge(input: JudgeInput): {
  report: SweepReport;
  pValues: Float64Array | undefined;
  logits: Float64Array;
  walkForward: WalkForwardOptimisationResult | null;
} {
  const { records, metric, alpha, baselineStats } = input;
  const periodsPerYear = baselineStats.periodsPerYear;
  const riskFree = riskFreePerBar(input.options.backtest?.riskFreeRate ?? 0, periodsPerYear);
  const count = input.baselineReturns.length - 1;
  const resolved = resolveCompareOptions({
    resamples: input.options.resamples,
    seed: input.seed,
    alpha,
  });
  const blockLength = resolved.blockLength ?? cubeRootBlockLength(Math.max(count, 1));

  const score = (stats: Stats) => {
    const value = stats[metric];
    return value === null ? Number.NEGATIVE_INFINITY : value;
  };
  let best = 0;
  for (let k = 1; k < records.length; k++) {
    if (score(records[k].stats) > score(records[best].stats)) best = k;
  }

  // Per-bar Sharpe of every trial: the DSR needs their variance.
  const sharpes = records.map((record) => {
    const m = returnMoments(record.returns, riskFree);
    return m.std > 0 ? (m.mean - riskFree) / m.std : 0;
  });
  const annualised = records
    .map((record) => record.stats.sharpe)
    .filter((value): value is number => value !== null);
  const sharpeMean = mean(sharpes);
  const sharpeVariance =
    sharpes.length > 1
      ? sharpes.reduce((sum, s) => sum + (s - sharpeMean) ** 2, 0) / (sharpes.length - 1)
      : 0;

  let pValues: Float64Array | undefined;
  let logits: Float64Array = new Float64Array(0);
  let verdict: SearchVerdict;
  const bestLabel = describePoint(records[best], input);
  if (count < MIN_BOOTSTRAP_RETURNS) {
    verdict = searchVerdict(null, alpha);
  } else {
    const trialReturns = records.map((record) => record.returns.subarray(1));
    const bootstrap = jointBootstrap(trialReturns, input.baselineReturns.subarray(1), {
      resamples: resolved.resamples,
      blockLength,
      seed: input.seed,
      riskFree,
    });
    pValues = singleTestPValues(bootstrap);
    const shape = shapeMoments(trialReturns[best]);
    const deflated = deflatedSharpe({
      sharpe: sharpes[best],
      trials: records.length,
      sharpeVariance,
      observations: count,
      ...shape,
    });
    const pbo = probabilityOfOverfitting(trialReturns, { blocks: input.pboBlocks, riskFree });
    logits = pbo.logits;
    const deviations = new Float64Array(bootstrap.resamples);
    for (let b = 0; b < bootstrap.resamples; b++) {
      deviations[b] = bootstrap.resampled[b * records.length + best] - bootstrap.difference[best];
    }
    deviations.sort();
    const confidence = DEFAULT_COMPARE_OPTIONS.confidence;
    const summary = summariseSharpeDifference(bootstrap.difference[best], deviations, {
      confidence,
      trials: records.length,
      alpha,
      scale: Math.sqrt(periodsPerYear),
    });
    verdict = searchVerdict(
      {
        trials: records.length,
        returns: count,
        alpha,
        bestLabel,
        pValueNaive: pValues[best],
        pValueRealityCheck: realityCheckPValue(bootstrap),
        pValueSpa: spaPValue(bootstrap),
        deflatedSharpe: deflated.probability,
        expectedMaxSharpe: deflated.expectedMaxSharpe * Math.sqrt(periodsPerYear),
        pbo: pbo.pbo,
        summary,
        confidence,
      },
      alpha,
    );
  }

  const summary = (k: number): TrialSummary => {
    const stats = records[k].stats;
    return {
      trial: k,
      params: records[k].params,
      seed: records[k].seed,
      metric: stats[metric],
      sharpe: stats.sharpe,
      totalReturn: stats.totalReturn,
      maxDrawdown: stats.maxDrawdown,
      trades: stats.trades,
      pValue: pValues ? pValues[k] : null,
    };
  };
  const order = records
    .map((_, k) => k)
    .sort((a, b) => score(records[b].stats) - score(records[a].stats) || a - b);
  const { window } = input;
  const walkForward = input.walkForward
    ? walkForwardOptimisation({
        trials: records,
        baselineReturns: input.baselineReturns,
        time: window.time,
        spec: input.walkForward,
        metric,
        costRate: costRate(input.options.backtest),
        periodsPerYear,
        riskFree,
        resamples: resolved.resamples,
        seed: input.seed,
        alpha,
      })
    : null;
  const report: SweepReport = {
    tool: `nn-timing ${packageVersion()}`,
    file: input.options.file,
    symbol: input.series.symbol,
    strategy: input.strategyName,
    baseline: { name: input.baselineName, params: input.baselineParams },
    metric,
    grid: input.grid,
    fixedParams: input.fixed,
    random: input.options.random ?? null,
    seeds: input.seeds,
    seed: input.seed,
    window: {
      from: formatTime(window.time[0]),
      to: formatTime(window.time[window.time.length - 1]),
      bars: window.time.length,
      warmup: input.warmup,
    },
    trials: records.length,
    skipped: input.skipped,
    resamples: resolved.resamples,
    blockLength,
    pboBlocks: input.pboBlocks,
    baselineStats,
    best: { ...summary(best), stats: records[best].stats },
    top: order.slice(0, TOP_TRIALS).map(summary),
    trialSharpes: {
      mean: annualised.length > 0 ? mean(annualised) : null,
      std: annualised.length > 1 ? std(annualised) : null,
    },
    verdict,
    walkForward: walkForward?.report ?? null,
  };
  return { report, pValues, logits, walkForward };
}

/** Commission plus slippage per unit of traded value, as the backtest charges them. */
function costRate(options: BacktestOptions | undefined): number {
  const commission = options?.commission ?? DEFAULT_BACKTEST_OPTIONS.commission;
  const slippage = options?.slippageBps ?? DEFAULT_BACKTEST_OPTIONS.slippageBps;
  return commission + slippage / 10_000;
}

/** The searched parameters of a trial, e.g. "fast=10, slow=50" (and its seed with --seeds). */
function describePoint(record: TrialRecord, input: JudgeInput): string {
  const parts = input.grid.map(({ key }) => `${key}=${String(record.params[key])}`);
  if (input.seeds > 1) parts.push(`seed ${record.seed}`);
  return parts.join(', ');
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function std(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}
