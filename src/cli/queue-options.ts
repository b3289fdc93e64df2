import { Option } from 'commander';
import { InputError } from '../errors.js';
import { parseQueueUrl, QUEUE_ENV, type QueueAddress } from '../queue/index.js';

/** `--queue <url>` (or NN_TIMING_QUEUE), on every command that can use a Redis queue. */
export function queueOption(description: string): Option {
  return new Option('--queue <url>', description).env(QUEUE_ENV);
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
