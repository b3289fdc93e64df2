/**
 * Stock splits: a split column, when the file has one, back-adjusts the prices; an unadjusted
 * split (an overnight jump close to a common split ratio) is warned about with its date and ratio.
 */
import { formatTimestamp } from './dates.js';

/** Shares after per share before, as vendors write them: 2:1 doubles the shares, 1:10 is a reverse split. */
const FORWARD = [1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 15, 20, 25, 50];
const REVERSE = [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 100];

/** Price after / price before of each common split, with its name. */
const SPLITS: { priceRatio: number; name: string }[] = [
  ...FORWARD.map((shares) => ({ priceRatio: 1 / shares, name: splitName(shares) })),
  ...REVERSE.map((shares) => ({ priceRatio: shares, name: splitName(1 / shares) })),
];

/**
 * How near (in log price) an overnight jump must come to a split's ratio to be taken for one:
 * 6% either side, far from the 40% (3:2) that the smallest listed split moves the price.
 */
const SPLIT_TOLERANCE = 0.06;
/** The day's close must also stay near the split's level (the jump is not undone within the bar). */
const CLOSE_TOLERANCE = 0.2;
/** Most jumps a warning lists by date. */
const JUMPS_LISTED = 5;

/** The split named as vendors write it, from shares after per share before (2 -> 2:1, 1.5 -> 3:2, 0.1 -> 1:10). */
export function splitName(shares: number): string {
  if (shares >= 1) {
    if (Number.isInteger(shares)) return `${shares}:1`;
    return Number.isInteger(shares * 2) ? `${shares * 2}:2` : `${shares}:1`;
  }
  const inverse = 1 / shares;
  return Math.abs(inverse - Math.round(inverse)) < 1e-9
    ? `1:${Math.round(inverse)}`
    : `${shares}:1`;
}

/**
 * Shares after per share before from a split cell: a number (Alpha Vantage's `split_coefficient`
 * 2.0, yfinance's `Stock Splits` 2.0) or `2:1`, `2/1`, `2-for-1`. Empty, 0 and 1 mean no split;
 * NaN for text that is none of these.
 */
export function readSplitCell(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || /^(null|nan|na|n\/a|none|-)$/.test(trimmed)) return 1;
  const ratio = /^(\d+(?:\.\d+)?)\s*(?::|\/|-for-|for)\s*(\d+(?:\.\d+)?)$/.exec(trimmed);
  const shares = ratio ? Number(ratio[1]) / Number(ratio[2]) : Number(trimmed);
  if (!Number.isFinite(shares) || shares < 0) return Number.NaN;
  return shares === 0 ? 1 : shares;
}

/**
 * Back-adjusts for splits: each bar's prices are divided, and its volume multiplied, by the
 * shares-per-share of every split after it, so the whole series is in today's shares. `shares[i]`
 * is the split that took effect on bar i (its prices are already post-split); 1 means none.
 * Returns how many splits there were.
 */
export function backAdjustSplits(
  shares: Float64Array,
  count: number,
  prices: Float64Array[],
  volume: Float64Array,
): number {
  let factor = 1;
  let splits = 0;
  for (let i = count - 1; i >= 0; i--) {
    if (factor !== 1) {
      for (const values of prices) values[i] /= factor;
      volume[i] *= factor;
    }
    if (shares[i] !== 1) {
      factor *= shares[i];
      splits++;
    }
  }
  return splits;
}

/**
 * Overnight jumps that look like unadjusted splits: the open (the close when there is no open)
 * against the previous close within SPLIT_TOLERANCE of a common split's ratio, and the close
 * staying there. Returns one warning naming each jump's date and ratio, or null.
 */
export function splitJumpWarning(
  time: Float64Array,
  open: Float64Array,
  close: Float64Array,
  count: number,
  hasOpen: boolean,
): string | null {
  const found: string[] = [];
  let total = 0;
  const smallest = Math.log(1.5) - SPLIT_TOLERANCE;
  for (let i = 1; i < count; i++) {
    const previous = close[i - 1];
    const gap = Math.log((hasOpen ? open[i] : close[i]) / previous);
    if (Math.abs(gap) < smallest) continue;
    const split = SPLITS.find((s) => Math.abs(gap - Math.log(s.priceRatio)) <= SPLIT_TOLERANCE);
    if (!split) continue;
    if (Math.abs(Math.log(close[i] / previous) - Math.log(split.priceRatio)) > CLOSE_TOLERANCE) {
      continue;
    }
    total++;
    if (found.length < JUMPS_LISTED) {
      const ratio = (hasOpen ? open[i] : close[i]) / previous;
      found.push(
        `${formatTimestamp(time[i])} (x${ratio.toPrecision(3)} from ${previous.toPrecision(6)}: ${split.name})`,
      );
    }
  }
  if (total === 0) return null;
  const more = total > JUMPS_LISTED ? ` and ${total - JUMPS_LISTED} more` : '';
  return `${total === 1 ? 'an overnight price jump looks' : `${total} overnight price jumps look`} like an unadjusted stock split: ${found.join(', ')}${more}; if the prices are not split-adjusted, returns across ${total === 1 ? 'it are' : 'them are'} wrong: use adjusted prices or a file with a split column`;
}
