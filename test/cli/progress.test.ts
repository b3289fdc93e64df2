import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatProgressLine } from '../../src/cli/progress.js';

function stream(isTTY: boolean, columns = 80): { out: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    out: Object.assign(pass, { isTTY, columns }) as unknown as NodeJS.WriteStream,
    text: () => text,
  };
}

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { out, text } = stream(false);
    const progress = createProgress(out);
    progress.onProgress(1, 4, 'window 1');
    progress.onProgress(4, 4, 'window 4');
    progress.stop();
    expect(text()).toBe('');
  });

  it('draws a bar with the count and label on a terminal', () => {
    const { out, text } = stream(true);
    const progress = createProgress(out);
    progress.onProgress(3, 8, 'window 3');
    progress.stop();
    expect(text()).toContain('3/8 window 3');
  });

  it('shows the percentage done, the time elapsed and the time left', () => {
    const { out, text } = stream(true, 200);
    const progress = createProgress(out);
    progress.onProgress(3, 8, 'walk-forward windows trained');
    progress.stop();
    // 3 of 8 is 37.5%, shown as a whole percent.
    expect(text()).toMatch(/3[78]% 3\/8 walk-forward windows trained \| \S+ elapsed \| ETA \S+/);
  });

  it('keeps one bar for a whole job: a smaller fraction never restarts it', () => {
    const { out, text } = stream(true, 200);
    const progress = createProgress(out);
    progress.onFraction(0.5, '2/4 SPY: seed 2 (2/2) windows');
    progress.onFraction(0.75, '1/2 SPY: lookahead check windows');
    progress.stop();
    expect(text()).toContain('75% 1/2 SPY: lookahead check windows');
  });
});

describe('formatProgressLine', () => {
  it('shows the bar, the whole percent, the label, the time elapsed and the time left', () => {
    const line = formatProgressLine(
      { fraction: 0.375, label: '3/8 windows', elapsedSeconds: 75, etaSeconds: 125 },
      8,
    );
    // 0.375 x 8 = 3 cells of 8 filled.
    expect(line).toBe(
      '\u2588\u2588\u2588\u2591\u2591\u2591\u2591\u2591 37% 3/8 windows | 1:15 elapsed | ETA 2:05',
    );
  });

  it('says the time left is unknown before any progress, and zero when done', () => {
    const start = formatProgressLine(
      { fraction: 0, label: '', elapsedSeconds: 3, etaSeconds: Number.POSITIVE_INFINITY },
      4,
    );
    expect(start).toBe('\u2591\u2591\u2591\u2591 0% | 0:03 elapsed | ETA --:--');
    const done = formatProgressLine(
      { fraction: 1, label: 'x', elapsedSeconds: 3725, etaSeconds: Number.NaN },
      4,
    );
    expect(done).toBe('\u2588\u2588\u2588\u2588 100% x | 1:02:05 elapsed | ETA 0:00');
  });
});
