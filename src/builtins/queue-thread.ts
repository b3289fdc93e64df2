import { parentPort } from 'node:worker_threads';
import { builtinStrategies } from '../../strategies/index.js';

// Named directly, as the queue's heavy half is: queue/index.ts stays the light half the sweep imports.
const { serveQueueThread } = await import('../queue/thread.js');

/** A queue worker's thread that knows the built-in strategies by name. */
serveQueueThread(parentPort!, builtinStrategies);
