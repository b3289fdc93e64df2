import type { Option } from 'commander';
import { InputError } from '../errors.js';
import { parseQueueUrl, QUEUE_ENV, QUEUE_SETTINGS, type QueueAddress } from '../queue/index.js';
import { settingOption } from './setting-options.js';

/** `--queue <url>` (or NN_TIMING_QUEUE), on every command that can use a Redis queue. */
export function queueOption(description?: string): Option {
  return settingOption('queue', QUEUE_SETTINGS.queue, description) as Option;
}

/** The queue's address and a checked connection: exit 2 within seconds if Redis can't be used. */
export async function openQueueFlag(url: string | undefined) {
  if (url === undefined || url === '') {
    throw new InputError(`give --queue redis://host:port (or set ${QUEUE_ENV})`);
  }
  const address: QueueAddress = parseQueueUrl(url);
  // Redis clients load only when a queue is used (see chooseEngine in the sweep).
  const { connectRedis } = await import('../queue/connection.js');
  return { address, redis: await connectRedis(address) };
}
