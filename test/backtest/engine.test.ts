import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest, SAME_BAR_WARNING } from '../../src/backtest/engine.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { dailySeries, FREE, nonFiniteFields, targets, weekdayTimes } from './helpers.js';

describe('three-bar round trip with commission, fee and slippage', () => {
  // open  = [99, 100, 106], close = [100, 104, 107]; decide long at bar 0, flat at bar 1.
  const series = dailySeries([100, 104, 107], [99, 100, 106]);
  const options = { commission: 0.001, fixedFee: 1, slippageBps: 10, wholeUnits: true };
  const result = runBacktest(series, targets([1, 0, Number.NaN]), options);

  it('buys whole units at the next open, against the trader, and pays every cost', () => {
    // Bar 1 open 100. Capital after the fee: 10000 - 1 = 9999.
    // Outlay per unit: 100 x 1.001 (slippage) x 1.001 (commission) = 100.2001 -> 9999 / 100.2001 = 99.79 -> 99 units.
    // Fill price 100 x 1.001 = 100.1; value 99 x 100.1 = 9909.9; commission 9.9099; fee 1.
    // Cash 10000 - 9909.9 - 9.9099 - 1 = 79.1901. Equity at close 104: 79.1901 + 99 x 104 = 10375.1901.
    expect(result.units[1]).toBe(99);
    expect(result.cash[1]).toBeCloseTo(79.1901, 8);
    expect(result.equity[1]).toBeCloseTo(10375.1901, 8);
  });

  it('sells at the following open and ends with the right cash to the cent', () => {
    // Bar 2 open 106: fill 106 x 0.999 = 105.894; value 99 x 105.894 = 10483.506;
    // commission 10.483506; fee 1. Cash 79.1901 + 10483.506 - 10.483506 - 1 = 10551.212594.
    expect(result.units[2]).toBe(0);
    expect(result.equity[2]).toBeCloseTo(10551.212594, 8);
    expect(result.stats.equityFinal.toFixed(2)).toBe('10551.21');
    expect(result.stats.totalReturn).toBeCloseTo(0.0551212594, 10);
  });

  it('records the trade with its fill prices, pnl and costs', () => {
    // Costs: commission 9.9099 + 10.483506, fees 2, slippage 99 x 0.1 + 99 x 0.106 = 20.394.
    // Total 42.787406. PnL 99 x (105.894 - 100.1) - 20.393406 - 2 = 551.212594.
    expect(result.trades).toHaveLength(1);
    const [trade] = result.trades;
    expect(trade.units).toBe(99);
    expect(trade.entryBar).toBe(1);
    expect(trade.exitBar).toBe(2);
    expect(trade.entryTime).toBe(series.time[1]);
    expect(trade.exitTime).toBe(series.time[2]);
    expect(trade.entryPrice).toBeCloseTo(100.1, 10);
    expect(trade.exitPrice).toBeCloseTo(105.894, 10);
    expect(trade.pnl).toBeCloseTo(551.212594, 8);
    expect(trade.returnPct).toBeCloseTo(551.212594 / 9909.9, 12);
    expect(trade.costs).toBeCloseTo(42.787406, 8);
    expect(trade.barsHeld).toBe(1);
    expect(trade.open).toBe(false);
    expect(result.stats.totalCosts).toBeCloseTo(42.787406, 8);
    expect(result.pending).toBeNull();
  });

  it('sizes fractional units so that a full target spends exactly the cash', () => {
    // Commission 0.001 only: units = 10000 / (100 x 1.001) = 99.9000999...; cash after = 0.
    // Sold at 106 less 0.1% commission: 10000 x 106 x 0.999 / 100.1 = 10578.821179 (to 1e-6).
    const fractional = runBacktest(series, targets([1, 0, Number.NaN]), {
      ...FREE,
      commission: 0.001,
    });
    expect(fractional.units[1]).toBeCloseTo(10000 / 100.1, 10);
    expect(fractional.cash[1]).toBeCloseTo(0, 8);
    expect(fractional.stats.equityFinal).toBeCloseTo((10000 * 106 * 0.999) / 100.1, 8);
    expect(fractional.stats.equityFinal.toFixed(2)).toBe('10578.82');
  });
});

