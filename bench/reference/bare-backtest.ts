/**
 * The yardstick for the backtest engine: the least a per-bar backtest must do. Targets decided at
 * a close fill at the next open with slippage and commission, sized as the engine sizes them
 * (units = target x equity / (price x (1 + slippage) x (1 + commission))); equity and drawdown are
 * written for every bar. No validation, trades list, costs breakdown or statistics. On long-only
 * targets it reaches the engine's final equity bit for bit.
 */
export function bareBacktest(
  open: Float64Array,
  close: Float64Array,
  targets: Float64Array,
  commission: number,
  slippage: number,
  initialCash: number,
): { equity: Float64Array; drawdown: Float64Array; maxDrawdown: number } {
  const n = close.length;
  const equity = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let cash = initialCash;
  let units = 0;
  let held = 0;
  let peak = initialCash;
  let maxDrawdown = 0;
  for (let i = 0; i < n; i++) {
    const decided = i > 0 ? targets[i - 1] : Number.NaN;
    const target = Number.isNaN(decided) ? 0 : decided;
    if (target !== held) {
      const price = open[i];
      const next = (target * (cash + units * price)) / (price * (1 + slippage) * (1 + commission));
      const delta = next - units;
      const fill = delta > 0 ? price * (1 + slippage) : price * (1 - slippage);
      cash -= delta * fill + Math.abs(delta) * fill * commission;
      units = next;
      held = target;
    }
    const value = cash + units * close[i];
    equity[i] = value;
    if (value > peak) peak = value;
    const dd = value / peak - 1;
    drawdown[i] = dd;
    if (dd < maxDrawdown) maxDrawdown = dd;
  }
  return { equity, drawdown, maxDrawdown };
}
