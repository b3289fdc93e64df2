import { runInNewContext } from 'node:vm';
import type { PriceSeries } from '../data/index.js';
import { InputError, StrategyFailure, StrategyTimeout } from '../errors.js';
import { validateStrategyOutput } from './output.js';
import type { Overlay, Strategy, StrategyContext, StrategyOutput } from './types.js';

export interface GuardedRunOptions {
  /** How failures name the strategy (default its name; the CLI passes the file path given). */
  label?: string;
  /** Longest the run may take, in seconds (default: no limit). */
  timeoutSeconds?: number;
}

let lastLabel: string | undefined;
let running = 0;

/**
 * The strategy that ran last, to name it when a timer it left behind throws later, and whether a
 * guarded run is under way (its own listeners then handle stray errors).
 */
export function lastStrategyRun(): { label: string | undefined; running: boolean } {
  return { label: lastLabel, running: running > 0 };
}

/**
 * Runs a strategy so that it cannot corrupt the run or fake its end: it gets its own series
 * object and meta (the price arrays are shared, too big to copy, and verified by checksum after
 * the run instead); a throw, an error from one of its timers, a promise that never settles,
 * `process.exit` and running past the time limit all become a StrategyFailure naming it.
 * InputErrors (bad parameters, too few bars) pass through unchanged.
 */
export async function runStrategyGuarded<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  series: PriceSeries,
  params: P,
  context: StrategyContext,
  options: GuardedRunOptions = {},
): Promise<StrategyOutput> {
  const label = options.label ?? strategy.name;
  const output = await guarded(label, series, options.timeoutSeconds, (own) =>
    strategy.run(own, params, context),
  );
  return validateStrategyOutput(output, series.time.length, context.allowShort, label);
}

/**
 * A strategy's overlays (the indicator lines it draws), under the same guard as its run: they are
 * strategy code too, so a throw, a write into the prices, `process.exit` or running past the time
 * limit fails the run naming the strategy. Undefined when the strategy draws none.
 */
export async function overlaysGuarded<P extends Record<string, unknown>>(
  strategy: Strategy<P>,
  series: PriceSeries,
  params: P,
  options: GuardedRunOptions = {},
): Promise<Overlay[] | undefined> {
  const draw = strategy.overlays;
  if (!draw) return undefined;
  const label = options.label ?? strategy.name;
  const overlays = await guarded(label, series, options.timeoutSeconds, (own) =>
    draw.call(strategy, own, params),
  );
  if (!Array.isArray(overlays)) {
    throw new StrategyFailure(label, 'returned overlays that are not an array of lines');
  }
  return overlays;
}

/** Calls strategy code on its own view of the series, then verifies the prices are untouched. */
async function guarded<T>(
  label: string,
  series: PriceSeries,
  timeoutSeconds: number | undefined,
  call: (own: PriceSeries) => T | Promise<T>,
): Promise<T> {
  lastLabel = label;
  const before = seriesChecksum(series);
  const own: PriceSeries = { ...series, meta: structuredClone(series.meta) };
  const result = await settle(label, timeoutSeconds, () => call(own));
  if (seriesChecksum(series) !== before) {
    throw new StrategyFailure(
      label,
      'wrote into the price arrays it was given; a strategy must treat its input as read-only (copy an array before changing it)',
    );
  }
  return result;
}

/**
 * Awaits the strategy's result while listening for the ways it can fail other than by throwing.
 * `beforeExit` fires only when nothing is left to run: the strategy's promise can then never
 * settle. The synchronous part of `run` is bounded by vm's watchdog, which can stop a busy loop.
 */
function settle<T>(
  label: string,
  timeoutSeconds: number | undefined,
  run: () => T | Promise<T>,
): Promise<T> {
  const timeoutMs = timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000;
  const realExit = process.exit;
  return new Promise<T>((resolveRun, rejectRun) => {
    // The listeners go the moment the run settles, so a later stray error reaches the CLI's own.
    const resolve = (output: T) => {
      cleanup();
      resolveRun(output);
    };
    const reject = (error: unknown) => {
      cleanup();
      rejectRun(error);
    };
    const fail = (problem: string, cause?: unknown) =>
      reject(new StrategyFailure(label, problem, { cause }));
    const neverSettles = () =>
      fail('returned a promise that never settles (nothing was left to run while waiting for it)');
    const strayError = (error: unknown) =>
      fail(`threw from a timer or callback: ${messageOf(error)}`, error);
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => reject(new StrategyTimeout(label, timeoutSeconds)), timeoutMs);
    running++;
    process.once('beforeExit', neverSettles);
    process.on('uncaughtException', strayError);
    process.exit = ((code?: number | string | null) => {
      fail(`called process.exit(${code ?? ''}); a strategy must return its output or throw`);
      throw new StrategyFailure(label, 'called process.exit');
    }) as typeof process.exit;
    let cleaned = false;
    const cleanup = () => {
      if (cleaned) return;
      cleaned = true;
      running--;
      if (timer) clearTimeout(timer);
      process.off('beforeExit', neverSettles);
      process.off('uncaughtException', strayError);
      process.exit = realExit;
    };
    try {
      const result =
        timeoutMs === undefined
          ? run()
          : (runInNewContext('run()', { run }, { timeout: timeoutMs }) as ReturnType<typeof run>);
      Promise.resolve(result).then(resolve, (error) => reject(failure(label, error)));
    } catch (error) {
      reject(failure(label, error, timeoutSeconds));
    }
  });
}

function failure(label: string, error: unknown, timeoutSeconds?: number): Error {
  if (error instanceof InputError || error instanceof StrategyFailure) return error;
  if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
    return new StrategyTimeout(label, timeoutSeconds);
  }
  return new StrategyFailure(label, `failed: ${messageOf(error)}`, { cause: error });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  }
  return String(error);
}

/**
 * A checksum of the six price arrays, two 32-bit FNV-style lanes over their bytes. Each step is
 * a bijection of the lane's state, so a change to any single value always changes the result;
 * several changes collide with odds of about 2^-64. Reads 48 bytes a bar without allocating.
 */
export function seriesChecksum(series: PriceSeries): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (const values of [
    series.time,
    series.open,
    series.high,
    series.low,
    series.close,
    series.volume,
  ]) {
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let i = 0; i < words.length; i += 2) {
      a = Math.imul(a ^ words[i], 0x01000193);
      b = Math.imul(b ^ words[i + 1], 0x85ebca6b);
    }
    a = Math.imul(a ^ values.length, 0x01000193);
  }
  return `${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}
