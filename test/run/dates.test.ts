import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseDateBound } from '../../src/run/dates.js';

describe('parseDateBound', () => {
  it('reads dates as UTC; a bare upper bound covers the whole day', () => {
    // 2010-03-05 00:00 UTC = 14673 days after 1970-01-01 = 1_267_747_200_000 ms.
    expect(parseDateBound('2010-03-05', 'from')).toBe(1_267_747_200_000);
    expect(parseDateBound('2010-03-05', 'to')).toBe(1_267_747_200_000 + 86_400_000 - 1);
    // 14:30 is 52_200_000 ms into the day.
    expect(parseDateBound('2010-03-05 14:30', 'to')).toBe(1_267_747_200_000 + 52_200_000);
    expect(parseDateBound('2010-03-05T14:30:15', 'from')).toBe(1_267_747_200_000 + 52_215_000);
  });

  it('rejects text and impossible dates with an InputError naming the flag', () => {
    expect(() => parseDateBound('yesterday', 'from')).toThrow(InputError);
    expect(() => parseDateBound('2011-02-29', 'to')).toThrow(/--to "2011-02-29" is not a date/);
    expect(() => parseDateBound('2011-01-01 25:00', 'from')).toThrow(/--from/);
  });
});
