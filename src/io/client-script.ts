import { readFileSync } from 'node:fs';

/**
 * The content security policy of the single-file pages: inline scripts, styles and data: images
 * only, so a page makes no request and works offline.
 */
export const OFFLINE_PAGE_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const scripts = new Map<string, string>();

/**
 * A page's browser script, read once: `src/<folder>/client/<name>.js` (linted, and type-checked
 * by tsconfig.client.json), which the build copies beside the compiled module that inlines it.
 * Inlined as a module script, its names stay out of the page's globals.
 */
export function clientScript(url: URL): string {
  let text = scripts.get(url.href);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    // Inline, "</script" would end the element early.
    if (/<\/script/i.test(text)) throw new Error(`${url.pathname} contains "</script"`);
    scripts.set(url.href, text);
  }
  return text;
}
