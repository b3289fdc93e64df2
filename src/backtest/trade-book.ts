import type { TradeFigures } from './stats.js';
import type { Trade } from './types.js';

/** Orders worth at most this fraction of equity are skipped. */
const DUST = 1e-9;

export interface CostModel {
  /** Fraction of traded value. */
  commission: number;
  /** Per order, account currency. */
  fixedFee: number;
  /** Fraction of price, against the trader. */
  slippage: number;
  wholeUnits: boolean;
}

/**
 * The account: cash, units held, the costs paid and the trades list. Orders happen rarely
 * (only when the target changes), so this is off the per-bar hot path.
 *
 * A trade keeps volume-weighted sums of the fills that opened or enlarged it (entry) and of the
 * fills that shrank or closed it (exit). Once closed, bought and sold units balance, so
 * side x (exit value - entry value) is exactly its cash result before commission and fees.
 */
export class TradeBook {
  cash: number;
  units = 0;
  /** Sum over fills of |units| x fill price. */
  tradedValue = 0;
  /** Commission + fixed fees + slippage, account currency. */
  totalCosts = 0;
  /** Orders with a non-zero target that could not buy one whole unit. */
  unfilledOrders = 0;
  /** Bar at whose close the account was ruined and closed out, or -1. */
  liquidatedAt = -1;
  readonly log = new TradeLog();
  /** Cash and units after every order (and after closing a ruined account), by bar. */
  readonly orders = new OrderLog();

  private side = 0;
  private entryBar = 0;
  private peakUnits = 0;
  private entryUnits = 0;
  private entryValue = 0;
  private exitUnits = 0;
  private exitValue = 0;
  /** Commission and fees charged to the open trade (they reduce its pnl). */
  private charged = 0;
  /** Charged + slippage (reported). */
  private costs = 0;

  constructor(
    initialCash: number,
    private readonly model: CostModel,
  ) {
    this.cash = initialCash;
  }

  /**
   * Moves the position to `target` x equity at bar `bar`, where `price` is the bar's raw
   * open or close. Units = target x (equity - fixedFee) / (price x (1 + slippage) x (1 + commission)),
   * so a target of 1 from flat spends exactly the cash; whole units truncate toward zero.
   * A flip is two orders: the old leg is closed and pays its costs first, and the new leg is
   * sized from the cash that is left, so a long never borrows and a short is never worth more
   * than the equity after costs.
   */
  rebalance(bar: number, price: number, target: number): void {
    if (this.units * target < 0) this.fill(bar, price, 0, this.cash + this.units * price);
    const { commission, fixedFee, slippage, wholeUnits } = this.model;
    const equity = this.cash + this.units * price;
    const capital = Math.max(equity - fixedFee, 0);
    let next = (target * capital) / (price * (1 + slippage) * (1 + commission));
    if (wholeUnits) {
      next = Math.trunc(next);
      if (next === 0 && target !== 0) this.unfilledOrders++;
    }
    // Dust (a target like 1e-300) means flat; a dust-sized resize is not an order.
    if (Math.abs(next) * price <= DUST * Math.abs(equity)) next = 0;
    this.fill(bar, price, next, equity);
  }

  /** One order from the current units to `next` units at `price`, against the trader. */
  private fill(bar: number, price: number, next: number, equity: number): void {
    const { commission, fixedFee, slippage } = this.model;
    const delta = next - this.units;
    if (delta === 0) return;
    const fillPrice = delta > 0 ? price * (1 + slippage) : price * (1 - slippage);
    const traded = Math.abs(delta);
    const value = traded * fillPrice;
    if (next !== 0 && value <= DUST * Math.abs(equity)) return;
    const commissionPaid = value * commission;
    const charged = commissionPaid + fixedFee;
    const costs = charged + traded * price * slippage;
    this.cash -= delta * fillPrice + charged;
    this.tradedValue += value;
    this.totalCosts += costs;
    this.record(bar, next, fillPrice, charged, costs);
    this.units = next;
    this.orders.add(bar, this.cash, next);
  }

  /** Closes the position at `price` with no costs (equity fell to zero or below). */
  liquidate(bar: number, price: number): void {
    this.liquidatedAt = bar;
    if (this.units !== 0) {
      this.cash += this.units * price;
      this.addExit(Math.abs(this.units), price, 0, 0);
      this.closeTrade(bar, false);
      this.units = 0;
    }
    this.orders.add(bar, this.cash, 0);
  }

  /** Marks a trade still open on the last bar to that bar's close (no exit costs). */
  markOpenTrade(lastBar: number, close: number): void {
    if (this.units === 0) return;
    this.addExit(Math.abs(this.units), close, 0, 0);
    this.closeTrade(lastBar, true);
  }

  private record(bar: number, next: number, fillPrice: number, charged: number, costs: number) {
    const previous = this.units;
    if (previous === 0) {
      this.openTrade(bar, next, fillPrice, charged, costs);
    } else if (next === 0) {
      this.addExit(Math.abs(previous), fillPrice, charged, costs);
      this.closeTrade(bar, false);
    } else {
      // Same side (rebalance closes the old leg of a flip before it sizes the new one).
      const traded = Math.abs(next - previous);
      if (Math.abs(next) > Math.abs(previous)) this.addEntry(traded, fillPrice, charged, costs);
      else this.addExit(traded, fillPrice, charged, costs);
      this.peakUnits = Math.max(this.peakUnits, Math.abs(next));
    }
  }

