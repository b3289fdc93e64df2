import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './helpers.js';

// The claim "a run folder always holds exactly one run" (reliability guide, complete outputs),
// tested by killing real runs at many points and looking at what the folder holds afterwards.
const folder = mkdtempSync(join(tmpdir(), 'nn-run-folder-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const csv = join(folder, 'walk.csv');
/** Run A (the previous run) and run B (the one killed) differ in parameters and in their files. */
const RUN_A = ['--param', 'fast=10', '--param', 'slow=30'];
const RUN_B = ['--param', 'fast=5', '--param', 'slow=20', '--html'];
/** timings.json is the one file that differs between two runs of the same setup. */
const VARIES = 'timings.json';

function writeWalk(bars: number): void {
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  let seed = 7;
  let t = Date.UTC(1950, 0, 2);
  while (lines.length <= bars) {
    const day = new Date(t);
    t += 86_400_000;
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    seed = (seed * 16807) % 2147483647;
    const open = price;
    price *= 1 + (seed / 2147483647 - 0.5) * 0.02;
    const high = Math.max(open, price) * 1.002;
    const low = Math.min(open, price) * 0.998;
    lines.push(`${day.toISOString().slice(0, 10)},${open},${high},${low},${price},1000`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * One real `backtest` run into `out`. With `kill`, the signal is sent `afterMs` after the run
 * starts writing (its temporary folder appears beside `out`), so the kill points fall in the
 * write phase however fast or slow the machine is.
 */
function run(
  args: string[],
  out: string,
  kill?: { signal: NodeJS.Signals; afterMs: number },
): Promise<Finished> {
  const started = Date.now();
  const { child, ended } = startCli(
    ['backtest', csv, '--strategy', 'sma-cross', ...args, '--out', out],
    { quiet: true },
  );
  let timer: NodeJS.Timeout | undefined;
  const prefix = `.${basename(out)}.`;
  const watcher = kill
    ? watch(folder, (_, name) => {
        if (timer === undefined && name?.startsWith(prefix) && name.endsWith('.tmp')) {
          timer = setTimeout(() => child.kill(kill.signal), kill.afterMs);
        }
      })
    : undefined;
  return ended
    .then(({ code, signal }) => ({ code, signal, ms: Date.now() - started }))
    .finally(() => {
      clearTimeout(timer);
      watcher?.close();
    });
}

/** File name -> content (timings.json only by presence). */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, name === VARIES ? '' : readFileSync(join(dir, name), 'utf8')]),
  );
}

/** Hidden temp or set-aside folders beside `out`. */
const leftovers = () => readdirSync(folder).filter((name) => name.startsWith('.'));

let runA: Map<string, string>;
let runB: Map<string, string>;

beforeAll(async () => {
  writeWalk(3_000);
  const a = join(folder, 'reference-a');
  const b = join(folder, 'reference-b');
  expect((await run(RUN_A, a)).code).toBe(0);
  const finished = await run(RUN_B, b);
  expect(finished.code).toBe(0);
  runA = snapshot(a);
  runB = snapshot(b);
  expect(runB.has('report.html')).toBe(true);
  expect(runA.has('report.html')).toBe(false);
});

/** The folder holds run A or run B, whole: never a mix, never a partial file. */
function expectOneWholeRun(out: string): 'A' | 'B' {
  const now = snapshot(out);
  if (now.has('report.html')) {
    expect(now).toEqual(runB);
    return 'B';
  }
  expect(now).toEqual(runA);
  return 'A';
}

/** Milliseconds after the write phase starts. */
const KILL_POINTS = [0, 5, 20, 60, 150, 1000];

describe('a run folder always holds exactly one run', () => {
  it('SIGKILL at any point leaves the previous run or the new one, whole', async () => {
    const seen: string[] = [];
    // Kill points spread over the run, most of them late, where the files are written.
    for (const afterMs of KILL_POINTS) {
      const out = join(folder, `killed-${afterMs}`);
      cpSync(join(folder, 'reference-a'), out, { recursive: true });
      await run(RUN_B, out, { signal: 'SIGKILL', afterMs });
      seen.push(expectOneWholeRun(out));
    }
    // A later run into the same folder clears what the killed ones left beside it.
    const last = join(folder, `killed-${KILL_POINTS.at(-1)}`);
    expect((await run(RUN_B, last)).code).toBe(0);
    expect(expectOneWholeRun(last)).toBe('B');
    expect(leftovers().filter((name) => name.startsWith(`.killed-${KILL_POINTS.at(-1)}.`))).toEqual(
      [],
    );
    console.log(`killed ${KILL_POINTS.join(', ')} ms into the write phase: runs ${seen.join('')}`);
    // The earliest kill comes before the swap; a kill after the run ended finds run B.
    expect(seen[0]).toBe('A');
  });

  it('SIGINT and SIGTERM during the write remove the temporary folder', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const afterMs of [10]) {
        const out = join(folder, `${signal}-${afterMs}`);
        cpSync(join(folder, 'reference-a'), out, { recursive: true });
        const finished = await run(RUN_B, out, { signal, afterMs });
        expectOneWholeRun(out);
        if (finished.signal !== null) expect(finished.signal).toBe(signal);
        expect(leftovers().filter((name) => name.startsWith(`.${signal}`))).toEqual([]);
      }
    }
  });
});
