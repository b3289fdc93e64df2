const DAY_MS = 86_400_000;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * A formatter equal to `new Date(ms).toISOString()` that builds the date part once per day, for
 * writing millions of intraday timestamps (the time of day is plain arithmetic).
 */
export function isoTimeFormatter(): (ms: number) => string {
  let dayStart = Number.NaN;
  let dayPrefix = '';
  return (ms) => {
    if (!Number.isInteger(ms)) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS) * DAY_MS;
    if (day !== dayStart) {
      dayStart = day;
      dayPrefix = `${new Date(day).toISOString().slice(0, 10)}T`;
    }
    let rest = ms - day;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const second = rest % 60;
    rest = (rest - second) / 60;
    const minute = rest % 60;
    const hour = (rest - minute) / 60;
    return `${dayPrefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[milli]}Z`;
  };
}
