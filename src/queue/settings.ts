import { numberSetting, textSetting } from '../settings/index.js';

/**
 * How `nn-timing worker` serves a queue, defined once: `startWorker`'s options and the command's
 * flags. The queue's address (`--queue`, NN_TIMING_QUEUE) is read by `parseQueueUrl`.
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
