import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPriceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import * as packageEntry from '../../src/index.js';
import { looksLikeStrategyPath } from '../../src/run/strategy-file.js';
import { resolveStrategy } from '../../src/run/strategy-loader.js';
import { builtinStrategies, smaCross } from '../../strategies/index.js';

const folder = mkdtempSync(join(tmpdir(), 'nn-strategy-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const TYPESCRIPT = `
interface Params { level: number }
const strategy = {
  name: 'above-level',
  description: 'Long while the close is above a level.',
  params: { level: { type: 'number' as const, default: 2, description: 'Price level.' } },
  warmup: (_p: Params): number => 0,
  run(series: { close: Float64Array }, p: Params) {
    return { positions: series.close.map((c: number): number => (c > p.level ? 1 : 0)) };
  },
};
export default strategy;
`;

describe('resolveStrategy', () => {
  it('finds a name in the strategies it is given', async () => {
    expect(await resolveStrategy('sma-cross', undefined, builtinStrategies)).toBe(smaCross);
    const level = { ...smaCross, name: 'level' };
    expect(await resolveStrategy('level', undefined, { level })).toBe(level);
  });

  it('names the known strategies when a name is unknown', async () => {
    const unknown = resolveStrategy('sma_cross', undefined, builtinStrategies);
    await expect(unknown).rejects.toThrow(InputError);
    await expect(unknown).rejects.toThrow(
      /unknown strategy "sma_cross"; built-in strategies: .*sma-cross.*nn-timing/,
    );
  });

  it('knows no names without strategies, and says how to give them', async () => {
    const unnamed = resolveStrategy('sma-cross');
    await expect(unnamed).rejects.toThrow(InputError);
    await expect(unnamed).rejects.toThrow(
      /^unknown strategy "sma-cross": no strategy names are known here; name strategies through the package entry 'nn-timing' \(it knows the built-in ones\) or a `registry`, or give a Strategy object or a path/,
    );
    // Only the given map: not an inherited property.
    await expect(resolveStrategy('toString', undefined, builtinStrategies)).rejects.toThrow(
      /unknown strategy "toString"/,
    );
  });

  it('knows the built-ins through the package entry', async () => {
    expect(await packageEntry.resolveStrategy('sma-cross')).toBe(smaCross);
    expect(packageEntry.BUILTINS.strategies).toBe(builtinStrategies);
    await expect(packageEntry.resolveStrategy('sma-cross', undefined, {})).rejects.toThrow(
      /no strategy names are known here/,
    );
  });

  it('loads a TypeScript file without a build step and runs it', async () => {
    const strategy = await resolveStrategy(file('level.ts', TYPESCRIPT));
    expect(strategy.name).toBe('above-level');
    const series = createPriceSeries({ time: [1, 2, 3], close: [1, 3, 2.5] });
    const output = await strategy.run(series, { level: 2 }, { seed: 1, allowShort: false });
    expect(Array.from(output.positions)).toEqual([0, 1, 1]);
  });

  it('loads an ES module file', async () => {
    const path = file(
      'flat.mjs',
      "export default { name: 'flat', description: 'Never invested.', params: {}, warmup: () => 0, run: (s) => ({ positions: new Float64Array(s.time.length) }) };\n",
    );
    expect((await resolveStrategy(path)).name).toBe('flat');
  });

  it('loads a file changed on disk afresh when given its new version', async () => {
    const named = (name: string) =>
      `export default { name: '${name}', description: 'd', params: {}, warmup: () => 0, run: (s) => ({ positions: new Float64Array(s.time.length) }) };\n`;
    for (const ext of ['mjs', 'ts']) {
      const path = file(`changing.${ext}`, named('first'));
      expect((await resolveStrategy(path, 'v1')).name).toBe('first');
      file(`changing.${ext}`, named('second'));
      // An ES module under the same version is the one loaded before (Node's module cache);
      // TypeScript goes through tsx, which loads the file anew each time anyway.
      if (ext === 'mjs') expect((await resolveStrategy(path, 'v1')).name).toBe('first');
      expect((await resolveStrategy(path, 'v2')).name).toBe('second');
    }
  });

  it('explains files that do not hold a strategy', async () => {
    await expect(resolveStrategy(join(folder, 'missing.ts'))).rejects.toThrow(
      /strategy file .*missing\.ts does not exist/,
    );
    const named = file('named.mjs', 'export const strategy = {};\n');
    await expect(resolveStrategy(named)).rejects.toThrow(/named\.mjs: has no default export/);
    const noRun = file(
      'no-run.mjs',
      "export default { name: 'x', description: 'd', params: {}, warmup: () => 0 };\n",
    );
    await expect(resolveStrategy(noRun)).rejects.toThrow(/no-run\.mjs: .*run\(\)/);
    const broken = file('broken.ts', 'export default {{;\n');
    await expect(resolveStrategy(broken)).rejects.toThrow(
      /could not load strategy file .*broken\.ts/,
    );
    await expect(resolveStrategy(file('notes.txt', 'x'))).rejects.toThrow(/must end in \.ts/);
  });
});

describe('looksLikeStrategyPath', () => {
  it('tells file paths from names', () => {
    expect(looksLikeStrategyPath('nn-timing')).toBe(false);
    expect(looksLikeStrategyPath('mine.ts')).toBe(true);
    expect(looksLikeStrategyPath('./mine')).toBe(true);
    expect(looksLikeStrategyPath('lib/mine.mjs')).toBe(true);
  });
});
