import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTO_BAR_FILES_LIMIT, barFilesSkipReason } from '../../src/report/bar-files.js';
import { buildRunReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import { reportJson, writeRunOutputs } from '../../src/report/outputs.js';
import { makeInput } from './fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-bar-files-'));
  dirs.push(dir);
  return dir;
}

describe('per-bar files: equity.csv and signals.csv', () => {
  it('auto writes them up to the limit, not one bar beyond; always and never as they say', () => {
    expect(AUTO_BAR_FILES_LIMIT).toBe(1_000_000);
    expect(barFilesSkipReason('auto', 1_000_000)).toBeUndefined();
    expect(barFilesSkipReason('auto', 1_000_001)).toBe(
      'equity.csv and signals.csv (one line per bar) were not written: 1,000,001 bars is more than the 1,000,000 that --bar-files auto writes them for; rerun with --bar-files always (config: "barFiles": "always") to get them.',
    );
    expect(barFilesSkipReason('always', 10_000_000)).toBeUndefined();
    expect(barFilesSkipReason('never', 10)).toBe(
      'equity.csv and signals.csv (one line per bar) were not written: --bar-files never.',
    );
  });

  it('a small run writes every file and its report.json has no trace of the choice', () => {
    const auto = buildRunReport(makeInput());
    const always = buildRunReport({ ...makeInput(), barFiles: 'always' });
    expect(reportJson(always)).toBe(reportJson(auto));
    expect(auto.skippedFiles).toBeUndefined();
    const dir = tempDir();
    writeRunOutputs(dir, auto);
    expect(readdirSync(dir).sort()).toEqual([
      'equity.csv',
      'report.json',
      'signals.csv',
      'trades.csv',
    ]);
  });

  it('skipped files are listed, warned about, absent from the folder and named in the HTML', () => {
    const report = buildRunReport({ ...makeInput(), barFiles: 'never' });
    expect(report.skippedFiles).toEqual(['equity.csv', 'signals.csv']);
    expect(report.warnings.at(-1)).toBe(barFilesSkipReason('never', report.data.bars));
    const dir = tempDir();
    const paths = writeRunOutputs(dir, report, { html: true });
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual([
      'report.json',
      'trades.csv',
      'report.html',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.json', 'trades.csv']);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(json.skippedFiles).toEqual(['equity.csv', 'signals.csv']);
    expect(renderHtml(report)).toContain('--bar-files never');
  });
});
