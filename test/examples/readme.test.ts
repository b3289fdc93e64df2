/** The front page shows the examples CI runs (.ci/examples), not copies that could drift. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');
const readme = read('README.md');

describe('README examples', () => {
  it('shows examples/nn-timing-goog.json as it is', () => {
    expect(readme).toContain(read('examples/nn-timing-goog.json').trim());
  });

  it('shows examples/library.ts as it is, from its first import', () => {
    const library = read('examples/library.ts');
    expect(readme).toContain(library.slice(library.indexOf('import ')).trim());
  });

  it('runs only example files that exist', () => {
    for (const [, file] of readme.matchAll(/(examples\/[\w.-]+\.(?:ts|json|sh))/g)) {
      expect(() => read(file), file).not.toThrow();
    }
  });
});
