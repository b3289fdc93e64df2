import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { PythonRandom } from '../../src/random/python-random.js';

/**
 * Provenance: CPython 3.11.7 on x86_64, `random.seed(s); [random.random() for _ in range(3)]`
 * (printed with repr, the shortest round-trip decimal). The 10001st draw and the getrandbits(32)
 * values (= genrand_uint32) come from the same interpreter.
 */
const PYTHON_FIRST_VALUES: [number | bigint, number[]][] = [
  [0, [0.8444218515250481, 0.7579544029403025, 0.420571580830845]],
  [1, [0.13436424411240122, 0.8474337369372327, 0.763774618976614]],
  [42, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926]],
  [2 ** 40 + 7, [0.6137037779936511, 0.8149162973309487, 0.9450115087592873]],
  [-42, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926]],
  [5000000000, [0.08666010167354754, 0.6067949299845908, 0.015038337409537528]],
  [2n ** 70n + 123n, [0.03584442320544379, 0.2236382929150823, 0.07275735605862521]],
];

describe('PythonRandom', () => {
  it.each(PYTHON_FIRST_VALUES)('seed %s gives CPython random() values', (seed, expected) => {
    const rng = new PythonRandom(seed);
    expect([rng.random(), rng.random(), rng.random()]).toEqual(expected);
  });

  it('matches CPython after 10000 draws (state regeneration many times over)', () => {
    const rng = new PythonRandom(42);
    for (let k = 0; k < 10000; k++) rng.random();
    expect(rng.random()).toBe(0.9479975965906395);
  });

  it('gives genrand_uint32 as CPython getrandbits(32) does', () => {
    const rng = new PythonRandom(2 ** 40 + 7);
    const draws = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    expect(draws).toEqual([2635837658, 3209733218, 3500038837, 4028389051]);
  });

  it.each(['seed-xor-faithful.json', 'seed-xor-fixed.json'])('matches rng_check in %s', (file) => {
    const golden = JSON.parse(
      readFileSync(new URL(`../nn/golden/${file}`, import.meta.url), 'utf8'),
    );
    const check = golden.rng_check as {
      seed: number;
      first_genrand_uint32: number[];
      first_random: number[];
    };
    const words = new PythonRandom(check.seed);
    expect(check.first_genrand_uint32.map(() => words.nextUint32())).toEqual(
      check.first_genrand_uint32,
    );
    const doubles = new PythonRandom(check.seed);
    expect(check.first_random.map(() => doubles.random())).toEqual(check.first_random);
  });

  it('draws uniform(a, b) as (b - a) * random() + a', () => {
    // First random() for seed 0 is 0.8444218515250481; 0.4 * that - 0.2 by the same formula.
    expect(new PythonRandom(0).uniform(-0.2, 0.2)).toBe(0.4 * 0.8444218515250481 + -0.2);
  });

  it('int(n) stays in [0, n)', () => {
    const rng = new PythonRandom(7);
    for (let k = 0; k < 1000; k++) {
      const v = rng.int(5);
      expect(Number.isInteger(v) && v >= 0 && v < 5).toBe(true);
    }
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => new PythonRandom(1.5)).toThrow(InputError);
    expect(() => new PythonRandom(Number.NaN)).toThrow(/safe integer/);
  });
});
