/**
 * Timestamps that cannot be put in one time order, or that hold two times: refused the same way
 * whether the rows come from a CSV file or a DataFrame.
 */
import { PriceDataError } from '../errors.js';
import { DAY_MS, type DateCursor, type DateReader, ISO_TIME, ISO_ZONE } from './dates.js';
import { quoted } from './shown-text.js';

/** An absolute moment (epoch or Excel number, `Date` object) is zoned; it holds a time unless midnight. */
export function momentShape(ms: number): number {
  return ISO_ZONE | (ms % DAY_MS !== 0 ? ISO_TIME : 0);
}

/**
 * What a read date holds besides the day (ISO_TIME, ISO_ZONE bits). A format pattern holds a time
 * or zone when it has their tokens; ISO text says what it held in the cursor.
 */
export function shapeOf(reader: DateReader, value: number, cursor: DateCursor): number {
  switch (reader.kind) {
    case 'iso':
      return cursor.shape;
    case 'pattern':
      return reader.shape;
    default:
      return momentShape(value);
  }
}

/**
 * Checks each read date against the first one: a zone where the first had none (or the reverse)
 * is refused, and so is a date holding a time beside a time column. Only a refusal reads cell
 * text back (through `cellAt`), so checking a row allocates nothing.
 */
export class TimestampShapeCheck {
  private firstShape = 0;
  private firstKey = -1;
  private firstLine = 0;

  /**
   * @param what 'file' or 'DataFrame', for messages.
   * @param cellAt the trimmed text of a column's cell in the row found by `key` (a CSV row's byte
   *   offset, a DataFrame's row index).
   */
  constructor(
    private readonly source: string,
    private readonly what: string,
    private readonly names: readonly string[],
    private readonly dateColumn: number,
    private readonly timeColumn: number | undefined,
    private readonly cellAt: (key: number, column: number) => string,
  ) {}

  /** Refuses the row at `line` (`key` finds its cells) when its date's `shape` clashes. */
  check(shape: number, line: number, key: number): void {
    if (this.firstKey < 0) {
      this.firstShape = shape;
      this.firstKey = key;
      this.firstLine = line;
    } else if (((shape ^ this.firstShape) & ISO_ZONE) !== 0) {
      this.refuseMixedZones(shape, line, key);
    }
    if (this.timeColumn !== undefined && (shape & ISO_TIME) !== 0) this.refuseTwoTimes(line, key);
  }

  private refuseMixedZones(shape: number, line: number, key: number): never {
    const here = { line, key };
    const first = { line: this.firstLine, key: this.firstKey };
    const [zoned, zoneless] = (shape & ISO_ZONE) !== 0 ? [here, first] : [first, here];
    const date = (at: { line: number; key: number }) =>
      `line ${at.line}: ${quoted(this.cellAt(at.key, this.dateColumn))}`;
    throw new PriceDataError(
      this.source,
      line,
      `the ${this.what} mixes timestamps with a time zone (${date(zoned)}) and without one (${date(zoneless)}), so they cannot be put in one time order; give every timestamp a zone, or none (zone-less times are read as UTC)`,
    );
  }

  private refuseTwoTimes(line: number, key: number): never {
    const time = this.timeColumn!;
    const renamed = this.names.map((name, i) => `'${i === time ? 'skip' : name}'`).join(', ');
    throw new PriceDataError(
      this.source,
      line,
      `the date column ${quoted(this.names[this.dateColumn])} already holds a time (${quoted(this.cellAt(key, this.dateColumn))}) and the column ${quoted(this.names[time])} holds another (${quoted(this.cellAt(key, time))}); which one is meant is unclear, so keep one: remove the other from the ${this.what}, or rename the time column so it is ignored (columns: [${renamed}])`,
    );
  }
}
