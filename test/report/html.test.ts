import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/build.js';
import { GLOSSARY } from '../../src/report/glossary.js';
import { escapeHtml, jsonForScript, renderHtml } from '../../src/report/html.js';
import { makeInput } from './fixture.js';

/** Presence checks that report the text sought, not the whole 270 kB page. */
function expectIn(html: string, text: string | RegExp, present = true): void {
  const found = typeof text === 'string' ? html.includes(text) : text.test(html);
  expect(found, `${present ? 'missing' : 'unexpected'}: ${text}`).toBe(present);
}

function part(html: string, pattern: RegExp): string {
  const match = html.match(pattern);
  if (!match) throw new Error(`no match for ${pattern}`);
  return match[1];
}

/** The embedded report data, as the page's script reads it. */
function embedded(html: string): unknown {
  return JSON.parse(
    part(html, /<script type="application\/json" id="report-data">(.*?)<\/script>/s),
  );
}

describe('escapeHtml and jsonForScript', () => {
  it('escape the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('keeps </script> out of embedded JSON without changing its value', () => {
    const value = { symbol: '</script><script>alert(1)</script>', note: 'a<b' };
    const text = jsonForScript(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('renderHtml', () => {
  it('escapes user text everywhere it appears', () => {
    const symbol = '<script>alert("x")</script>';
    const input = makeInput({ symbol });
    input.strategy.params = { label: `it's <b>&</b>` };
    const html = renderHtml(buildRunReport(input));
    expectIn(html, symbol, false);
    expectIn(html, '<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;: nn-timing');
    expectIn(html, '<span class="chip">label=it&#39;s &lt;b&gt;&amp;&lt;/b&gt;</span>');
    // Exactly three script elements: data, chart library, report script.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect((embedded(html) as { data: { symbol: string } }).data.symbol).toBe(symbol);
  });

  it('embeds exactly the report and nothing that loads from elsewhere', () => {
    const report = buildRunReport(makeInput());
    const html = renderHtml(report);
    expect(embedded(html)).toEqual(report);
    expectIn(html, 'TradingView Lightweight Charts');
    expectIn(html, "content=\"default-src 'none'; script-src 'unsafe-inline'");
    expectIn(html, /<(script|img|iframe|link)[^>]*\ssrc=/i, false);
    expectIn(html, /<link[^>]*href="(?!data:)/i, false);
    const style = part(html, /<style>(.*?)<\/style>/s);
    expectIn(style, /@import|url\(/, false);
  });

  it('has the sections of an nn-timing run, and only the general ones otherwise', () => {
    const nn = renderHtml(buildRunReport(makeInput()));
    for (const id of [
      'verdict',
      'stats-table',
      'chart-price',
      'chart-equity',
      'log-scale',
      'chart-training',
      'windows-table',
      'chart-probability',
      'importance',
      'occlusion',
      'saliency-heatmap',
      'trades-table',
    ]) {
      expectIn(nn, `id="${id}"`);
    }
    const plain = renderHtml(buildRunReport(makeInput({ diagnostics: false })));
    expectIn(plain, 'id="chart-equity"');
    expectIn(plain, 'id="chart-training"', false);
    expectIn(plain, 'id="chart-probability"', false);
    expectIn(plain, 'id="importance"', false);
  });

  it('shows header facts, warnings, the verdict with its p-value, and the pending signal', () => {
    const input = makeInput();
    input.series.meta.adjusted = true;
    const html = renderHtml(buildRunReport(input));
    expectIn(html, '<dt>Data file</dt><dd><code>data/syn.csv</code></dd>');
    expectIn(html, '<dt>Period</dt><dd>2022-11-15 to 2023-10-30 (250 bars)</dd>');
    expectIn(html, '<span class="chip">hidden=8</span>');
    expectIn(html, '<dt>Seed</dt><dd>42</dd>');
    expectIn(html, 'commission 0.1%, slippage 2 bps');
    expectIn(
      html,
      /<section class="card warnings" id="warnings"><h2>Warnings<\/h2><ul><li>Prices are adjusted/,
    );
    expectIn(html, 'p-value</span><strong>0.412</strong>');
    expectIn(html, '>Adjusted p-value</span><strong>0.412</strong>');
    expectIn(html, '>Sharpe difference</span><strong>-0.08</strong>');
    expectIn(html, '>Detectable difference</span><strong>0.61</strong>');
    expectIn(html, 'annual, strategy - baseline; 90% interval -0.52 to 0.37');
    expectIn(html, 'block length 7 (Politis-White automatic)');
    expectIn(html, 'Bonferroni for 1 trial: min(1, p x trials)');
    expectIn(html, '<section class="card verdict inconclusive" id="verdict">');
    expectIn(html, '<span class="badge">inconclusive</span>');
    expectIn(html, 'Inconclusive: the test could not have seen an edge of this size.');
    expectIn(html, 'go long 100% at the next open (decided 2023-10-30 close)');
    // The statistics table, side by side: Sharpe 0.8765 -> 0.88 against 1.02.
    expectIn(html, '>Sharpe ratio</td><td>0.88</td><td>1.02</td></tr>');
    // Every statistic's label carries its plain-words meaning as a tooltip.
    expectIn(html, `<td title="${GLOSSARY['Sharpe ratio']}" class="explained">Sharpe ratio</td>`);
  });

  it('shows occlusion beside saliency, largest first, and saliency per window over time', () => {
    const html = renderHtml(buildRunReport(makeInput()));
    const order = (id: string) =>
      [
        ...part(html, new RegExp(`id="${id}"(.*?)</svg>`, 's')).matchAll(/data-feature="([^"]+)"/g),
      ].map((m) => m[1]);
    expect(order('importance')).toEqual(['macd_hist', 'rsi14', 'vol_20', 'ret_5']);
    expect(order('occlusion')).toEqual(['macd_hist', 'rsi14', 'vol_20', 'ret_5']);
    // macd_hist: change in p 0.05, AUC drop 0.025 (fixture: half the change).
    expectIn(html, '0.0500 · AUC −0.0250');
    // 3 windows x 4 features; in every window macd_hist (0.45 x scale) is the largest: full shade.
    const heat = part(html, /id="saliency-heatmap"(.*?)<\/svg>/s);
    const shades = [...heat.matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(shades).toHaveLength(12);
    expect(shades.slice(0, 4)).toEqual([0.667, 1, 0.222, 0.333]);
  });

  it('says whether the lookahead check ran, and puts a banner over a strategy caught reading ahead', () => {
    const plain = renderHtml(buildRunReport(makeInput()));
    expectIn(plain, '<dt>Lookahead check</dt><dd>not checked (nn-timing retrains once per cut');
    expect(plain).not.toContain('id="lookahead"');
    const caught = renderHtml(
      buildRunReport({
        ...makeInput(),
        lookahead: {
          checked: true,
          found: true,
          firstBar: 7,
          firstTime: Date.UTC(2023, 0, 3),
          cuts: 25,
        },
      }),
    );
    expectIn(
      caught,
      /<section class="card invalid" id="lookahead" role="alert"><h2>Lookahead: these results are invalid<\/h2><p>Invalid: the strategy reads future bars \(lookahead found at bar 7 \(2023-01-03\)\)/,
    );
    expectIn(caught, '<span class="badge">INVALID</span>');
  });

  it('is deterministic', () => {
    const first = renderHtml(buildRunReport(makeInput()));
    expect(renderHtml(buildRunReport(makeInput())) === first).toBe(true);
  });
});
