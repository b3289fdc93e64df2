import { join } from 'node:path';
import { writeFileAtomic, writeFolderAtomic } from '../io/index.js';
import { writeEquityCsv, writeSignalsCsv, writeTradesCsv } from './csv.js';
import { renderHtml } from './html.js';
import type { RunReport, RunTimings } from './types.js';

export interface RunOutputOptions {
  /** Also write the self-contained report.html (default false). */
  html?: boolean;
  /** A model to save as model.json (nn-timing: the SavedModel). */
  model?: unknown;
  /** How long the run took, written to timings.json (the one output that differs run to run). */
  timings?: RunTimings;
}

/** Exactly what report.json holds; `--format json` prints the same text. */
export function reportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Every file a run folder can hold. */
export const RUN_OUTPUT_FILES = [
  'report.json',
  'equity.csv',
  'trades.csv',
  'signals.csv',
  'model.json',
  'report.html',
  'timings.json',
] as const;

type RunOutputFile = (typeof RUN_OUTPUT_FILES)[number];

/**
 * Writes one run's files as `dir` (created if missing) and returns their paths in write order;
 * the files the report lists as skipped (`skippedFiles`) are left out.
 * The folder is written whole and swapped into place, so it never mixes two runs' files.
 */
export function writeRunOutputs(
  dir: string,
  report: RunReport,
  options: RunOutputOptions = {},
): string[] {
  const text = (render: () => string) => (path: string) => writeFileAtomic(path, render());
  const files: [RunOutputFile, (path: string) => void][] = [
    ['report.json', text(() => reportJson(report))],
    ['equity.csv', (path) => writeEquityCsv(path, report)],
    ['trades.csv', (path) => writeTradesCsv(path, report)],
    ['signals.csv', (path) => writeSignalsCsv(path, report)],
  ];
  if (options.model !== undefined) {
    files.push(['model.json', text(() => `${JSON.stringify(options.model)}\n`)]);
  }
  if (options.html) files.push(['report.html', text(() => renderHtml(report))]);
  if (options.timings) {
    const timings = options.timings;
    files.push(['timings.json', text(() => `${JSON.stringify(timings, null, 2)}\n`)]);
  }
  const skipped = new Set(report.skippedFiles);
  return writeFolderAtomic(dir, RUN_OUTPUT_FILES, (folder) =>
    files
      .filter(([name]) => !skipped.has(name))
      .map(([name, write]) => {
        write(join(folder, name));
        return join(dir, name);
      }),
  );
}
