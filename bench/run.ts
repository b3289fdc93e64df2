/**
 * nn-timing's benchmark suite: `npm run bench` (all cases) or
 * `node dist/bench/run.js [case ...] [--quick] [--out file]`. Prints tables to stdout, progress
 * to stderr, and writes the results with the machine and date to bench/results.json.
 */

import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, platform, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/io/index.js';
import { backtest } from './cases/backtest.js';
import { csvLoad } from './cases/csv-load.js';
import { features } from './cases/features.js';
import { queueCase } from './cases/queue.js';
import { scale } from './cases/scale.js';
import { sweepCase } from './cases/sweep.js';
import { training } from './cases/training.js';
import { walkForward } from './cases/walk-forward.js';
import { type BenchCase, type BenchContext, repoRoot } from './context.js';
import { significant } from './format.js';
import { growth } from './growth.js';
import type { CaseResult } from './harness.js';
import { growthTable, resultsTable, targetTable, verdictTable } from './tables.js';
import { checkTargets } from './targets.js';

const CASES: readonly BenchCase[] = [
  csvLoad,
  features,
  training,
  backtest,
  walkForward,
  sweepCase,
  queueCase,
  scale,
];

const USAGE = `Usage: node dist/bench/run.js [case ...] [--quick] [--merge] [--out file]
Cases: ${CASES.map((c) => c.name).join(', ')} (a prefix is enough, e.g. csv); none = all.
  --quick      3 timed runs per measurement instead of 5 (a smoke test, not a result)
  --merge      keep the other cases' results already in the file, each with its own session
               (date, load, runs); only the cases run now are replaced
  --out file   where to write the JSON results (default bench/results.json)`;

interface Options {
  cases: BenchCase[];
  quick: boolean;
  merge: boolean;
  out: string;
}

function parseArgs(args: readonly string[], root: string): Options | null {
  let quick = false;
  let merge = false;
  let out = join(root, 'bench', 'results.json');
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return null;
    if (arg === '--quick') quick = true;
    else if (arg === '--merge') merge = true;
    else if (arg === '--out') {
      const file = args[++i];
      if (file === undefined) throw new Error('--out needs a file name');
      out = resolve(file);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else names.push(arg);
  }
  const cases =
    names.length === 0
      ? [...CASES]
      : CASES.filter((c) => names.some((name) => c.name === name || c.name.startsWith(name)));
  for (const name of names) {
    if (!CASES.some((c) => c.name.startsWith(name))) {
      throw new Error(`unknown case ${name}\n${USAGE}`);
    }
  }
  return { cases, quick, merge, out };
}

