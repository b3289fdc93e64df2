import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import type { Strategy } from '../strategy-contract/index.js';
import { defineStrategy } from '../strategy-contract/index.js';
import { isMissingSelf, resolveSelfForUserCode } from './self-resolve.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

/** True when a --strategy value names a file rather than a built-in. */
export function looksLikeStrategyPath(spec: string): boolean {
  return /[\\/]/.test(spec) || TYPESCRIPT.has(extname(spec)) || JAVASCRIPT.has(extname(spec));
}

/**
 * Imports a user's strategy file and checks its default export against the Strategy contract.
 * TypeScript goes through tsx's loader so users need no build step.
 */
export async function loadStrategyFile(path: string, version?: string): Promise<Strategy> {
  const file = resolve(path);
  const ext = extname(file);
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext)) {
    throw new InputError(`strategy file ${path} must end in .ts, .mts, .cts, .js, .mjs or .cjs`);
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new InputError(`strategy file ${path} does not exist`);
  }
  // A module is imported once per URL: a version (the content's hash) makes a changed file new.
  const url = `${pathToFileURL(file).href}${version === undefined ? '' : `?v=${encodeURIComponent(version)}`}`;
  const load = async (attempt: string): Promise<Record<string, unknown>> => {
    if (!TYPESCRIPT.has(ext)) return import(attempt);
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(attempt, import.meta.url);
  };
  let module: Record<string, unknown>;
  try {
    module = await load(url).catch((error) => {
      if (!isMissingSelf(error)) throw error;
      // The file imports nn-timing, but nothing around it has it (a global install): use ours.
      resolveSelfForUserCode();
      return load(`${url}${version === undefined ? '?' : '&'}nn-timing-self`);
    });
  } catch (error) {
    throw new InputError(`could not load strategy file ${loadProblem(path, file, error)}`, {
      cause: error,
    });
  }
  return checkStrategy(defaultExport(module), path);
}

/** CommonJS and transpiled modules can wrap the default export once more. */
function defaultExport(module: Record<string, unknown>): unknown {
  const value = module.default;
  if (isRecord(value) && typeof value.run !== 'function' && isRecord(value.default)) {
    return value.default;
  }
  return value;
}

/** Checks a default export against the Strategy contract; problems name the file. */
export function checkStrategy(value: unknown, source: string): Strategy {
  if (!isRecord(value)) {
    throw new InputError(
      `${source}: ${value === undefined ? 'has no default export' : 'the default export is not an object'} (a strategy file must default-export a Strategy)`,
    );
  }
  try {
    return defineStrategy(value as unknown as Strategy);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `path: problem`, or `path:line:column: problem` for a syntax error. tsx (esbuild) puts the
 * place in its message; Node's own SyntaxError for a module does not, so `node --check` (which
 * prints the line and a caret under the column) finds it.
 */
function loadProblem(path: string, file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const esbuild = /:(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  // esbuild counts columns from 0.
  if (esbuild) return `${path}:${esbuild[1]}:${Number(esbuild[2]) + 1}: ${esbuild[3]}`;
  if (error instanceof SyntaxError) {
    const place = syntaxErrorPlace(file);
    if (place) return `${path}:${place}: SyntaxError: ${message}`;
  }
  return `${path}: ${message.split('\n')[0]}`;
}

function syntaxErrorPlace(file: string): string | undefined {
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  const lines = check.stderr.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${file}:`));
  if (at < 0) return undefined;
  const line = lines[at].slice(file.length + 1);
  const caret = lines[at + 2]?.indexOf('^') ?? -1;
  const column = caret >= 0 ? caret + 1 : (lines[at + 1]?.length ?? 0) + 1;
  return /^\d+$/.test(line) ? `${line}:${column}` : undefined;
}
