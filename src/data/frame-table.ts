/**
 * A DataFrame the user already has (danfojs or anything with `.columns` and row-major `.values`)
 * as an unchecked table. Row n of the frame is reported as line n + 2, as if written as CSV.
 */
import { PriceDataError } from '../errors.js';
import { type ColumnRole, matchColumns } from './columns.js';
import {
  compileDateFormat,
  DateCursor,
  type DateReader,
  detectDateReader,
  EPOCH_MS_THRESHOLD,
  readDate,
  readTimeOfDay,
} from './dates.js';
import { isMissingText, parseNumberText } from './numbers.js';
import {
  type RawTable,
  TIME_MISSING,
  TIME_READ,
  TIME_UNREADABLE,
  type ValueField,
} from './raw-table.js';
import { momentShape, shapeOf, TimestampShapeCheck } from './timestamp-shape.js';

/** The part of a DataFrame the loader reads: column names and rows of cells. */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
}

export const DATAFRAME_SOURCE = 'DataFrame';

export function isDataFrameLike(value: unknown): value is DataFrameLike {
  const frame = value as DataFrameLike | null;
  return (
    typeof frame === 'object' &&
    frame !== null &&
    Array.isArray(frame.columns) &&
    Array.isArray(frame.values)
  );
}

const encoder = new TextEncoder();

function cellNumber(cell: unknown): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : Number.NaN;
  if (typeof cell === 'string') return parseNumberText(cell);
  return Number.NaN;
}

function cellIsMissing(cell: unknown): boolean {
  return (
    cell === null ||
    cell === undefined ||
    (typeof cell === 'number' && Number.isNaN(cell)) ||
    (typeof cell === 'string' && isMissingText(cell))
  );
}

export function frameToTable(
  frame: DataFrameLike,
  options: { columns?: string[]; dateFormat?: string } = {},
): RawTable {
  const source = DATAFRAME_SOURCE;
  const names = options.columns ?? [...frame.columns];
  if (options.columns && options.columns.length !== frame.columns.length) {
    throw new PriceDataError(
      source,
      1,
      `the columns option names ${options.columns.length} columns but the DataFrame has ${frame.columns.length}`,
    );
  }
  const matched = matchColumns(names);
  if (typeof matched === 'string') throw new PriceDataError(source, 1, matched);
  const rows = frame.values.length;
  if (rows === 0) throw new PriceDataError(source, 1, 'the DataFrame has no rows');
  const singleColumn = names.length === 1;
  const rowCells = (row: number): readonly unknown[] => {
    const cells = frame.values[row];
    return singleColumn && !Array.isArray(cells) ? [cells] : (cells as readonly unknown[]);
  };

  let reader: DateReader | null = null;
  const dateCursor = new DateCursor();
  if (options.dateFormat !== undefined) {
    try {
      reader = compileDateFormat(options.dateFormat);
    } catch (error) {
      throw new PriceDataError(source, null, (error as Error).message);
    }
  }

  const line = new Int32Array(rows);
  const time = new Float64Array(rows);
  const timeStatus = new Uint8Array(rows);
  const values: RawTable['values'] = {};
  const valueColumns: [ValueField, number][] = [];
  const columnNames: Record<string, string> = {};
  for (const [role, index] of Object.entries(matched) as [ColumnRole, number][]) {
    columnNames[role] = names[index];
    if (role !== 'date' && role !== 'time' && role !== 'symbol') {
      values[role] = new Float64Array(rows);
      valueColumns.push([role, index]);
    }
  }
  const symbolColumn = matched.symbol;
  const symbolId = symbolColumn === undefined ? null : new Int32Array(rows);
  const symbols: string[] = [];
  const symbolIds = new Map<string, number>();

  const cellText = (row: number, column: number): string => {
    const cell = rowCells(row)[column];
    if (cell instanceof Date && !Number.isNaN(cell.getTime())) return cell.toISOString();
    return cell === null || cell === undefined ? '' : String(cell).trim();
  };
  const shapes = new TimestampShapeCheck(
    source,
    'DataFrame',
    names,
    matched.date!,
    matched.time,
    cellText,
  );

  // What the last date read holds besides the day, for `shapes`.
  let dateShape = 0;
  const readDateCell = (cell: unknown, row: number): number => {
    if (cell instanceof Date) {
      dateShape = momentShape(cell.getTime());
      return cell.getTime();
    }
    if (typeof cell === 'number' && (reader === null || reader.kind === 'epoch')) {
      const inMs =
        reader?.kind === 'epoch' && reader.unit !== 'auto'
          ? reader.unit === 'ms'
          : Math.abs(cell) >= EPOCH_MS_THRESHOLD;
      const ms = Math.round(inMs ? cell : cell * 1000);
      dateShape = momentShape(ms);
      return ms;
    }
    const text = String(cell).trim();
    if (reader === null) {
      const detected = detectDateReader(text);
      if (typeof detected === 'string') throw new PriceDataError(source, row + 2, detected);
      reader = detected;
    }
    const bytes = encoder.encode(text);
    const ms = readDate(dateCursor, reader, bytes, 0, bytes.length);
    dateShape = shapeOf(reader, ms, dateCursor);
    return ms;
  };

  for (let row = 0; row < rows; row++) {
    const cells = rowCells(row);
    if (!Array.isArray(cells) || cells.length !== names.length) {
      const found = Array.isArray(cells) ? cells.length : 1;
      throw new PriceDataError(
        source,
        row + 2,
        `the row has ${found} cells but there are ${names.length} columns`,
      );
    }
    line[row] = row + 2;
    for (const [role, index] of valueColumns) values[role]![row] = cellNumber(cells[index]);
    const dateCell = cells[matched.date!];
    let status = TIME_READ;
    let stamp = Number.NaN;
    if (cellIsMissing(dateCell)) {
      status = TIME_MISSING;
    } else {
      stamp = readDateCell(dateCell, row);
      if (Number.isNaN(stamp)) status = TIME_UNREADABLE;
      else shapes.check(dateShape, row + 2, row);
    }
    if (matched.time !== undefined && status === TIME_READ) {
      const timeCell = cells[matched.time];
      const bytes = encoder.encode(String(timeCell ?? '').trim());
      const offset = readTimeOfDay(dateCursor, bytes, 0, bytes.length);
      if (Number.isNaN(offset)) status = cellIsMissing(timeCell) ? TIME_MISSING : TIME_UNREADABLE;
      stamp += offset;
    }
    time[row] = status === TIME_READ ? stamp : Number.NaN;
    timeStatus[row] = status;
    if (symbolId && symbolColumn !== undefined) {
      const name = String(cells[symbolColumn] ?? '').trim();
      let id = symbolIds.get(name);
      if (id === undefined) {
        id = symbols.length;
        symbols.push(name);
        symbolIds.set(name, id);
      }
      symbolId[row] = id;
    }
  }

  const roleIndex = matched as Record<string, number>;
  return {
    source,
    rows,
    line,
    time,
    timeStatus,
    values,
    symbolId,
    symbols,
    columns: columnNames,
    dateFormat: (reader as DateReader | null)?.label ?? 'Date objects or epoch numbers',
    cellText(row, role) {
      const index = roleIndex[role];
      const cell = index === undefined ? undefined : rowCells(row)[index];
      return cell === null || cell === undefined ? '' : String(cell);
    },
  };
}
