import { basename, extname, join } from 'node:path';
import type {
  BacktestOptions,
  BacktestResult,
  Comparison,
  VerdictSettings,
} from '../backtest/index.js';
import {
  BACKTEST_SETTINGS,
  COMPARE_SETTINGS,
  compare,
  pickVerdictSettings,
  runBacktest,
  signalQuality,
  VERDICT_SETTINGS,
} from '../backtest/index.js';
import type { PriceSeries } from '../data/index.js';
import {
  type LoadOptions,
  loadPrices,
  loadSymbols,
  sliceByTime,
  sliceSeries,
} from '../data/index.js';
import { InputError, StrategyFailure } from '../errors.js';
import { checkFolderWritable, lockRunFolder } from '../io/index.js';
import type { BarFilesChoice, RunReport, RunTimings, SeedSpread } from '../report/index.js';
import {
  buildRunReport,
  RUN_OUTPUT_FILES,
  walkForwardTimings,
  writeRunOutputs,
} from '../report/index.js';
import { checkOptions } from '../settings/index.js';
import type { Strategy, StrategyContext, StrategyOutput } from '../strategy-contract/index.js';
import {
  overlaysGuarded,
  resolveParams,
  runStrategyGuarded,
  seriesChecksum,
  validateStrategyOutput,
} from '../strategy-contract/index.js';
import { formatTime, parseDateBound } from './dates.js';
import { firstDecision } from './evaluation.js';
import {
  backtestLookahead,
  QUICK_LOOKAHEAD_CUTS,
  shouldCheckLookahead,
} from './lookahead-check.js';
import { packageVersion } from './package-info.js';
import { type FractionReport, overallProgress } from './progress.js';
import { type SeedOutcome, seedSpread } from './seed-spread.js';
import { DEFAULT_SEED, DEFAULT_STRATEGY, JOB_SETTINGS, RUN_SETTINGS } from './settings.js';
import { resolveStrategy, type StrategyNames, type StrategyRegistry } from './strategy-loader.js';
import type { RunElsewhere, StrategyRun } from './strategy-run.js';

/** The job's options that are settings: checked before anything is loaded or run. */
const JOB_OPTIONS = {
  ...JOB_SETTINGS,
  resamples: COMPARE_SETTINGS.resamples,
  ...VERDICT_SETTINGS,
};

/**
 * One backtest job: a strategy against a baseline on one or more CSV files. The verdict settings
 * (`confidence`, `trials`) are those of `compare`.
 */
export interface BacktestJobOptions extends Partial<VerdictSettings> {
  files: string[];
  /** With one long-format file: backtest every symbol in it ('all') or these, one report each. */
  symbols?: 'all' | string[];
  /** A name in `registry`, path to a strategy file, or a Strategy object (default 'nn-timing'). */
  strategy?: string | Strategy;
  params?: Record<string, unknown>;
  /** Default 'buy-and-hold'. */
  baseline?: string | Strategy;
  /**
   * The strategies known by name, the defaults among them (the package entry and the CLI pass the
   * built-in ones); without it, strategy and baseline are Strategy objects or files.
   */
  registry?: StrategyRegistry;
  baselineParams?: Record<string, unknown>;
  /** Keep bars from this date on (YYYY-MM-DD or YYYY-MM-DD HH:MM, UTC). */
  from?: string;
  /** Keep bars up to this date; a bare date includes the whole day. */
  to?: string;
  backtest?: BacktestOptions;
  load?: LoadOptions;
  /** Seed for the strategy (default 42); the bootstrap has its own stream. */
  seed?: number;
  /** Rerun the strategy with seeds seed..seed+k-1 and report the spread (default 1: no rerun). */
  seeds?: number;
  threads?: number;
  /** Bootstrap resamples for the comparison (default: compare's own default). */
  resamples?: number;
  /** Check nn-timing for lookahead too; other strategies always are. */
  checkLookahead?: boolean;
  /** Write report.json, CSVs, model and (with html) report.html here; several files get a subfolder each. */
  out?: string;
  html?: boolean;
  /** Per-bar files equity.csv and signals.csv: 'auto' (default) writes them up to AUTO_BAR_FILES_LIMIT bars. */
  barFiles?: BarFilesChoice;
  /** Longest a single strategy or baseline run may take, in seconds (default: no limit). */
  timeout?: number;
}

