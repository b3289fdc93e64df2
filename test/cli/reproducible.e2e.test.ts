import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA, runCli, TINY_NN } from './helpers.js';

// The reliability guide's claim: "Same data, parameters and seed give bit-identical positions,
// statistics and report.json, on one thread or many"; run times go to timings.json only.
const folder = mkdtempSync(join(tmpdir(), 'nn-reproducible-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('claim: reproducible means byte-identical', () => {
  it('two nn-timing runs, on one thread and on two, write byte-identical outputs but timings.json', async () => {
    const file = join(DATA, 'goog-2004-2013.csv');
    const runs = [
      ['--threads', '1', '--out', join(folder, 'one')],
      ['--threads', '2', '--out', join(folder, 'two')],
    ];
    const results = await Promise.all(
      runs.map((extra) => runCli(['backtest', file, ...TINY_NN, '--html', ...extra])),
    );
    for (const result of results) expect(result.code).toBe(0);
    const names = readdirSync(join(folder, 'one')).sort();
    expect(readdirSync(join(folder, 'two')).sort()).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(['report.json', 'timings.json', 'model.json']));
    for (const name of names.filter((n) => n !== 'timings.json')) {
      const one = readFileSync(join(folder, 'one', name));
      const two = readFileSync(join(folder, 'two', name));
      expect(one.equals(two), `${name} differs between the runs`).toBe(true);
    }
  });
});
