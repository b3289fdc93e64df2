import { InputError } from '../errors.js';
import {
  checkScalerColumns,
  featureColumns,
  validateFeatureSpec,
  validateLabelSpec,
  validateScalerState,
} from '../features/index.js';
import { parseNetworkJson } from '../nn/index.js';
import type { SavedModel } from './types.js';

const KEYS = [
  'format',
  'version',
  'symbol',
  'trainedFrom',
  'trainedThrough',
  'features',
  'label',
  'scaler',
  'networks',
  'thresholds',
  'params',
];

function fail(problem: string): never {
  throw new InputError(`Not a usable nn-timing model: ${problem}.`);
}

function finiteTime(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(`${name} must be a time in epoch ms`);
  return value as number;
}

/**
 * Checks a saved model (parsed JSON, or its text) part by part — format and version, feature
 * spec, label, scaler columns against the spec, every network's shape against the inputs,
 * thresholds — and returns a clean copy. Every problem is one InputError sentence.
 */
export function validateSavedModel(json: unknown): SavedModel {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      fail(`the text is not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.format !== 'nn-timing-model') {
    fail(`format is ${JSON.stringify(record.format)}, expected "nn-timing-model"`);
  }
  if (record.version !== 1) {
    fail(`version ${JSON.stringify(record.version)} is not supported (this build reads version 1)`);
  }
  for (const key of KEYS) if (!(key in record)) fail(`"${key}" is missing (truncated file?)`);
  for (const key of Object.keys(record)) if (!KEYS.includes(key)) fail(`unknown key "${key}"`);
  if (typeof record.symbol !== 'string') fail('symbol must be a string');
  const trainedFrom = finiteTime(record.trainedFrom, 'trainedFrom');
  const trainedThrough = finiteTime(record.trainedThrough, 'trainedThrough');
  if (trainedFrom > trainedThrough) fail('trainedFrom is after trainedThrough');

  const features = validateFeatureSpec(record.features);
  const { kind, horizon, basis, threshold, between } = validateLabelSpec(record.label);
  const label =
    kind === 'threshold' ? { kind, horizon, basis, threshold, between } : { kind, horizon, basis };
  const scaler = validateScalerState(record.scaler);
  checkScalerColumns(scaler, featureColumns(features));

  if (!Array.isArray(record.networks) || record.networks.length === 0) {
    fail('networks must be a non-empty array');
  }
  const networks = (record.networks as unknown[]).map((net, i) => {
    const parsed = parseNetworkJson(net);
    if (parsed.inputs !== scaler.columns.length || parsed.outputs !== 1) {
      fail(
        `network ${i} has ${parsed.inputs} inputs and ${parsed.outputs} outputs; the features give ${scaler.columns.length} inputs and the model needs 1 output`,
      );
    }
    return parsed;
  });

  const thresholds = record.thresholds as Record<string, unknown> | null;
  const upper = thresholds?.upper;
  const lower = thresholds?.lower;
  if (
    typeof upper !== 'number' ||
    typeof lower !== 'number' ||
    !(lower >= 0 && lower <= upper && upper <= 1)
  ) {
    fail('thresholds must be { upper, lower } with 0 <= lower <= upper <= 1');
  }
  if (typeof record.params !== 'object' || record.params === null || Array.isArray(record.params)) {
    fail('params must be an object');
  }
  return {
    format: 'nn-timing-model',
    version: 1,
    symbol: record.symbol as string,
    trainedFrom,
    trainedThrough,
    features,
    label,
    scaler,
    networks,
    thresholds: { upper: upper as number, lower: lower as number },
    params: structuredClone(record.params as Record<string, unknown>),
  };
}
