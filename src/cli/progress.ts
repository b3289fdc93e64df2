import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of `total` of one count (a new count restarts the bar); the label says what is counted. */
  onProgress(done: number, total: number, label?: string): void;
  /** How much of the whole work is done (0 to 1), and where it stands in words. */
  onFraction(fraction: number, label: string): void;
  stop(): void;
}

const SILENT: Progress = { onProgress() {}, onFraction() {}, stop() {} };

/** The bar's scale under the hood: a fraction is kept to a tenth of a percent. */
const SCALE = 1000;
const BAR_WIDTH = 30;

export interface ProgressLine {
  /** Done, 0 to 1. */
  fraction: number;
  label: string;
  elapsedSeconds: number;
  /** Seconds left; NaN or Infinity while unknown. */
  etaSeconds: number;
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** One line of the bar: "█████░░░ 37% 3/8 walk-forward windows trained | 0:12 elapsed | ETA 0:20". */
export function formatProgressLine(line: ProgressLine, width = BAR_WIDTH): string {
  const fraction = Math.min(Math.max(line.fraction, 0), 1);
  const filled = Math.round(fraction * width);
  const bar = '\u2588'.repeat(filled) + '\u2591'.repeat(width - filled);
  const known = fraction > 0 && Number.isFinite(line.etaSeconds) && line.etaSeconds >= 0;
  const eta = fraction >= 1 ? clock(0) : known ? clock(line.etaSeconds) : '--:--';
  const label = line.label === '' ? '' : ` ${line.label}`;
  return `${bar} ${Math.floor(fraction * 100)}%${label} | ${clock(line.elapsedSeconds)} elapsed | ETA ${eta}`;
}

/**
 * A progress bar on stderr: a strategy's count of its own work (onProgress) or a whole job's
 * fraction (onFraction, which never restarts). Only on a terminal: piped or redirected stderr
 * stays clean.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar({
    stream,
    hideCursor: true,
    clearOnComplete: true,
    format: (_options, params, payload: { label: string }) =>
      formatProgressLine({
        fraction: params.progress,
        label: payload.label,
        elapsedSeconds: ((params.stopTime ?? Date.now()) - params.startTime) / 1000,
        etaSeconds: params.eta,
      }),
  });
  let running = false;
  let lastTotal = -1;
  let lastDone = -1;
  const show = (fraction: number, label: string, restart: boolean) => {
    const value = Math.round(Math.min(Math.max(fraction, 0), 1) * SCALE);
    if (running && !restart) {
      bar.update(value, { label });
      return;
    }
    if (running) bar.stop();
    bar.start(SCALE, value, { label });
    running = true;
  };
  return {
    onProgress(done, total, label = '') {
      show(
        total > 0 ? done / total : 0,
        `${done}/${total} ${label}`.trim(),
        total !== lastTotal || done < lastDone,
      );
      lastTotal = total;
      lastDone = done;
    },
    onFraction(fraction, label) {
      show(fraction, label, false);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
