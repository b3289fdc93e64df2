import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Folders being written right now; removed if the process is interrupted. */
const pending = new Set<string>();

function removePending(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}

/** Cleans up, then lets the signal end the process as it would have. */
function onSignal(signal: NodeJS.Signals): void {
  removePending();
  unwatch();
  process.kill(process.pid, signal);
}

function watch(): void {
  if (pending.size > 0) return;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', removePending);
}

function unwatch(): void {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', removePending);
}

/**
 * Writes a whole folder at once: `write` fills a temporary sibling folder, which then takes the
 * place of `dir`. The previous folder is renamed aside first and removed after, so `dir` holds
 * the previous complete set of files or the new one, never a mix; a failed or interrupted write
 * leaves the previous folder as it was. An existing `dir` may hold only `names` (files an
 * earlier write of the same kind left), so no unrelated files are ever replaced.
 */
export function writeFolderAtomic<T>(
  dir: string,
  names: readonly string[],
  write: (folder: string) => T,
): T {
  const { parent, base } = prepare(dir, names);
  const id = randomBytes(6).toString('hex');
  const temp = join(parent, `.${base}.${id}.tmp`);
  const old = join(parent, `.${base}.${id}.old`);
  watch();
  pending.add(temp);
  try {
    writable(dir, () => mkdirSync(temp));
    let result: T | undefined;
    writable(dir, () => {
      result = write(temp);
    });
    writable(dir, () => {
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(temp, dir);
    });
    pending.delete(temp);
    rmSync(old, { recursive: true, force: true });
    return result as T;
  } finally {
    if (pending.delete(temp)) rmSync(temp, { recursive: true, force: true });
    if (pending.size === 0) unwatch();
  }
}

/**
 * Checks up front that `dir` can be written as `writeFolderAtomic` will (so a long run does not
 * fail only at its end): its parent can be made and written, and `dir` is absent or replaceable.
 */
export function checkFolderWritable(dir: string, names: readonly string[]): void {
  const { parent, base } = prepare(dir, names);
  const probe = join(parent, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
  writable(dir, () => mkdirSync(probe));
  rmSync(probe, { recursive: true, force: true });
}

function prepare(dir: string, names: readonly string[]): { parent: string; base: string } {
  const parent = dirname(resolve(dir));
  const base = basename(resolve(dir));
  writable(dir, () => mkdirSync(parent, { recursive: true }));
  restoreInterrupted(parent, base, dir);
  if (existsSync(dir)) checkReplaceable(dir, names);
  return { parent, base };
}

/** Why a write failed, in words. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'no such folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
};
/** Failures of the machine rather than of the path the user gave: exit 1, not 2. */
const MACHINE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EIO']);

/** Runs a file-system step; its error becomes "cannot write <dir>: <reason>". */
function writable(dir: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    const message = `cannot write ${dir}: ${WRITE_ERRORS[code] ?? code}`;
    throw MACHINE_ERRORS.has(code) ? new Error(message, { cause: error }) : new InputError(message);
  }
}

/**
 * A process killed between the two renames leaves no `dir` but the previous folder aside:
 * put it back. Temporary folders of killed writes are removed.
 */
function restoreInterrupted(parent: string, base: string, dir: string): void {
  const prefix = `.${base}.`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}\.(tmp|old)$/.test(name.slice(prefix.length))) {
      continue;
    }
    const path = join(parent, name);
    if (name.endsWith('.old') && !existsSync(dir)) renameSync(path, dir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function checkReplaceable(dir: string, names: readonly string[]): void {
  if (!statSync(dir).isDirectory()) {
    throw new InputError(`cannot write ${dir}: it is a file, not a folder`);
  }
  const foreign = readdirSync(dir).filter((name) => !names.includes(name) && !isTemp(name));
  if (foreign.length > 0) {
    throw new InputError(
      `cannot write ${dir}: it holds files that are not from a run (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); give a new or empty folder`,
    );
  }
}

/** Temp files of the single-file writers (`.<hex>.tmp`), left by a killed process. */
function isTemp(name: string): boolean {
  return /^\.[0-9a-f]{12}\.tmp$/.test(name);
}
