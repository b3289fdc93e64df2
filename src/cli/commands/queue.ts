import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { QueueStatus } from '../../queue/index.js';
import type { OutputFormat } from '../../run/index.js';
import { formatOption, print, printJson, withDebug } from '../options.js';
import { openQueueFlag, queueOption } from '../queue-options.js';

const EXAMPLES = `
Examples:
  $ nn-timing queue status --queue redis://queue-host:6379
  $ nn-timing queue clear sweep-sma-cross-goog-2004-2013 --queue redis://queue-host:6379

A sweep's or backtest's name is the name of its output folder. Finished jobs stay in the queue
until their coordinator has stored their results (or the name is cleared), so a restarted
coordinator picks them up.`;

export function registerQueue(program: Command): void {
  const queue = program
    .command('queue')
    .summary('show or clear what a Redis queue holds')
    .description(
      'Inspect the Redis queue that sweeps, backtests and workers share, or clear a named sweep or backtest.',
    )
    .addHelpText('after', EXAMPLES);
  const status = queue
    .command('status')
    .description(
      'jobs waiting, active, completed and failed; live workers; sweeps and backtests; recent failures',
    )
    .addOption(queueOption())
    .addOption(formatOption());
  withDebug(status).action(async (flags: { queue?: string; format?: OutputFormat }) => {
    const { address, redis } = await openQueueFlag(flags.queue);
    try {
      const { queueStatus } = await import('../../queue/admin.js');
      const report = await queueStatus(address, redis);
      if (flags.format === 'json') printJson(report);
      else print(renderStatus(report));
    } finally {
      redis.disconnect();
    }
  });
  const clear = queue
    .command('clear')
    .description(
      "remove a named sweep's or backtest's jobs, results and input files from the queue",
    )
    .argument('<name>', 'the sweep or backtest name (its output folder name; see queue status)')
    .addOption(queueOption());
  withDebug(clear).action(async (name: string, flags: { queue?: string }) => {
    const { address, redis } = await openQueueFlag(flags.queue);
    try {
      const { clearSweep } = await import('../../queue/admin.js');
      const cleared = await clearSweep(address, redis, name);
      if (!cleared)
        throw new InputError(`no sweep or backtest named "${name}" on ${address.label}`);
      const running =
        cleared.running > 0 ? `; ${cleared.running} running now were left to finish` : '';
      print(
        `cleared ${name}: ${cleared.removed} jobs and ${cleared.inputs} input files removed${running}`,
      );
    } finally {
      redis.disconnect();
    }
  });
}

function named(list: QueueStatus['sweeps']): string {
  return list.map(({ name, jobs }) => `${name} (${jobs} jobs)`).join(', ') || 'none';
}

function renderStatus(status: QueueStatus): string {
  const { jobs } = status;
  const lines = [
    `queue ${status.queue}`,
    `  jobs: ${jobs.waiting} waiting, ${jobs.active} active, ${jobs.completed} completed, ${jobs.failed} failed`,
    `  workers (${status.workers.length}): ${status.workers.join(', ') || 'none connected'}`,
    `  sweeps: ${named(status.sweeps)}`,
    `  backtests: ${named(status.backtests)}`,
  ];
  if (status.failures.length > 0) {
    lines.push('  recent failures:');
    for (const { trial, sweep, reason } of status.failures) {
      lines.push(`    ${sweep} job ${trial.slice(0, 12)}: ${reason}`);
    }
  }
  return lines.join('\n');
}
