import { parentPort } from 'node:worker_threads';
import { serveTrials } from './worker.js';

/** A sweep's trial thread that knows no strategy names: it runs strategy files. */
serveTrials(parentPort!, {});
