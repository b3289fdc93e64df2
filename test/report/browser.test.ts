import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import {
  DEFAULT_CHROMIUM_PATH,
  launchChromium,
  type ReportBrowser,
  reportUrl,
  screenshotReport,
  waitForReport,
} from '../../src/report/screenshot.js';
import type { RunReport } from '../../src/report/types.js';
import { rsiReversion } from '../../strategies/rsi-reversion.js';
import { smaCross } from '../../strategies/sma-cross.js';
import { hasSystemProgram } from '../system-programs.js';
import { makeInput } from './fixture.js';

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/** The colours the report's script draws with (src/report/client/report.js), as RGB. */
const COLOR = {
  strategy: [0x25, 0x63, 0xeb],
  baseline: [0x94, 0xa3, 0xb8],
  up: [0x16, 0xa3, 0x4a],
  down: [0xdc, 0x26, 0x26],
  train: [0x7c, 0x3a, 0xed],
  validation: [0xea, 0x58, 0x0c],
  probability: [0x08, 0x91, 0xb2],
  price: [0x33, 0x41, 0x55],
} as const;

/**
 * In-page probe: for each pane of a chart, counts pixels close to each colour, reading only the
 * pane canvases (not the price axis, whose labels also carry the series colours).
 */
const PANE_PIXELS = `(function (args) {
  var entry = window.reportCharts[args.id];
  var chart = entry.chart;
  var box = document.getElementById(args.id).getBoundingClientRect();
  var panes = chart.panes().length;
  var bottoms = [];
  var top = 0;
  for (var p = 0; p < panes; p++) {
    top += chart.paneSize(p).height + (p > 0 ? 1 : 0);
    bottoms.push(top);
  }
  var width = chart.paneSize(0).width;
  var counts = bottoms.map(function () { return args.colors.map(function () { return 0; }); });
  document.getElementById(args.id).querySelectorAll('canvas').forEach(function (canvas) {
    var rect = canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.left - box.left >= width) return;
    var middle = rect.top - box.top + rect.height / 2;
    var pane = bottoms.findIndex(function (b) { return middle < b; });
    if (pane < 0) return;
    var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (var i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 200) continue;
      for (var k = 0; k < args.colors.length; k++) {
        var c = args.colors[k];
        if (Math.abs(data[i] - c[0]) <= 16 && Math.abs(data[i + 1] - c[1]) <= 16 &&
            Math.abs(data[i + 2] - c[2]) <= 16) counts[pane][k]++;
      }
    }
  });
  return counts;
})`;

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

const HAS_CHROMIUM = hasSystemProgram('Chromium', DEFAULT_CHROMIUM_PATH);

let browser: ReportBrowser;
let dir: string;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(report: RunReport, name: string): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, renderHtml(report));
  const url = reportUrl(file);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  await waitForReport(page);
  return { page, errors, requests };
}

async function panePixels(page: Page, id: string, colors: readonly (readonly number[])[]) {
  return (await page.evaluate(`${PANE_PIXELS}(${JSON.stringify({ id, colors })})`)) as number[][];
}

async function tradeOrder(page: Page): Promise<string[]> {
  return page.$$eval('#trades-table tbody tr', (rows) =>
    rows.map(
      (row) => (row as unknown as { cells: { textContent: string }[] }).cells[0].textContent,
    ),
  );
}

const PRICE_SERIES_TYPE = `window.reportCharts['chart-price'].series.price.seriesType()`;

/** Minimum pixels of a colour for a series to count as drawn (a 2 px line over ~1,100 px is far more). */
const DRAWN = 150;

