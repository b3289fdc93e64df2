import type { LoadOptions } from '../data/index.js';
import type { StrategyDiagnostics, StrategyOutput } from '../strategy-contract/index.js';
import {
  checkJobCore,
  exactKeys,
  fromBase64,
  PROTOCOL_VERSION,
  ProtocolError,
  parseJson,
  record,
  type StrategyRef,
  sha256,
  text,
  toBase64,
} from './protocol.js';

/**
 * The second job kind next to the sweep's trial: one strategy run of a backtest (one file or
 * symbol, one seed), e.g. a walk-forward of nn-timing. Its result is the strategy's output; the
 * coordinator backtests it against its own baseline, so the worker never sees the verdict.
 */
export interface RunJob {
  v: typeof PROTOCOL_VERSION;
  kind: 'run';
  /** The backtest's name, for `queue status` and `queue clear`. */
  sweep: string;
  /** The run key (also the job id): data, symbol, strategy, parameters, seed, shorting. */
  key: string;
  /** The input file; `load.symbol` picks a long-format file's symbol. */
  input: { sha256: string; name: string; load: LoadOptions };
  from: string | null;
  to: string | null;
  strategy: StrategyRef;
  params: Record<string, unknown>;
  seed: number;
  allowShort: boolean;
  /** Longest the run may take, in seconds (null: no limit). */
  timeout: number | null;
}

export interface RunResult {
  v: typeof PROTOCOL_VERSION;
  key: string;
  /** `host:pid` of the worker that ran it. */
  worker: string;
  /** Per-bar positions and probabilities, little-endian float64, base64. */
  positions: string;
  probabilities: string | null;
  /** Diagnostics and model as JSON text with non-finite numbers kept (see `encodeJson`). */
  diagnostics: string | null;
  model: string | null;
}

const JOB_KEYS = [
  'v',
  'kind',
  'sweep',
  'key',
  'input',
  'from',
  'to',
  'strategy',
  'params',
  'seed',
  'allowShort',
  'timeout',
] as const;

/** Whether a job's payload claims to be a run job (it is then checked as one). */
export function isRunJob(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'run';
}

/** A run job's payload, checked field by field; anything else is a ProtocolError. */
export function checkRunJob(data: unknown): RunJob {
  const job = record(data, 'job');
  exactKeys(job, JOB_KEYS, 'job');
  const { v, ...core } = checkJobCore(job);
  if (typeof job.allowShort !== 'boolean') throw new ProtocolError('allowShort must be a boolean');
  if (job.timeout !== null && !(typeof job.timeout === 'number' && job.timeout > 0)) {
    throw new ProtocolError('timeout must be a number of seconds > 0, or null');
  }
  return {
    v,
    kind: 'run',
    ...core,
    allowShort: job.allowShort,
    timeout: job.timeout,
  };
}

/**
 * A run's key: a hash of what decides its output (the input's content, name and load options,
 * the dates, the strategy, its parameters, the seed, shorting). A built-in strategy is named with
 * the package `version`, a file by its content. The timeout and the backtest's name are not part:
 * two backtests asking for the same run share its job.
 */
export function runKey(job: Omit<RunJob, 'key'>, version: string): string {
  const strategy = 'builtin' in job.strategy ? `${job.strategy.builtin}@${version}` : job.strategy;
  return sha256(
    JSON.stringify([
      'run',
      job.input,
      job.from,
      job.to,
      strategy,
      job.params,
      job.seed,
      job.allowShort,
    ]),
  );
}

/** A finished run as a job's return value. */
export function encodeRunResult(key: string, worker: string, output: StrategyOutput): RunResult {
  return {
    v: PROTOCOL_VERSION,
    key,
    worker,
    positions: toBase64(output.positions),
    probabilities: output.probabilities ? toBase64(output.probabilities) : null,
    diagnostics: output.diagnostics === undefined ? null : encodeJson(output.diagnostics),
    model: output.model === undefined ? null : encodeJson(output.model),
  };
}

/**
 * A run job's return value checked against the run it should answer: the same key, positions
 * (and probabilities of the same length), JSON diagnostics and model. The bar count and the
 * positions' range are checked by the backtest, as for a strategy run there.
 */
export function decodeRunResult(
  value: unknown,
  key: string,
): { worker: string; output: StrategyOutput } {
  const result = record(typeof value === 'string' ? parseJson(value) : value, 'result');
  exactKeys(
    result,
    ['v', 'key', 'worker', 'positions', 'probabilities', 'diagnostics', 'model'],
    'result',
  );
  if (result.key !== key)
    throw new ProtocolError(`result for run ${String(result.key)}, not ${key}`);
  const positions = fromBase64(result.positions, undefined, 'result.positions');
  const output: StrategyOutput = { positions };
  if (result.probabilities !== null) {
    output.probabilities = fromBase64(
      result.probabilities,
      positions.length,
      'result.probabilities',
    );
  }
  if (result.diagnostics !== null) {
    output.diagnostics = record(
      decodeJson(result.diagnostics, 'diagnostics'),
      'diagnostics',
    ) as StrategyDiagnostics;
  }
  if (result.model !== null) output.model = decodeJson(result.model, 'model');
  return { worker: text(result.worker, 'result.worker'), output };
}

/** The tag standing for a number JSON cannot hold (NaN, ±Infinity, -0). */
const NUMBER_TAG = '$number';
const SPECIAL_NUMBERS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

/**
 * JSON whose numbers come back exactly: diagnostics hold NaN (e.g. an occlusion with no
 * validation rows), which plain JSON would turn into null and the report into another figure.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0))
      ? { [NUMBER_TAG]: Object.is(item, -0) ? '-0' : String(item) }
      : item,
  );
}

function decodeJson(value: unknown, where: string): unknown {
  const json = text(value, `result.${where}`, Number.MAX_SAFE_INTEGER);
  try {
    return JSON.parse(json, revive(where));
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`result.${where} is not JSON`);
  }
}

function revive(where: string) {
  return (_key: string, item: unknown) => {
    if (typeof item !== 'object' || item === null || !Object.hasOwn(item, NUMBER_TAG)) {
      return item;
    }
    const tagged = (item as Record<string, unknown>)[NUMBER_TAG];
    if (Object.keys(item).length !== 1 || typeof tagged !== 'string') return item;
    if (!Object.hasOwn(SPECIAL_NUMBERS, tagged)) {
      throw new ProtocolError(`result.${where} has a malformed number "${tagged.slice(0, 20)}"`);
    }
    return SPECIAL_NUMBERS[tagged];
  };
}
