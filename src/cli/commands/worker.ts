import type { Command } from 'commander';
import { BUILTINS } from '../../builtins/index.js';
import { WORKER_SETTINGS } from '../../queue/index.js';
import { withDebug } from '../options.js';
import { openQueueFlag, queueOption } from '../queue-options.js';
import { addSettingOptions } from '../setting-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing worker --queue redis://queue-host:6379
  $ nn-timing worker --queue redis://:secret@queue-host:6379/0 --threads 8
  $ NN_TIMING_QUEUE=redis://queue-host:6379 nn-timing worker --strategies-dir ./strategies

Runs the jobs sent by 'nn-timing sweep --queue ...' (one per trial) and 'nn-timing backtest
--queue ...' (one per file or symbol and seed) until stopped. SIGTERM or Ctrl-C finishes the
jobs in hand, then exits. Built-in strategies always run; a strategy file runs only when a
file of the same name and content (sha256) is in --strategies-dir. Input files are fetched
from the queue once and cached.`;

interface WorkerFlags {
  queue?: string;
  threads?: number;
  concurrency?: number;
  strategiesDir?: string;
  cacheDir?: string;
}

export function registerWorker(program: Command): void {
  const command = program
    .command('worker')
    .summary('run sweep trials and backtest runs from a Redis queue until stopped')
    .description(
      'Serve a Redis queue: take jobs from coordinators (sweep --queue, backtest --queue) on any machine, run them on worker threads, and send back their results.',
    )
    .addOption(queueOption());
  addSettingOptions(command, WORKER_SETTINGS);
  withDebug(command);
  command.addHelpText('after', EXAMPLES).action(async (flags: WorkerFlags) => {
    const { address, redis } = await openQueueFlag(flags.queue);
    const { startWorker } = await import('../../queue/worker.js');
    let jobs = 0;
    let failures = 0;
    const worker = await startWorker(
      {
        address,
        threads: flags.threads,
        concurrency: flags.concurrency,
        strategiesDir: flags.strategiesDir,
        cacheDir: flags.cacheDir,
        registry: BUILTINS,
        onJob: ({ key, failed }) => {
          jobs++;
          if (failed) {
            failures++;
            process.stderr.write(`job ${key.slice(0, 12)} failed: ${failed}\n`);
          }
        },
      },
      redis,
    );
    process.stderr.write(
      `worker ${worker.name} serving ${address.label} with ${flags.threads ?? WORKER_SETTINGS.threads.default} thread(s); SIGTERM or Ctrl-C to stop\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        process.stderr.write(`worker ${worker.name} finishing the jobs in hand\n`);
        resolve();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    await worker.close();
    redis.disconnect();
    process.stderr.write(`worker ${worker.name} stopped after ${jobs} jobs (${failures} failed)\n`);
  });
}
