import type { PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { barLabel } from './bar-label.js';
import type { LabelSpec, Labels } from './types.js';

const LABEL_KEYS = ['kind', 'horizon', 'basis', 'threshold', 'between'];

/** A label spec with its defaults filled in; `threshold` is present for kind 'threshold' only. */
export type ResolvedLabelSpec = Required<Omit<LabelSpec, 'threshold'>> &
  Pick<LabelSpec, 'threshold'>;

/**
 * Checks a label spec read from JSON and returns it with defaults filled in. Idempotent: its
 * output is accepted again unchanged.
 */
export function validateLabelSpec(spec: unknown): ResolvedLabelSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InputError('The label spec must be an object such as {"kind": "direction"}.');
  }
  const record = spec as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!LABEL_KEYS.includes(key)) {
      throw new InputError(
        `label spec: unknown key "${key}"; known keys are ${LABEL_KEYS.join(', ')}.`,
      );
    }
  }
  const { kind, horizon = 1, basis = 'open', threshold, between = 'drop' } = record;
  if (kind !== 'direction' && kind !== 'threshold') {
    throw new InputError(
      `label spec: kind must be "direction" or "threshold", got ${JSON.stringify(kind)}.`,
    );
  }
  if (!Number.isInteger(horizon) || (horizon as number) < 1) {
    throw new InputError(
      `label spec: horizon must be a whole number >= 1, got ${JSON.stringify(horizon)}.`,
    );
  }
  if (basis !== 'open' && basis !== 'close') {
    throw new InputError(
      `label spec: basis must be "open" or "close", got ${JSON.stringify(basis)}.`,
    );
  }
  if (between !== 'drop' && between !== 'half') {
    throw new InputError(
      `label spec: between must be "drop" or "half", got ${JSON.stringify(between)}.`,
    );
  }
  if (kind === 'threshold') {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
      throw new InputError(
        `label spec: a threshold label needs threshold, a return > 0 such as 0.002, got ${JSON.stringify(threshold)}.`,
      );
    }
  } else if (threshold !== undefined) {
    throw new InputError('label spec: threshold applies to kind "threshold" only.');
  }
  const resolved: ResolvedLabelSpec = { kind, horizon: horizon as number, basis, between };
  if (kind === 'threshold') resolved.threshold = threshold as number;
  return resolved;
}

/** Bars after t that the label at t reads: h + 1 for next-open fills, h for same-close fills. */
export function labelLookahead(spec: LabelSpec): number {
  const { horizon, basis } = validateLabelSpec(spec);
  return basis === 'open' ? horizon + 1 : horizon;
}

/**
 * What the network is taught to predict at bar t, aligned with how the backtester trades.
 * basis 'open': a decision at t's close fills at open[t+1] and is held h bars, so the forward
 * return is open[t+1+h] / open[t+1] - 1. basis 'close': close[t+h] / close[t] - 1. Bars whose
 * label would need bars past the end get NaN (they are the rows a live prediction is for).
 */
export function makeLabels(series: PriceSeries, spec: LabelSpec): Labels {
  const { kind, horizon, basis, threshold = 0, between } = validateLabelSpec(spec);
  const price = basis === 'open' ? series.open : series.close;
  const start = basis === 'open' ? 1 : 0;
  const lookahead = horizon + start;
  const bars = price.length;
  const values = new Float64Array(bars).fill(Number.NaN);
  const forwardReturn = new Float64Array(bars).fill(Number.NaN);
  const inside = between === 'half' ? 0.5 : Number.NaN;
  for (let bar = start; bar < bars && bars > lookahead; bar++) {
    if (!(Number.isFinite(price[bar]) && price[bar] > 0)) {
      throw new InputError(
        `${series.meta.source}: ${barLabel(series, bar)} has ${basis} ${price[bar]}; labels need finite prices above 0.`,
      );
    }
  }
  for (let bar = 0; bar + lookahead < bars; bar++) {
    const change = price[bar + lookahead] / price[bar + start] - 1;
    forwardReturn[bar] = change;
    if (kind === 'direction') values[bar] = change > 0 ? 1 : 0;
    else values[bar] = change > threshold ? 1 : change < -threshold ? 0 : inside;
  }
  return { values, forwardReturn, lookahead };
}
