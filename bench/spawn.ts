import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node arguments for a script under bench/child/: the built .js, or under tsx the .ts through
 * tsx's loader. The parent's execArgv is not reused: under `node -e` it would hold the eval code.
 */
function childArgs(name: string): string[] {
  if (import.meta.url.endsWith('.ts')) {
    return ['--import', 'tsx', fileURLToPath(new URL(`./child/${name}.ts`, import.meta.url))];
  }
  return [fileURLToPath(new URL(`./child/${name}.js`, import.meta.url))];
}

/**
 * Runs `node bench/child/<name> ...args` in a fresh process and parses the JSON it prints last.
 * A fresh process per measurement keeps its memory high-water mark its own.
 */
export function runChild<T>(name: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...childArgs(name), ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`bench child ${name} ${args.join(' ')} failed: ${stderr || error.message}`),
          );
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`bench child ${name} printed no JSON result: ${stdout.slice(-500)}`));
        }
      },
    );
  });
}

/** What the measuring children report. */
export interface ChildMeasure {
  /** Milliseconds of the measured work only (not start-up or imports). */
  ms: number;
  /** Work units done (rows loaded, bars processed). */
  units: number;
  /** Peak resident memory before the work (imports and inputs) and over the whole process, MB. */
  baseMB: number;
  peakMB: number;
}

/**
 * This process's resident-memory high-water mark in MB. On Linux it is read from VmHWM in
 * /proc/self/status, because `process.resourceUsage().maxRSS` (getrusage) of a spawned child
 * also counts its parent's resident memory at the fork, which would credit the benchmark
 * runner's own memory to every load. Elsewhere maxRSS (kilobytes) is the best there is.
 */
export function maxRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // No procfs: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}
