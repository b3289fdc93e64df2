/**
 * Two runs into one folder: the second is refused at once (exit 2 on the CLI) instead of removing
 * the first run's temporary folder; a lock left by a killed run is taken over. The holder is a
 * real second process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { sweep } from '../../src/index.js';
import { lockRunFolder, writeFolderAtomic } from '../../src/io/run-folder.js';
import { DATA, ROOT, runCli } from '../cli/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'nn-run-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const NAMES = ['report.json'];
let count = 0;
const fresh = () => join(root, `case-${count++}`, 'run');

/**
 * Another process that takes the folder's lock (the built module, as the CLI would) and, like a
 * run in its write phase, has a temporary folder beside it; resolves once it holds both.
 */
function holder(dir: string): Promise<ChildProcess> {
  const module = join(ROOT, 'dist/src/io/run-folder.js');
  const script = `
    const { mkdirSync } = await import('node:fs');
    const { lockRunFolder } = await import(${JSON.stringify(module)});
    lockRunFolder(${JSON.stringify(dir)});
    mkdirSync(${JSON.stringify(join(dir, '..', '.run.0123456789ab.tmp'))});
    console.log('holding');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((done, fail) => {
    child.stdout!.on('data', () => done(child));
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`holder exited with ${code}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

function refusal(write: () => void): InputError {
  let caught: unknown;
  try {
    write();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  return caught as InputError;
}

describe('one run at a time into a run folder', () => {
  it('a second process is refused, naming the holder, and leaves its temporary folder alone', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '..'), { recursive: true });
    const child = await holder(dir);
    const error = refusal(() =>
      writeFolderAtomic(dir, NAMES, (folder) => writeFileSync(join(folder, 'report.json'), 'B')),
    );
    expect(error.message).toBe(
      `cannot write ${dir}: another run (process ${child.pid}) is writing into it; wait for it to end or give another folder (if no run is, remove ${join(dir, '..', '.run.lock')})`,
    );
    // The holder's temporary folder survived, and nothing was written.
    expect(readdirSync(join(dir, '..')).sort()).toEqual(['.run.0123456789ab.tmp', '.run.lock']);

    // Once the holder is killed (SIGKILL: no clean-up), its lock is stale and taken over.
    await killed(child);
    writeFolderAtomic(dir, NAMES, (folder) => writeFileSync(join(folder, 'report.json'), 'B'));
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
  });

  it('within one process the lock is re-entrant and released by its last holder', () => {
    const dir = fresh();
    const lock = join(dir, '..', '.run.lock');
    const outer = lockRunFolder(dir);
    writeFolderAtomic(dir, NAMES, (folder) => writeFileSync(join(folder, 'report.json'), 'A'));
    expect(existsSync(lock)).toBe(true);
    outer();
    outer();
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock file naming a process that is gone, or holding garbage long enough, is stale', () => {
    const dir = fresh();
    mkdirSync(join(dir, '..'), { recursive: true });
    const lock = join(dir, '..', '.run.lock');
    // Pid 2^22 + 1 is above Linux's pid_max limit, so no process has it.
    writeFileSync(lock, `4194305 ${hostname()}\n`);
    lockRunFolder(dir)();
    expect(existsSync(lock)).toBe(false);
    // An owner not written yet is a lock being taken (refused) while young, stale when old.
    writeFileSync(lock, '');
    expect(() => lockRunFolder(dir)).toThrow(/another run \(a process\) is writing into it/);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    lockRunFolder(dir)();
    expect(existsSync(lock)).toBe(false);
  });

  it('the CLI refuses a backtest into a folder another run holds: exit 2, one line', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '..'), { recursive: true });
    const child = await holder(dir);
    const result = await runCli([
      'backtest',
      join(DATA, 'goog-2004-2013.csv'),
      '--strategy',
      'sma-cross',
      '--out',
      dir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^nn-timing: cannot write .*run: another run \\(process ${child.pid}\\) is writing into it;.*\\n$`,
      ),
    );
    expect(existsSync(join(dir, '..', '.run.0123456789ab.tmp'))).toBe(true);
    await killed(child);
  });

  it('a sweep into a folder another run holds is refused before any trial runs', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '..'), { recursive: true });
    const child = await holder(dir);
    const search = () =>
      sweep({
        file: join(DATA, 'goog-2004-2013.csv'),
        strategy: 'sma-cross',
        grid: ['fast=5,10'],
        threads: 1,
        out: dir,
      });
    await expect(search()).rejects.toThrow(
      new InputError(
        `cannot write ${dir}: another run (process ${child.pid}) is writing into it; wait for it to end or give another folder (if no run is, remove ${join(dir, '..', '.run.lock')})`,
      ),
    );
    expect(existsSync(dir)).toBe(false);
    // Once the holder is gone, its stale lock is taken over and released when the sweep ends.
    await killed(child);
    await search();
    expect(existsSync(join(dir, '..', '.run.lock'))).toBe(false);
    expect(readdirSync(dir)).toContain('trials.csv');
  });
});
