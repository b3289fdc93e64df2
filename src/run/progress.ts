/** A count of work done out of a total, with what is being counted. */
export type CountReport = (done: number, total: number, label?: string) => void;

/** The whole job's progress: the fraction done (0 to 1) and where it stands, in words. */
export type FractionReport = (fraction: number, label: string) => void;

/**
 * One bar for a job of several strategy runs (files or symbols, seeds, the lookahead check's
 * runs): each run's own count fills its share of `steps`, so the bar never restarts and never
 * goes back. A run has ended when its count reached its total, or when the next report goes back,
 * changes the total or the label. The label keeps the run's own count ("120/331 SPY: seed 2
 * (2/3) walk-forward windows trained").
 */
export function overallProgress(steps: number, report: FractionReport): CountReport {
  let step = -1;
  let lastDone = 0;
  let lastTotal = 0;
  let lastLabel = '';
  let shown = 0;
  return (done, total, label = '') => {
    const newRun =
      step < 0 ||
      lastDone >= lastTotal ||
      done < lastDone ||
      total !== lastTotal ||
      label !== lastLabel;
    if (newRun) step++;
    lastDone = done;
    lastTotal = total;
    lastLabel = label;
    // More runs than planned (a lookahead check that had to start over) hold the bar where it is.
    if (step < steps) shown = Math.max(shown, (step + (total > 0 ? done / total : 0)) / steps);
    report(shown, `${done}/${total} ${label}`.trim());
  };
}
