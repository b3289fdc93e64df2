import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase } from '../context.js';
import { ratio } from '../format.js';
import { type CaseResult, perSecond, timeInterleaved } from '../harness.js';

const DATA_FILE = join('data', 'goog-2004-2013.csv');
/** fast 2..41 x slow 50..290 by 10: 40 x 25 = 1,000 grid points, all with fast < slow. */
const GRID = ['--grid', 'fast=2..41', '--grid', 'slow=50..290:10'];
const TRIALS = 1000;

function cli(root: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'dist', 'src', 'cli', 'main.js'), ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()),
    );
  });
}

/**
 * A 1,000-point sma-cross sweep on the shipped GOOG file with the full verdict (2,000 joint
 * bootstrap resamples, Reality Check, SPA, Deflated Sharpe, PBO over 16 blocks), against one
 * `backtest` of sma-cross on the same file: both as CLI processes, timed round-robin, into fresh
 * output folders (so the sweep never resumes). The ratio is how many single backtests one sweep costs.
 */
export const sweepCase: BenchCase = {
  name: 'sweep',
  async run(context) {
    const scratch = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
    let round = 0;
    try {
      context.log('sweep: 1,000-point sma-cross grid vs one backtest, CLI processes');
      const timings = await timeInterleaved(
        {
          backtest: () =>
            cli(context.root, [
              'backtest',
              DATA_FILE,
              '--strategy',
              'sma-cross',
              '--out',
              join(scratch, `backtest-${round}`),
            ]),
          sweep: () =>
            cli(context.root, [
              'sweep',
              DATA_FILE,
              '--strategy',
              'sma-cross',
              ...GRID,
              '--out',
              join(scratch, `sweep-${round++}`),
            ]),
        },
        context.runs,
        context.warmups,
      );
      const backtests = ratio(timings.sweep.median, timings.backtest.median);
      const results: CaseResult[] = [
        {
          name: 'sweep',
          size: 'goog',
          contender: 'nn-timing backtest (1 run)',
          units: 1,
          timing: timings.backtest,
          perSecond: perSecond(1, timings.backtest.median),
          unit: 'runs',
        },
        {
          name: 'sweep',
          size: 'goog',
          contender: 'nn-timing sweep (1,000 trials)',
          units: TRIALS,
          timing: timings.sweep,
          perSecond: perSecond(TRIALS, timings.sweep.median),
          unit: 'trials',
          extra: { backtestsPerSweep: backtests, target: 20 },
        },
      ];
      return results;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