export interface JobHooks {
  /** The whole job's progress, as one fraction over every strategy run here (see overallProgress). */
  onProgress?: FractionReport;
  /**
   * Where the strategy runs (one per file or symbol and seed), when not here: the baseline, the
   * lookahead check and the reports stay here, so the answer is the same.
   */
  runElsewhere?: RunElsewhere;
}

interface Side {
  strategy: Strategy;
  name: string;
  params: Record<string, unknown>;
}

/**
 * Runs the job file by file: load, slice to --from/--to, run strategy and baseline on the whole
 * series, backtest both on the bars from the strategy's first decision on, compare, and build
 * (and, with `out`, write) one report per file.
 */
export async function runBacktestJob(
  options: BacktestJobOptions,
  hooks: JobHooks = {},
): Promise<RunReport[]> {
  // The checked symbols: a JavaScript caller's "A,B" arrives here as a list, as on the command line.
  const { symbols } = checkOptions(JOB_OPTIONS, options);
  checkOptions(BACKTEST_SETTINGS, options.backtest ?? {});
  if (options.files.length === 0) throw new InputError('no data file given');
  const names = options.registry?.strategies;
  const strategy = await side(options.strategy ?? DEFAULT_STRATEGY, options.params, names);
  const baseline = await side(
    options.baseline ?? RUN_SETTINGS.baseline.default,
    options.baselineParams,
    names,
  );
  const from = options.from === undefined ? undefined : parseDateBound(options.from, 'from');
  const to = options.to === undefined ? undefined : parseDateBound(options.to, 'to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new InputError(`--from ${options.from} is after --to ${options.to}`);
  }
  const members = await jobMembers(options, symbols);
  const outDirs = outputFolders(
    members.map((member) => member.loaded?.symbol ?? member.file),
    options.out,
  );
  // Each folder is locked for the whole run, so a second run into it is refused at once (its
  // clean-up would remove this run's temporary files); one that cannot be written fails now.
  const releases: (() => void)[] = [];
  try {
    for (const dir of outDirs) {
      if (!dir) continue;
      releases.push(lockRunFolder(dir));
      checkFolderWritable(dir, RUN_OUTPUT_FILES);
    }
    const elsewhere = hooks.runElsewhere
      ? runsElsewhere(hooks.runElsewhere, members, options, strategy.params)
      : undefined;
    const k = options.seeds ?? 1;
    // Strategy runs here, per file: the seeds (unless they run elsewhere) and the lookahead check's.
    const runsPerFile =
      (elsewhere ? 0 : k) +
      (shouldCheckLookahead(strategy.strategy, options.checkLookahead) ? QUICK_LOOKAHEAD_CUTS : 0);
    const progress =
      hooks.onProgress && runsPerFile > 0
        ? overallProgress(members.length * runsPerFile, hooks.onProgress)
        : undefined;
    const reports: RunReport[] = [];
    for (const [index, { file, loaded }] of members.entries()) {
      const prefix = members.length > 1 ? `${loaded?.symbol ?? basename(file)}: ` : '';
      const report = await runOne(file, loaded, options, {
        timeout: options.timeout,
        strategy,
        baseline,
        from,
        to,
        onProgress: progress
          ? (done, total, label) => progress(done, total, `${prefix}${label ?? ''}`)
          : undefined,
        out: outDirs[index],
        elsewhere: elsewhere?.slice(index * k, (index + 1) * k),
      });
      reports.push(report);
    }
    return reports;
  } finally {
    for (const release of releases) release();
  }
}

/** The job's files, or one long-format file's symbols each loaded once. */
async function jobMembers(
  options: BacktestJobOptions,
  symbols: BacktestJobOptions['symbols'],
): Promise<{ file: string; loaded?: PriceSeries }[]> {
  if (symbols === undefined) return options.files.map((file) => ({ file }));
  if (options.files.length !== 1) {
    throw new InputError('--symbols needs exactly one long-format file');
  }
  const [file] = options.files;
  return (await loadSymbols(file, symbols, options.load)).map((loaded) => ({
    file,
    loaded,
  }));
}

/**
 * Every strategy run of the job handed over at once, one per member and seed in that order;
 * their outputs are awaited one by one, so a failure that comes early waits its turn.
 */
