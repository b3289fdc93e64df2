import cliProgress from 'cli-progress';

export interface Progress {
  onProgress(done: number, total: number, label?: string): void;
  stop(): void;
}

const SILENT: Progress = { onProgress() {}, stop() {} };

/**
 * A progress bar on stderr, driven by a strategy's onProgress. Only on a terminal: piped or
 * redirected stderr stays clean. A new run (total changes or the count goes back) restarts the bar.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        ' {bar} {percentage}% {value}/{total} {label} | {duration_formatted} elapsed | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  let lastTotal = -1;
  let lastDone = -1;
  return {
    onProgress(done, total, label = '') {
      if (!running || total !== lastTotal || done < lastDone) {
        if (running) bar.stop();
        bar.start(total, done, { label });
        running = true;
      } else {
        bar.update(done, { label });
      }
      lastTotal = total;
      lastDone = done;
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
