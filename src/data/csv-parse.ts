/**
 * A single-pass CSV reader that writes fields straight into typed arrays. It never builds a string
 * per cell on the common path, which is what makes million-row files load in about a second.
 */
import { PriceDataError } from '../errors.js';
import { type ColumnRole, matchColumns } from './columns.js';
import {
  compileDateFormat,
  DateCursor,
  type DateReader,
  detectDateReader,
  notADateProblem,
  readDate,
  readTimeOfDay,
  SMALLEST_AUTO_EPOCH_SECONDS,
  scanIsoDate,
} from './dates.js';
import {
  isMissingText,
  parseNumberText,
  readNumber,
  type ScanStop,
  scanDecimal,
} from './numbers.js';
import {
  type RawTable,
  TIME_MISSING,
  TIME_READ,
  TIME_UNREADABLE,
  type ValueField,
} from './raw-table.js';
import { quoted } from './shown-text.js';
import { shapeOf, TimestampShapeCheck } from './timestamp-shape.js';

export interface CsvReadOptions {
  /** Names of every column in file order, for files without a header or with a short one. */
  columns?: string[];
  /** Explicit date format such as 'DD.MM.YYYY'. */
  dateFormat?: string;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const SPACE = 32;

const SKIP = 0;
const VALUE = 1;
const DATE = 2;
const TIME = 3;
const SYMBOL = 4;

const decoder = new TextDecoder();

/**
 * The unescaped text of the last quoted field read, and the line breaks inside it. One per parse,
 * passed to readQuoted, so the module keeps no state between calls.
 */
class QuotedField {
  text = new Uint8Array(256);
  length = 0;
  breaks = 0;
}

/** Copies a quoted field into `field`; returns the position after its closing quote, or -1 if unclosed. */
function readQuoted(field: QuotedField, bytes: Uint8Array, pos: number, end: number): number {
  field.length = 0;
  field.breaks = 0;
  pos++;
  while (pos < end) {
    const byte = bytes[pos];
    if (byte === QUOTE) {
      if (pos + 1 < end && bytes[pos + 1] === QUOTE) {
        pos++;
      } else {
        return pos + 1;
      }
    } else if (byte === LF) {
      field.breaks++;
    }
    if (field.length === field.text.length) {
      const grown = new Uint8Array(field.text.length * 2);
      grown.set(field.text);
      field.text = grown;
    }
    field.text[field.length++] = byte;
    pos++;
  }
  return -1;
}

/** Splits one line into strings (header, error messages); returns the fields and where the line ends. */
function splitLine(
  quotedField: QuotedField,
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
): { fields: string[]; end: number } {
  const fields: string[] = [];
  let pos = start;
  for (;;) {
    if (pos < end && bytes[pos] === QUOTE) {
      const after = readQuoted(quotedField, bytes, pos, end);
      pos = after < 0 ? end : after;
      let tail = pos;
      while (tail < end && bytes[tail] !== delimiter && bytes[tail] !== LF && bytes[tail] !== CR) {
        tail++;
      }
      fields.push(
        decoder.decode(quotedField.text.subarray(0, quotedField.length)) +
          decoder.decode(bytes.subarray(pos, tail)),
      );
      pos = tail;
    } else {
      const fieldStart = pos;
      while (pos < end && bytes[pos] !== delimiter && bytes[pos] !== LF && bytes[pos] !== CR) pos++;
      fields.push(decoder.decode(bytes.subarray(fieldStart, pos)));
    }
    if (pos < end && bytes[pos] === delimiter) {
      pos++;
      continue;
    }
    return { fields, end: pos };
  }
}

/** Picks `,`, `;` or tab: whichever the header line holds most of, outside quotes. */
function detectDelimiter(bytes: Uint8Array, start: number, end: number): number {
  const counts = new Map<number, number>([
    [COMMA, 0],
    [SEMICOLON, 0],
    [TAB, 0],
  ]);
  let quoted = false;
  for (let pos = start; pos < end; pos++) {
    const byte = bytes[pos];
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted && (byte === LF || byte === CR)) break;
    else if (!quoted && counts.has(byte)) counts.set(byte, counts.get(byte)! + 1);
  }
  let best = COMMA;
  for (const [byte, count] of counts) if (count > counts.get(best)!) best = byte;
  return best;
}

function skipLineBreak(bytes: Uint8Array, pos: number, end: number): number {
  if (pos < end && bytes[pos] === CR) pos++;
  if (pos < end && bytes[pos] === LF) pos++;
  return pos;
}

