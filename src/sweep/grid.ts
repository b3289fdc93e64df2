import { InputError } from '../errors.js';
import { PythonRandom } from '../random/index.js';
import type { ParamSpecs } from '../strategy-contract/index.js';

/** One searched parameter and the values it takes, in the order given. */
export interface GridAxis {
  key: string;
  values: (number | string | boolean)[];
}

/** The most points one grid may hold (a guard against a typo like 1..1e9). */
export const MAX_GRID_POINTS = 1_000_000;

const RANGE = /^\s*(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)\s*(?::\s*([\d.eE+-]+)\s*)?$/;

/**
 * A `--grid` value: `key=v1,v2,...` or `key=from..to[:step]` (step 1 by default, `to` included
 * when the steps land on it). Values stay text here; the strategy's parameter types coerce them.
 */
export function parseGridAxis(text: string): GridAxis {
  const at = text.indexOf('=');
  if (at <= 0)
    throw new InputError(`--grid ${text}: expected key=v1,v2,... or key=from..to[:step]`);
  const key = text.slice(0, at).trim();
  return { key, values: parseAxisValues(key, text.slice(at + 1)) };
}

/** An axis from a config: a list of values, or a `from..to[:step]` / `v1,v2` string. */
export function axisFromConfig(key: string, value: unknown): GridAxis {
  if (Array.isArray(value)) {
    if (
      value.length === 0 ||
      value.some((v) => !['number', 'string', 'boolean'].includes(typeof v))
    ) {
      throw new InputError(`sweep.grid.${key} must list numbers, strings or booleans`);
    }
    return { key, values: value as GridAxis['values'] };
  }
  if (typeof value === 'string') return { key, values: parseAxisValues(key, value) };
  if (typeof value === 'number' || typeof value === 'boolean') return { key, values: [value] };
  throw new InputError(`sweep.grid.${key} must be a list of values or a "from..to[:step]" string`);
}

function parseAxisValues(key: string, text: string): GridAxis['values'] {
  const range = RANGE.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) {
      throw new InputError(`--grid ${key}=${text}: a range needs from <= to and a step > 0`);
    }
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_GRID_POINTS) {
      throw new InputError(`--grid ${key}=${text} has ${count} values, at most ${MAX_GRID_POINTS}`);
    }
    // from + i * step, rounded to the step's decimals so 0.1 steps read 0.3, not 0.30000000000000004.
    const decimals = Math.max(decimalsOf(range[1]), decimalsOf(range[3] ?? '1'));
    return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)));
  }
  const values = text.split(',').map((value) => value.trim());
  if (values.some((value) => value === '')) {
    throw new InputError(`--grid ${key}=${text}: empty value in the list`);
  }
  return values;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 || /e/i.test(text) ? 0 : text.length - dot - 1;
}

/** Checks the axes against the strategy's parameters: known keys, each at most once. */
export function checkAxes(axes: readonly GridAxis[], params: ParamSpecs, strategy: string): void {
  const seen = new Set<string>();
  for (const { key } of axes) {
    if (!Object.hasOwn(params, key)) {
      throw new InputError(
        `--grid ${key}: strategy '${strategy}' has no parameter '${key}' (it has: ${Object.keys(params).join(', ') || 'none'})`,
      );
    }
    if (seen.has(key)) throw new InputError(`--grid ${key} is given twice`);
    seen.add(key);
  }
  const points = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (points > MAX_GRID_POINTS) {
    throw new InputError(
      `the grid has ${points} points, at most ${MAX_GRID_POINTS}; use --random N`,
    );
  }
}

/** Every grid point, the first axis varying slowest. */
export function gridPoints(axes: readonly GridAxis[]): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const { key, values } of axes) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })));
  }
  return points;
}

/**
 * `--random N`: N distinct grid points drawn with the seed, each axis's value uniform over that
 * axis's values (fewer when the grid has fewer than N points), in the order drawn.
 */
export function randomPoints(
  axes: readonly GridAxis[],
  count: number,
  seed: number,
): Record<string, unknown>[] {
  const size = axes.reduce((product, axis) => product * axis.values.length, 1);
  const wanted = Math.min(count, size);
  const random = new PythonRandom(seed);
  const chosen = new Set<number>();
  const points: Record<string, unknown>[] = [];
  while (points.length < wanted) {
    let index = 0;
    const point: Record<string, unknown> = {};
    for (const { key, values } of axes) {
      const at = random.int(values.length);
      index = index * values.length + at;
      point[key] = values[at];
    }
    if (chosen.has(index)) continue;
    chosen.add(index);
    points.push(point);
  }
  return points;
}
