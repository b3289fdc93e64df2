/**
 * The package's core (`nn-timing`, `nn-timing/strategies`, the CLI and the walk-forward worker)
 * must load without the optional peers: danfojs-node only behind `nn-timing/dataframe`,
 * playwright-core only behind `nn-timing/screenshot`. This follows every runtime import (type-only
 * imports are erased) from the entry points through the sources.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNTIME_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Static imports only: what loads at start-up, before any `import()` runs. */
const STATIC_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

/**
 * Every package (bare specifier) a module loads at run time, directly or through its imports;
 * with `atStartUp`, only through static imports.
 */
function packagesLoadedBy(entry: string, atStartUp = false): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(atStartUp ? STATIC_IMPORT : RUNTIME_IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) {
        pending.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      } else {
        packages.add(specifier.startsWith('@') ? specifier : specifier.split('/')[0]);
      }
    }
  }
  return packages;
}

describe('the core needs no optional peer dependency', () => {
  it.each(['src/index.ts', 'strategies/index.ts', 'src/cli/main.ts', 'src/walkforward/worker.ts'])(
    '%s loads neither danfojs-node nor playwright-core',
    (entry) => {
      const packages = packagesLoadedBy(entry);
      expect(packages.has('commander') || packages.has('technicalindicators')).toBe(true);
      expect(packages).not.toContain('danfojs-node');
      expect(packages).not.toContain('playwright-core');
    },
  );

  it('the subpaths do load them (so the walk above sees imports)', () => {
    expect(packagesLoadedBy('src/dataframe.ts')).toContain('danfojs-node');
    expect(packagesLoadedBy('src/report/screenshot.ts')).toContain('playwright-core');
  });

  it('package.json keeps them optional peers, installed here only for development', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const name of ['danfojs-node', 'playwright-core']) {
      expect(manifest.dependencies[name]).toBeUndefined();
      expect(manifest.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(manifest.devDependencies[name]).toBeDefined();
    }
    expect(manifest.exports['./dataframe'].import).toBe('./dist/src/dataframe.js');
    expect(manifest.exports['./screenshot'].import).toBe('./dist/src/report/screenshot.js');
  });
});

describe('the queue loads only when used', () => {
  it.each(['src/index.ts', 'src/cli/main.ts'])(
    '%s reaches BullMQ and ioredis through import() alone',
    (entry) => {
      const atStartUp = packagesLoadedBy(entry, true);
      expect(atStartUp.has('commander') || atStartUp.has('technicalindicators')).toBe(true);
      expect(atStartUp).not.toContain('bullmq');
      expect(atStartUp).not.toContain('ioredis');
    },
  );

  it('the CLI does load them, through import() (so the walk above sees imports)', () => {
    expect(packagesLoadedBy('src/cli/main.ts')).toContain('bullmq');
  });
});
