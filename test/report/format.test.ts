import { describe, expect, it } from 'vitest';
import {
  describeCosts,
  describeParams,
  describePending,
  formatBars,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  formatPValue,
  formatTime,
  isIntraday,
} from '../../src/report/format.js';
import { OPTIONS } from './fixture.js';

const DAY = Date.UTC(2023, 9, 30);

describe('number formats', () => {
  it('formats percentages with grouping and without a negative zero', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(-0.05)).toBe('-5.00%');
    expect(formatPercent(12.3456)).toBe('1,234.56%');
    expect(formatPercent(-0.000001)).toBe('0.00%');
    expect(formatPercent(null)).toBe('n/a');
    expect(formatPercent(Number.NaN)).toBe('n/a');
  });

  it('formats money, bars, prices and p-values', () => {
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(-999.5)).toBe('-999.50');
    expect(formatBars(41)).toBe('41');
    expect(formatBars(27.25)).toBe('27.3');
    // At least five significant digits, at least two decimals.
    expect(formatPrice(1234.5)).toBe('1,234.50');
    expect(formatPrice(102.456)).toBe('102.46');
    expect(formatPrice(1.090612)).toBe('1.0906');
    expect(formatPrice(0.000123456)).toBe('0.00012346');
    expect(formatPValue(0.41234)).toBe('0.412');
    expect(formatPValue(0.0004)).toBe('<0.001');
    expect(formatPValue(null)).toBe('n/a');
  });

  it('describes costs with trimmed percentages', () => {
    expect(describeCosts({ ...OPTIONS, commission: 0.0025, slippageBps: 5, fixedFee: 1 })).toBe(
      'commission 0.25%, slippage 5 bps, fixed fee 1.00 per order',
    );
  });
});

describe('times', () => {
  it('uses dates for daily bars and UTC minutes for intraday bars', () => {
    expect(isIntraday([DAY, DAY + 86_400_000])).toBe(false);
    expect(isIntraday([DAY, DAY + 3_600_000])).toBe(true);
    expect(formatTime(DAY, false)).toBe('2023-10-30');
    expect(formatTime(DAY + 14.5 * 3_600_000, true)).toBe('2023-10-30 14:30');
  });
});

describe('describePending', () => {
  it('words the next action from the target and the current position', () => {
    const pending = (target: number, current: number) => ({ time: DAY, target, current });
    expect(describePending(pending(1, 0), 'open', false)).toBe(
      'go long 100% at the next open (decided 2023-10-30 close)',
    );
    expect(describePending(pending(0, 1), 'open', false)).toBe(
      'go flat at the next open (decided 2023-10-30 close)',
    );
    expect(describePending(pending(-0.5, 0), 'open', false)).toBe(
      'go short 50% at the next open (decided 2023-10-30 close)',
    );
    // A position that drifted to 99.5% of equity is still "long 100%".
    expect(describePending(pending(1, 0.995), 'open', false)).toBe(
      'stay long 100% (decided 2023-10-30 close)',
    );
    expect(describePending(pending(0, 0), 'close', false)).toBe(
      'stay flat (decided 2023-10-30 close)',
    );
    expect(describePending(pending(1, 0), 'close', false)).toBe(
      'go long 100% at the 2023-10-30 close',
    );
  });

  it('without a new signal, says to keep what is held when that is known', () => {
    expect(describePending(null, 'open', false, 'long')).toBe('stay long (no order)');
    expect(describePending(null, 'open', false, 'flat')).toBe('stay flat (no order)');
    expect(describePending(null, 'open', false)).toBe('none');
  });
});

describe('formatDuration', () => {
  it('gives bars and their calendar length at the bars-per-year rate', () => {
    // 1,657 / 252 years = 6.575... -> 6.6 years; 12 / 252 * 365.25 days = 17.39 -> 17 days.
    expect(formatDuration(1657, 252)).toBe('1,657 bars (6.6 years)');
    expect(formatDuration(12, 252)).toBe('12 bars (17 days)');
    expect(formatDuration(1, 252)).toBe('1 bar (1 day)');
    // Hourly FX, 6,048 bars a year: 30 bars = 30 / 6048 * 365.25 days = 1.81 -> 2 days.
    expect(formatDuration(30, 6048)).toBe('30 bars (2 days)');
    // One-minute bars, 98,280 a year: 90 bars = 8.0 hours.
    expect(formatDuration(90, 98_280)).toBe('90 bars (8 hours)');
    expect(formatDuration(null, 252)).toBe('n/a');
  });
});

describe('describeParams', () => {
  it('lists name=value pairs and summarises long structured values', () => {
    const features = Array.from({ length: 8 }, (_, i) => ({ kind: 'rsi', period: 10 + i }));
    expect(
      describeParams({ hidden: 10, mode: 'rolling', fineTune: false, pair: [1, 2], features }),
    ).toEqual(['hidden=10', 'mode=rolling', 'fineTune=false', 'pair=[1,2]', 'features=[8 items]']);
  });
});
