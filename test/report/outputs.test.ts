import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { reportJson, writeRunOutputs } from '../../src/report/outputs.js';
import { makeInput } from './fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-outputs-'));
  dirs.push(dir);
  return dir;
}

describe('writeRunOutputs', () => {
  it('writes report.json and the CSV files, nothing else by default', () => {
    const dir = join(tempDir(), 'run');
    const report = buildRunReport(makeInput());
    const paths = writeRunOutputs(dir, report);
    expect(paths).toEqual(
      ['report.json', 'equity.csv', 'trades.csv', 'signals.csv'].map((f) => join(dir, f)),
    );
    expect(readdirSync(dir).sort()).toEqual([
      'equity.csv',
      'report.json',
      'signals.csv',
      'trades.csv',
    ]);
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    expect(json).toBe(reportJson(report));
    expect(JSON.parse(json)).toEqual(report);
  });

  it('adds model.json and report.html when given', () => {
    const dir = tempDir();
    const report = buildRunReport(makeInput());
    const model = { format: 'nn-timing-model', weights: [0.5, -0.25] };
    const paths = writeRunOutputs(dir, report, { html: true, model });
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual([
      'report.json',
      'equity.csv',
      'trades.csv',
      'signals.csv',
      'model.json',
      'report.html',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'))).toEqual(model);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
