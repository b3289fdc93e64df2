import { join } from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.js';
import { equityCsv, signalsCsv, tradesCsv } from './csv.js';
import { renderHtml } from './html.js';
import type { RunReport } from './types.js';

export interface RunOutputOptions {
  /** Also write the self-contained report.html (default false). */
  html?: boolean;
  /** A model to save as model.json (nn-timing: the SavedModel). */
  model?: unknown;
}

/** Exactly what report.json holds; `--format json` prints the same text. */
export function reportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes one run's files into `dir` (created if missing) and returns their paths in write order. */
export function writeRunOutputs(
  dir: string,
  report: RunReport,
  options: RunOutputOptions = {},
): string[] {
  const files: [string, () => string][] = [
    ['report.json', () => reportJson(report)],
    ['equity.csv', () => equityCsv(report)],
    ['trades.csv', () => tradesCsv(report)],
    ['signals.csv', () => signalsCsv(report)],
  ];
  if (options.model !== undefined) {
    files.push(['model.json', () => `${JSON.stringify(options.model)}\n`]);
  }
  if (options.html) files.push(['report.html', () => renderHtml(report)]);
  return files.map(([name, render]) => {
    const path = join(dir, name);
    writeFileAtomic(path, render());
    return path;
  });
}
