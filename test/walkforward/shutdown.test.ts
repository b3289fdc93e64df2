import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../src/strategy-contract/index.js';
import { shutdownWorkers, walkForward } from '../../src/walkforward/index.js';
import { nnTiming, nnTimingConfig } from '../../strategies/index.js';
import { SMALL_NN, syntheticSeries } from './synthetic.js';

/** The process's OS threads (Linux): a worker thread is one of them until it is stopped. */
const osThreads = () => readdirSync('/proc/self/task').length;

describe('shutdownWorkers', () => {
  const series = syntheticSeries(450, 4, 0.004);
  const config = nnTimingConfig(
    resolveParams(nnTiming, {
      ...SMALL_NN,
      epochs: 5,
      features: structuredClone(SMALL_NN.features),
    }),
  );

  it('stops the idle walk-forward workers, and a later run starts new ones', async () => {
    const before = osThreads();
    const first = await walkForward(series, config, { seed: 5, threads: 3 });
    // Two workers stay idle for the next run.
    expect(osThreads()).toBeGreaterThanOrEqual(before + 2);
    await shutdownWorkers();
    expect(osThreads()).toBeLessThanOrEqual(before);
    const again = await walkForward(series, config, { seed: 5, threads: 3 });
    expect(Array.from(again.probabilities)).toEqual(Array.from(first.probabilities));
    await shutdownWorkers();
    expect(osThreads()).toBeLessThanOrEqual(before);
  });
});
