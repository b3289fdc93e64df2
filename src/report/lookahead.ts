import { formatTime, plural } from './format.js';
import type { LookaheadStatus } from './types.js';

/** The status of a run that did not check its strategy for lookahead. */
export const LOOKAHEAD_NOT_CHECKED: LookaheadStatus = {
  checked: false,
  found: false,
  firstBar: null,
  firstTime: null,
  cuts: 0,
};

function firstBarText(status: LookaheadStatus, intraday: boolean): string {
  if (status.firstBar === null || status.firstTime === null) return '';
  return ` at bar ${status.firstBar} (${formatTime(status.firstTime, intraday)})`;
}

/** One line on the check for the report header: ran or not, and what it found. */
export function describeLookahead(status: LookaheadStatus, intraday: boolean): string {
  if (!status.checked) {
    return 'not checked (nn-timing retrains once per cut: ask for it with --check-lookahead)';
  }
  const cuts = plural(status.cuts, 'cut');
  if (!status.found) return `checked, none found (${cuts})`;
  return `FOUND${firstBarText(status, intraday)}: the strategy read future bars (${cuts})`;
}

/** The verdict of a run whose strategy read the future: its figures say nothing. */
export function lookaheadVerdict(status: LookaheadStatus, intraday: boolean): string {
  return `Invalid: the strategy reads future bars (lookahead found${firstBarText(status, intraday)}); its returns, Sharpe and p-value are meaningless.`;
}
