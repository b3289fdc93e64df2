const DAY_MS = 86_400_000;
/** Bytes gathered before a chunk is handed on: large enough to amortise a write, small beside the data. */
const CHUNK_BYTES = 1 << 20;
/** Room past a full chunk for the rest of the row being written (a row of numbers is a few hundred bytes). */
const ROW_ROOM = 4096;

const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const Z = 90;

/** 10^d for the decimals the short-number path tries. */
const POWERS = [1, 10, 100, 1000, 10_000];
/**
 * Below this magnitude a number with at most 4 decimals is written from its digits: the steps
 * between doubles there are far finer than 0.0001, so the fewest decimals that read back as the
 * number are the ones String() prints, and every digit is exact integer arithmetic.
 */
const SHORT_LIMIT = 2 ** 33;
const INT32_LIMIT = 2 ** 31;
/** Whole numbers below this are written from their digits (exact integers). */
const INTEGER_LIMIT = 2 ** 53;

/**
 * CSV text of ASCII fields written as bytes into one reused buffer: no string per line, so a
 * file of ten million lines leaves no garbage behind. Numbers are written exactly as String()
 * writes them (the shortest text that reads back as the same double) and times exactly as
 * Date#toISOString, but whole numbers and numbers of up to four decimals (prices, positions)
 * skip the string. A producer writes rows and hands on `take()` whenever `full`.
 */
export class CsvBytes {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + ROW_ROOM);
  private at = 0;
  private dayStart = Number.NaN;
  private dayPrefix = Buffer.alloc(0);

  /** A chunk's worth gathered: hand it on with take() before the next row. */
  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** The bytes gathered since the last take, as a view that the next write overwrites. */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.at);
    this.at = 0;
    return bytes;
  }

  byte(code: number): void {
    this.buffer[this.at++] = code;
  }

  /** ASCII text (a header, a date): one byte per character. */
  text(text: string): void {
    this.room(text.length);
    const { buffer } = this;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** The number as String() writes it; nothing for NaN and the infinities (an empty field). */
  number(value: number): void {
    if (!Number.isFinite(value)) return;
    const magnitude = Math.abs(value);
    if (Number.isInteger(value) && magnitude < INTEGER_LIMIT) {
      // String(-0) is "0".
      if (value < 0) this.byte(MINUS);
      this.digits(magnitude, 1);
      return;
    }
    if (magnitude < SHORT_LIMIT) {
      for (let d = 1; d < POWERS.length; d++) {
        const power = POWERS[d];
        const scaled = Math.round(magnitude * power);
        if (scaled / power === magnitude) {
          if (value < 0) this.byte(MINUS);
          // Exact: below SHORT_LIMIT the quotient is far from the next whole number.
          const whole = Math.floor(scaled / power);
          const fraction = scaled - whole * power;
          this.digits(whole, 1);
          this.byte(DOT);
          this.digits(fraction, d);
          return;
        }
      }
    }
    this.text(String(value));
  }

  /** The time as Date#toISOString writes it, the date part built once per day. */
  isoTime(ms: number): void {
    if (!Number.isInteger(ms)) {
      this.text(new Date(ms).toISOString());
      return;
    }
    if (!(ms >= this.dayStart && ms - this.dayStart < DAY_MS)) {
      this.dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
      const iso = new Date(this.dayStart).toISOString();
      this.dayPrefix = Buffer.from(iso.slice(0, iso.indexOf('T') + 1), 'latin1');
    }
    this.room(this.dayPrefix.length + 13);
    this.buffer.set(this.dayPrefix, this.at);
    this.at += this.dayPrefix.length;
    // Milliseconds into the day fit an int32.
    const inDay = (ms - this.dayStart) | 0;
    const seconds = (inDay / 1000) | 0;
    const minutes = (seconds / 60) | 0;
    const hours = (minutes / 60) | 0;
    this.smallDigits(hours, 2);
    this.byte(COLON);
    this.smallDigits(minutes - hours * 60, 2);
    this.byte(COLON);
    this.smallDigits(seconds - minutes * 60, 2);
    this.byte(DOT);
    this.smallDigits(inDay - seconds * 1000, 3);
    this.byte(Z);
  }

  /** A whole number from 0 below 2^53, zero-padded to at least `width` digits. */
  private digits(value: number, width: number): void {
    if (value < INT32_LIMIT) {
      this.smallDigits(value | 0, width);
      return;
    }
    // Integer arithmetic on doubles is exact here; `%` on a double is a slow library call, so
    // only numbers this large take it.
    const low = value % 100_000_000;
    this.digits((value - low) / 100_000_000, width - 8);
    this.smallDigits(low | 0, 8);
  }

  /** A whole number from 0 below 2^31 (int32 arithmetic), zero-padded to `width` digits. */
  private smallDigits(value: number, width: number): void {
    let count = 1;
    for (let limit = 10; limit <= value && count < 10; limit *= 10) count++;
    if (count < width) count = width;
    const { buffer } = this;
    let at = this.at + count;
    this.at = at;
    let rest = value;
    for (let i = 0; i < count; i++) {
      const next = (rest / 10) | 0;
      buffer[--at] = ZERO + rest - next * 10;
      rest = next;
    }
  }

  /** Grows the buffer when a field would not fit in the row room (an unusually long text). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(2 * (this.at + bytes));
    this.buffer.copy(larger, 0, 0, this.at);
    this.buffer = larger;
  }
}
