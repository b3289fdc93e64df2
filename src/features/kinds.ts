/**
 * Each feature kind turned into scale-free per-bar columns (one value per bar, NaN before the
 * kind's warm-up): returns and ratios to price instead of prices, oscillators divided down to
 * about [0, 1]. The column order matches `defColumns`.
 */
import type { PriceSeries } from '../data/index.js';
import {
  adx,
  atr,
  averageGainLoss,
  bollinger,
  cci,
  ema,
  macd,
  mfi,
  obv,
  roc,
  sma,
  stochastic,
  williamsR,
} from '../indicators/index.js';
import { defWarmup } from './spec.js';
import type { FeatureDef } from './types.js';

/** Bollinger band width (as a fraction of price) below which the window counts as flat. */
const FLAT_BAND = 1e-9;

type Column = Float64Array;

function blank(bars: number): Column {
  return new Float64Array(bars).fill(Number.NaN);
}

/** Applies `f(bar)` from `first` on, leaving earlier bars NaN. */
function fill(bars: number, first: number, f: (bar: number) => number): Column {
  const out = blank(bars);
  for (let bar = first; bar < bars; bar++) out[bar] = f(bar);
  return out;
}

function returns(close: Column, lag: number, log: boolean): Column {
  return fill(close.length, lag, (bar) =>
    log ? Math.log(close[bar] / close[bar - lag]) : close[bar] / close[bar - lag] - 1,
  );
}

/** Sample standard deviation of the last `period` one-bar log returns. */
function volatility(close: Column, period: number): Column {
  const bars = close.length;
  const logReturn = returns(close, 1, true);
  const out = blank(bars);
  for (let bar = period; bar < bars; bar++) {
    let sum = 0;
    for (let i = bar - period + 1; i <= bar; i++) sum += logReturn[i];
    const mean = sum / period;
    let squares = 0;
    for (let i = bar - period + 1; i <= bar; i++) {
      squares += (logReturn[i] - mean) * (logReturn[i] - mean);
    }
    out[bar] = Math.sqrt(squares / (period - 1));
  }
  return out;
}

/** Net signed volume over the window as a fraction of all volume traded in it, in [-1, 1]. */
function obvChange(close: Column, volume: Column, period: number): Column {
  const balance = obv(close, volume);
  return fill(close.length, period, (bar) => {
    // OBV moved by the signed volume of bars bar-period+1..bar; this is their total.
    let traded = 0;
    for (let i = bar - period + 1; i <= bar; i++) traded += volume[i];
    return traded > 0 ? (balance[bar] - balance[bar - period]) / traded : 0;
  });
}

/** Per-bar columns of one (validated) feature entry, in `defColumns` order. */
export function computeKind(series: PriceSeries, def: FeatureDef): Column[] {
  const { high, low, close, volume } = series;
  const bars = close.length;
  // The spec's declared warm-up is the one source of truth for where a column starts.
  const first = defWarmup(def);
  switch (def.kind) {
    case 'returns':
      return def.lags.map((lag) => returns(close, lag, false));
    case 'logReturns':
      return def.lags.map((lag) => returns(close, lag, true));
    case 'sign':
      // The direction alone: a rule that depends on whether price rose, not by how much, is a
      // step in this input instead of a threshold the network must find on a fat-tailed one.
      return def.lags.map((lag) =>
        fill(bars, first, (bar) => Math.sign(close[bar] - close[bar - lag])),
      );
    case 'smaRatio': {
      const average = sma(close, def.period);
      return [fill(bars, first, (bar) => close[bar] / average[bar] - 1)];
    }
    case 'emaRatio': {
      const average = ema(close, def.period);
      return [fill(bars, first, (bar) => close[bar] / average[bar] - 1)];
    }
    case 'rsi': {
      // RSI / 100 = gain / (gain + loss); 0.5 when nothing moved (the library would say 100).
      const { gain, loss } = averageGainLoss(close, def.period);
      return [
        fill(bars, first, (bar) => {
          const moved = gain[bar] + loss[bar];
          return moved > 0 ? gain[bar] / moved : 0.5;
        }),
      ];
    }
    case 'macd': {
      const m = macd(close, def.fast, def.slow, def.signal);
      return [
        fill(bars, first, (bar) => m.line[bar] / close[bar]),
        fill(bars, first, (bar) => m.signal[bar] / close[bar]),
        fill(bars, first, (bar) => m.histogram[bar] / close[bar]),
      ];
    }
    case 'bbands': {
      const bands = bollinger(close, def.period, def.stdDev);
      // In a flat window the bands differ by rounding noise only: width 0, %B neutral.
      const width = fill(bars, first, (bar) => {
        const relative = (bands.upper[bar] - bands.lower[bar]) / bands.middle[bar];
        return relative > FLAT_BAND ? relative : 0;
      });
      const pctB = fill(bars, first, (bar) => (width[bar] > 0 ? bands.pctB[bar] : 0.5));
      return [pctB, width];
    }
    case 'atr': {
      const range = atr(high, low, close, def.period);
      return [fill(bars, first, (bar) => range[bar] / close[bar])];
    }
    case 'stochastic': {
      const { k, d } = stochastic(high, low, close, def.period, def.signal);
      return [fill(bars, first, (bar) => k[bar] / 100), fill(bars, first, (bar) => d[bar] / 100)];
    }
    case 'williamsR': {
      // %R in [-100, 0] -> [0, 1]: 0 at the window's low, 1 at its high. A flat window gives
      // 0/0 (or x/0 when a bad bar's close lies outside its range): neutral 0.5.
      const r = williamsR(high, low, close, def.period);
      return [fill(bars, first, (bar) => (Number.isFinite(r[bar]) ? 1 + r[bar] / 100 : 0.5))];
    }
    case 'roc': {
      const change = roc(close, def.period);
      return [fill(bars, first, (bar) => change[bar] / 100)];
    }
    case 'cci': {
      const c = cci(high, low, close, def.period);
      return [fill(bars, first, (bar) => c[bar] / 100)];
    }
    case 'adx': {
      const a = adx(high, low, close, def.period);
      return [
        fill(bars, first, (bar) => a.adx[bar] / 100),
        fill(bars, first, (bar) => (a.plusDI[bar] - a.minusDI[bar]) / 100),
      ];
    }
    case 'mfi': {
      const flow = mfi(high, low, close, volume, def.period);
      return [fill(bars, first, (bar) => flow[bar] / 100)];
    }
    case 'obvChange':
      return [obvChange(close, volume, def.period)];
    case 'volatility':
      return [volatility(close, def.period)];
    case 'volumeRatio': {
      const average = sma(volume, def.period);
      return [fill(bars, first, (bar) => (average[bar] > 0 ? volume[bar] / average[bar] : 1))];
    }
  }
}