describe('next-open versus same-bar close fills', () => {
  // open = [99, 100, 106], close = [98, 104, 107]
  const series = dailySeries([98, 104, 107], [99, 100, 106]);

  it('fills at the next open by default', () => {
    // Buy at open[1] = 100 (100 units), sell at open[2] = 106: 10000 x 106 / 100 = 10600.
    const result = runBacktest(series, targets([1, 0, Number.NaN]), FREE);
    expect(result.units[0]).toBe(0);
    expect(result.trades[0].entryPrice).toBe(100);
    expect(result.trades[0].exitPrice).toBe(106);
    expect(result.stats.equityFinal).toBeCloseTo(10600, 9);
    expect(result.warnings).toEqual([]);
  });

  it("fills at the deciding bar's close with fill: 'close' and flags it", () => {
    // Buy at close[0] = 98 (10000 / 98 units), sell at close[1] = 104: 10000 x 104 / 98 = 10612.2449.
    const result = runBacktest(series, targets([1, 0, Number.NaN]), { ...FREE, fill: 'close' });
    expect(result.units[0]).toBeCloseTo(10000 / 98, 10);
    expect(result.trades[0].entryPrice).toBe(98);
    expect(result.trades[0].exitPrice).toBe(104);
    expect(result.stats.equityFinal).toBeCloseTo((10000 * 104) / 98, 8);
    expect(result.warnings).toContain(SAME_BAR_WARNING);
    expect(result.options.fill).toBe('close');
  });

  it('reports a last-bar decision as pending with next-open fills, and fills it at the close otherwise', () => {
    // Targets [1, 1, 0]: long from open[1]; the flat decision at bar 2 cannot fill.
    const open = runBacktest(series, targets([1, 1, 0]), FREE);
    expect(open.pending).toEqual({ time: series.time[2], target: 0, current: 1 });
    expect(open.trades).toHaveLength(1);
    expect(open.trades[0].open).toBe(true);
    const close = runBacktest(series, targets([1, 1, 0]), { ...FREE, fill: 'close' });
    expect(close.pending).toBeNull();
    expect(close.units[2]).toBe(0);
    expect(close.trades[0].open).toBe(false);
  });

  it('treats NaN as flat: NaN after a long position is a pending exit', () => {
    const result = runBacktest(series, targets([1, 1, Number.NaN]), FREE);
    expect(result.pending?.target).toBe(0);
    const flat = runBacktest(series, targets([Number.NaN, Number.NaN, Number.NaN]), FREE);
    expect(flat.pending).toBeNull();
    expect(flat.trades).toEqual([]);
  });
});

describe('whole versus fractional units', () => {
  // Price 300 on bars 0-1, close 330 on bar 2; 1000 cash; no costs.
  const series = dailySeries([300, 300, 330], [300, 300, 300]);

  it('holds 1000 / 300 units fractionally', () => {
    // 3.333... units x 330 = 1100.
    const result = runBacktest(series, targets([1, 1, 1]), { ...FREE, initialCash: 1000 });
    expect(result.units[2]).toBeCloseTo(1000 / 300, 12);
    expect(result.stats.equityFinal).toBeCloseTo(1100, 9);
  });

  it('holds 3 whole units and keeps 100 in cash', () => {
    // floor(1000 / 300) = 3 units; cash 1000 - 900 = 100; equity 100 + 3 x 330 = 1090.
    const result = runBacktest(series, targets([1, 1, 1]), {
      ...FREE,
      initialCash: 1000,
      wholeUnits: true,
    });
    expect(result.units[2]).toBe(3);
    expect(result.cash[2]).toBe(100);
    expect(result.stats.equityFinal).toBe(1090);
  });

  it('buys as many whole units as the cash covers after commission', () => {
    // Price 100, commission 1%: 1000 / 101 = 9.9 -> 9 units; cash 1000 - 900 - 9 = 91.
    const flat = dailySeries([100, 100, 100]);
    const result = runBacktest(flat, targets([1, 1, 1]), {
      ...FREE,
      commission: 0.01,
      initialCash: 1000,
      wholeUnits: true,
    });
    expect(result.units[1]).toBe(9);
    expect(result.cash[1]).toBeCloseTo(91, 10);
  });

  it('warns when not even one whole unit is affordable', () => {
    const result = runBacktest(series, targets([1, 1, 1]), {
      ...FREE,
      initialCash: 200,
      wholeUnits: true,
    });
    expect(result.trades).toEqual([]);
    expect(result.warnings.join(' ')).toMatch(/could not buy a single whole unit/);
  });
});