function looksNumeric(text: string): boolean {
  return text.trim() !== '' && !Number.isNaN(parseNumberText(text));
}

function countLines(bytes: Uint8Array, start: number, end: number): number {
  let count = 1;
  for (
    let pos = bytes.indexOf(LF, start);
    pos >= 0 && pos < end;
    pos = bytes.indexOf(LF, pos + 1)
  ) {
    count++;
  }
  return count;
}

interface Columns {
  time: Float64Array;
  timeStatus: Uint8Array;
  line: Int32Array;
  rowStart: Float64Array;
  symbolId: Int32Array | null;
  values: Float64Array[];
}

function allocate(capacity: number, valueCount: number, withSymbol: boolean): Columns {
  return {
    time: new Float64Array(capacity),
    timeStatus: new Uint8Array(capacity),
    line: new Int32Array(capacity),
    rowStart: new Float64Array(capacity),
    symbolId: withSymbol ? new Int32Array(capacity) : null,
    values: Array.from({ length: valueCount }, () => new Float64Array(capacity)),
  };
}

function grow(columns: Columns, capacity: number): Columns {
  const bigger = allocate(capacity, columns.values.length, columns.symbolId !== null);
  bigger.time.set(columns.time);
  bigger.timeStatus.set(columns.timeStatus);
  bigger.line.set(columns.line);
  bigger.rowStart.set(columns.rowStart);
  bigger.symbolId?.set(columns.symbolId!);
  columns.values.forEach((values, i) => {
    bigger.values[i].set(values);
  });
  return bigger;
}

function trimmedRange(bytes: Uint8Array, start: number, end: number): [number, number] {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return [start, end];
}

interface Header {
  names: string[];
  delimiter: number;
  /** Whether the first line is a header (always, unless the columns option names the columns). */
  hasHeader: boolean;
  /** 1-based line of the first non-blank line. */
  firstLine: number;
  /** Where the data rows start, and that position's 1-based line. */
  bodyStart: number;
  bodyLine: number;
}

/** Finds the delimiter and the column names: the header line's, or the columns option's. */
function readHeader(bytes: Uint8Array, source: string, columns: string[] | undefined): Header {
  const end = bytes.length;
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (pos < end && (bytes[pos] === LF || bytes[pos] === CR || bytes[pos] === SPACE)) pos++;
  if (pos >= end) {
    throw new PriceDataError(source, 1, 'the file is empty; expected a header line and data rows');
  }
  // Leading blank lines still count as lines.
  const line = countLines(bytes, 0, pos);
  const delimiter = detectDelimiter(bytes, pos, end);
  const first = splitLine(new QuotedField(), bytes, pos, end, delimiter);
  const firstIsData = first.fields.some(looksNumeric);
  if (columns) {
    if (firstIsData) {
      return {
        names: columns,
        delimiter,
        hasHeader: false,
        firstLine: line,
        bodyStart: pos,
        bodyLine: line,
      };
    }
    return {
      names: columns,
      delimiter,
      hasHeader: true,
      firstLine: line,
      bodyStart: skipLineBreak(bytes, first.end, end),
      bodyLine: line + 1,
    };
  }
  if (firstIsData) {
    throw new PriceDataError(
      source,
      line,
      `the first line looks like data, not a header; pass the column names with the columns option (e.g. columns: ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'])`,
    );
  }
  return {
    names: first.fields.map((name) => name.trim()),
    delimiter,
    hasHeader: true,
    firstLine: line,
    bodyStart: skipLineBreak(bytes, first.end, end),
    bodyLine: line + 1,
  };
}

/**
 * Refuses UTF-16 text, named as such (by its byte-order mark, or every other byte being 0);
 * returns where the first NUL byte is (-1 for none), which in a CSV means a damaged or binary file
 * and is refused once the header names its column. Read on, such bytes would only surface as
 * baffling cell errors.
 */
