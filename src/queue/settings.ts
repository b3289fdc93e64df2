import { numberSetting, textSetting } from '../settings/index.js';
import { parseQueueUrl, QUEUE_ENV, withoutPassword } from './url.js';

/**
 * The Redis queue a command uses, defined once: `--queue` (or NN_TIMING_QUEUE) of `backtest`,
 * `sweep`, `worker` and `queue`, and the sweep's `queue` option; `parseQueueUrl` reads it.
 */
export const QUEUE_SETTINGS = {
  queue: textSetting(
    {
      arg: '<url>',
      env: QUEUE_ENV,
      help: 'Redis queue, redis://[:password@]host:port[/db] or rediss://',
      // A password in the URL stays out of error messages.
      hide: withoutPassword,
    },
    {
      rule: 'a Redis URL, redis://[[user]:password@]host[:port][/db] (rediss:// for TLS)',
      parse: parseQueueUrl,
    },
  ),
};

/**
 * How `nn-timing worker` serves a queue, defined once: `startWorker`'s options and the command's
 * flags. The queue's address is QUEUE_SETTINGS.
 */
export const WORKER_SETTINGS = {
  threads: numberSetting(
    { integer: true, min: 1, max: 256 },
    { help: 'threads running jobs, one job each', default: 1 },
  ),
  concurrency: numberSetting(
    { integer: true, min: 1, max: 1024 },
    { arg: '<c>', help: 'jobs in hand at once', defaultText: 'threads' },
  ),
  strategiesDir: textSetting({
    arg: '<dir>',
    help: 'the folder strategy files may be run from',
  }),
  cacheDir: textSetting({
    arg: '<dir>',
    help: 'where fetched input files are kept',
    defaultText: 'system temp',
  }),
};
