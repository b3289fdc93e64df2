import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

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
});
