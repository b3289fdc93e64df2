import { CommanderError } from 'commander';
import { escapeInvisible } from '../data/index.js';
import { InputError, StrategyFailure } from '../errors.js';
import { inCliSyntax } from './hints.js';

/** Exit codes: 0 success, 1 a failure (including lookahead found by `check` or `backtest`), 2 bad usage or input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** The exit code an error maps to: user-caused problems are 2, everything else 1. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof InputError) return EXIT_USAGE;
  if (fileErrorCode(error)) return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** One line for stderr (`nn-timing: ...`), followed by the stack only when debugging. */
export function describeError(error: unknown, debug: boolean): string {
  const line = `nn-timing: ${oneLine(messageOf(error))}`;
  if (debug && error instanceof Error && error.stack) {
    const cause = error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : '';
    return `${line}\n${error.stack}${cause}`;
  }
  return line;
}

function messageOf(error: unknown): string {
  if (error instanceof CommanderError) return error.message.replace(/^error: /, '');
  const code = fileErrorCode(error);
  if (code) {
    const path = (error as { path?: string }).path;
    return path ? `cannot read ${path}: ${FILE_ERRORS[code]}` : FILE_ERRORS[code];
  }
  if (error instanceof InputError) return inCliSyntax(error.message);
  if (error instanceof StrategyFailure) return error.message;
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

function fileErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in FILE_ERRORS ? code : undefined;
}

/** One line with no raw control bytes: a message may quote file text, and a terminal obeys them. */
function oneLine(message: string): string {
  return escapeInvisible(message.replace(/\s*\n\s*/g, ' ').trim());
}
