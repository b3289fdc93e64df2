import type { PriceSeries } from '../data/index.js';
import { sliceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { PythonRandom } from '../random/index.js';
import type { LookaheadOptions, LookaheadReport, LookaheadViolation, PerBar } from './types.js';

/** Violations listed in a report; the count covers all of them. */
const MAX_LISTED = 20;

/**
 * A copy of the series whose bars after `cut` are replaced by a random but valid future in
 * which every close-to-close move goes the opposite way of the real one (by a random 0.5% to
 * 4%; a real move of zero gets a random direction). Reversing the moves, rather than drawing
 * them blind, changes every decision that hinges on where the price goes next, so a strategy
 * that peeks at the next bar is caught at every cut that lands on a bar where it peeks, not
 * at half of them. Each bar: open between the previous close and the new close, high >=
 * max(open, close), low <= min(open, close), volume > 0. Fields the source lacked stay as the
 * loader fills them (copies of close, volume 0), so the copy is the kind of series the
 * original is. Bars <= cut are untouched. With `end`, the copy stops before bar `end`.
 */
export function perturbFuture(
  series: PriceSeries,
  cut: number,
  rng: PythonRandom,
  end = series.close.length,
): PriceSeries {
  if (!Number.isInteger(end) || end < 1 || end > series.close.length) {
    throw new RangeError(`end must be a bar count in [1, ${series.close.length}], got ${end}`);
  }
  const bars = end;
  if (!Number.isInteger(cut) || cut < 0 || cut >= bars) {
    throw new RangeError(`cut must be a bar index in [0, ${bars - 1}], got ${cut}`);
  }
  const copy = sliceSeries(series, 0, end);
  const has = new Set(series.meta.fields);
  const last = series.close[cut];
  let price = Number.isFinite(last) && last > 0 ? last : 1;
  const volumeLevel = series.volume[cut] > 0 ? series.volume[cut] : 1000;
  for (let bar = cut + 1; bar < bars; bar++) {
    // Every draw happens whatever the fields, so the stream does not depend on them.
    const coin = rng.random();
    const size = rng.uniform(0.005, 0.04);
    const realMove = series.close[bar] - series.close[bar - 1];
    const up = realMove < 0 || (!(realMove > 0) && coin < 0.5);
    const move = up ? size : -size;
    const open = price * Math.exp(move * rng.uniform(0, 0.5));
    const close = price * Math.exp(move);
    const high = Math.max(open, close) * (1 + rng.uniform(0, 0.02));
    const low = Math.min(open, close) * (1 - rng.uniform(0, 0.02));
    const volume = volumeLevel * rng.uniform(0.2, 3);
    copy.close[bar] = close;
    copy.open[bar] = has.has('open') ? open : close;
    copy.high[bar] = has.has('high') ? high : close;
    copy.low[bar] = has.has('low') ? low : close;
    copy.volume[bar] = has.has('volume') ? volume : 0;
    price = close;
  }
  return copy;
}

/**
 * `count` cut points in [minCut, minCut + span - 1]: the range is split into `count` equal
 * strata and one bar is drawn at random in each (every bar when span <= count). If a share f
 * of the bars peek, the chance that no cut lands on one is at most (1 - f)^count (one draw
 * per stratum is never worse than independent uniform draws), and a peeker confined to one
 * part of the series is met by the cuts of that part.
 */
export function stratifiedCuts(
  minCut: number,
  span: number,
  count: number,
  rng: PythonRandom,
): number[] {
  if (span <= count) return Array.from({ length: span }, (_, i) => minCut + i);
  const cuts: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * span) / count);
    const to = Math.floor(((i + 1) * span) / count);
    cuts.push(minCut + from + rng.int(to - from));
  }
  return cuts;
}

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InputError(`findLookahead: ${name} must be a whole number >= ${min}, got ${value}.`);
  }
  return value;
}

function checkColumns(columns: PerBar, bars: number, which: string): void {
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== bars) {
      throw new InputError(
        `findLookahead: column ${name} of the ${which} run has ${values.length} values for ${bars} bars.`,
      );
    }
  }
}

/**
 * Looks for lookahead in `compute`: for random cut points t (see `stratifiedCuts`), replaces every bar after t with a
 * random future and checks that every column is bit-identical (NaN equal to NaN) at all bars
 * <= t - allowAhead. A column that reads ahead by design (a label) passes its reach as
 * `allowAhead`. With `horizon`, the perturbed series ends `horizon` bars after the cut, which
 * makes each run cheaper: a decision at t may depend neither on the bars after t nor on how many
 * there are. Deterministic for a given seed.
 */
export async function findLookahead(
  series: PriceSeries,
  compute: (s: PriceSeries) => PerBar | Promise<PerBar>,
  options: LookaheadOptions = {},
): Promise<LookaheadReport> {
  const cutCount = wholeNumber('cuts', options.cuts ?? 20, 1);
  const seed = wholeNumber('seed', options.seed ?? 1, 0);
  const minCut = wholeNumber('minCut', options.minCut ?? 0, 0);
  const allowAhead = wholeNumber('allowAhead', options.allowAhead ?? 0, 0);
  const horizon =
    options.horizon === undefined ? undefined : wholeNumber('horizon', options.horizon, 1);
  const bars = series.close.length;
  // A cut needs at least one bar after it to replace.
  const span = bars - 1 - minCut;
  if (span < 1) {
    throw new InputError(
      `findLookahead needs bars after minCut ${minCut} to perturb; the series has ${bars}.`,
    );
  }
  const rng = new PythonRandom(seed);
  const cuts = stratifiedCuts(minCut, span, cutCount, rng);

  const original = options.original ?? (await compute(series));
  checkColumns(original, bars, 'original');
  const violations: LookaheadViolation[] = [];
  let violationCount = 0;
  let firstBar: number | null = null;
  for (const cut of cuts) {
    const end = horizon === undefined ? bars : Math.min(bars, cut + 1 + horizon);
    const perturbed = await compute(perturbFuture(series, cut, rng, end));
    checkColumns(perturbed, end, 'perturbed');
    for (const [column, before] of Object.entries(original)) {
      const after = perturbed[column];
      if (after === undefined) {
        throw new InputError(`findLookahead: column ${column} is missing from the perturbed run.`);
      }
      for (let bar = 0; bar <= cut - allowAhead; bar++) {
        if (Object.is(before[bar], after[bar])) continue;
        violationCount++;
        if (firstBar === null || bar < firstBar) firstBar = bar;
        if (violations.length < MAX_LISTED) {
          violations.push({ cut, bar, column, original: before[bar], perturbed: after[bar] });
        }
      }
    }
  }
  return { ok: violationCount === 0, cuts, violations, violationCount, firstBar };
}
