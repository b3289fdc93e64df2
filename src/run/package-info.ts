import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

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

/**
 * The GOOG daily sample file, the default data for `nn-timing check`. It is part of the
 * repository but not of the npm package (its licence is not the package's), so an installed
 * package asks for a file instead.
 */
export function defaultCheckData(): string {
  const file = join(packageRoot(), 'data', 'goog-2004-2013.csv');
  if (!existsSync(file)) {
    throw new InputError(
      'no CSV file given, and the sample data is not installed with the package; give a CSV file, e.g. nn-timing check <strategy> prices.csv',
    );
  }
  return file;
}
