/**
 * Screenshots of an HTML report in headless Chromium, at the subpath `nn-timing/screenshot`. It
 * needs playwright-core (an optional peer dependency) and a Chromium binary.
 * @module nn-timing/screenshot
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { writeFileAtomic } from '../io/index.js';

/** Where Debian's chromium package puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Where Chromium is and the viewport to render in. */
export interface BrowserOptions {
  /** Chromium binary (default DEFAULT_CHROMIUM_PATH). */
  executablePath?: string;
  /** Viewport in CSS pixels (default 1280 x 900). */
  width?: number;
  height?: number;
}

/** Quiet, offline Chromium: no background traffic, updates or first-run pages. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A launched headless Chromium (a browser context); `close()` ends it and removes its profile. */
export interface ReportBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh throw-away profile. playwright-core is an optional peer
 * dependency, so it is imported only when a browser is really wanted.
 */
export async function launchChromium(options: BrowserOptions = {}): Promise<ReportBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'nn-timing-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath ?? DEFAULT_CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Resolves once the report's script has drawn every chart (it marks <body data-ready>). */
export async function waitForReport(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout });
}

/** The file URL of a report on disk, for `page.goto`. */
export function reportUrl(htmlPath: string): string {
  return pathToFileURL(resolve(htmlPath)).href;
}

/** Opens a generated report.html in headless Chromium and saves a full-page PNG of it. */
export async function screenshotReport(
  htmlPath: string,
  pngPath: string,
  options: BrowserOptions = {},
): Promise<void> {
  const browser = await launchChromium(options);
  try {
    const page = await browser.context.newPage();
    await page.goto(reportUrl(htmlPath));
    await waitForReport(page);
    writeFileAtomic(pngPath, await page.screenshot({ fullPage: true }));
  } finally {
    await browser.close();
  }
}