function checkEncoding(bytes: Uint8Array, source: string): number {
  const bom = bytes.length >= 2 ? (bytes[0] << 8) | bytes[1] : 0;
  if (bom === 0xfffe || bom === 0xfeff) {
    const order = bom === 0xfffe ? 'little-endian' : 'big-endian';
    throw new PriceDataError(
      source,
      null,
      `the file is UTF-16 text (${order}, byte-order mark ${bom
        .toString(16)
        .toUpperCase()
        .replace(
          /(..)(..)/,
          '$1 $2',
        )}), not UTF-8; save or convert it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul < 0) return -1;
  const sample = Math.min(bytes.length, 4096);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    }
  }
  // ASCII text as UTF-16 has a zero in every other byte: big-endian before, little-endian after.
  if (
    evenNuls + oddNuls >= sample / 4 &&
    Math.min(evenNuls, oddNuls) <= (evenNuls + oddNuls) / 20
  ) {
    const order = oddNuls > evenNuls ? 'little-endian' : 'big-endian';
    throw new PriceDataError(
      source,
      null,
      `the file looks like UTF-16 text without a byte-order mark (${order}: every other byte is 0), not UTF-8; save or convert it as UTF-8 (e.g. iconv -f UTF-16${order === 'little-endian' ? 'LE' : 'BE'} -t UTF-8)`,
    );
  }
  return nul;
}

/** A NUL byte at `nul`, named by its line and column (the header's name once past the header). */
function nulProblem(
  bytes: Uint8Array,
  source: string,
  nul: number,
  header: Header,
): PriceDataError {
  const line = countLines(bytes, 0, nul);
  let lineStart = nul;
  while (lineStart > 0 && bytes[lineStart - 1] !== LF) lineStart--;
  let field = 0;
  for (let pos = lineStart; pos < nul; pos++) if (bytes[pos] === header.delimiter) field++;
  const name = line > header.firstLine || !header.hasHeader ? header.names[field] : undefined;
  const where = name === undefined ? `field ${field + 1}` : `column ${quoted(name)}`;
  return new PriceDataError(
    source,
    line,
    `${where} holds a NUL byte (an invisible zero byte, \\x00); a CSV file has none, so it is damaged or not a text file`,
  );
}

/** Parses CSV bytes into an unchecked table. Structural problems (fields, header, dates) throw here. */
export function parseCsvTable(
  bytes: Uint8Array,
  source: string,
  options: CsvReadOptions = {},
): RawTable {
  const end = bytes.length;
  const nul = checkEncoding(bytes, source);
  const header = readHeader(bytes, source, options.columns);
  if (nul >= 0) throw nulProblem(bytes, source, nul, header);
  const { names, delimiter, hasHeader, bodyStart, bodyLine } = header;
  const matched = matchColumns(names);
  if (typeof matched === 'string') throw new PriceDataError(source, header.firstLine, matched);
  let pos = bodyStart;
  let line = bodyLine;

  const fieldCount = names.length;
  const kinds = new Uint8Array(fieldCount);
  const slots = new Int32Array(fieldCount).fill(-1);
  const valueRoles: ValueField[] = [];
  const columnNames: Record<string, string> = {};
  for (const [role, index] of Object.entries(matched) as [ColumnRole, number][]) {
    columnNames[role] = names[index];
    if (role === 'date') kinds[index] = DATE;
    else if (role === 'time') kinds[index] = TIME;
    else if (role === 'symbol') kinds[index] = SYMBOL;
    else {
      kinds[index] = VALUE;
      slots[index] = valueRoles.length;
      valueRoles.push(role);
    }
  }
  const hasTimeColumn = matched.time !== undefined;

  let reader: DateReader | null = null;
  if (options.dateFormat !== undefined) {
    try {
      reader = compileDateFormat(options.dateFormat);
    } catch (error) {
      throw new PriceDataError(source, null, (error as Error).message);
    }
  }

  let capacity = countLines(bytes, pos, end);
  let store = allocate(capacity, valueRoles.length, matched.symbol !== undefined);
  // Locals rather than `store.x` keep the hot loop's loads simple.
  let timeOut = store.time;
  let statusOut = store.timeStatus;
  let lineOut = store.line;
  let rowStartOut = store.rowStart;
  let symbolOut = store.symbolId;
  let valueOut = store.values;
  const symbols: string[] = [];
  const symbolIds = new Map<string, number>();
  let lastSymbolStart = -1;
  let lastSymbolLength = -1;
  let lastSymbolId = -1;

  // Where the readers leave what they read: one of each for the whole parse.
  const quotedField = new QuotedField();
  const dateCursor = new DateCursor();
  const numberStop: ScanStop = { at: 0 };
  const shapes = new TimestampShapeCheck(
    source,
    'file',
    names,
    matched.date!,
    matched.time,
    (lineStart, column) =>
      (splitLine(quotedField, bytes, lineStart, end, delimiter).fields[column] ?? '').trim(),
  );

  let rows = 0;
  while (pos < end) {
    const lineStart = pos;
    const byte = bytes[pos];
    if (byte === LF || byte === CR) {
      pos = skipLineBreak(bytes, pos, end);
      line++;
      continue;
    }
    if (rows === capacity) {
      capacity *= 2;
      store = grow(store, capacity);
      timeOut = store.time;
      statusOut = store.timeStatus;
      lineOut = store.line;
      rowStartOut = store.rowStart;
      symbolOut = store.symbolId;
      valueOut = store.values;
    }
    const rowLine = line;
    let field = 0;
    let dateValue = Number.NaN;
    let dateStatus = TIME_READ;
    let timeOfDay = 0;
    let timeStatus = TIME_READ;
    let dateShape = 0;
    for (;;) {
      const kind = field < fieldCount ? kinds[field] : SKIP;
      if (kind === VALUE && bytes[pos] !== QUOTE) {
        // Fast path: a plain decimal that ends exactly at the delimiter or line end.
        const start = pos;
        let value = scanDecimal(bytes, pos, end, numberStop);
        pos = numberStop.at;
        const next = pos < end ? bytes[pos] : LF;
        if (Number.isNaN(value) || (next !== delimiter && next !== LF && next !== CR)) {
          while (pos < end) {
            const c = bytes[pos];
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          value = readNumber(bytes, start, pos);
        }
        valueOut[slots[field]][rows] = value;
        field++;
        if (pos < end && bytes[pos] === delimiter) {
          pos++;
          continue;
        }
        break;
      }
      if (kind === DATE && reader?.kind === 'iso' && bytes[pos] !== QUOTE) {
        // Fast path: an ISO date read straight from the bytes, without first finding the field's
        // end, when it ends exactly at the delimiter or line end (else the general path decides).
        const value = scanIsoDate(dateCursor, bytes, pos, end, false);
        const stop = dateCursor.at;
        const next = stop < end ? bytes[stop] : LF;
        if (!Number.isNaN(value) && (next === delimiter || next === LF || next === CR)) {
          dateValue = value;
          dateShape = dateCursor.shape;
          pos = stop;
          field++;
          if (pos < end && bytes[pos] === delimiter) {
            pos++;
            continue;
          }
          break;
        }
      }
      let src = bytes;
      let start = pos;
      let stop: number;
      if (bytes[pos] === QUOTE) {
        const after = readQuoted(quotedField, bytes, pos, end);
        if (after < 0) throw new PriceDataError(source, rowLine, 'a quoted field is never closed');
        line += quotedField.breaks;
        pos = after;
        src = quotedField.text;
        start = 0;
        stop = quotedField.length;
        if (pos < end && bytes[pos] !== delimiter && bytes[pos] !== LF && bytes[pos] !== CR) {
          throw new PriceDataError(source, rowLine, 'unexpected text after a closing quote');
        }
      } else {
        while (pos < end) {
          const c = bytes[pos];
          if (c === delimiter || c === LF || c === CR) break;
          pos++;
        }
        stop = pos;
      }
      if (kind === VALUE) {
        valueOut[slots[field]][rows] = readNumber(src, start, stop);
      } else if (kind === DATE) {
        if (reader === null) {
          const text = decoder.decode(src.subarray(start, stop));
          if (!isMissingText(text)) {
            const detected = detectDateReader(text);
            if (typeof detected === 'string') throw new PriceDataError(source, rowLine, detected);
            reader = detected;
          }
        }
        dateValue = reader === null ? Number.NaN : readDate(dateCursor, reader, src, start, stop);
        if (Number.isNaN(dateValue)) {
          const [from, to] = trimmedRange(src, start, stop);
          if (reader !== null && (from !== start || to !== stop)) {
            dateValue = readDate(dateCursor, reader, src, from, to);
          }
          if (Number.isNaN(dateValue)) {
            const text = decoder.decode(src.subarray(start, stop));
            dateStatus = isMissingText(text) ? TIME_MISSING : TIME_UNREADABLE;
          }
        }
        if (reader !== null) dateShape = shapeOf(reader, dateValue, dateCursor);
      } else if (kind === TIME) {
        const [from, to] = trimmedRange(src, start, stop);
        timeOfDay = readTimeOfDay(dateCursor, src, from, to);
        if (Number.isNaN(timeOfDay)) {
          const text = decoder.decode(src.subarray(start, stop));
          timeStatus = isMissingText(text) ? TIME_MISSING : TIME_UNREADABLE;
        }
      } else if (kind === SYMBOL) {
        const length = stop - start;
        let same = src === bytes && length === lastSymbolLength;
        for (let i = 0; same && i < length; i++)
          same = bytes[start + i] === bytes[lastSymbolStart + i];
        if (!same) {
          const name = decoder.decode(src.subarray(start, stop)).trim();
          let id = symbolIds.get(name);
          if (id === undefined) {
            id = symbols.length;
            symbols.push(name);
            symbolIds.set(name, id);
          }
          lastSymbolId = id;
          lastSymbolStart = src === bytes ? start : -1;
          lastSymbolLength = src === bytes ? length : -1;
        }
        symbolOut![rows] = lastSymbolId;
      }
      field++;
      if (pos < end && bytes[pos] === delimiter) {
        pos++;
        continue;
      }
      break;
    }
    if (field !== fieldCount) {
      throw new PriceDataError(
        source,
        rowLine,
        fieldCountProblem(field, names, options.columns, rows === 0) +
          separatorHint(bytes, lineStart, end, delimiter, field > fieldCount && rows > 0),
      );
    }
    if (dateStatus === TIME_READ) shapes.check(dateShape, rowLine, lineStart);
    if (hasTimeColumn && dateStatus === TIME_READ) {
      dateStatus = timeStatus;
      dateValue = timeStatus === TIME_READ ? dateValue + timeOfDay : Number.NaN;
    }
    timeOut[rows] = dateValue;
    statusOut[rows] = dateStatus;
    lineOut[rows] = rowLine;
    rowStartOut[rows] = lineStart;
    rows++;
    pos = skipLineBreak(bytes, pos, end);
    line++;
  }
  if (rows === 0) {
    throw new PriceDataError(
      source,
      hasHeader ? header.firstLine : null,
      hasHeader ? 'the file has a header but no data rows' : 'the file has no data rows',
    );
  }

  if (
    reader?.kind === 'epoch' &&
    reader.unit === 'auto' &&
    Math.abs(store.time[0]) < SMALLEST_AUTO_EPOCH_SECONDS * 1000
  ) {
    const second = rows > 1 ? store.time[1] / 1000 : undefined;
    throw new PriceDataError(source, store.line[0], notADateProblem(store.time[0] / 1000, second));
  }

  const values: RawTable['values'] = {};
  valueRoles.forEach((role, slot) => {
    values[role] = store.values[slot].subarray(0, rows);
  });
  const roleIndex = matched as Record<string, number>;
  const rowStart = store.rowStart;
  return {
    source,
    rows,
    line: store.line.subarray(0, rows),
    time: store.time.subarray(0, rows),
    timeStatus: store.timeStatus.subarray(0, rows),
    values,
    symbolId: store.symbolId ? store.symbolId.subarray(0, rows) : null,
    symbols,
    columns: columnNames,
    dateFormat: reader?.label ?? 'none (no readable date)',
    cellText(row, role) {
      const index = roleIndex[role];
      if (index === undefined) return '';
      return splitLine(quotedField, bytes, rowStart[row], end, delimiter).fields[index] ?? '';
    },
  };
}

/**
 * When a row of a comma-separated file past the first has too many fields and holds digit,digit,
 * a likely cause is a decimal comma or a thousands separator splitting a number; says so, else ''.
 */
function separatorHint(
  bytes: Uint8Array,
  lineStart: number,
  end: number,
  delimiter: number,
  tooMany: boolean,
): string {
  if (!tooMany || delimiter !== COMMA) return '';
  let lineEnd = bytes.indexOf(LF, lineStart);
  if (lineEnd < 0 || lineEnd > end) lineEnd = end;
  const text = decoder.decode(bytes.subarray(lineStart, Math.min(lineEnd, lineStart + 1000)));
  if (!/\d,\d/.test(text)) return '';
  return '; if its numbers use decimal commas or thousands separators (1,5 or 1,234.56), they split the row: numbers must use a point before the decimals and no thousands separators, e.g. 1234.56 (re-export or convert the file that way)';
}

function fieldCountProblem(
  found: number,
  names: string[],
  columns: string[] | undefined,
  firstRow: boolean,
): string {
  const expected = names.length;
  if (columns) {
    return `the row has ${found} fields but the columns option names ${expected}`;
  }
  // Every row being wider than the header means the header lacks names, not that the row is bad.
  if (found > expected && firstRow) {
    return `the row has ${found} fields but the header names ${expected} columns (${names.join(', ')}); if the header is missing a name, pass all ${found} column names in file order with the columns option`;
  }
  return `the row has ${found} fields but the header names ${expected} columns`;
}
