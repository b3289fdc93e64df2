import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** A JSON option value given inline (starting with `[` or `{`) or as a path to a JSON file. */
export function readJsonArg(value: string, what: string): unknown {
  const inline = /^\s*[[{]/.test(value);
  let text = value;
  if (!inline) {
    try {
      text = readFileSync(value, 'utf8');
    } catch {
      throw new InputError(`cannot read ${what} file ${value}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const where = inline ? `${what} (inline JSON)` : value;
    throw new InputError(`${where}: not valid JSON (${(error as Error).message})`);
  }
}
