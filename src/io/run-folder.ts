import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Folders being written right now; removed if the process is interrupted. */
const pending = new Set<string>();
/** Run-folder locks this process holds: lock file -> how many holders (re-entrant). */
const held = new Map<string, number>();
let watching = false;

function removePending(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
  for (const lock of held.keys()) rmSync(lock, { force: true });
  held.clear();
}

/** Cleans up, then lets the signal end the process as it would have. */
function onSignal(signal: NodeJS.Signals): void {
  removePending();
  unwatch();
  process.kill(process.pid, signal);
}

function watch(): void {
  if (watching) return;
  watching = true;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', removePending);
}

function unwatch(): void {
  watching = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', removePending);
}

function unwatchWhenIdle(): void {
  if (pending.size === 0 && held.size === 0) unwatch();
}

/** How long a lock file without an owner yet is taken as being written, not stale. */
const FRESH_LOCK_MS = 5000;

/** `pid host` of a lock file's owner, or null when it is unreadable or not written yet. */
function lockOwner(path: string): { pid: number; host: string; text: string } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const match = /^(\d+) (\S+)\n$/.exec(text);
  return match ? { pid: Number(match[1]), host: match[2], text } : null;
}

/** Whether the owner may still run: on another machine it cannot be told, so it may. */
function ownerAlive(owner: { pid: number; host: string }): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the run lock of `dir`: a file `.<name>.lock` beside it, created exclusively (O_EXCL) and
 * holding the owner's pid and host. Another live run holding it is bad usage (exit 2): two runs
 * into one folder would remove each other's temporary files. A lock whose owner is gone (a
 * killed run) is stale and taken over. Re-entrant within a process; returns the release.
 */
export function lockRunFolder(dir: string): () => void {
  const parent = dirname(resolve(dir));
  const lock = join(parent, `.${basename(resolve(dir))}.lock`);
  const count = held.get(lock);
  if (count === undefined) {
    writable(dir, () => mkdirSync(parent, { recursive: true }));
    acquire(lock, dir);
  }
  held.set(lock, (count ?? 0) + 1);
  watch();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(lock) ?? 1) - 1;
    if (left > 0) {
      held.set(lock, left);
      return;
    }
    held.delete(lock);
    rmSync(lock, { force: true });
    unwatchWhenIdle();
  };
}

function acquire(lock: string, dir: string): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        writable(dir, () => {
          throw error;
        });
      }
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid} ${hostname()}\n`);
      } finally {
        closeSync(fd);
      }
      return;
    }
    const owner = lockOwner(lock);
    const young = owner === null && Date.now() - (statOrNull(lock)?.mtimeMs ?? 0) < FRESH_LOCK_MS;
    if ((owner && ownerAlive(owner)) || young) {
      const who = owner
        ? `process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}`
        : 'a process';
      throw new InputError(
        `cannot write ${dir}: another run (${who}) is writing into it; wait for it to end or give another folder (if no run is, remove ${lock})`,
      );
    }
    removeStale(lock, owner?.text ?? null);
  }
  throw new InputError(`cannot write ${dir}: cannot take its lock ${lock}`);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Removes a stale lock, unless another process replaced it meanwhile: it is moved aside first
 * and, if what was moved is not the stale lock that was read, put back.
 */
function removeStale(lock: string, staleText: string | null): void {
  const aside = `${lock}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return;
  }
  const moved = lockOwner(aside);
  if (moved !== null && moved.text !== staleText && ownerAlive(moved)) {
    try {
      linkSync(aside, lock);
    } catch {
      // Someone else holds a newer lock now; the next attempt sees it.
    }
  }
  unlinkSync(aside);
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
  const release = lockRunFolder(dir);
  let temp: string | undefined;
  try {
    const { parent, base } = prepare(dir, names);
    const id = randomBytes(6).toString('hex');
    temp = join(parent, `.${base}.${id}.tmp`);
    const old = join(parent, `.${base}.${id}.old`);
    pending.add(temp);
    const folder = temp;
    writable(dir, () => mkdirSync(folder));
    let result: T | undefined;
    writable(dir, () => {
      result = write(folder);
    });
    writable(dir, () => {
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(folder, dir);
    });
    pending.delete(folder);
    rmSync(old, { recursive: true, force: true });
    return result as T;
  } finally {
    if (temp !== undefined && pending.delete(temp)) rmSync(temp, { recursive: true, force: true });
    release();
  }
}

/**
 * Checks up front that `dir` can be written as `writeFolderAtomic` will (so a long run does not
 * fail only at its end): its parent can be made and written, and `dir` is absent or replaceable.
 */
export function checkFolderWritable(dir: string, names: readonly string[]): void {
  const release = lockRunFolder(dir);
  try {
    const { parent, base } = prepare(dir, names);
    const probe = join(parent, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
    writable(dir, () => mkdirSync(probe));
    rmSync(probe, { recursive: true, force: true });
  } finally {
    release();
  }
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
 * put it back. Temporary folders of killed writes are removed (safe: the caller holds the
 * folder's lock, so no live run is writing them).
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
