/**
 * The pipeline on the shipped price files (read with a throwaway parser, independent of the
 * loader): every emitted value finite, and no lookahead on real prices.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPriceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';
import { INDICATOR_FEATURE_SPEC } from '../../src/features/default-spec.js';
import { makeLabels } from '../../src/features/labels.js';
import { findLookahead } from '../../src/features/lookahead.js';
import { buildFeatures, featuresPerBar } from '../../src/features/matrix.js';
import { EVERY_KIND } from './helpers.js';

const DATA = new URL('../../data/', import.meta.url);

/** GOOG: `,Open,High,Low,Close,Volume` with a date in the first cell. */
function readDaily(file: string): PriceSeries {
  const rows = readFileSync(new URL(file, DATA), 'utf8').trim().split('\n').slice(1);
  const cells = rows.map((row) => row.split(','));
  const number = (i: number) => cells.map((c) => Number(c[i]));
  return createPriceSeries(
    {
      time: cells.map((c) => Date.parse(`${c[0]}T00:00:00Z`)),
      open: number(1),
      high: number(2),
      low: number(3),
      close: number(4),
      volume: number(5),
    },
    file,
    { source: `data/${file}` },
  );
}

/** The 1-minute futures file: date and time in two fields, then OHLC, volume, open interest. */
function readMinutes(file: string): PriceSeries {
  const rows = readFileSync(new URL(file, DATA), 'utf8').trim().split('\n').slice(1);
  const cells = rows.map((row) => row.split(','));
  const number = (i: number) => cells.map((c) => Number(c[i]));
  return createPriceSeries(
    {
      time: cells.map((c) => Date.parse(`${c[0]}T${c[1]}Z`)),
      open: number(2),
      high: number(3),
      low: number(4),
      close: number(5),
      volume: number(6),
    },
    file,
    { source: `data/${file}` },
  );
}

describe('shipped data', () => {
  const goog = readDaily('goog-2004-2013.csv');
  const futures = readMinutes('fut-m1-2006-01-2006-02.csv');

  it('GOOG daily: indicator features for every bar after the warm-up, all finite', () => {
    expect(goog.close).toHaveLength(2148);
    const matrix = buildFeatures(goog, INDICATOR_FEATURE_SPEC);
    expect(matrix.rows).toBe(2148 - 49);
    expect(new Date(matrix.time[0]).toISOString()).toBe(new Date(goog.time[49]).toISOString());
    expect(matrix.values.every(Number.isFinite)).toBe(true);
  });

  it('1-minute futures (flat minutes, 21 in a row): every kind finite', () => {
    expect(futures.close).toHaveLength(30889);
    const matrix = buildFeatures(futures, EVERY_KIND);
    expect(matrix.values.every(Number.isFinite)).toBe(true);
  });

  it('no lookahead on real prices, features and labels', async () => {
    const features = await findLookahead(goog, (s) => featuresPerBar(s, EVERY_KIND), {
      cuts: 8,
      seed: 3,
    });
    expect(features.ok).toBe(true);
    const labels = await findLookahead(
      futures,
      (s) => ({ label: makeLabels(s, { kind: 'direction', horizon: 5 }).values }),
      { cuts: 8, seed: 3, allowAhead: 6 },
    );
    expect(labels.ok).toBe(true);
  });
});
