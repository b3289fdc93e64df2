import { basename, extname, join } from 'node:path';
import type { LoadOptions, PriceSeries } from '../data/index.js';
import { loadSymbols } from '../data/index.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/index.js';
import { JOB_SETTINGS } from '../run/index.js';
import { checkOptions } from '../settings/index.js';
import { benjaminiHochberg } from './fdr.js';
import { type SweepHooks, type SweepOptions, type SweepReport, sweep } from './sweep.js';

/** One symbol of a universe sweep, with its verdict corrected for the number of symbols. */
export interface SymbolVerdict {
  file: string;
  symbol: string;
  best: Record<string, unknown> | null;
  pValueSpa: number | null;
  /** Benjamini-Hochberg adjusted SPA p-value across the universe. */
  qValue: number | null;
  /** SPA p below alpha for this symbol alone. */
  edge: boolean;
  /** Still a discovery with the false discovery rate held at alpha across the symbols. */
  discovery: boolean;
}

/**
 * What `nn-timing sweep` prints for several symbols: several files (one symbol each) or the
 * symbols of one long-format file.
 */
export interface UniverseSweepReport {
  /** Each symbol's own sweep, in the order of `symbols`. */
  sweeps: SweepReport[];
  symbols: SymbolVerdict[];
  alpha: number;
  /** Symbols whose search shows an edge at alpha on its own. */
  edges: number;
  /** Symbols that stay discoveries under Benjamini-Hochberg at false discovery rate alpha. */
  discoveries: number;
  /** Edges chance alone would give if no symbol had one: alpha x symbols. */
  expectedByChance: number;
  text: string;
}

/**
 * The same sweep on each symbol (its outputs in `<out>/<file name>` or `<out>/<symbol>`), then
 * Benjamini-Hochberg over the symbols' SPA p-values, so "how many symbols show an edge" is held to
 * a false discovery rate.
 */
export async function sweepUniverse(
  options: Omit<SweepOptions, 'file' | 'loaded'> & {
    files: string[];
    /** With one long-format file: every symbol in it ('all') or these. */
    symbols?: 'all' | string[];
  },
  hooks: SweepHooks = {},
): Promise<UniverseSweepReport> {
  // The checked value: a comma-separated string is the list it separates.
  const { symbols: picked } = checkOptions({ symbols: JOB_SETTINGS.symbols }, options);
  const { files, symbols: _, ...rest } = options;
  const members: { file: string; loaded?: PriceSeries }[] =
    picked === undefined
      ? files.map((file) => ({ file }))
      : await symbolMembers(files, picked, options.load);
  const folders = subfolders(
    members.map((member) => member.loaded?.symbol ?? member.file),
    options.out,
  );
  const reports: SweepReport[] = [];
  for (const [i, member] of members.entries()) {
    const label = member.loaded?.symbol ?? basename(member.file);
    const prefix = `${label} (${i + 1}/${members.length}) `;
    const load = member.loaded ? { ...options.load, symbol: member.loaded.symbol } : options.load;
    reports.push(
      await sweep(
        { ...rest, ...member, load, out: folders[i] },
        {
          onProgress: hooks.onProgress
            ? (done, total, label) => hooks.onProgress?.(done, total, `${prefix}${label ?? ''}`)
            : undefined,
        },
      ),
    );
  }
  const alpha = reports[0]?.verdict.alpha ?? 0.05;
  const p = reports.map((report) => report.verdict.pValueSpa ?? 1);
  const fdr = benjaminiHochberg(p, alpha);
  const symbols = reports.map(
    (report, i): SymbolVerdict => ({
      file: report.file,
      symbol: report.symbol,
      best: report.best?.params ?? null,
      pValueSpa: report.verdict.pValueSpa,
      qValue: report.verdict.pValueSpa === null ? null : fdr.adjusted[i],
      edge: report.verdict.edge,
      discovery: report.verdict.pValueSpa !== null && fdr.rejected[i],
    }),
  );
  const edges = symbols.filter((s) => s.edge).length;
  const discoveries = symbols.filter((s) => s.discovery).length;
  const expectedByChance = alpha * members.length;
  const text = `${edges} of ${members.length} symbols show an edge after their own search (chance alone would give about ${expectedByChance.toFixed(1)}); ${discoveries} remain with the false discovery rate held at ${alpha} across symbols.`;
  const report: UniverseSweepReport = {
    sweeps: reports,
    symbols,
    alpha,
    edges,
    discoveries,
    expectedByChance,
    text,
  };
  if (options.out !== undefined) {
    writeFileAtomic(join(options.out, 'universe.json'), `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

/** One long-format file's symbols, each swept like its own file. */
async function symbolMembers(
  files: string[],
  symbols: 'all' | string[],
  load: LoadOptions | undefined,
): Promise<{ file: string; loaded: PriceSeries }[]> {
  if (files.length !== 1) throw new InputError('--symbols needs exactly one long-format file');
  const [file] = files;
  return (await loadSymbols(file, symbols, load)).map((loaded) => ({ file, loaded }));
}

/** `out/<name>` per member: the file name, or the symbol (a number added when two share a name). */
function subfolders(files: string[], out: string | undefined): (string | undefined)[] {
  if (out === undefined) return files.map(() => undefined);
  const used = new Set<string>();
  return files.map((file, index) => {
    let name = basename(file, extname(file));
    if (used.has(name)) name = `${name}-${index + 1}`;
    used.add(name);
    return join(out, name);
  });
}
