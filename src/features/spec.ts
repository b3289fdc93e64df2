import type { PriceField } from '../data/index.js';
import { InputError } from '../errors.js';
import type { FeatureDef, FeatureSpec } from './types.js';

export type FeatureKind = FeatureDef['kind'];
type DefOf<K extends FeatureKind> = Extract<FeatureDef, { kind: K }>;

/** How one parameter is checked: a whole number with a minimum, a positive number, or a lag list. */
type ParamRule = { type: 'integer'; min: number } | { type: 'positive' } | { type: 'lags' };

interface KindInfo<D extends FeatureDef> {
  params: Record<Exclude<keyof D, 'kind'>, ParamRule>;
  /** Price fields the kind reads; a series whose source lacks one is refused. */
  fields: PriceField[];
  columns(def: D): string[];
  /** Index of the first bar at which every column of the kind is defined. */
  warmup(def: D): number;
  /** Cross-parameter check; returns a problem or null. */
  check?(def: D): string | null;
}

const period: ParamRule = { type: 'integer', min: 1 };
const CLOSE: PriceField[] = ['close'];
const HLC: PriceField[] = ['high', 'low', 'close'];

const KINDS: { [K in FeatureKind]: KindInfo<DefOf<K>> } = {
  returns: {
    params: { lags: { type: 'lags' } },
    fields: CLOSE,
    columns: (d) => d.lags.map((lag) => `ret_${lag}`),
    warmup: (d) => Math.max(...d.lags),
  },
  logReturns: {
    params: { lags: { type: 'lags' } },
    fields: CLOSE,
    columns: (d) => d.lags.map((lag) => `logret_${lag}`),
    warmup: (d) => Math.max(...d.lags),
  },
  sign: {
    params: { lags: { type: 'lags' } },
    fields: CLOSE,
    columns: (d) => d.lags.map((lag) => `sign_${lag}`),
    warmup: (d) => Math.max(...d.lags),
  },
  smaRatio: {
    params: { period },
    fields: CLOSE,
    columns: (d) => [`sma_ratio_${d.period}`],
    warmup: (d) => d.period - 1,
  },
  emaRatio: {
    params: { period },
    fields: CLOSE,
    columns: (d) => [`ema_ratio_${d.period}`],
    warmup: (d) => d.period - 1,
  },
  rsi: {
    params: { period },
    fields: CLOSE,
    columns: (d) => [`rsi_${d.period}`],
    warmup: (d) => d.period,
  },
  macd: {
    params: { fast: period, slow: period, signal: period },
    fields: CLOSE,
    columns: (d) => {
      const tag = `${d.fast}_${d.slow}_${d.signal}`;
      return [`macd_${tag}`, `macd_signal_${tag}`, `macd_hist_${tag}`];
    },
    warmup: (d) => d.slow + d.signal - 2,
    check: (d) => (d.fast < d.slow ? null : `fast (${d.fast}) must be less than slow (${d.slow})`),
  },
  bbands: {
    params: { period, stdDev: { type: 'positive' } },
    fields: CLOSE,
    columns: (d) => [`bb_pctb_${d.period}_${d.stdDev}`, `bb_width_${d.period}_${d.stdDev}`],
    warmup: (d) => d.period - 1,
  },
  atr: {
    params: { period },
    fields: HLC,
    columns: (d) => [`atr_${d.period}`],
    warmup: (d) => d.period,
  },
  stochastic: {
    params: { period, signal: period },
    fields: HLC,
    columns: (d) => [`stoch_k_${d.period}_${d.signal}`, `stoch_d_${d.period}_${d.signal}`],
    warmup: (d) => d.period + d.signal - 2,
  },
  williamsR: {
    params: { period },
    fields: HLC,
    columns: (d) => [`willr_${d.period}`],
    warmup: (d) => d.period - 1,
  },
  roc: {
    params: { period },
    fields: CLOSE,
    columns: (d) => [`roc_${d.period}`],
    warmup: (d) => d.period,
  },
  cci: {
    params: { period },
    fields: HLC,
    columns: (d) => [`cci_${d.period}`],
    warmup: (d) => d.period - 1,
  },
  adx: {
    params: { period },
    fields: HLC,
    columns: (d) => [`adx_${d.period}`, `adx_di_${d.period}`],
    warmup: (d) => 2 * d.period - 1,
  },
  mfi: {
    params: { period },
    fields: ['high', 'low', 'close', 'volume'],
    columns: (d) => [`mfi_${d.period}`],
    warmup: (d) => d.period,
  },
  obvChange: {
    params: { period },
    fields: ['close', 'volume'],
    columns: (d) => [`obv_change_${d.period}`],
    warmup: (d) => d.period,
  },
  volatility: {
    // A standard deviation needs at least two returns.
    params: { period: { type: 'integer', min: 2 } },
    fields: CLOSE,
    columns: (d) => [`volatility_${d.period}`],
    warmup: (d) => d.period,
  },
  volumeRatio: {
    params: { period },
    fields: ['volume'],
    columns: (d) => [`volume_ratio_${d.period}`],
    warmup: (d) => d.period - 1,
  },
};

export const FEATURE_KINDS = Object.keys(KINDS) as FeatureKind[];

