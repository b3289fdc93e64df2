/**
 * A problem with what the user handed in (a file, an option, a spec, a parameter).
 * The CLI prints its message alone and exits with code 2; anything else is a failure (exit 1).
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** Bad price data, located to the file and the 1-based line (line 1 is the header). */
export class PriceDataError extends InputError {
  override name = 'PriceDataError';

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(line === null ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
  }
}

/**
 * A strategy that failed while running: it threw, corrupted its input, never finished, ran out of
 * time or tried to end the process. The message names the strategy (a built-in's name or the
 * strategy file); the CLI exits with code 1.
 */
export class StrategyFailure extends Error {
  override name = 'StrategyFailure';

  constructor(
    readonly strategy: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`strategy ${strategy} ${problem}`, options);
  }
}

/**
 * A strategy that ran past its time limit. Its own name survives a worker thread, so a queue
 * worker can tell it from a crash: the run would hang again anywhere, so it is not retried.
 */
export class StrategyTimeout extends StrategyFailure {
  override name = 'StrategyTimeout';

  constructor(strategy: string, timeoutSeconds: number | undefined) {
    super(strategy, `did not finish within ${timeoutSeconds} s (the time limit)`);
  }
}