  private openTrade(bar: number, units: number, fillPrice: number, charged: number, costs: number) {
    this.side = Math.sign(units);
    this.entryBar = bar;
    this.peakUnits = Math.abs(units);
    this.entryUnits = 0;
    this.entryValue = 0;
    this.exitUnits = 0;
    this.exitValue = 0;
    this.charged = 0;
    this.costs = 0;
    this.addEntry(Math.abs(units), fillPrice, charged, costs);
  }

  private addEntry(units: number, price: number, charged: number, costs: number) {
    this.entryUnits += units;
    this.entryValue += units * price;
    this.charged += charged;
    this.costs += costs;
  }

  private addExit(units: number, price: number, charged: number, costs: number) {
    this.exitUnits += units;
    this.exitValue += units * price;
    this.charged += charged;
    this.costs += costs;
  }

  private closeTrade(bar: number, open: boolean) {
    const pnl = this.side * (this.exitValue - this.entryValue) - this.charged;
    this.log.add(
      this.side * this.peakUnits,
      this.entryBar,
      bar,
      this.entryValue / this.entryUnits,
      this.exitValue / this.exitUnits,
      pnl,
      pnl / this.entryValue,
      // Bars whose close saw the position: an open trade also holds at the last close.
      bar - this.entryBar + (open ? 1 : 0),
      this.costs,
    );
    if (open) this.log.lastOpen = true;
  }
}

/**
 * Fixed-width rows of numbers in one Float64Array that doubles when full, so recording an order or
 * a trade allocates nothing: an object (or a column push) per record made recording the engine's
 * largest cost after the bar loop itself.
 */
class Rows {
  data: Float64Array;
  count = 0;

  constructor(readonly width: number) {
    this.data = new Float64Array(width * 1024);
  }

  /** The offset of a new row at the end. */
  append(): number {
    const at = this.count++ * this.width;
    if (at === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    return at;
  }

  /** Field `field` of every row, as a column. */
  column(field: number): Float64Array {
    const { data, width, count } = this;
    const column = new Float64Array(count);
    for (let k = 0; k < count; k++) column[k] = data[k * width + field];
    return column;
  }
}

/** Cash and units after each order, with the bar it filled at (a flip fills twice at one bar). */
export class OrderLog {
  private readonly rows = new Rows(3);

  get count(): number {
    return this.rows.count;
  }

  add(bar: number, cash: number, units: number): void {
    const at = this.rows.append();
    const data = this.rows.data;
    data[at] = bar;
    data[at + 1] = cash;
    data[at + 2] = units;
  }

  bars(): Float64Array {
    return this.rows.column(0);
  }

  /** Bars with a position at the close, out of `n`. */
  barsHeld(n: number): number {
    const { data, count } = this.rows;
    let held = 0;
    for (let k = 0; k < count; k++) {
      if (data[3 * k + 2] !== 0) held += (k + 1 < count ? data[3 * (k + 1)] : n) - data[3 * k];
    }
    return held;
  }

  cash(): Float64Array {
    return this.rows.column(1);
  }

  units(): Float64Array {
    return this.rows.column(2);
  }
}

/** The fields of a trade row in TradeLog. */
const UNITS = 0;
const ENTRY_BAR = 1;
const EXIT_BAR = 2;
const ENTRY_PRICE = 3;
const EXIT_PRICE = 4;
const PNL = 5;
const RETURN_PCT = 6;
const BARS_HELD = 7;
const COSTS = 8;

/** Closed trades as rows of numbers; `toTrades` builds the `Trade` objects when someone reads them. */
export class TradeLog {
  /** Whether the last trade was still open on the last bar. */
  lastOpen = false;
  private readonly rows = new Rows(9);

  get count(): number {
    return this.rows.count;
  }

  add(
    units: number,
    entryBar: number,
    exitBar: number,
    entryPrice: number,
    exitPrice: number,
    pnl: number,
    returnPct: number,
    barsHeld: number,
    costs: number,
  ): void {
    const at = this.rows.append();
    const data = this.rows.data;
    data[at + UNITS] = units;
    data[at + ENTRY_BAR] = entryBar;
    data[at + EXIT_BAR] = exitBar;
    data[at + ENTRY_PRICE] = entryPrice;
    data[at + EXIT_PRICE] = exitPrice;
    data[at + PNL] = pnl;
    data[at + RETURN_PCT] = returnPct;
    data[at + BARS_HELD] = barsHeld;
    data[at + COSTS] = costs;
  }

  /** What the trade statistics read. */
  figures(): TradeFigures {
    return {
      count: this.count,
      pnl: this.rows.column(PNL),
      returnPct: this.rows.column(RETURN_PCT),
      barsHeld: this.rows.column(BARS_HELD),
    };
  }

  /** The trades as objects, in the order they closed. */
  toTrades(time: Float64Array): Trade[] {
    const { data, width, count } = this.rows;
    const trades: Trade[] = new Array(count);
    for (let k = 0; k < count; k++) {
      const at = k * width;
      const entryBar = data[at + ENTRY_BAR];
      const exitBar = data[at + EXIT_BAR];
      trades[k] = {
        units: data[at + UNITS],
        entryBar,
        exitBar,
        entryTime: time[entryBar],
        exitTime: time[exitBar],
        entryPrice: data[at + ENTRY_PRICE],
        exitPrice: data[at + EXIT_PRICE],
        pnl: data[at + PNL],
        returnPct: data[at + RETURN_PCT],
        barsHeld: data[at + BARS_HELD],
        costs: data[at + COSTS],
        open: this.lastOpen && k === count - 1,
      };
    }
    return trades;
  }
}