function runsElsewhere(
  runElsewhere: RunElsewhere,
  members: { file: string; loaded?: PriceSeries }[],
  options: BacktestJobOptions,
  params: Record<string, unknown>,
): Promise<StrategyOutput>[] {
  const strategy = options.strategy ?? DEFAULT_STRATEGY;
  if (typeof strategy !== 'string') {
    throw new InputError('strategies run elsewhere are built-in names or files, not objects');
  }
  const first = options.seed ?? DEFAULT_SEED;
  const runs: StrategyRun[] = members.flatMap(({ file, loaded }) =>
    Array.from({ length: options.seeds ?? 1 }, (_, i) => ({
      file,
      symbol: loaded?.symbol,
      load: options.load ?? {},
      from: options.from,
      to: options.to,
      strategy,
      params,
      seed: first + i,
      allowShort: options.backtest?.allowShort ?? false,
      timeout: options.timeout,
    })),
  );
  const outputs = runElsewhere(runs);
  for (const output of outputs) output.catch(() => {});
  return outputs;
}

async function side(
  spec: string | Strategy,
  raw: Record<string, unknown> = {},
  names?: StrategyNames,
): Promise<Side> {
  const strategy = await resolveStrategy(spec, undefined, names);
  return {
    strategy,
    name: typeof spec === 'string' ? spec : strategy.name,
    params: resolveParams(strategy, raw),
  };
}

interface RunSetup {
  timeout?: number;
  strategy: Side;
  baseline: Side;
  from?: number;
  to?: number;
  onProgress?: StrategyContext['onProgress'];
  out?: string;
  /** The strategy's outputs run elsewhere, one per seed. */
  elsewhere?: Promise<StrategyOutput>[];
}

async function runOne(
  file: string,
  preloaded: PriceSeries | undefined,
  options: BacktestJobOptions,
  setup: RunSetup,
): Promise<RunReport> {
  const lap = stageClock();
  const loaded = preloaded ?? (await loadPrices(file, options.load));
  const series =
    setup.from === undefined && setup.to === undefined
      ? loaded
      : sliceByTime(loaded, setup.from, setup.to);
  if (series.time.length < 2) {
    const sliced = setup.from !== undefined || setup.to !== undefined;
    throw new InputError(
      `${file}: ${series.time.length === 1 ? 'only 1 bar' : `${series.time.length} bars`}${sliced ? ' between --from and --to' : ''}; a backtest needs at least 2`,
    );
  }
  const checksum = seriesChecksum(series);
  const seed = options.seed ?? DEFAULT_SEED;
  const allowShort = options.backtest?.allowShort ?? false;
  const context: StrategyContext = {
    seed,
    allowShort,
    threads: options.threads,
    onProgress: setup.onProgress,
  };
  lap('load');
  const run = (side: Side, runContext: StrategyContext) =>
    runStrategy(side, series, runContext, file, setup.timeout);
  // Checked here as a local run checks its own: whoever ran it is not trusted.
  const runStrategyHere = async (runContext: StrategyContext) => {
    const remote = setup.elsewhere?.[runContext.seed - seed];
    if (!remote) return run(setup.strategy, runContext);
    return validateStrategyOutput(
      await remote,
      series.time.length,
      allowShort,
      setup.strategy.name,
    );
  };
  const output = await runStrategyHere(context);
  lap('strategy');
  const baselineOutput = await run(setup.baseline, { seed, allowShort, threads: options.threads });

  lap('baseline');
  const start = firstDecision(output.positions);
  if (start < 0) {
    throw new InputError(
      `${file}: strategy ${setup.strategy.name} made no decision on its ${series.time.length} bars (it needs ${setup.strategy.strategy.warmup(setup.strategy.params)} bars of warm-up)`,
    );
  }
  const lookahead = shouldCheckLookahead(setup.strategy.strategy, options.checkLookahead)
    ? await backtestLookahead(
        setup.strategy.strategy,
        setup.strategy.params,
        series,
        context,
        output,
        start,
      )
    : undefined;
  const window = start === 0 ? series : sliceSeries(series, start);
  const backtest = (positions: Float64Array) =>
    runBacktest(window, positions.subarray(start), options.backtest);
  const result = backtest(output.positions);
  const baselineResult = backtest(baselineOutput.positions);
  const compareOptions = {
    resamples: options.resamples,
    ...pickVerdictSettings(options),
    lookaheadFound: lookahead?.found,
  };
  const comparison = compare(result, baselineResult, compareOptions);
  const quality = output.probabilities
    ? signalQuality(
        window,
        output.positions.subarray(start),
        output.probabilities.subarray(start),
        { fill: options.backtest?.fill },
      )
    : undefined;

  lap('backtest');
  const k = options.seeds ?? 1;
  const rerun = async (seeded: StrategyContext) => {
    const { positions } = await runStrategyHere(seeded);
    return compare(backtest(positions), baselineResult, compareOptions);
  };
  const spread = k > 1 ? await seedRuns(k, comparison, baselineResult, rerun, context) : undefined;

  if (spread) lap('seeds');
  const report = buildRunReport({
    tool: `nn-timing ${packageVersion()}`,
    file,
    series,
    seed,
    strategy: {
      name: setup.strategy.name,
      params: setup.strategy.params,
      output,
      result,
      signalQuality: quality,
      overlays: await overlaysGuarded(setup.strategy.strategy, series, setup.strategy.params, {
        label: setup.strategy.name,
        timeoutSeconds: setup.timeout,
      }),
    },
    baseline: {
      name: setup.baseline.name,
      params: setup.baseline.params,
      output: baselineOutput,
      result: baselineResult,
    },
    comparison,
    lookahead,
    seedSpread: spread,
    barFiles: options.barFiles,
  });
  if (start > 0) report.warnings.push(evaluationWarning(series, start, setup.strategy.name));
  // A timer a strategy left behind could still have written into the prices during the backtest.
  if (seriesChecksum(series) !== checksum) {
    throw new StrategyFailure(
      setup.strategy.name,
      'or its baseline wrote into the price arrays after its run returned',
    );
  }
  const stages = lap('report');
  if (setup.out) {
    const timings: RunTimings = { stages, ...walkForwardTimings(output.diagnostics) };
    writeRunOutputs(setup.out, report, {
      model: output.model,
      html: options.html ?? false,
      timings,
    });
  }
  return report;
}

