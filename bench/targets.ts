import { availableParallelism } from 'node:os';
import { compact, significant } from './format.js';
import type { GrowthVerdict } from './growth.js';
import type { CaseResult } from './harness.js';

/** One target of issue 9, checked against this run. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

function find(results: readonly CaseResult[], name: string, size: string, contender?: string) {
  return results.find(
    (r) =>
      r.name === name &&
      (r.size === size || r.size.startsWith(size)) &&
      (contender === undefined || r.contender === contender),
  );
}

/** The targets whose cases ran; a target is met or not, never guessed for a case that did not run. */
export function checkTargets(
  results: readonly CaseResult[],
  verdicts: readonly GrowthVerdict[],
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, value: number | undefined, shown: string, met: boolean) => {
    if (value !== undefined) checks.push({ target, measured: shown, met });
  };

  // Ratios from the unrounded rates, so that rounding cannot turn a miss into a hit.
  const fit = find(results, 'training', '16-10-1', 'BPNeuralNetwork.fit');
  const flat = find(results, 'training', '16-10-1', 'flat reference loop');
  const python = find(results, 'training', '16-10-1', 'seed Python');
  const xReference = fit && flat ? fit.perSecond / flat.perSecond : undefined;
  add(
    'training 16-10-1 >= 0.95x flat reference, bit-identical',
    xReference,
    `${xReference?.toFixed(2)}x, weights ${fit?.extra?.weightsVsReference}`,
    (xReference ?? 0) >= 0.95 && fit?.extra?.weightsVsReference === 'bit-identical',
  );
  const xPython = fit && python ? fit.perSecond / python.perSecond : undefined;
  add(
    'training 16-10-1 >= 30x seed Python',
    xPython,
    `${xPython?.toFixed(1)}x`,
    (xPython ?? 0) >= 30,
  );

  const backtest = find(results, 'backtest', '1M');
  add(
    'backtest 1M bars >= 30M bars/s',
    backtest?.perSecond,
    `${compact(backtest?.perSecond ?? 0)} bars/s`,
    (backtest?.perSecond ?? 0) >= 30e6,
  );
  const versusBare = find(results, 'backtest vs bare loop', '1M', 'runBacktest');
  const xBare = versusBare?.extra?.xBareLoop;
  add(
    'backtest 1M bars >= 0.5x a bare per-bar loop, same final equity',
    typeof xBare === 'number' ? xBare : undefined,
    `${xBare}x, final equity ${versusBare?.extra?.finalEquity}`,
    typeof xBare === 'number' && xBare >= 0.5 && versusBare?.extra?.finalEquity === 'bit-identical',
  );

  const csv = find(results, 'csv-load', '1M', 'loadPrices');
  add(
    'CSV load 1M rows >= 1M rows/s',
    csv?.perSecond,
    `${compact(csv?.perSecond ?? 0)} rows/s`,
    (csv?.perSecond ?? 0) >= 1e6,
  );
  add(
    'CSV load 1M rows: peak memory < 400 MB',
    csv?.peakMemoryMB,
    `${Math.round(csv?.peakMemoryMB ?? 0)} MB`,
    (csv?.peakMemoryMB ?? Number.POSITIVE_INFINITY) < 400,
  );

  const featureRun = find(results, 'features', '1M');
  add(
    'features, indicator spec, 1M bars < 5 s',
    featureRun?.timing.median,
    `${significant((featureRun?.timing.median ?? 0) / 1000)} s`,
    (featureRun?.timing.median ?? Number.POSITIVE_INFINITY) < 5000,
  );

  const cores = availableParallelism();
  const parallel = find(results, 'walk-forward', 'SPY', `threads ${cores}`);
  if (cores > 1) {
    add(
      `walk-forward SPY on ${cores} cores < 15 s`,
      parallel?.timing.median,
      `${significant((parallel?.timing.median ?? 0) / 1000)} s`,
      (parallel?.timing.median ?? Number.POSITIVE_INFINITY) < 15_000,
    );
    const single = find(results, 'walk-forward', 'SPY', 'threads 1');
    const speedUp = single && parallel ? single.timing.median / parallel.timing.median : undefined;
    add(
      `walk-forward parallel speed-up >= 1.7x (ideal ${cores}x)`,
      speedUp,
      `${speedUp?.toFixed(2)}x`,
      (speedUp ?? 0) >= 1.7,
    );
  }

  const local = find(results, 'queue', 'goog', 'local sweep (2 threads)');
  const queued = results.find(
    (r) => r.name === 'queue' && r.size === 'goog' && r.contender?.startsWith('queue sweep'),
  );
  const vsLocal = local && queued ? queued.perSecond / local.perSecond : undefined;
  add(
    'queue sweep, 2 workers >= 0.8x local threaded sweep',
    vsLocal,
    `${vsLocal?.toFixed(2)}x`,
    (vsLocal ?? 0) >= 0.8,
  );
  add(
    'queue coordinator >= 2,000 small trials/min',
    queued?.perSecond,
    `${Math.round((queued?.perSecond ?? 0) * 60)} trials/min`,
    (queued?.perSecond ?? 0) * 60 >= 2000,
  );

  const inspect = find(results, 'scale', '10M', 'inspect: end to end');
  const whole = find(results, 'scale', '10M', 'backtest: end to end');
  const xInspect = inspect && whole ? whole.timing.median / inspect.timing.median : undefined;
  add(
    '10M-bar backtest end to end <= 4x inspect (CPU time)',
    xInspect,
    `${xInspect?.toFixed(2)}x (${significant((whole?.timing.median ?? 0) / 1000)} s vs ${significant((inspect?.timing.median ?? 0) / 1000)} s)`,
    (xInspect ?? Number.POSITIVE_INFINITY) <= 4,
  );
  add(
    '10M-bar backtest: peak memory < 2.5 GB',
    whole?.peakMemoryMB,
    `${Math.round(whole?.peakMemoryMB ?? 0)} MB`,
    (whole?.peakMemoryMB ?? Number.POSITIVE_INFINITY) < 2500,
  );
  const features = find(results, 'scale', '10M', 'features: end to end');
  add(
    '10M-bar features --out completes',
    features?.timing.median,
    `${significant((features?.timing.median ?? 0) / 1000)} s, ${Math.round(features?.peakMemoryMB ?? 0)} MB`,
    features !== undefined,
  );

  for (const verdict of verdicts) {
    const label = `${verdict.name} (${verdict.contender}) ${verdict.from} -> ${verdict.to}`;
    checks.push({
      target: `${label}: time grows linearly`,
      measured: `per-unit time x${significant(verdict.timePerUnitRatio)}`,
      met: verdict.time === 'linear',
    });
    if (verdict.memory !== 'not measured') {
      checks.push({
        target: `${label}: memory grows linearly`,
        measured: verdict.memory,
        met: verdict.memory === 'linear',
      });
    }
  }
  return checks;
}