describe('short positions', () => {
  it('sells short, holds cash, and gains as the price falls', () => {
    // open = [100, 100, 90], close = [100, 95, 90]. At open[1] = 100: units = -10000 / 100 = -100,
    // cash 10000 + 100 x 100 = 20000. Close 95: equity 20000 - 9500 = 10500, position -9500 / 10500.
    // Close 90: equity 20000 - 9000 = 11000. Open trade marked at 90: pnl 100 x (100 - 90) = 1000.
    const series = dailySeries([100, 95, 90], [100, 100, 90]);
    const result = runBacktest(series, targets([-1, -1, -1]), { ...FREE, allowShort: true });
    expect(result.units[1]).toBe(-100);
    expect(result.cash[1]).toBe(20000);
    expect(result.equity[1]).toBe(10500);
    expect(result.position[1]).toBeCloseTo(-9500 / 10500, 12);
    expect(result.equity[2]).toBe(11000);
    const [trade] = result.trades;
    expect(trade).toMatchObject({ units: -100, entryPrice: 100, exitPrice: 90, open: true });
    expect(trade.pnl).toBe(1000);
    expect(trade.returnPct).toBe(0.1);
    expect(trade.barsHeld).toBe(2);
  });

  it('sells short below the open with slippage', () => {
    // 10 bps: the short sale fills at 100 x 0.999 = 99.9.
    const series = dailySeries([100, 95, 90], [100, 100, 90]);
    const result = runBacktest(series, targets([-1, -1, -1]), {
      ...FREE,
      slippageBps: 10,
      allowShort: true,
    });
    expect(result.trades[0].entryPrice).toBeCloseTo(99.9, 12);
  });

  it('flips from long to short by closing the long and then opening the short', () => {
    // open = [100, 100, 110, 105], close = [100, 100, 110, 100]; targets [1, -1, -1, NaN], no costs.
    // Bar 1: 100 units at 100. Bar 2 open 110: the long is sold for 11000, then 11000 / 110 = 100
    // units are sold short; cash 22000. Trade 1: pnl 100 x 10 = 1000. Trade 2: short 100 from 110,
    // marked at close 100: pnl 1000; final equity 22000 - 100 x 100 = 12000; the flat decision at
    // bar 3 is pending.
    const series = dailySeries([100, 100, 110, 100], [100, 100, 110, 105]);
    const result = runBacktest(series, targets([1, -1, -1, Number.NaN]), {
      ...FREE,
      allowShort: true,
    });
    expect(result.trades.map((t) => [t.units, t.entryBar, t.exitBar, t.pnl, t.open])).toEqual([
      [100, 1, 2, 1000, false],
      [-100, 2, 3, 1000, true],
    ]);
    expect(result.stats.equityFinal).toBe(12000);
    expect(result.pending).toEqual({ time: series.time[3], target: 0, current: -10000 / 12000 });
  });

  it('sizes the new leg of a long-to-short flip from the cash left after the exit commission', () => {
    // Same bars, 1% commission, whole units.
    // Bar 1 open 100: 10000 / (100 x 1.01) = 99.0099 -> 99 units; 9900 + commission 99; cash 1.
    // Bar 2 open 110: sell 99 x 110 = 10890, commission 108.9 -> cash 10782.1.
    //   Short: 10782.1 / (110 x 1.01) = 97.05 -> 97 units; sale 10670, commission 106.7;
    //   cash 21345.4; equity at close 110: 21345.4 - 10670 = 10675.4 >= short value 10670.
    //   (Sizing from 1 + 99 x 110 = 10891 before the exit commission would give 98 units.)
    // Bar 3 close 100: equity 21345.4 - 9700 = 11645.4.
    // Trade 1: 99 x 10 - 99 - 108.9 = 782.1. Trade 2: 97 x 10 - 106.7 = 863.3 (open).
    const series = dailySeries([100, 100, 110, 100], [100, 100, 110, 105]);
    const result = runBacktest(series, targets([1, -1, -1, Number.NaN]), {
      ...FREE,
      commission: 0.01,
      wholeUnits: true,
      allowShort: true,
    });
    expect(Array.from(result.units)).toEqual([0, 99, -97, -97]);
    expect(result.cash[1]).toBeCloseTo(1, 9);
    expect(result.cash[2]).toBeCloseTo(21345.4, 9);
    expect(result.equity[2]).toBeCloseTo(10675.4, 9);
    expect(result.stats.equityFinal).toBeCloseTo(11645.4, 9);
    const [first, second] = result.trades;
    expect(first.pnl).toBeCloseTo(782.1, 9);
    expect(first.costs).toBeCloseTo(99 + 108.9, 9);
    expect(second.pnl).toBeCloseTo(863.3, 9);
    expect(second.costs).toBeCloseTo(106.7, 9);
    expect(result.stats.totalCosts).toBeCloseTo(99 + 108.9 + 106.7, 9);
  });

  it('buys the new leg of a short-to-long flip without borrowing', () => {
    // open = close = [100, 100, 90]; targets [-1, 1, 1]; 1% commission, whole units.
    // Bar 1 open 100: 10000 / 101 = 99.0099 -> short 99; sale 9900 less 99 commission: cash 19801.
    // Bar 2 open 90: buy back 99 x 90 = 8910, commission 89.1 -> cash 10801.9.
    //   Long: 10801.9 / (90 x 1.01) = 118.83 -> 118 units; 10620 + commission 106.2; cash 75.7.
    //   (Sizing before the exit commission would buy 119 units and leave cash at -15.2.)
    const series = dailySeries([100, 100, 90]);
    const result = runBacktest(series, targets([-1, 1, 1]), {
      ...FREE,
      commission: 0.01,
      wholeUnits: true,
      allowShort: true,
    });
    expect(Array.from(result.units)).toEqual([0, -99, 118]);
    expect(result.cash[1]).toBeCloseTo(19801, 9);
    expect(result.cash[2]).toBeCloseTo(75.7, 9);
    expect(result.trades.map((t) => t.units)).toEqual([-99, 118]);
    // Short: 99 x (100 - 90) - 99 - 89.1 = 801.9.
    expect(result.trades[0].pnl).toBeCloseTo(801.9, 9);
  });

  it('charges the fixed fee on both orders of a flip', () => {
    // open = close = [100, 100, 100]; targets [1, -1, -1]; fee 1, no other costs, whole units.
    // Bar 1: (10000 - 1) / 100 = 99.99 -> 99 units; cash 10000 - 9900 - 1 = 99.
    // Bar 2: sell 99 -> cash 9999 - 1 = 9998; short (9998 - 1) / 100 = 99.97 -> 99; cash 9998 + 9900 - 1.
    const series = dailySeries([100, 100, 100]);
    const result = runBacktest(series, targets([1, -1, -1]), {
      ...FREE,
      fixedFee: 1,
      wholeUnits: true,
      allowShort: true,
    });
    expect(Array.from(result.units)).toEqual([0, 99, -99]);
    expect(result.cash[2]).toBe(9998 + 9900 - 1);
    expect(result.stats.totalCosts).toBe(3);
  });
});