/**
 * `--seeds k`: the strategy rerun with seeds seed+1..seed+k-1 on the same bars, each compared
 * with the same baseline result; the first seed's comparison is the main run's.
 */
async function seedRuns(
  k: number,
  first: Comparison,
  baseline: BacktestResult,
  rerun: (context: StrategyContext) => Promise<Comparison>,
  context: StrategyContext,
): Promise<SeedSpread> {
  const outcomes: SeedOutcome[] = [outcome(context.seed, first)];
  for (let i = 1; i < k; i++) {
    const seed = context.seed + i;
    const label = `seed ${seed} (${i + 1}/${k}) `;
    const report = context.onProgress;
    const comparison = await rerun({
      ...context,
      seed,
      onProgress: report
        ? (done, total, text) => report(done, total, `${label}${text ?? ''}`)
        : undefined,
    });
    outcomes.push(outcome(seed, comparison));
  }
  return seedSpread(outcomes, baseline.stats.sharpe, baseline.stats.totalReturn);
}

/** A guarded strategy run; input problems it reports (e.g. too few bars) name the data file. */
async function runStrategy(
  side: Side,
  series: PriceSeries,
  context: StrategyContext,
  file: string,
  timeoutSeconds: number | undefined,
): Promise<StrategyOutput> {
  try {
    return await runStrategyGuarded(side.strategy, series, side.params, context, {
      label: side.name,
      timeoutSeconds,
    });
  } catch (error) {
    if (error instanceof InputError && !error.message.startsWith(file)) {
      throw new InputError(`${file}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Milliseconds per stage: each call names the stage that just ended and returns them all. */
function stageClock(): (stage: string) => Record<string, number> {
  const stages: Record<string, number> = {};
  let mark = performance.now();
  return (stage) => {
    const now = performance.now();
    stages[stage] = Math.round(now - mark);
    mark = now;
    return stages;
  };
}

function outcome(seed: number, comparison: Comparison): SeedOutcome {
  return {
    seed,
    sharpe: comparison.strategy.sharpe,
    totalReturn: comparison.strategy.totalReturn,
    pValue: comparison.pValue,
  };
}

function evaluationWarning(series: PriceSeries, start: number, name: string): string {
  return `Evaluated from ${formatTime(series.time[start])}, the first bar where ${name} made a decision (${start} earlier bars were its warm-up); the baseline is measured over the same bars.`;
}

/** One folder per file: `out` itself for one file, `out/<file name>` for several. */
function outputFolders(files: string[], out: string | undefined): (string | undefined)[] {
  if (out === undefined) return files.map(() => undefined);
  if (files.length === 1) return [out];
  const used = new Set<string>();
  return files.map((file, index) => {
    let name = basename(file, extname(file));
    if (used.has(name)) name = `${name}-${index + 1}`;
    used.add(name);
    return join(out, name);
  });
}
