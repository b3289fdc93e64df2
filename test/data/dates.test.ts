import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/data/dates.js';
import { parsePrices } from '../../src/data/index.js';
import { expectPriceError, utc } from './helpers.js';

/** Loads a one-column-of-dates file and returns its bar times. */
function times(dates: string[], options: { dateFormat?: string } = {}): number[] {
  const text = `Date,Close\n${dates.map((date, i) => `${date},${10 + i}`).join('\n')}\n`;
  return Array.from(parsePrices(text, options).time);
}

describe('date formats', () => {
  it('ISO dates', () => {
    expect(times(['2020-02-28', '2020-02-29', '2020-03-01'])).toEqual([
      utc('2020-02-28'),
      utc('2020-02-29'),
      utc('2020-03-01'),
    ]);
  });

  it('ISO date-times without a zone are UTC, with T or a space, with or without seconds', () => {
    expect(times(['2020-03-01T09:30:00', '2020-03-01 09:31', '2020-03-01 09:32:15.250'])).toEqual([
      utc('2020-03-01 09:30:00'),
      utc('2020-03-01 09:31:00'),
      utc('2020-03-01 09:32:15') + 250,
    ]);
  });

  it('ISO date-times with a zone are converted to UTC', () => {
    // 09:30 at +02:00 is 07:30Z; 09:31 at -0500 is 14:31Z.
    expect(
      times(['2020-03-01T09:30:00+02:00', '2020-03-01T09:31:00-0500', '2020-03-01T15:00:00Z']),
    ).toEqual([utc('2020-03-01 07:30:00'), utc('2020-03-01 14:31:00'), utc('2020-03-01 15:00:00')]);
  });

  it('an ISO date ends at its field: a comma after the seconds starts the next column', () => {
    const text = [
      'Date,Close',
      '2020-03-01T09:29:00Z,4',
      '2020-03-01T09:30:00z,5',
      '2020-03-01T09:31:00.250Z,6',
      '2020-03-01T09:32:00Z ,7',
      '2020-03-01T14:33:00+05,8',
      '"2020-03-01T09:34:00Z",9',
    ].join('\n');
    const series = parsePrices(text);
    // 14:33 at +05 (no minutes) is 09:33Z; a trailing space is trimmed; quotes are removed.
    expect(Array.from(series.time)).toEqual([
      utc('2020-03-01 09:29:00'),
      utc('2020-03-01 09:30:00'),
      utc('2020-03-01 09:31:00') + 250,
      utc('2020-03-01 09:32:00'),
      utc('2020-03-01 09:33:00'),
      utc('2020-03-01 09:34:00'),
    ]);
    expect(Array.from(series.close)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('with another delimiter, a decimal comma before the fraction of a second is read', () => {
    const text = 'Date;Close\n2020-03-01 09:30:00,5Z;5\n2020-03-01 09:31:00,25Z;6\n';
    expect(Array.from(parsePrices(text).time)).toEqual([
      utc('2020-03-01 09:30:00') + 500,
      utc('2020-03-01 09:31:00') + 250,
    ]);
  });

  it('YYYY/MM/DD', () => {
    expect(times(['2006/01/02', '2006/01/03'])).toEqual([utc('2006-01-02'), utc('2006-01-03')]);
  });

  it('epoch seconds and epoch milliseconds, told apart by magnitude', () => {
    const nineThirty = utc('2020-03-01 09:30:00');
    expect(times([String(nineThirty / 1000), String(nineThirty / 1000 + 60)])).toEqual([
      nineThirty,
      nineThirty + 60_000,
    ]);
    expect(times([String(nineThirty), String(nineThirty + 60_000)])).toEqual([
      nineThirty,
      nineThirty + 60_000,
    ]);
  });

  it('a separate time column is added to the date column', () => {
    const text = 'Date,Time,Close\n2006-01-02,09:01:00,1\n2006-01-02,09:02,2\n2006-01-02,1503,3\n';
    expect(Array.from(parsePrices(text).time)).toEqual([
      utc('2006-01-02 09:01:00'),
      utc('2006-01-02 09:02:00'),
      utc('2006-01-02 15:03:00'),
    ]);
  });

  it('a one-digit hour reads the same in H:MM as in H:MM:SS', () => {
    // "9:30" has four characters like compact "0930", but the colon marks it as H:MM.
    const text = 'Date,Time,Close\n2006-01-02,9:30,1\n2006-01-02,9:31:00,2\n';
    expect(Array.from(parsePrices(text).time)).toEqual([
      utc('2006-01-02 09:30:00'),
      utc('2006-01-02 09:31:00'),
    ]);
  });

  it('dateFormat reads day-first, month-first and custom layouts', () => {
    expect(times(['01.02.2006', '13.02.2006'], { dateFormat: 'DD.MM.YYYY' })).toEqual([
      utc('2006-02-01'),
      utc('2006-02-13'),
    ]);
    expect(times(['01/02/2006', '01/13/2006'], { dateFormat: 'MM/DD/YYYY' })).toEqual([
      utc('2006-01-02'),
      utc('2006-01-13'),
    ]);
    expect(times(['2006-01-02 09:05:07'], { dateFormat: 'YYYY-MM-DD HH:mm:ss' })).toEqual([
      utc('2006-01-02 09:05:07'),
    ]);
    expect(times(['1/2/2006 9:05'], { dateFormat: 'M/D/YYYY H:mm' })).toEqual([
      utc('2006-01-02 09:05:00'),
    ]);
    expect(times(['20060102'], { dateFormat: 'YYYYMMDD' })).toEqual([utc('2006-01-02')]);
    expect(times(['02.01.2006 10:00 +01:00'], { dateFormat: 'DD.MM.YYYY HH:mm Z' })).toEqual([
      utc('2006-01-02 09:00:00'),
    ]);
    expect(times(['2006-01-02T09:05:07.5'], { dateFormat: 'YYYY-MM-DDTHH:mm:ss.SSS' })).toEqual([
      utc('2006-01-02 09:05:07') + 500,
    ]);
  });

  it("dateFormat 'X' and 'x' force epoch seconds and milliseconds", () => {
    expect(times(['86400', '172800'], { dateFormat: 'X' })).toEqual([
      utc('1970-01-02'),
      utc('1970-01-03'),
    ]);
    expect(times(['86400000'], { dateFormat: 'x' })).toEqual([utc('1970-01-02')]);
  });

  it('ambiguous day/month dates are refused, naming dateFormat', async () => {
    const file = (date: string) => `Date,Close\n${date},1\n`;
    await expectPriceError(
      () => parsePrices(file('01.02.2006')),
      2,
      /"01.02.2006" is ambiguous.*dateFormat: 'DD.MM.YYYY' or 'MM.DD.YYYY'/,
    );
    await expectPriceError(() => parsePrices(file('01/02/2006')), 2, /ambiguous.*dateFormat/);
    await expectPriceError(() => parsePrices(file('1-2-2006')), 2, /ambiguous.*dateFormat/);
    await expectPriceError(() => parsePrices(file('01.02.06')), 2, /two-digit year/);
  });

  it('an 8-digit number that reads as YYYYMMDD is refused rather than taken as epoch seconds', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n20060102,1\n'),
      2,
      /YYYYMMDD or epoch seconds.*dateFormat/,
    );
  });

  it('an unrecognised date is refused, naming dateFormat', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n"March 1, 2020",1\n'),
      2,
      /not in a recognised format; pass dateFormat/,
    );
  });

  it('a row not matching the detected or given format names its line', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-01-01,1\n01/02/2020,2\n'),
      3,
      /cannot read the date "01\/02\/2020"/,
    );
    await expectPriceError(
      () => parsePrices('Date,Close\n01.02.2006,1\n2006-02-02,2\n', { dateFormat: 'DD.MM.YYYY' }),
      3,
      /cannot read the date "2006-02-02".*DD.MM.YYYY/,
    );
  });

  it('impossible calendar dates and times are refused', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n2019-02-29,1\n'),
      2,
      /cannot read the date/,
    );
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-13-01,1\n'),
      2,
      /cannot read the date/,
    );
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-01-01 24:00,1\n'),
      2,
      /cannot read the date/,
    );
    expect(times(['2000-02-29', '2020-02-29'])).toEqual([utc('2000-02-29'), utc('2020-02-29')]);
  });

  it('a dateFormat with an unknown token is refused', async () => {
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-01-01,1\n', { dateFormat: 'yyyy-MM-dd' }),
      null,
      /unknown token 'yyyy'/,
    );
    await expectPriceError(
      () => parsePrices('Date,Close\n2020-01-01,1\n', { dateFormat: 'DD MMM YYYY' }),
      null,
      /unknown token 'MMM'/,
    );
  });

  it('day counting agrees with Date.UTC from 1600 to 2400', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1600, max: 2400 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (year, month, day) => {
          expect(daysFromCivil(year, month, day) * 86_400_000).toBe(Date.UTC(year, month - 1, day));
        },
      ),
    );
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
  });
});