describe('flip invariants (property)', () => {
  it('a long never has negative cash; a new short is worth at most the equity after costs', () => {
    const bars = fc.array(
      fc.record({
        open: fc.double({ min: 1, max: 1000, noNaN: true }),
        close: fc.double({ min: 1, max: 1000, noNaN: true }),
        target: fc.oneof(
          fc.constantFrom(1, -1, 1, -1, 0, Number.NaN),
          fc.double({ min: -1, max: 1, noNaN: true }),
        ),
      }),
      { minLength: 2, maxLength: 60 },
    );
    const settings = fc.record({
      fill: fc.constantFrom('open' as const, 'close' as const),
      wholeUnits: fc.boolean(),
      commission: fc.double({ min: 0, max: 0.05, noNaN: true }),
      fixedFee: fc.double({ min: 0, max: 5, noNaN: true }),
      slippageBps: fc.double({ min: 0, max: 50, noNaN: true }),
    });
    fc.assert(
      fc.property(bars, settings, (rows, options) => {
        const series = createPriceSeries({
          time: weekdayTimes(rows.length),
          open: rows.map((r) => r.open),
          close: rows.map((r) => r.close),
        });
        const result = runBacktest(series, targets(rows.map((r) => r.target)), {
          ...options,
          allowShort: true,
        });
        const fillPrice = options.fill === 'open' ? series.open : series.close;
        for (let i = 1; i < rows.length; i++) {
          const units = result.units[i];
          const cash = result.cash[i];
          // Rounding only: 1e-9 of the cash that went through the order.
          const tolerance = 1e-9 * (Math.abs(cash) + Math.abs(units) * fillPrice[i]);
          if (units > 0) expect(cash).toBeGreaterThanOrEqual(-tolerance);
          if (units < 0 && units !== result.units[i - 1]) {
            const shortValue = -units * fillPrice[i];
            expect(shortValue).toBeLessThanOrEqual(cash + units * fillPrice[i] + tolerance);
          }
        }
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});

describe('a ruined account', () => {
  it('closes the position at the close where equity reaches zero and stops trading', () => {
    // open = [100, 100, 300, 300], close = [100, 100, 300, 310]; short from open[1]:
    // -100 units, cash 20000. Close 300: equity 20000 - 30000 = -10000 <= 0 -> closed at 300,
    // cash -10000. The long target decided at bar 2 is ignored afterwards.
    const series = dailySeries([100, 100, 300, 310], [100, 100, 300, 300]);
    const result = runBacktest(series, targets([-1, -1, 1, 1]), { ...FREE, allowShort: true });
    expect(Array.from(result.equity)).toEqual([10000, 10000, -10000, -10000]);
    expect(Array.from(result.units)).toEqual([0, -100, 0, 0]);
    expect(Array.from(result.returns)).toEqual([0, 0, -2, 0]);
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({
      exitBar: 2,
      exitPrice: 300,
      pnl: -20000,
      open: false,
    });
    expect(result.pending).toBeNull();
    expect(result.warnings.join(' ')).toMatch(/equity fell to -10000\.00 .* trading stopped/);
    expect(nonFiniteFields(result.stats)).toEqual([]);
  });
});

describe('always long versus buy-and-hold', () => {
  // A month of weekday bars with varied opens and closes.
  const close = [50, 51, 49.5, 52, 53.25, 52.8, 54, 55.5, 54.2, 56, 57.1, 56.3, 58, 59.4, 58.8];
  const open = [49.8, 50.6, 50.9, 50, 52.4, 53, 53.1, 54.3, 55, 54.9, 56.2, 57, 56.8, 58.6, 59];
  const series = dailySeries(close, open);
  const allLong = targets(close.map(() => 1));

  it('with same-bar close fills equals buy-and-hold less the one entry cost', () => {
    // Units = 10000 / (50 x 1.001), held to the end: equity = 10000 x (1 + buyHold) / 1.001.
    const result = runBacktest(series, allLong, { ...FREE, commission: 0.001, fill: 'close' });
    const buyHold = close[close.length - 1] / close[0] - 1;
    expect(result.stats.buyHoldReturn).toBeCloseTo(buyHold, 14);
    expect(result.stats.totalReturn).toBeCloseTo((1 + buyHold) / 1.001 - 1, 12);
    expect(result.trades).toHaveLength(1);
    expect(result.stats.totalCosts).toBeCloseTo((10000 / 1.001) * 0.001, 9);
  });

  it('with next-open fills equals holding from open[1], less the entry commission and slippage', () => {
    // Bar 1's open is 50.6; with 2 bps slippage the fill is 50.6 x 1.0002, and
    // units = 10000 / (50.6 x 1.0002 x 1.001); equity = units x close[last] = units x 58.8.
    const result = runBacktest(series, allLong, { commission: 0.001, slippageBps: 2 });
    const expected = (10000 * 58.8) / (50.6 * 1.0002 * 1.001);
    expect(result.stats.equityFinal).toBeCloseTo(expected, 8);
    expect(result.units[0]).toBe(0);
  });
});

describe('no lookahead', () => {
  /** A reproducible random walk with OHLC and mixed targets including NaN and shorts. */
  function randomCase(seed: number, n: number) {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const close: number[] = [];
    const open: number[] = [];
    let price = 100;
    const choices = [-1, -0.5, 0, 0.5, 1, Number.NaN];
    const decided: number[] = [];
    for (let i = 0; i < n; i++) {
      open.push(price * (1 + (next() - 0.5) * 0.01));
      price *= 1 + (next() - 0.5) * 0.04;
      close.push(price);
      decided.push(next() < 0.7 && i > 0 ? decided[i - 1] : choices[Math.floor(next() * 6)]);
    }
    return { close, open, targets: targets(decided), next };
  }

  for (const fill of ['open', 'close'] as const) {
    for (const wholeUnits of [false, true]) {
      it(`changing prices after bar t changes nothing up to bar t (fill ${fill}, wholeUnits ${wholeUnits})`, () => {
        const n = 80;
        const base = randomCase(7, n);
        const options = {
          fill,
          wholeUnits,
          allowShort: true,
          commission: 0.001,
          fixedFee: 1,
          slippageBps: 5,
          initialCash: 5000,
        };
        const time = weekdayTimes(n);
        const original = runBacktest(
          createPriceSeries({ time, open: base.open, close: base.close }),
          base.targets,
          options,
        );
        let changedAfterCut = 0;
        for (const cut of [0, 1, 10, 39, 78]) {
          const open = base.open.map((p, i) => (i > cut ? p * (0.5 + base.next()) : p));
          const close = base.close.map((p, i) => (i > cut ? p * (0.5 + base.next()) : p));
          const perturbed = runBacktest(
            createPriceSeries({ time, open, close }),
            base.targets,
            options,
          );
          for (const key of [
            'equity',
            'cash',
            'units',
            'position',
            'drawdown',
            'returns',
          ] as const) {
            expect(Array.from(perturbed[key].subarray(0, cut + 1)), `${key} to bar ${cut}`).toEqual(
              Array.from(original[key].subarray(0, cut + 1)),
            );
          }
          const closedBy = (trades: typeof original.trades) =>
            trades.filter((t) => !t.open && t.exitBar <= cut);
          expect(closedBy(perturbed.trades)).toEqual(closedBy(original.trades));
          if (perturbed.equity.some((e, i) => i > cut && e !== original.equity[i])) {
            changedAfterCut++;
          }
        }
        // The perturbation is real: equity after the cut does change (unless flat throughout).
        expect(changedAfterCut).toBeGreaterThanOrEqual(4);
        expect(original.trades.length).toBeGreaterThan(3);
      });
    }
  }
});

describe('invalid inputs', () => {
  const series = dailySeries([100, 101, 102]);
  const ok = targets([1, 1, 0]);
  const cases: [string, () => unknown, RegExp][] = [
    ['length mismatch', () => runBacktest(series, targets([1, 1])), /2 targets for 3 bars/],
    [
      'target above 1',
      () => runBacktest(series, targets([1, 1.5, 0])),
      /bar 1 .* is 1\.5; targets must lie in \[-1, 1\]/,
    ],
    [
      'target below -1',
      () => runBacktest(series, targets([-2, 0, 0]), { allowShort: true }),
      /is -2; targets must lie/,
    ],
    ['infinite target', () => runBacktest(series, targets([0, Infinity, 0])), /is Infinity/],
    [
      'short without allowShort',
      () => runBacktest(series, targets([0, -0.5, 0])),
      /-0\.5, a short position, but allowShort is off/,
    ],
    [
      'negative commission',
      () => runBacktest(series, ok, { commission: -0.001 }),
      /commission must be a number at least 0 and below 1, got -0\.001/,
    ],
    ['negative fee', () => runBacktest(series, ok, { fixedFee: -1 }), /fixedFee must be/],
    ['negative slippage', () => runBacktest(series, ok, { slippageBps: -2 }), /slippageBps must/],
    ['NaN commission', () => runBacktest(series, ok, { commission: Number.NaN }), /commission/],
    ['zero cash', () => runBacktest(series, ok, { initialCash: 0 }), /initialCash must be/],
    [
      'bad fill',
      () => runBacktest(series, ok, { fill: 'mid' as 'open' }),
      /fill must be one of "open", "close", got 'mid'/,
    ],
    [
      'bad periodsPerYear',
      () => runBacktest(series, ok, { periodsPerYear: 0 }),
      /periodsPerYear must be a number above 0, got 0/,
    ],
    [
      'NaN close',
      () => runBacktest(dailySeries([100, Number.NaN, 102], [100, 101, 102]), ok),
      /close price of SYNTH at bar 1 \(2024-01-02\) is NaN/,
    ],
    [
      'infinite open',
      () => runBacktest(dailySeries([100, 101, 102], [100, 101, Infinity]), ok),
      /open price .* bar 2 .* is Infinity/,
    ],
    ['zero price', () => runBacktest(dailySeries([100, 0, 102]), ok), /finite and > 0/],
    [
      'times out of order',
      () =>
        runBacktest(
          createPriceSeries({
            time: [3 * 86_400_000, 86_400_000, 5 * 86_400_000],
            close: [1, 1, 1],
          }),
          ok,
        ),
      /Bar 1 .* times must be finite and increase/,
    ],
    [
      'no bars',
      () => runBacktest(createPriceSeries({ time: [], close: [] }), targets([])),
      /has no bars/,
    ],
  ];
  for (const [name, run, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    });
  }
});

describe('account invariants (property)', () => {
  it('equity = cash + units x close, trade pnl sums to the equity change, costs add up, no NaN', () => {
    const bars = fc.array(
      fc.record({
        open: fc.double({ min: 1, max: 1000, noNaN: true }),
        close: fc.double({ min: 1, max: 1000, noNaN: true }),
        target: fc.oneof(
          fc.constantFrom(Number.NaN, 0, 1, -1),
          fc.double({ min: -1, max: 1, noNaN: true }),
        ),
      }),
      { minLength: 1, maxLength: 40 },
    );
    const settings = fc.record({
      fill: fc.constantFrom('open' as const, 'close' as const),
      wholeUnits: fc.boolean(),
      commission: fc.double({ min: 0, max: 0.01, noNaN: true }),
      fixedFee: fc.double({ min: 0, max: 5, noNaN: true }),
      slippageBps: fc.double({ min: 0, max: 50, noNaN: true }),
    });
    fc.assert(
      fc.property(bars, settings, (rows, options) => {
        const series = createPriceSeries({
          time: weekdayTimes(rows.length),
          open: rows.map((r) => r.open),
          close: rows.map((r) => r.close),
        });
        const result = runBacktest(series, targets(rows.map((r) => r.target)), {
          ...options,
          allowShort: true,
        });
        const n = rows.length;
        for (let i = 0; i < n; i++) {
          const marked = result.cash[i] + result.units[i] * series.close[i];
          expect(Math.abs(result.equity[i] - marked)).toBeLessThan(1e-6 * Math.abs(marked) + 1e-6);
          expect(result.drawdown[i]).toBeLessThanOrEqual(0);
        }
        const pnl = result.trades.reduce((sum, t) => sum + t.pnl, 0);
        const change = result.stats.equityFinal - 10_000;
        expect(Math.abs(pnl - change)).toBeLessThan(1e-6 * 10_000);
        const costs = result.trades.reduce((sum, t) => sum + t.costs, 0);
        expect(Math.abs(costs - result.stats.totalCosts)).toBeLessThan(1e-6 * 10_000);
        expect(nonFiniteFields(result.stats)).toEqual([]);
        for (const trade of result.trades) expect(nonFiniteFields(trade)).toEqual([]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('per-bar columns derived on first read', () => {
  // Closes rise then fall; long from bar 0's decision, half at bar 3, flat at bar 5.
  const closes = [100, 102, 101, 105, 103, 99, 98, 100];
  const series = dailySeries(closes);
  const result = runBacktest(series, targets([1, 1, 1, 0.5, 0.5, 0, 0, 0]), FREE);

  it('agree with the definitions, recomputed here from equity, units and closes', () => {
    let peak = 10_000;
    for (let i = 0; i < closes.length; i++) {
      const equity = result.equity[i];
      peak = Math.max(peak, equity);
      expect(result.drawdown[i]).toBe(equity / peak - 1);
      expect(result.returns[i]).toBe(i === 0 ? 0 : equity / result.equity[i - 1] - 1);
      const held = result.units[i] * closes[i];
      expect(result.position[i]).toBe(result.units[i] === 0 ? 0 : held / equity);
      expect(result.cash[i] + held).toBeCloseTo(equity, 9);
    }
    // Units change only at the fills: bar 1 (buy), bar 4 (sell half), bar 6 (sell the rest).
    expect(Array.from(result.units, (u) => u > 0)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(result.units[4]).toBeCloseTo(result.units[1] / 2, 6);
  });

  it('are computed once and kept, and a copy of the result carries them', () => {
    expect(result.drawdown).toBe(result.drawdown);
    expect(result.units).toBe(result.units);
    const copy = structuredClone(result);
    expect(copy.returns).toEqual(result.returns);
    expect(copy.cash).toEqual(result.cash);
  });

  it('streamed statistics equal those of the stored columns', () => {
    const drawdowns = Array.from(result.drawdown);
    expect(result.stats.maxDrawdown).toBe(Math.min(0, ...drawdowns));
    expect(result.stats.exposureTime).toBe(
      Array.from(result.units).filter((u) => u !== 0).length / closes.length,
    );
    expect(result.stats.equityPeak).toBe(Math.max(10_000, ...result.equity));
  });
});
