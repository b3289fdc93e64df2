/**
 * Standard output that goes away or fills up: a reader that stops early (`| head -1`) ends the
 * run quietly with exit 0; a full device (ENOSPC, from /dev/full) is one line on stderr, exit 1.
 * Neither prints a stack trace.
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, startCli } from './helpers.js';

/** `features` prints a CSV of every bar: far more than one pipe buffer. */
const ARGS = ['features', join(DATA, 'spy-1993-2023.csv')];

describe('standard output errors', () => {
  it('EPIPE: the reader closing after the first line ends the run quietly, exit 0', async () => {
    const { child, ended } = startCli(ARGS);
    let first = '';
    child.stdout!.on('data', (chunk: string) => {
      if (first === '') {
        first = chunk.split('\n')[0];
        // As `| head -1` does: read one line, then close the pipe.
        child.stdout!.destroy();
      }
    });
    const result = { ...(await ended), first };
    expect(result.first).toMatch(/^time,/);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('ENOSPC: a full device for standard output is one line naming it, exit 1', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = await startCli(ARGS, { stdout: full }).ended;
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'nn-timing: cannot write to standard output: no space left on the device (ENOSPC)\n',
      );
    } finally {
      closeSync(full);
    }
  });
});
