/**
 * Lets a user's strategy file import `nn-timing` when it lives outside any project that has
 * nn-timing installed (nn-timing installed globally, the file in a scratch folder). Installed only
 * after such an import failed: from then on, `nn-timing` and `nn-timing/...` that resolve nowhere
 * else resolve to the running package itself.
 */
import Module, { createRequire, register } from 'node:module';

const OWN_NAME = /^nn-timing(\/|$)/;
let installed = false;

/** True for the error of an import of `nn-timing` that nothing could resolve. */
export function isMissingSelf(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Cannot find (module|package) 'nn-timing(\/[^']*)?'/.test(message);
}

export function resolveSelfForUserCode(): void {
  if (installed) return;
  installed = true;
  // ES modules: a resolve hook that retries from inside this package (a self-reference).
  register('./self-resolve-hooks.js', {
    parentURL: import.meta.url,
    data: { parentURL: import.meta.url },
  });
  // CommonJS (a .ts file outside an ESM package is compiled to CommonJS): the same fallback in
  // the resolver every require goes through.
  const loader = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  };
  const original = loader._resolveFilename;
  const fromHere = createRequire(import.meta.url);
  loader._resolveFilename = function (request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      if (OWN_NAME.test(request)) return fromHere.resolve(request);
      throw error;
    }
  };
}
