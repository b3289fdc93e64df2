import { formatCount } from './format.js';

/** The run files with one line per backtested bar: large on long intraday series. */
export const BAR_FILES = ['equity.csv', 'signals.csv'] as const;

/** `auto` writes the per-bar files up to AUTO_BAR_FILES_LIMIT bars, `always` and `never` as they say. */
export const BAR_FILES_CHOICES = ['auto', 'always', 'never'] as const;
export type BarFilesChoice = (typeof BAR_FILES_CHOICES)[number];

/**
 * The most bars `auto` writes per-bar files for: ten years of one-minute bars of a six-hour
 * session. At about 140 bytes a bar the two files are then some 140 MB and a few seconds to
 * write; at ten million bars they would be 1.4 GB and most of the run's time.
 */
export const AUTO_BAR_FILES_LIMIT = 1_000_000;

/** Why the per-bar files are not written for `bars` bars, or undefined when they are. */
export function barFilesSkipReason(choice: BarFilesChoice, bars: number): string | undefined {
  if (choice === 'always' || (choice === 'auto' && bars <= AUTO_BAR_FILES_LIMIT)) return undefined;
  const files = `${BAR_FILES.join(' and ')} (one line per bar) were not written`;
  return choice === 'never'
    ? `${files}: --bar-files never.`
    : `${files}: ${formatCount(bars)} bars is more than the ${formatCount(AUTO_BAR_FILES_LIMIT)} that --bar-files auto writes them for; rerun with --bar-files always (config: "barFiles": "always") to get them.`;
}
