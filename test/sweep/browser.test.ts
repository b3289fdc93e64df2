import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../src/builtins/index.js';
import { PythonRandom } from '../../src/random/index.js';
import {
  DEFAULT_CHROMIUM_PATH,
  launchChromium,
  type ReportBrowser,
  reportUrl,
  waitForReport,
} from '../../src/report/screenshot.js';
import { heatmapCells } from '../../src/sweep/client/sweep.js';
import {
  HEATMAP_AGGREGATIONS,
  type HeatmapAggregation,
  type HeatmapData,
} from '../../src/sweep/html.js';
import type { SweepReport } from '../../src/sweep/sweep.js';
import { hasSystemProgram } from '../system-programs.js';

const HAS_CHROMIUM = hasSystemProgram('Chromium', DEFAULT_CHROMIUM_PATH);

let browser: ReportBrowser;
let dir: string;
let report: SweepReport;

/** A random walk of 400 daily bars as a CSV file. */
function walkCsv(file: string): void {
  const random = new PythonRandom(7);
  const lines = ['date,open,high,low,close,volume'];
  let price = 100;
  for (let i = 0; i < 400; i++) {
    const next = price * Math.exp(0.02 * (random.random() - 0.5));
    const date = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${price},${Math.max(price, next)},${Math.min(price, next)},${next},1000`);
    price = next;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  dir = mkdtempSync(join(tmpdir(), 'sweep-browser-'));
  const file = join(dir, 'walk.csv');
  walkCsv(file);
  report = await sweep({
    file,
    strategy: 'rsi-reversion',
    grid: ['period=5,10,14', 'low=20,30', 'high=70,80'],
    resamples: 99,
    threads: 1,
    out: join(dir, 'out'),
    html: true,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The heatmap as text, the header row first. */
function heatmapText(page: Page): Promise<string[][]> {
  return page.$$eval('#heatmap table tr', (rows) =>
    rows.map((row) =>
      Array.from((row as unknown as { cells: ArrayLike<{ textContent: string }> }).cells).map(
        (cell) => cell.textContent,
      ),
    ),
  );
}

/** What the heatmap should show, from the tested cell function. */
function expected(data: HeatmapData, x: number, y: number, aggregation: HeatmapAggregation) {
  const cells = heatmapCells(data, x, y, aggregation);
  return [
    [`${data.axes[y].key} \\ ${data.axes[x].key}`, ...data.axes[x].values],
    ...cells.map((row, i) => [
      data.axes[y].values[i],
      ...row.map((v) => (v === undefined ? '–' : v === null ? 'n/a' : v.toFixed(2))),
    ]),
  ];
}

describe.runIf(HAS_CHROMIUM)('sweep.html in headless Chromium', () => {
  it('draws the heatmap over the axes and folding the reader picks, offline and without errors', async () => {
    const url = reportUrl(join(dir, 'out', 'sweep.html'));
    const page = await browser.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url);
    await waitForReport(page);
    const data = JSON.parse(
      readFileSync(join(dir, 'out', 'sweep.html'), 'utf8').match(
        /<script type="application\/json" id="heatmap-data">(.*?)<\/script>/s,
      )![1],
    ) as HeatmapData;
    expect(data.trials).toHaveLength(12);

    // By default: period across, low down, the others' max. The best trial's cell shows its Sharpe.
    const first = await heatmapText(page);
    expect(first).toEqual(expected(data, 0, 1, 'max'));
    const best = report.best!;
    const row = first.findIndex((cells) => cells[0] === String(best.params.low));
    const column = first[0].indexOf(String(best.params.period));
    expect(first[row][column]).toBe(best.metric!.toFixed(2));
    expect(await page.textContent('#heatmap-meaning')).toBe(HEATMAP_AGGREGATIONS.max.meaning);

    await page.selectOption('#heatmap-x', '2');
    await page.selectOption('#heatmap-y', '0');
    await page.selectOption('#heatmap-aggregation', 'median');
    expect(await heatmapText(page)).toEqual(expected(data, 2, 0, 'median'));
    expect(await page.textContent('#heatmap-meaning')).toBe(HEATMAP_AGGREGATIONS.median.meaning);
    await page.selectOption('#heatmap-aggregation', 'best');
    expect(await heatmapText(page)).toEqual(expected(data, 2, 0, 'best'));

    await page.selectOption('#heatmap-y', '2');
    expect(await page.textContent('#heatmap')).toBe('Choose two different parameters.');

    // The top trials sort by a clicked column, largest first.
    const sharpeColumn = await page.$$eval('table.trials th', (ths) =>
      ths.findIndex((th) => th.textContent === 'sharpe'),
    );
    await page.click(`table.trials th:nth-child(${sharpeColumn + 1})`);
    const sharpes = await page.$$eval(
      `table.trials tbody td:nth-child(${sharpeColumn + 1})`,
      (tds) => tds.map((td) => Number(td.textContent)),
    );
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
