import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs');
const folder = mkdtempSync(join(tmpdir(), 'nn-layers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const USES_BUILTINS =
  "import { builtinStrategies } from '../../strategies/index.js';\nexport const known = builtinStrategies;\n";

/** The layer check of `npm run check` over a small tree laid out like the repository. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const base = mkdtempSync(join(folder, 'tree-'));
  for (const [path, text] of Object.entries({
    'strategies/index.ts': 'export const builtinStrategies = {};\n',
    ...files,
  })) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  const { tsConfig: _, ...options } = config.options;
  const result = await cruise(['src', 'strategies'], {
    ...options,
    baseDir: base,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error(result.output);
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('the layer rule for the built-in strategies', () => {
  it('refuses a core module that imports them and lets the composition roots do so', async () => {
    expect(
      await violations({
        'src/run/index.ts': USES_BUILTINS,
        'src/sweep/index.ts': USES_BUILTINS,
        'src/cli/index.ts': USES_BUILTINS,
        'src/builtins/index.ts': USES_BUILTINS,
      }),
    ).toEqual([
      'core-without-builtins: src/run/index.ts -> strategies/index.ts',
      'core-without-builtins: src/sweep/index.ts -> strategies/index.ts',
    ]);
  });
});
