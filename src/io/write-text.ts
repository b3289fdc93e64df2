import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Text gathered per chunk: large enough to amortise a write, small beside the data. */
const CHUNK_CHARS = 1 << 20;

/**
 * Lines gathered into chunks of about a megabyte: `lines` yields text pieces (each ending in a
 * newline), the result yields them joined, so no string ever holds a whole large file.
 */
export function* chunked(lines: Iterable<string>): Generator<string> {
  let pending = '';
  for (const line of lines) {
    pending += line;
    if (pending.length >= CHUNK_CHARS) {
      yield pending;
      pending = '';
    }
  }
  if (pending.length > 0) yield pending;
}

/**
 * Writes text of any length chunk by chunk (strings, or bytes written before the next chunk is
 * asked for, so a producer may reuse its buffer) via a temp file in the same folder and a rename, so
 * readers never see half a file and no single string holds the whole content (a string has a
 * length limit that a 10M-row CSV passes).
 */
export function writeTextAtomic(path: string, chunks: Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  let fd = -1;
  try {
    fd = openSync(temp, 'w');
    for (const chunk of chunks) {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
    }
    closeSync(fd);
    fd = -1;
    renameSync(temp, path);
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