function machine() {
  const cpuList = cpus();
  return {
    cores: availableParallelism(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${process.arch}`,
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMBAtStart: Math.round(freemem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main(): Promise<number> {
  const root = repoRoot();
  const options = parseArgs(process.argv.slice(2), root);
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const context: BenchContext = {
    runs: options.quick ? 3 : 5,
    warmups: 1,
    root,
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
  };
  const began = performance.now();
  const startedAt = new Date().toISOString();
  const host = machine();
  context.log(
    `${host.cores} cores, ${host.cpuModel}, Node ${host.node}, load ${host.loadAverageAtStart.join(' ')}`,
  );

  const results: CaseResult[] = [];
  const failures: { case: string; error: string }[] = [];
  for (const benchCase of options.cases) {
    const caseBegan = performance.now();
    try {
      results.push(...(await benchCase.run(context)));
      context.log(
        `${benchCase.name} done in ${significant((performance.now() - caseBegan) / 1000)} s`,
      );
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ case: benchCase.name, error: message });
      context.log(`${benchCase.name} FAILED: ${message}`);
    }
  }

  const machineNow = { ...host, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) };
  const session: Session = {
    cases: options.cases.map((c) => c.name),
    date: startedAt,
    runs: context.runs,
    warmups: context.warmups,
    quick: options.quick,
    durationSeconds: Math.round((performance.now() - began) / 1000),
    loadAverageAtStart: machineNow.loadAverageAtStart,
    loadAverageAtEnd: machineNow.loadAverageAtEnd,
  };
  const kept = options.merge ? keptResults(options.out, host, session.cases) : undefined;
  const allResults = [...(kept?.results ?? []), ...results];
  const allFailures = [...(kept?.failures ?? []), ...failures];
  const sessions = [...(kept?.sessions ?? []), session];
  const { rows, verdicts } = growth(allResults);
  const targets = checkTargets(allResults, verdicts);
  const report = {
    date: startedAt,
    machine: machineNow,
    settings: {
      runs: context.runs,
      warmups: context.warmups,
      quick: options.quick,
      cases: sessions.flatMap((s) => s.cases),
    },
    durationSeconds: session.durationSeconds,
    sessions,
    results: allResults,
    growth: { rows, verdicts },
    targets,
    failures: allFailures,
  };
  writeFileAtomic(options.out, `${JSON.stringify(report, null, 2)}\n`);

  const sections = [
    `nn-timing benchmarks, ${startedAt.slice(0, 10)}: ${host.cores} cores (${host.cpuModel}), Node ${host.node}, median of ${context.runs} runs after ${context.warmups} warm-up${options.quick ? ' (--quick)' : ''}`,
    resultsTable(results),
  ];
  if (rows.length > 0) sections.push('Growth with size', growthTable(rows), verdictTable(verdicts));
  if (targets.length > 0) sections.push('Targets', targetTable(targets));
  for (const failure of failures) sections.push(`FAILED ${failure.case}: ${failure.error}`);
  sections.push(`Written to ${options.out}`);
  process.stdout.write(`${sections.join('\n\n')}\n`);
  return failures.length > 0 ? 1 : 0;
}

/** One run of `bench/run.js`: which cases it measured, when, and how loaded the machine was. */
export interface Session {
  cases: string[];
  date: string;
  runs: number;
  warmups: number;
  quick: boolean;
  durationSeconds: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

interface RecordedRun {
  date: string;
  machine: ReturnType<typeof machine> & { loadAverageAtEnd: number[] };
  settings: { runs: number; warmups: number; quick: boolean; cases: string[] };
  durationSeconds: number;
  sessions?: Session[];
  results: CaseResult[];
  failures: { case: string; error: string }[];
}

/**
 * `--merge`: the results of the cases not run now, with the sessions that measured them (a file
 * from before sessions were recorded counts as one session). Refused when the file came from
 * another machine, since its figures would then be labelled with this one.
 */
function keptResults(path: string, host: ReturnType<typeof machine>, rerun: readonly string[]) {
  if (!existsSync(path)) return undefined;
  const recorded = JSON.parse(readFileSync(path, 'utf8')) as RecordedRun;
  const { cores, cpuModel, node } = recorded.machine;
  if (cores !== host.cores || cpuModel !== host.cpuModel || node !== host.node) {
    throw new Error(
      `--merge: ${path} was measured on ${cores} cores (${cpuModel}), Node ${node}; this machine differs`,
    );
  }
  const sessions: Session[] = (
    recorded.sessions ?? [
      {
        cases: recorded.settings.cases,
        date: recorded.date,
        runs: recorded.settings.runs,
        warmups: recorded.settings.warmups,
        quick: recorded.settings.quick,
        durationSeconds: recorded.durationSeconds,
        loadAverageAtStart: recorded.machine.loadAverageAtStart,
        loadAverageAtEnd: recorded.machine.loadAverageAtEnd,
      },
    ]
  )
    .map((s) => ({ ...s, cases: s.cases.filter((name) => !rerun.includes(name)) }))
    .filter((s) => s.cases.length > 0);
  return {
    sessions,
    // A case's rows carry its name, or begin with it ('backtest vs bare loop').
    results: recorded.results.filter(
      (r) => !rerun.some((name) => r.name === name || r.name.startsWith(`${name} `)),
    ),
    failures: recorded.failures.filter((f) => !rerun.includes(f.case)),
  };
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
