import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';

/**
 * The URL a worker thread starts from for the module `name` (without extension) beside
 * `moduleUrl`: name.js in a build. From TypeScript sources (vitest, tsx) it is name.ts, which a
 * bare worker cannot load: on Node 20 tsx's `--import` hooks are not active in worker threads, so
 * a tiny ESM bootstrap loads it through tsx's tsImport API (resolved to an absolute URL, as a
 * data: URL module cannot resolve package names).
 */
export function workerEntry(moduleUrl: string, name: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL(`./${name}.js`, moduleUrl);
  // The package maps 'tsx/esm/api' to index.cjs for require and index.mjs for import.
  const api = pathToFileURL(
    createRequire(moduleUrl)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  );
  const entry = new URL(`./${name}.ts`, moduleUrl);
  const code = `import { tsImport } from ${JSON.stringify(api.href)};\nawait tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(moduleUrl)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** An error posted by a worker thread, as its name and message. */
export interface ThreadFailure {
  name: string;
  message: string;
}

/** The thread's error rebuilt with its kind kept, so bad input stays an InputError (exit 2). */
export function rebuildThreadError(failure: ThreadFailure): Error {
  const error =
    failure.name === 'InputError' ? new InputError(failure.message) : new Error(failure.message);
  if (failure.name !== 'InputError') error.name = failure.name;
  return error;
}
