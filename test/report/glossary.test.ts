import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { explain, GLOSSARY } from '../../src/report/glossary.js';
import { comparisonLines, statRows } from '../../src/report/rows.js';
import { renderExplanations } from '../../src/report/table.js';
import { makeInput } from './fixture.js';

const report = buildRunReport(makeInput());
const labels = [
  ...statRows(report).map((row) => row.label),
  ...comparisonLines(report).map(([label]) => label),
  'Verdict',
  'Pending',
];

describe('the glossary', () => {
  it('explains every figure the table and the HTML report show', () => {
    for (const label of labels) expect(explain(label), label).not.toBe('');
    expect(statRows(report).some((row) => row.label === 'AUC')).toBe(true);
  });

  it('is what --explain prints', () => {
    const text = renderExplanations(report);
    for (const label of labels) expect(text).toContain(`  ${label}: ${GLOSSARY[label]}`);
  });

  it("is the user guide's plain-words table, word for word", () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const guide = readFileSync(resolve(root, 'docs/guide/statistics.md'), 'utf8');
    for (const [label, meaning] of Object.entries(GLOSSARY)) {
      expect(guide).toContain(`| ${label} | ${meaning} |`);
    }
  });
});
