import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const DATA = join(ROOT, 'data');

/** A tiny nn-timing, so a whole walk-forward takes a moment. */
export const TINY_NN = [
  '--param',
  'trainBars=100',
  '--param',
  'testBars=50',
  '--param',
  'epochs=5',
  '--param',
  'hidden=4',
];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  /** The running CLI, to kill it or to read its output as it comes. */
  child: ChildProcess;
  /** Its exit code (null when a signal ended it), the signal, and what it printed. */
  ended: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built CLI as a user would: stdin closed, and stdout and stderr piped (so never a
 * TTY) and collected, unless `stdout` names a file descriptor to write to instead. With
 * `quiet`, both go nowhere: for runs that are killed or only looked at through their files.
 */
export function startCli(
  args: string[],
  options: { cwd?: string; stdout?: number; quiet?: boolean } = {},
): CliProcess {
  const output = options.quiet ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', options.stdout ?? output, output],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ended = new Promise<CliResult & { signal: NodeJS.Signals | null }>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
  return { child, ended };
}

/** Runs the built CLI to its end (see `startCli`). */
export async function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  const { code, stdout, stderr } = await startCli(args, { cwd }).ended;
  return { code, stdout, stderr };
}
