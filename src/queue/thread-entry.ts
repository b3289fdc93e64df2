import { parentPort } from 'node:worker_threads';
import { serveQueueThread } from './thread.js';

/** A queue worker's thread that knows no strategy names: it runs strategy files. */
serveQueueThread(parentPort!, {});
