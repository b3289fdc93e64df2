import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkFolderWritable, writeFolderAtomic } from '../../src/io/run-folder.js';

const root = mkdtempSync(join(tmpdir(), 'nn-run-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NAMES = ['report.json', 'equity.csv', 'report.html'];
let count = 0;
/** A fresh parent folder per test, so leftovers are easy to see. */
function parent(): string {
  const dir = join(root, `case-${count++}`);
  mkdirSync(dir);
  return dir;
}

function writeRun(dir: string, tag: string, names = ['report.json', 'equity.csv']): void {
  writeFolderAtomic(dir, NAMES, (folder) => {
    for (const name of names) writeFileSync(join(folder, name), `${tag} ${name}`);
  });
}

const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('writeFolderAtomic: a folder holds exactly one run', () => {
  it('creates the folder, then replaces the whole of it, dropping files the new run lacks', () => {
    const dir = join(parent(), 'run');
    writeRun(dir, 'A', ['report.json', 'equity.csv', 'report.html']);
    writeRun(dir, 'B');
    expect(contents(dir)).toEqual({ 'report.json': 'B report.json', 'equity.csv': 'B equity.csv' });
    expect(readdirSync(join(dir, '..'))).toEqual(['run']);
  });

  it('a write that fails halfway leaves the previous run untouched and no temporary folder', () => {
    const base = parent();
    const dir = join(base, 'run');
    writeRun(dir, 'A');
    for (const code of ['ENOSPC', 'EIO', undefined]) {
      const failure = Object.assign(new Error('disk trouble'), code ? { code } : {});
      expect(() =>
        writeFolderAtomic(dir, NAMES, (folder) => {
          writeFileSync(join(folder, 'report.json'), 'B half');
          throw failure;
        }),
      ).toThrow(code === 'ENOSPC' ? `cannot write ${dir}: no space left on the device` : /./);
      expect(contents(dir)).toEqual({
        'report.json': 'A report.json',
        'equity.csv': 'A equity.csv',
      });
      expect(readdirSync(base)).toEqual(['run']);
    }
  });

  it('never replaces a folder holding other files, nor a file', () => {
    const base = parent();
    const mine = join(base, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'years of work');
    for (const check of [() => writeRun(mine, 'B'), () => checkFolderWritable(mine, NAMES)]) {
      expect(check).toThrow(
        new InputError(
          `cannot write ${mine}: it holds files that are not from a run (thesis.tex); give a new or empty folder`,
        ),
      );
    }
    expect(contents(mine)).toEqual({ 'thesis.tex': 'years of work' });
    const file = join(base, 'prices.csv');
    writeFileSync(file, 'x');
    expect(() => writeRun(file, 'B')).toThrow(
      new InputError(`cannot write ${file}: it is a file, not a folder`),
    );
    expect(() => checkFolderWritable(join(file, 'run'), NAMES)).toThrow(
      new InputError(
        `cannot write ${join(file, 'run')}: a part of the path is a file, not a folder`,
      ),
    );
    expect(readdirSync(base).sort()).toEqual(['mine', 'prices.csv']);
  });

  it('puts back a previous run a killed swap left aside, and removes killed temporary folders', () => {
    const base = parent();
    const dir = join(base, 'run');
    // What a process killed between the two renames of a swap leaves behind.
    mkdirSync(join(base, '.run.0123456789ab.old'));
    writeFileSync(join(base, '.run.0123456789ab.old', 'report.json'), 'A report.json');
    mkdirSync(join(base, '.run.ba9876543210.tmp'));
    writeFileSync(join(base, '.run.ba9876543210.tmp', 'report.json'), 'B half');
    checkFolderWritable(dir, NAMES);
    expect(contents(dir)).toEqual({ 'report.json': 'A report.json' });
    expect(readdirSync(base)).toEqual(['run']);
  });

  it('checkFolderWritable leaves nothing behind', () => {
    const base = parent();
    checkFolderWritable(join(base, 'new', 'run'), NAMES);
    expect(existsSync(join(base, 'new', 'run'))).toBe(false);
    expect(readdirSync(join(base, 'new'))).toEqual([]);
  });
});
