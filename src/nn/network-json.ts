import { InputError } from '../errors.js';
import type { NetworkJson, Variant } from './types.js';

export const NETWORK_FORMAT = 'nn-timing-network';
export const NETWORK_VERSION = 1;

const VARIANTS: readonly Variant[] = ['fixed', 'seed'];

/**
 * Checks a saved network (an object, or its JSON text) field by field and returns it typed.
 * Every failure is an InputError that names the field.
 */
export function parseNetworkJson(json: unknown): NetworkJson {
  const value = typeof json === 'string' ? parseText(json) : json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('Network JSON must be an object.');
  }
  const record = value as Record<string, unknown>;
  const field = (name: string): unknown => {
    if (!(name in record)) {
      throw new InputError(`Network JSON is missing "${name}" (truncated or not a saved network).`);
    }
    return record[name];
  };

  const format = field('format');
  if (format !== NETWORK_FORMAT) {
    throw new InputError(
      `Network JSON has format ${describe(format)}, expected "${NETWORK_FORMAT}".`,
    );
  }
  const version = field('version');
  if (version !== NETWORK_VERSION) {
    throw new InputError(
      `Network JSON has version ${describe(version)}; this build reads version ${NETWORK_VERSION}.`,
    );
  }
  const variant = field('variant');
  if (!VARIANTS.includes(variant as Variant)) {
    throw new InputError(
      `Network JSON has variant ${describe(variant)}, expected "fixed" or "seed".`,
    );
  }
  const inputs = count(field('inputs'), 'inputs');
  const hidden = count(field('hidden'), 'hidden');
  const outputs = count(field('outputs'), 'outputs');
  const inputShape = `${inputs + 1} x ${hidden} ((inputs + 1 bias) x hidden)`;
  const outputShape = `${hidden} x ${outputs} (hidden x outputs)`;
  return {
    format: NETWORK_FORMAT,
    version: NETWORK_VERSION,
    variant: variant as Variant,
    inputs,
    hidden,
    outputs,
    inputWeights: weights(field('inputWeights'), 'inputWeights', (inputs + 1) * hidden, inputShape),
    outputWeights: weights(field('outputWeights'), 'outputWeights', hidden * outputs, outputShape),
    inputMomentum: weights(
      field('inputMomentum'),
      'inputMomentum',
      (inputs + 1) * hidden,
      inputShape,
    ),
    outputMomentum: weights(
      field('outputMomentum'),
      'outputMomentum',
      hidden * outputs,
      outputShape,
    ),
  };
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `Network JSON is not valid JSON (truncated file?): ${(error as Error).message}`,
    );
  }
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InputError(
      `Network JSON "${name}" must be a positive integer, got ${describe(value)}.`,
    );
  }
  return value;
}

function weights(value: unknown, name: string, expected: number, shape: string): number[] {
  if (!Array.isArray(value)) {
    throw new InputError(`Network JSON "${name}" must be an array of numbers.`);
  }
  if (value.length !== expected) {
    throw new InputError(
      `Network JSON "${name}" has ${value.length} values, expected ${expected} for ${shape}.`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const w = value[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new InputError(
        `Network JSON "${name}"[${i}] is ${describe(w)}, expected a finite number.`,
      );
    }
  }
  return value as number[];
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