function info<D extends FeatureDef>(def: D): KindInfo<D> {
  return KINDS[def.kind] as unknown as KindInfo<D>;
}

function checkParam(name: string, rule: ParamRule, value: unknown): string | null {
  switch (rule.type) {
    case 'integer':
      return Number.isInteger(value) && (value as number) >= rule.min
        ? null
        : `${name} must be a whole number >= ${rule.min}, got ${JSON.stringify(value)}`;
    case 'positive':
      return typeof value === 'number' && Number.isFinite(value) && value > 0
        ? null
        : `${name} must be a number > 0, got ${JSON.stringify(value)}`;
    case 'lags': {
      if (!Array.isArray(value) || value.length === 0) {
        return `${name} must be a non-empty array of whole numbers >= 1, got ${JSON.stringify(value)}`;
      }
      const bad = value.find((lag) => !Number.isInteger(lag) || lag < 1);
      if (bad !== undefined)
        return `${name} must hold whole numbers >= 1, got ${JSON.stringify(bad)}`;
      if (new Set(value).size !== value.length) return `${name} must not repeat a lag`;
      return null;
    }
  }
}

/**
 * Checks a feature spec read from JSON (or written in code) and returns a clean copy.
 * Every problem is an InputError naming the entry, e.g. `feature spec[2] (macd): ...`.
 */
export function validateFeatureSpec(spec: unknown): FeatureSpec {
  if (!Array.isArray(spec)) {
    throw new InputError(
      'The feature spec must be a JSON array of entries such as {"kind": "rsi", "period": 14}.',
    );
  }
  if (spec.length === 0)
    throw new InputError('The feature spec is empty; give at least one entry.');
  const clean: FeatureSpec = [];
  const producedBy = new Map<string, number>();
  spec.forEach((entry: unknown, index) => {
    const where = `feature spec[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new InputError(
        `${where} must be an object with a "kind", got ${JSON.stringify(entry)}.`,
      );
    }
    const record = entry as Record<string, unknown>;
    const kind = record.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) {
      throw new InputError(
        `${where}: unknown kind ${JSON.stringify(kind)}; known kinds are ${FEATURE_KINDS.join(', ')}.`,
      );
    }
    const rules = KINDS[kind as FeatureKind].params as Record<string, ParamRule>;
    const names = Object.keys(rules);
    for (const key of Object.keys(record)) {
      if (key !== 'kind' && !names.includes(key)) {
        throw new InputError(
          `${where} (${kind}): unknown parameter "${key}"; ${kind} takes ${names.join(', ')}.`,
        );
      }
    }
    const def: Record<string, unknown> = { kind };
    for (const name of names) {
      if (record[name] === undefined) {
        throw new InputError(`${where} (${kind}): missing parameter "${name}".`);
      }
      const problem = checkParam(name, rules[name], record[name]);
      if (problem) throw new InputError(`${where} (${kind}): ${problem}.`);
      def[name] = Array.isArray(record[name]) ? [...(record[name] as number[])] : record[name];
    }
    const typed = def as FeatureDef;
    const problem = info(typed).check?.(typed) ?? null;
    if (problem) throw new InputError(`${where} (${kind}): ${problem}.`);
    for (const column of info(typed).columns(typed)) {
      const earlier = producedBy.get(column);
      if (earlier !== undefined) {
        throw new InputError(
          `${where} (${kind}): column "${column}" is already produced by feature spec[${earlier}].`,
        );
      }
      producedBy.set(column, index);
    }
    clean.push(typed);
  });
  return clean;
}

/** Column names of one entry, in output order. */
export function defColumns(def: FeatureDef): string[] {
  return info(def).columns(def);
}

/** Bar index at which every column of one entry is first defined. */
export function defWarmup(def: FeatureDef): number {
  return info(def).warmup(def);
}

/** Price fields one entry reads. */
export function defFields(def: FeatureDef): PriceField[] {
  return info(def).fields;
}

/** All column names of a spec, in output order. */
export function featureColumns(spec: FeatureSpec): string[] {
  return spec.flatMap(defColumns);
}

/** The first bar index at which every feature of the spec is defined. */
export function featureWarmup(spec: FeatureSpec): number {
  return spec.reduce((most, def) => Math.max(most, defWarmup(def)), 0);
}

const FIELD_ORDER: PriceField[] = ['open', 'high', 'low', 'close', 'volume'];

/** The price fields a spec reads, in OHLCV order. */
export function requiredFields(spec: FeatureSpec): PriceField[] {
  const needed = new Set(spec.flatMap(defFields));
  return FIELD_ORDER.filter((field) => needed.has(field));
}

/**
 * The entries of `spec` that the given fields can feed, and the kinds left out. Lets a
 * strategy fall back gracefully on a close-only file instead of refusing it.
 */
export function specForFields(
  spec: FeatureSpec,
  fields: readonly PriceField[],
): { spec: FeatureSpec; dropped: FeatureKind[] } {
  const kept: FeatureSpec = [];
  const dropped: FeatureKind[] = [];
  for (const def of spec) {
    if (defFields(def).every((field) => fields.includes(field))) kept.push(def);
    else dropped.push(def.kind);
  }
  return { spec: kept, dropped };
}

/** "high and low", "high, low and volume". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
