/**
 * The built-in strategies, each a `Strategy` you can run, backtest, compare or use as a baseline.
 * @module nn-timing/strategies
 */
import type { Strategy } from '../src/strategy-contract/index.js';
import { buyAndHold } from './buy-and-hold.js';
import { macdCross } from './macd-cross.js';
import { nnTiming } from './nn-timing.js';
import { random } from './random.js';
import { rsiReversion } from './rsi-reversion.js';
import { smaCross } from './sma-cross.js';

export type { MacdCrossParams } from './macd-cross.js';
export { type NnTimingParams, nnTimingConfig } from './nn-timing.js';
export type { RandomParams } from './random.js';
export type { RsiReversionParams } from './rsi-reversion.js';
export type { SmaCrossParams } from './sma-cross.js';
export { buyAndHold, macdCross, nnTiming, random, rsiReversion, smaCross };

/** The built-in strategies by their CLI name. */
export const builtinStrategies: Record<string, Strategy> = Object.fromEntries(
  [buyAndHold, smaCross, rsiReversion, macdCross, random, nnTiming].map((strategy) => [
    strategy.name,
    strategy as unknown as Strategy,
  ]),
);
