import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { PriceDataError } from '../../src/errors.js';

/** The repo's shipped data folder and this suite's small fixtures. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs `load`, expects a PriceDataError at `line` whose message matches `problem`; returns it. */
export async function expectPriceError(
  load: () => unknown,
  line: number | null,
  problem: RegExp,
): Promise<PriceDataError> {
  let caught: unknown;
  try {
    await load();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PriceDataError);
  const error = caught as PriceDataError;
  expect(error.line).toBe(line);
  expect(error.problem).toMatch(problem);
  if (line !== null) expect(error.message).toContain(`:${line}: `);
  return error;
}

/** Epoch ms of a UTC calendar time, written the independent way. */
export function utc(text: string): number {
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad test date ${text}`);
  return ms;
}
