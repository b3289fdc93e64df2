import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvBytes } from '../../src/io/csv-bytes.js';

/** One writer for the single-field cases: its buffer is a megabyte. */
const shared = new CsvBytes();

/** What the writer gathered, as text. */
function written(write: (out: CsvBytes) => void): string {
  write(shared);
  return Buffer.from(shared.take()).toString('latin1');
}

/** The reference: the shortest round-trip text of the language itself, empty for NaN and infinities. */
function reference(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

describe('CsvBytes.number writes exactly what String() writes', () => {
  it('edge values: zeros, signs, limits of each path, tiny, huge, NaN and infinities', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      0.1,
      -0.1,
      0.1 + 0.2,
      1.005,
      99.75,
      -99.75,
      0.0001,
      0.00015,
      1e-6,
      1e-7,
      -1e-7,
      123456.7891,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 31 + 0.5,
      2 ** 33 - 0.25,
      2 ** 33 + 0.25,
      2 ** 53 - 1,
      2 ** 53,
      -(2 ** 53) + 1,
      1e15,
      1e20,
      1e21,
      -1e21,
      1.7976931348623157e308,
      5e-324,
      -5e-324,
      Number.EPSILON,
      1 - Number.EPSILON / 2,
      9.999999999999999e22,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    for (const value of values) {
      expect(
        written((out) => out.number(value)),
        String(value),
      ).toBe(reference(value));
    }
  });

  it('any double', () => {
    fc.assert(
      fc.property(fc.double(), (value) => written((out) => out.number(value)) === reference(value)),
      { numRuns: 20_000 },
    );
  });

  it('prices and fractions with up to six decimals, and whole numbers', () => {
    const decimals = fc
      .tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, d]) => units / 10 ** d);
    fc.assert(
      fc.property(
        fc.oneof(decimals, fc.maxSafeInteger(), fc.integer()),
        (value) => written((out) => out.number(value)) === reference(value),
      ),
      { numRuns: 20_000 },
    );
  });

  it('equity-like values: a random walk from 10,000, and their drawdowns', () => {
    let equity = 10_000;
    let peak = equity;
    let state = 7;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      equity *= 1 + (state / 2 ** 31 - 0.5) * 0.01;
      peak = Math.max(peak, equity);
      for (const value of [equity, equity / peak - 1]) {
        const text = written((out) => out.number(value));
        if (text !== reference(value)) mismatches.push(`${text} for ${reference(value)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('CsvBytes.isoTime writes exactly what Date#toISOString writes', () => {
  it('any whole millisecond from year 1 to 9999, in any order', () => {
    const min = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 50 }), (times) => {
        const out = new CsvBytes();
        for (const t of times) {
          out.isoTime(t);
          out.byte(10);
        }
        const expected = times.map((t) => `${new Date(t).toISOString()}\n`).join('');
        expect(Buffer.from(out.take()).toString('latin1')).toBe(expected);
      }),
    );
  });

  it('consecutive minutes across midnight, the day edges, and fractional milliseconds', () => {
    const base = Date.UTC(2024, 1, 28, 23, 58);
    const times = [0, 1, -1, 86_399_999, 86_400_000, 1.5, -0.5];
    for (let i = 0; i < 5; i++) times.push(base + i * 60_000);
    for (const t of times) {
      expect(written((out) => out.isoTime(t))).toBe(new Date(t).toISOString());
    }
  });
});

describe('CsvBytes chunks', () => {
  it('rows taken whenever full add up to the whole text; a long text grows the buffer', () => {
    const out = new CsvBytes();
    const chunks: Buffer[] = [];
    const long = 'x'.repeat(3 << 20);
    out.text(`${long}\n`);
    let expected = `${long}\n`;
    for (let i = 0; i < 200_000; i++) {
      out.number(i / 7);
      out.byte(44);
      out.isoTime(i * 60_000);
      out.byte(10);
      expected += `${i / 7},${new Date(i * 60_000).toISOString()}\n`;
      if (out.full) chunks.push(Buffer.from(out.take()));
    }
    chunks.push(Buffer.from(out.take()));
    expect(chunks.length).toBeGreaterThan(2);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(expected);
  });
});
