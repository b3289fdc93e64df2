/**
 * Technical indicators, one value per bar on `Float64Array`s, NaN before each is defined. The
 * features the network learns from and the built-in strategies use these same functions, and so
 * can your own strategies (`import { sma, rsi } from 'nn-timing'`). Each value at bar t is
 * computed from bars <= t only.
 */
export {
  adx,
  type Bollinger,
  bollinger,
  cci,
  ema,
  macd,
  mfi,
  rollingMax,
  rollingMin,
  sma,
  stochastic,
} from './direct.js';
export { atr, averageGainLoss, obv, roc, rsi, williamsR } from './library.js';
