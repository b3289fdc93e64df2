import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found by walking up from this module (works from src/ and from dist/). */
function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'nn-timing') {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the nn-timing package.json');
    folder = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}

/** The shipped GOOG daily file, the default data for `nn-timing check`. */
export function defaultCheckData(): string {
  return join(packageRoot(), 'data', 'goog-2004-2013.csv');
}