describe.runIf(HAS_CHROMIUM)('report.html in headless Chromium', () => {
  it('draws every chart offline, without errors, and sorts and toggles', async () => {
    const { page, errors, requests } = await open(buildRunReport(makeInput()), 'nn.html');

    expect(await page.evaluate(PRICE_SERIES_TYPE)).toBe('Candlestick');
    const price = await panePixels(page, 'chart-price', [COLOR.up, COLOR.down]);
    expect(price[0][0]).toBeGreaterThan(DRAWN);
    expect(price[0][1]).toBeGreaterThan(DRAWN);
    // Four entries and three exits (the last trade is still open).
    expect(await page.evaluate(`window.reportCharts['chart-price'].markers.markers().length`)).toBe(
      7,
    );

    const equity = await panePixels(page, 'chart-equity', [COLOR.strategy, COLOR.baseline]);
    expect(equity).toHaveLength(2);
    expect(equity[0][0]).toBeGreaterThan(DRAWN);
    expect(equity[0][1]).toBeGreaterThan(DRAWN);
    // Lower pane: strategy drawdown (line) and baseline drawdown.
    expect(equity[1][0]).toBeGreaterThan(DRAWN / 3);
    expect(equity[1][1]).toBeGreaterThan(DRAWN / 3);

    const training = await panePixels(page, 'chart-training', [COLOR.train, COLOR.validation]);
    expect(training[0][0]).toBeGreaterThan(DRAWN / 3);
    expect(training[0][1]).toBeGreaterThan(DRAWN / 3);

    const probability = await panePixels(page, 'chart-probability', [
      COLOR.probability,
      COLOR.up,
      COLOR.down,
    ]);
    // The probability line and both dashed threshold lines.
    expect(probability[0][0]).toBeGreaterThan(DRAWN);
    expect(probability[0][1]).toBeGreaterThan(DRAWN / 3);
    expect(probability[0][2]).toBeGreaterThan(DRAWN / 3);

    // Importance, largest first: 0.45 macd_hist, 0.3 rsi14, 0.15 vol_20, 0.1 ret_5; the bar span
    // is 720 - 170 - 70 = 480 px, so rsi14 is 0.3 / 0.45 * 480 = 320 px wide.
    const bars = await page.$$eval('#importance rect.bar', (rects) =>
      rects.map((r) => [r.getAttribute('data-feature'), r.getAttribute('width')]),
    );
    expect(bars).toEqual([
      ['macd_hist', '480.0'],
      ['rsi14', '320.0'],
      ['vol_20', '160.0'],
      ['ret_5', '106.7'],
    ]);

    // Trade returns in entry order are 5%, -2%, 10%, 1%: ascending puts trades 2, 4, 1, 3 first.
    expect(await tradeOrder(page)).toEqual(['1', '2', '3', '4']);
    await page.click('#trades-table th:nth-child(10) button');
    expect(await tradeOrder(page)).toEqual(['2', '4', '1', '3']);
    await page.click('#trades-table th:nth-child(10) button');
    expect(await tradeOrder(page)).toEqual(['3', '1', '4', '2']);
    // Sorting by entry time restores the chronological order.
    await page.click('#trades-table th:nth-child(3) button');
    expect(await tradeOrder(page)).toEqual(['1', '2', '3', '4']);

    await page.check('#log-scale');
    expect(
      await page.evaluate(
        `window.reportCharts['chart-equity'].chart.priceScale('right', 0).options().mode`,
      ),
    ).toBe(1);
    await page.evaluate(
      'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
    );
    const logEquity = await panePixels(page, 'chart-equity', [COLOR.strategy]);
    expect(logEquity[0][0]).toBeGreaterThan(DRAWN);
    await page.uncheck('#log-scale');

    // The price chart has its own log scale switch.
    await page.check('#log-scale-price');
    expect(
      await page.evaluate(
        `window.reportCharts['chart-price'].chart.priceScale('right', 0).options().mode`,
      ),
    ).toBe(1);
    await page.uncheck('#log-scale-price');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-test.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("leaves room left of the first bar for the first trade's label, in every linked chart", async () => {
    const input = makeInput();
    const trades = input.strategy.result.trades;
    const first = input.strategy.result.time[0];
    input.strategy.result.trades = [{ ...trades[0], entryTime: first }, ...trades.slice(1)];
    input.strategy.overlays = [
      ...(smaCross.overlays?.(input.series, { fast: 5, slow: 20 }) ?? []),
      ...(rsiReversion.overlays?.(input.series, { period: 14, low: 30, high: 70 }) ?? []),
    ];
    const { page, errors } = await open(buildRunReport(input), 'first-bar.html');
    // The SMAs over the price, the RSI in a pane of its own under it.
    expect(await page.evaluate(`window.reportCharts['chart-price'].chart.panes().length`)).toBe(2);
    expect(
      await page.evaluate(
        `window.reportCharts['chart-price'].series.overlays.map((o) => o.getPane().paneIndex())`,
      ),
    ).toEqual([0, 0, 1]);
    // "Buy" in the 12 px chart font is about 22 px wide, centred on its bar: half of it must fit.
    for (const id of ['chart-price', 'chart-equity', 'chart-probability']) {
      const x = (await page.evaluate(
        `window.reportCharts['${id}'].chart.timeScale().timeToCoordinate(${first / 1000})`,
      )) as number;
      expect(x, id).toBeGreaterThan(15);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .locator('#chart-price')
      .screenshot({ path: join(ARTIFACTS, 'report-first-bar.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a plain strategy without model sections or trades, and escapes hostile text', async () => {
    const input = makeInput({ diagnostics: false, symbol: '<img src="x.png">' });
    // A close-only file: the price chart is a line, not candles.
    input.series.meta.fields = ['close'];
    input.strategy.name = 'sma-cross';
    input.strategy.params = { note: '</script><script>alert(1)</script>' };
    input.strategy.result.trades = [];
    const { page, errors, requests } = await open(buildRunReport(input), 'plain.html');
    for (const id of ['chart-training', 'chart-probability', 'importance']) {
      expect(await page.$(`#${id}`)).toBeNull();
    }
    expect(await page.evaluate(PRICE_SERIES_TYPE)).toBe('Line');
    const price = await panePixels(page, 'chart-price', [COLOR.price]);
    expect(price[0][0]).toBeGreaterThan(DRAWN);
    const equity = await panePixels(page, 'chart-equity', [COLOR.strategy]);
    expect(equity[0][0]).toBeGreaterThan(DRAWN);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.textContent('#trades')).toContain('No trades.');
    expect(await page.title()).toBe('<img src="x.png">: sma-cross vs buy-and-hold');
    expect(await page.textContent('h1')).toBe('<img src="x.png">: sma-cross vs buy-and-hold');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows every column of the statistics table at 1280 px and narrower, beside the verdict when room', async () => {
    const { page } = await open(buildRunReport(makeInput()), 'widths.html');
    const layout = () =>
      page.evaluate(`(() => {
        const scroll = document.querySelector('#stats .scroll');
        const stats = document.getElementById('stats').getBoundingClientRect();
        const verdict = document.querySelector('.verdict').getBoundingClientRect();
        return { hidden: scroll.scrollWidth - scroll.clientWidth, beside: stats.top === verdict.top };
      })()`) as Promise<{ hidden: number; beside: boolean }>;
    for (const [width, beside] of [
      [1280, true],
      [1000, true],
      [700, false],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      expect({ width, ...(await layout()) }).toEqual({ width, hidden: 0, beside });
    }
    await page.close();
  });

  it('screenshotReport saves a full-page PNG', async () => {
    const html = join(dir, 'shot.html');
    const png = join(dir, 'shot.png');
    writeFileSync(html, renderHtml(buildRunReport(makeInput())));
    await screenshotReport(html, png, { width: 1000 });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width then height, big-endian, at bytes 16 and 20.
    expect(bytes.readUInt32BE(16)).toBe(1000);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(2000);
  });
});
