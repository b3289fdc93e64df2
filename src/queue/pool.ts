import { Worker } from 'node:worker_threads';
import type { BacktestOptions } from '../backtest/index.js';
import type { LoadOptions } from '../data/index.js';
import { rebuildThreadError, workerEntry } from '../io/index.js';
import type { StrategyRun } from '../run/index.js';
import type { StrategyOutput } from '../strategy-contract/index.js';
import type { TrialSeries } from './protocol.js';

/** One trial as a worker thread runs it: everything resolved to local files and names. */
export interface ThreadTrial {
  /** The input file in the worker's cache. */
  file: string;
  load: LoadOptions;
  from: string | null;
  to: string | null;
  start: number;
  backtest: BacktestOptions;
  /** A name the thread knows or the path of a strategy file already matched by hash. */
  strategy: string;
  /** That hash: a file changed since an earlier trial is loaded afresh. */
  strategyVersion?: string;
  params: Record<string, unknown>;
  seed: number;
}

/** A sweep's trial, or a backtest's strategy run (its file in the worker's cache). */
export type ThreadRequest = { id: number } & ({ trial: ThreadTrial } | { run: StrategyRun });

export type ThreadReply =
  | ({ id: number } & TrialSeries)
  | { id: number; output: StrategyOutput }
  | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (value: ThreadReply) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that run trials and strategy runs, so a queue worker's main thread stays free
 * to renew its job locks however long one takes. Each goes to the thread with the fewest in hand.
 */
export class ThreadPool {
  private readonly threads: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private next = 0;

  /** `entry`: the threads' entry file, which decides the strategy names they know (default none). */
  constructor(count: number, entry: URL = workerEntry(import.meta.url, 'thread-entry')) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry);
      const pending = new Map<number, Pending>();
      worker.on('message', (reply: ThreadReply) => {
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if ('error' in reply) waiting.reject(rebuildThreadError(reply.error));
        else waiting.resolve(reply);
      });
      const failAll = (error: Error) => {
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      };
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`a trial thread stopped (exit code ${code})`)));
      this.threads.push({ worker, pending });
    }
  }

  async run(trial: ThreadTrial): Promise<TrialSeries> {
    return (await this.send({ trial })) as TrialSeries;
  }

  /** A backtest's strategy run, with the strategy given one thread (this one). */
  async runStrategy(run: StrategyRun): Promise<StrategyOutput> {
    return ((await this.send({ run })) as { output: StrategyOutput }).output;
  }

  private send(request: { trial: ThreadTrial } | { run: StrategyRun }): Promise<ThreadReply> {
    let thread = this.threads[0];
    for (const other of this.threads) {
      if (other.pending.size < thread.pending.size) thread = other;
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, ...request } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.threads.map(({ worker }) => worker.terminate()));
    this.threads.length = 0;
  }
}
