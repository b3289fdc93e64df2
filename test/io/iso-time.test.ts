import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimeFormatter } from '../../src/io/iso-time.js';

describe('isoTimeFormatter', () => {
  it('equals Date#toISOString for any time from year 1 to 9999, in any order', () => {
    const min = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 50 }), (times) => {
        const format = isoTimeFormatter();
        for (const t of times) expect(format(t)).toBe(new Date(t).toISOString());
      }),
    );
  });

  it('handles consecutive minutes across midnight and fractional milliseconds', () => {
    const format = isoTimeFormatter();
    const base = Date.UTC(2024, 1, 28, 23, 58);
    for (let i = 0; i < 5; i++) {
      const t = base + i * 60_000;
      expect(format(t)).toBe(new Date(t).toISOString());
    }
    expect(format(1.5)).toBe('1970-01-01T00:00:00.001Z');
    expect(format(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
});
