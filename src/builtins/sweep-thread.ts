import { parentPort } from 'node:worker_threads';
import { builtinStrategies } from '../../strategies/index.js';
import { serveTrials } from '../sweep/index.js';

/** A sweep's trial thread that knows the built-in strategies by name. */
serveTrials(parentPort!, builtinStrategies);
