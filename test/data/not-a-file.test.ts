import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPrices } from '../../src/data/index.js';
import { MAX_PRICE_FILE_BYTES } from '../../src/data/load-prices.js';
import { InputError } from '../../src/errors.js';
import { loadBacktestConfig } from '../../src/run/config.js';

const folder = mkdtempSync(join(tmpdir(), 'nn-not-a-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('inputs that are not regular files are refused at once', () => {
  const fifo = join(folder, 'prices.pipe');
  spawnSync('mkfifo', [fifo]);
  const dir = join(folder, 'prices.csv');
  mkdirSync(dir);
  const cases: [string, RegExp][] = [
    [dir, /it is a folder/],
    [fifo, /it is a named pipe, not a file/],
    ['/dev/zero', /it is a device, not a file/],
    ['/dev/null', /it is a device, not a file/],
  ];

  for (const [path, reason] of cases) {
    it(`price file ${path.slice(folder.length + 1) || path}: exit-2 error, no read`, async () => {
      const error = await loadPrices(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(new RegExp(`^cannot read price file ${path}: `));
      expect((error as Error).message).toMatch(reason);
    });
    it(`config file ${path.slice(folder.length + 1) || path}: exit-2 error, no read`, () => {
      expect(() => loadBacktestConfig(path)).toThrow(InputError);
    });
  }

  it('a file above the documented size guard is refused before it is read', async () => {
    const huge = join(folder, 'huge.csv');
    writeFileSync(huge, 'Date,Open,High,Low,Close,Volume\n');
    // Sparse: takes no disk space and no time.
    truncateSync(huge, MAX_PRICE_FILE_BYTES + 1);
    await expect(loadPrices(huge)).rejects.toThrow(
      new InputError(
        `cannot read price file ${huge}: it has ${MAX_PRICE_FILE_BYTES + 1} bytes, more than the ${MAX_PRICE_FILE_BYTES} a price file may have; split it by date or symbol`,
      ),
    );
  });
});
