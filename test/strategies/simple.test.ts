import { describe, expect, it } from 'vitest';
import { createPriceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { buyAndHold } from '../../strategies/buy-and-hold.js';
import { macdCross } from '../../strategies/macd-cross.js';
import { random } from '../../strategies/random.js';
import { rsiReversion } from '../../strategies/rsi-reversion.js';
import { smaCross } from '../../strategies/sma-cross.js';

const NaN_ = Number.NaN;
const DAY = 86_400_000;

function series(close: number[]) {
  return createPriceSeries({ time: close.map((_, i) => i * DAY), close });
}

const longOnly = { seed: 1, allowShort: false };
const withShorts = { seed: 1, allowShort: true };

describe('buy-and-hold', () => {
  it('is fully long on every bar', async () => {
    const out = await buyAndHold.run(series([1, 2, 3]), {}, longOnly);
    expect(Array.from(out.positions)).toEqual([1, 1, 1]);
    expect(buyAndHold.warmup({})).toBe(0);
  });
});

describe('sma-cross', () => {
  // close:      5    5    5    5    5    9    9    1    1    1
  // SMA(2):     -    5    5    5    5    7    9    5    1    1
  // SMA(4):     -    -    -    5    5    6    7    6    5    3
  // crosses:                        up        down
  const close = [5, 5, 5, 5, 5, 9, 9, 1, 1, 1];
  const params = resolveParams(smaCross, { fast: '2', slow: '4' });

  it('is long from the hand-computed upward crossover to the downward one', async () => {
    const out = await smaCross.run(series(close), params, longOnly);
    expect(Array.from(out.positions)).toEqual([NaN_, NaN_, NaN_, 0, 0, 1, 1, 0, 0, 0]);
    expect(smaCross.warmup(params)).toBe(3);
  });

  it('goes short instead of flat after a downward crossover when shorts are allowed', async () => {
    const out = await smaCross.run(series(close), params, withShorts);
    expect(Array.from(out.positions)).toEqual([NaN_, NaN_, NaN_, 0, 0, 1, 1, -1, -1, -1]);
  });

  it('stays flat until the first crossover, even when the fast SMA starts above', async () => {
    // close:   1    2    3    4    5    6    1     1     1    1    5    5
    // SMA(2):  -   1.5  2.5  3.5  4.5  5.5  3.5   1     1    1    3    5
    // SMA(4):  -    -    -   2.5  3.5  4.5  4    3.25  2.25  1    2    3
    // Above from bar 3 without a cross; down at bar 6; equal at bar 9; up at bar 10.
    const rising = [1, 2, 3, 4, 5, 6, 1, 1, 1, 1, 5, 5];
    const longs = await smaCross.run(series(rising), params, longOnly);
    expect(Array.from(longs.positions)).toEqual([NaN_, NaN_, NaN_, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const shorts = await smaCross.run(series(rising), params, withShorts);
    expect(Array.from(shorts.positions)).toEqual([NaN_, NaN_, NaN_, 0, 0, 0, -1, -1, -1, -1, 1, 1]);
  });

  it('needs fast < slow', () => {
    expect(() => resolveParams(smaCross, { fast: 5, slow: 5 })).toThrow(InputError);
  });
});

describe('rsi-reversion', () => {
  // Wilder RSI(3) by hand (avg = (prev * 2 + today) / 3 after a plain mean of the first 3):
  // bar 3: changes -1 -1 -1 -> gain 0, loss 1 -> RSI 0 (< 30: go long)
  // bar 4: +1 -> gain 1/3, loss 2/3 -> RS 0.5 -> RSI 33.3 (hold)
  // bar 5: +1 -> gain 5/9, loss 4/9 -> RSI 55.6 (hold)
  // bar 6: +1 -> gain 19/27, loss 8/27 -> RSI 100 - 100 / (1 + 19/8) = 70.4 (> 70: exit)
  // bar 7: +1 -> gain 65/81, loss 16/81 -> RSI 80.2 (flat)
  // bar 8: -3 -> gain 130/243, loss 275/243 -> RSI 32.1 (flat)
  // bar 9: -1 -> gain 260/729, loss 793/729 -> RSI 24.7 (< 30: long again)
  const close = [10, 9, 8, 7, 8, 9, 10, 11, 8, 7];
  const params = resolveParams(rsiReversion, { period: 3 });

  it('enters below low, exits above high, holds in between', async () => {
    const out = await rsiReversion.run(series(close), params, longOnly);
    expect(Array.from(out.positions)).toEqual([NaN_, NaN_, NaN_, 1, 1, 1, 0, 0, 0, 1]);
    expect(rsiReversion.warmup(params)).toBe(3);
  });

  it('shorts above high when allowed', async () => {
    const out = await rsiReversion.run(series(close), params, withShorts);
    expect(Array.from(out.positions)).toEqual([NaN_, NaN_, NaN_, 1, 1, 1, -1, -1, -1, 1]);
  });
});

describe('macd-cross', () => {
  // fast 2, slow 4, signal 3. While the price is constant, MACD = signal = 0: not above, flat.
  // On the first bar of a climb the fast EMA moves more than the slow one, so MACD > 0, and the
  // signal, an EMA of MACD starting from 0, only moves part of the way: MACD > signal, long.
  // After a long climb MACD and signal settle near the same value; a 40-point drop pulls MACD
  // far below the lagging signal on that very bar: flat.
  const flat = Array(12).fill(50);
  const climb = Array.from({ length: 15 }, (_, i) => 51 + i);
  const close = [...flat, ...climb, 25];
  const params = resolveParams(macdCross, { fast: 2, slow: 4, signal: 3 });

  it('follows the MACD line crossing its signal line', async () => {
    const out = await macdCross.run(series(close), params, longOnly);
    const warmup = macdCross.warmup(params);
    expect(warmup).toBe(5);
    const p = Array.from(out.positions);
    expect(p.slice(0, warmup)).toEqual(Array(warmup).fill(NaN_));
    expect(p.slice(warmup, 12)).toEqual(Array(12 - warmup).fill(0));
    expect(p.slice(12, 27)).toEqual(Array(15).fill(1));
    expect(p[27]).toBe(0);
  });
});

describe('random', () => {
  const bars = 100_000;
  const long = series(Array(bars).fill(1));

  it('is long about `exposure` of the time in spells of about `holding` bars', async () => {
    const params = resolveParams(random, { exposure: 0.3, holding: 8 });
    const { positions } = await random.run(long, params, longOnly);
    let inMarket = 0;
    let spells = 0;
    for (let t = 0; t < bars; t++) {
      inMarket += positions[t];
      if (positions[t] === 1 && (t === 0 || positions[t - 1] === 0)) spells++;
    }
    expect(inMarket / bars).toBeGreaterThan(0.27);
    expect(inMarket / bars).toBeLessThan(0.33);
    expect(inMarket / spells).toBeGreaterThan(7.4);
    expect(inMarket / spells).toBeLessThan(8.6);
  });

  it('repeats itself for a seed and changes with it', async () => {
    const params = resolveParams(random, {});
    const a = await random.run(long, params, { seed: 7, allowShort: false });
    const b = await random.run(long, params, { seed: 7, allowShort: false });
    const c = await random.run(long, params, { seed: 8, allowShort: false });
    expect(a.positions).toEqual(b.positions);
    expect(a.positions).not.toEqual(c.positions);
  });

  it('handles the extremes and refuses impossible combinations', async () => {
    const never = await random.run(long, resolveParams(random, { exposure: 0 }), longOnly);
    expect(never.positions.every((p) => p === 0)).toBe(true);
    const always = await random.run(long, resolveParams(random, { exposure: 1 }), longOnly);
    expect(always.positions.every((p) => p === 1)).toBe(true);
    expect(() => resolveParams(random, { exposure: 0.95, holding: 10 })).toThrow(
      'raise holding to at least 19',
    );
  });
});
