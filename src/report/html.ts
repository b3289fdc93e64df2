import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Trade } from '../backtest/index.js';
import { clientScript, OFFLINE_PAGE_POLICY } from '../io/index.js';
import {
  describeCosts,
  describeFill,
  describeParams,
  describePending,
  describePositioning,
  formatBars,
  formatCount,
  formatPercent,
  formatPrice,
  formatPValue,
  formatRatio,
  formatStat,
  formatTime,
  formatUnits,
  heldAtEnd,
  isIntraday,
  plural,
  priceDecimals,
} from './format.js';
import { explain } from './glossary.js';
import { REPORT_STYLE } from './html-style.js';
import { describeLookahead } from './lookahead.js';
import { comparisonLines, formatRow, statRows, VERDICT_LABELS } from './rows.js';
import type { ReportDiagnostics, RunReport, SideReport } from './types.js';

const CHART_LIBRARY = 'lightweight-charts.standalone.production.js';

let chartLibrary: string | undefined;

/** The chart library's standalone build, read once from the installed package. */
function chartLibrarySource(): string {
  if (chartLibrary === undefined) {
    const require = createRequire(import.meta.url);
    // The package exports map hides dist/, but package.json is exported and locates the folder.
    const root = dirname(require.resolve('lightweight-charts/package.json'));
    chartLibrary = readFileSync(join(root, 'dist', CHART_LIBRARY), 'utf8');
  }
  return chartLibrary;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** JSON that cannot end its <script> element early: every `<` becomes `\u003c`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
class Raw {
  constructor(readonly html: string) {}
}

function raw(html: string): Raw {
  return new Raw(html);
}

/** Tagged template: interpolated values are escaped unless they are `Raw`; arrays are joined. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((value, i) => {
    out += piece(value) + strings[i + 1];
  });
  return new Raw(out);
}

function piece(value: unknown): string {
  if (value instanceof Raw) return value.html;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A label's plain-words meaning as a tooltip (`title`), or nothing when it has none. */
function tooltip(label: string): Raw | '' {
  const meaning = explain(label);
  return meaning === '' ? '' : html` title="${meaning}" class="explained"`;
}

function signClass(value: number | null): string {
  if (value === null || value === 0) return '';
  return value > 0 ? 'pos' : 'neg';
}

function paramChips(params: Record<string, unknown>): Raw {
  const pairs = describeParams(params);
  if (pairs.length === 0) return html`<span class="chip">defaults</span>`;
  return html`${pairs.map((pair) => html`<span class="chip">${pair}</span>`)}`;
}

function sideLine(side: SideReport): Raw {
  return html`<strong>${side.name}</strong> ${paramChips(side.params)}`;
}

function header(report: RunReport, intraday: boolean): Raw {
  const { data, options } = report;
  const period = `${formatTime(data.start, intraday)} to ${formatTime(data.end, intraday)}`;
  const facts: [string, Raw | string][] = [
    ['Data file', html`<code>${data.file}</code>`],
    ['Symbol', data.symbol],
    ['Period', `${period} (${formatCount(data.bars)} bars)`],
    ['Strategy', sideLine(report.strategy)],
    ['Baseline', sideLine(report.baseline)],
    ['Costs', describeCosts(options)],
    ['Fill', describeFill(options)],
    ['Positions', describePositioning(options)],
    ['Annualisation', options.annualisationBasis],
    ['Seed', String(report.seed)],
    ['Lookahead check', describeLookahead(report.lookahead, intraday)],
  ];
  const warnings =
    report.warnings.length === 0
      ? ''
      : html`<section class="card warnings" id="warnings"><h2>Warnings</h2><ul>${report.warnings.map(
          (w) => html`<li>${w}</li>`,
        )}</ul></section>`;
  // A strategy caught reading the future gets a banner no reader can miss.
  const invalid = report.lookahead.found
    ? html`<section class="card invalid" id="lookahead" role="alert"><h2>Lookahead: these results are invalid</h2><p>${report.comparison.verdict}</p></section>`
    : '';
  return html`<header class="card">
<h1>${data.symbol}: ${report.strategy.name} vs ${report.baseline.name}</h1>
<p class="sub">${period} · ${report.tool}</p>
<dl class="facts">${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
</header>
${invalid}
${warnings}`;
}

function verdict(report: RunReport, intraday: boolean): Raw {
  const c = report.comparison;
  const figures = comparisonLines(report).map(
    ([label, value, kind, note]) =>
      html`<div${note === '' ? '' : html` title="${note}"`}><span${tooltip(label)}>${label}</span><strong>${formatStat(value, kind)}</strong></div>`,
  );
  const notes = comparisonLines(report)
    .filter(([, , , note]) => note !== '')
    .map(([label, , , note]) => html`<li>${label}: ${note}.</li>`);
  const pending = describePending(
    report.strategy.pending,
    report.options.fill,
    intraday,
    heldAtEnd(report.strategy.trades),
  );
  return html`<section class="card verdict ${c.verdictKind}" id="verdict">
<h2><span${tooltip('Verdict')}>Verdict</span> <span class="badge">${VERDICT_LABELS[c.verdictKind]}</span></h2>
<p class="sentence">${c.verdict}</p>
<div class="figures">${figures}</div>
<ul class="notes">${notes}</ul>
<p><span${tooltip('Pending')}>Pending signal</span>: <strong>${pending}</strong></p>
${seedSpread(report)}
</section>`;
}

function seedSpread(report: RunReport): Raw | '' {
  const spread = report.seedSpread;
  if (!spread) return '';
  const row = (
    label: string,
    stat: { min: number | null; median: number | null; max: number | null },
    format: (v: number | null) => string,
  ) =>
    html`<tr><td>${label}</td><td>${format(stat.min)}</td><td>${format(stat.median)}</td><td>${format(stat.max)}</td></tr>`;
  return html`<h2>Seed spread (${spread.seeds.length} seeds)</h2>
<div class="scroll"><table id="seed-spread"><thead><tr><th></th><th>min</th><th>median</th><th>max</th></tr></thead><tbody>
${row('Sharpe', spread.sharpe, (v) => formatRatio(v))}
${row('Total return', spread.totalReturn, (v) => formatPercent(v))}
${row('p-value', spread.pValue, formatPValue)}
</tbody></table></div>
<p class="sub">Seeds ${spread.seeds.join(', ')}. Baseline: Sharpe ${formatRatio(spread.baselineSharpe)}, total return ${formatPercent(spread.baselineReturn)}.</p>`;
}

function statsTable(report: RunReport): Raw {
  const rows = statRows(report).map(
    (row) =>
      html`<tr><td${tooltip(row.label)}>${row.label}</td><td>${formatRow(row, report.strategy)}</td><td>${formatRow(row, report.baseline)}</td></tr>`,
  );
  return html`<section class="card" id="stats"><h2>Statistics</h2>
<div class="scroll"><table id="stats-table"><thead><tr><th>Statistic</th>
<th><span class="swatch" style="background:var(--strategy)"></span>${report.strategy.name}</th>
<th><span class="swatch" style="background:var(--baseline)"></span>${report.baseline.name}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

function chartCard(
  id: string,
  title: string,
  size: string,
  legend: Raw | '' = '',
  after: Raw | '' = '',
): Raw {
  return html`<section class="card"><h2>${title}</h2>${legend}<div class="chart ${size}" id="${id}"></div>${after}</section>`;
}

function swatch(color: string, label: string): Raw {
  return html`<span><span class="swatch" style="background:${color}"></span>${label}</span>`;
}

/** Says how a long series was thinned for the charts, and where every bar is. */
function downsampleNote(report: RunReport): Raw | '' {
  const d = report.series.downsampled;
  if (!d) return '';
  return html`<p class="sub">${formatCount(d.bars)} bars drawn as ${formatCount(d.runs)} runs of about ${formatCount(Math.round(d.bars / d.runs))} bars: each run shows its lowest and highest value, so no extreme is hidden. ${report.skippedFiles?.includes('equity.csv') ? 'equity.csv, which would hold every bar, was not written (see the warnings).' : 'Every bar is in equity.csv.'}</p>`;
}

function equityCard(report: RunReport): Raw {
  const legend = html`<div class="legend">${swatch('var(--strategy)', report.strategy.name)}${swatch(
    'var(--baseline)',
    report.baseline.name,
  )}<span>lower pane: drawdown</span><label><input type="checkbox" id="log-scale"> Log scale</label></div>`;
  return chartCard('chart-equity', 'Equity and drawdown', 'tall', legend);
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 170;
const SVG_WIDTH = 720;

interface Bar {
  name: string;
  value: number;
  /** Text after the bar; the value itself by default. */
  note?: string;
}

/** Horizontal bars, largest first (the saliency and occlusion charts). */
function barsSvg(id: string, label: string, bars: Bar[]): Raw {
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  const max = Math.max(...sorted.map((b) => b.value), 0);
  const span = SVG_WIDTH - LABEL_WIDTH - 70;
  const height = sorted.length * BAR_HEIGHT + 8;
  const rows = sorted.map(({ name, value, note }, i) => {
    const y = 4 + i * BAR_HEIGHT;
    const width = max > 0 ? Math.max((value / max) * span, 1) : 1;
    return html`<g><text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${name}</text><rect class="bar" data-feature="${name}" x="${LABEL_WIDTH}" y="${y + 3}" width="${width.toFixed(1)}" height="${BAR_HEIGHT - 6}" rx="3"></rect><text class="value" x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 15}">${note ?? formatRatio(value, 4)}</text></g>`;
  });
  return html`<svg class="importance" id="${id}" viewBox="0 0 ${SVG_WIDTH} ${height}" role="img" aria-label="${label}">${rows}</svg>`;
}

function saliencySvg(d: ReportDiagnostics): Raw {
  const bars = d.features.map((name, i) => ({ name, value: d.importance[i] ?? 0 }));
  return barsSvg('importance', 'Saliency per feature', bars);
}

function occlusionSvg(d: ReportDiagnostics): Raw {
  const o = d.occlusion;
  const bars = o.groups.map((group, i) => {
    const value = o.probabilityChange[i] ?? 0;
    const drop = o.aucDrop[i];
    const auc =
      drop === null ? '' : ` · AUC ${drop >= 0 ? '−' : '+'}${formatRatio(Math.abs(drop), 4)}`;
    return { name: group.name, value, note: `${formatRatio(value, 4)}${auc}` };
  });
  return barsSvg('occlusion', 'Occlusion per feature', bars);
}

/** At most this many heatmap columns; more windows are averaged in runs of neighbours. */
const HEATMAP_COLUMNS = 240;
const HEAT_ROW = 16;

/**
 * Saliency over time: one row per feature, one column per window (neighbouring windows averaged
 * beyond HEATMAP_COLUMNS), shaded by the feature's share of that window's largest saliency.
 */
function saliencyHeatmap(d: ReportDiagnostics, intraday: boolean): Raw {
  const windows = d.windows;
  const columns = Math.min(windows.length, HEATMAP_COLUMNS);
  const span = SVG_WIDTH - LABEL_WIDTH - 10;
  const cell = span / Math.max(columns, 1);
  const cells: Raw[] = [];
  for (let k = 0; k < columns; k++) {
    const from = Math.floor((k * windows.length) / columns);
    const to = Math.floor(((k + 1) * windows.length) / columns);
    const mean = d.features.map((_, f) => {
      let sum = 0;
      for (let w = from; w < to; w++) sum += windows[w].importance[f] ?? 0;
      return sum / (to - from);
    });
    const max = Math.max(...mean, 0);
    mean.forEach((value, f) => {
      const shade = max > 0 ? value / max : 0;
      cells.push(
        html`<rect x="${(LABEL_WIDTH + k * cell).toFixed(2)}" y="${f * HEAT_ROW}" width="${(cell + 0.05).toFixed(2)}" height="${HEAT_ROW - 1}" fill-opacity="${shade.toFixed(3)}"></rect>`,
      );
    });
  }
  const labels = d.features.map(
    (name, f) =>
      html`<text x="${LABEL_WIDTH - 8}" y="${f * HEAT_ROW + 12}" text-anchor="end">${name}</text>`,
  );
  const height = d.features.length * HEAT_ROW + 22;
  const axis = windows.length
    ? html`<text class="value" x="${LABEL_WIDTH}" y="${height - 4}">${formatTime(windows[0].testStart, intraday)}</text><text class="value" x="${SVG_WIDTH - 10}" y="${height - 4}" text-anchor="end">${formatTime(windows[windows.length - 1].testStart, intraday)}</text>`
    : '';
  return html`<svg class="importance heatmap" id="saliency-heatmap" viewBox="0 0 ${SVG_WIDTH} ${height}" role="img" aria-label="Saliency per feature and window">${labels}${cells}${axis}</svg>`;
}

function windowsTable(diagnostics: ReportDiagnostics, intraday: boolean): Raw {
  const t = (ms: number) => formatTime(ms, intraday);
  const rows = diagnostics.windows.map(
    (w) =>
      html`<tr><td>${w.index}</td><td>${t(w.trainStart)} to ${t(w.trainEnd)}</td><td>${t(w.testStart)} to ${t(w.testEnd)}</td><td>${formatCount(w.trainRows)}</td><td>${formatCount(w.validationRows)}</td><td>${formatRatio(w.trainError, 5)}</td><td>${formatRatio(w.validationError, 5)}</td><td>${w.bestEpoch} / ${w.epochsRun}</td></tr>`,
  );
  return html`<details><summary>${diagnostics.windows.length} walk-forward windows (embargo ${plural(diagnostics.embargo, 'bar')}, ensemble of ${diagnostics.ensemble})</summary>
<div class="scroll"><table id="windows-table"><thead><tr><th>#</th><th>Train</th><th>Test</th><th>Train rows</th><th>Validation rows</th><th>Train error</th><th>Validation error</th><th>Best / run epochs</th></tr></thead>
<tbody>${rows}</tbody></table></div></details>`;
}

function modelSection(report: RunReport, intraday: boolean): Raw | '' {
  const d = report.diagnostics;
  if (!d) return '';
  const training = chartCard(
    'chart-training',
    'Training and validation error per walk-forward window',
    'short',
    html`<div class="legend">${swatch('#7c3aed', 'train error')}${swatch('#ea580c', 'validation error')}<span>at each window's training end; error = mean of (label − probability)²</span></div>`,
    windowsTable(d, intraday),
  );
  const probability = report.series.probability
    ? chartCard(
        'chart-probability',
        'Predicted probability of an up move',
        'short',
        html`<div class="legend">${swatch('#0891b2', 'P(up)')}<span>${d.thresholdRule ? "thresholds searched per window; the last window's: " : 'thresholds: '}long above ${formatRatio(d.thresholds.upper, 3)}, ${report.options.allowShort ? 'short' : 'flat'} below ${formatRatio(d.thresholds.lower, 3)}</span></div>`,
      )
    : '';
  return html`${training}
${probability}
<section class="card" id="importance-card"><h2>What the model leaned on</h2>
<div class="explain-pair"><div><h3>Saliency</h3>
<p class="sub">Mean |d probability / d input| over each window's training rows, averaged across windows.</p>
${saliencySvg(d)}</div>
<div><h3>Occlusion</h3>
<p class="sub">Mean change of the probability when the input (or a whole multi-column feature) is replaced by its training mean, on each window's validation rows; with the drop in AUC it causes.</p>
${occlusionSvg(d)}</div></div>
<h3>Saliency over time</h3>
<p class="sub">One column per walk-forward window, shaded by each feature's share of that window's largest saliency.</p>
${saliencyHeatmap(d, intraday)}</section>`;
}

interface TradeColumn {
  label: string;
  sort: 'number' | 'text';
  value: (t: Trade, i: number) => number | string;
  text: (t: Trade, i: number) => Raw | string;
  tone?: (t: Trade) => number;
}

function tradesCard(report: RunReport, intraday: boolean): Raw {
  const trades = report.strategy.trades;
  if (trades.length === 0) {
    return html`<section class="card" id="trades"><h2>Trades</h2><p class="sub">No trades.</p></section>`;
  }
  const t = (ms: number) => formatTime(ms, intraday);
  const omitted = report.strategy.tradesOmitted ?? 0;
  const first = omitted + 1;
  const columns: TradeColumn[] = [
    {
      label: '#',
      sort: 'number',
      value: (_, i) => first + i,
      text: (_, i) => String(first + i),
    },
    {
      label: 'Side',
      sort: 'text',
      value: (x) => (x.units >= 0 ? 'long' : 'short'),
      text: (x) => (x.units >= 0 ? 'long' : 'short'),
    },
    { label: 'Entry', sort: 'number', value: (x) => x.entryTime, text: (x) => t(x.entryTime) },
    {
      label: 'Exit',
      sort: 'number',
      value: (x) => x.exitTime,
      text: (x) =>
        x.open ? html`<span class="open-trade">${t(x.exitTime)} (open)</span>` : t(x.exitTime),
    },
    {
      label: 'Entry price',
      sort: 'number',
      value: (x) => x.entryPrice,
      text: (x) => formatPrice(x.entryPrice),
    },
    {
      label: 'Exit price',
      sort: 'number',
      value: (x) => x.exitPrice,
      text: (x) => formatPrice(x.exitPrice),
    },
    { label: 'Units', sort: 'number', value: (x) => x.units, text: (x) => formatUnits(x.units) },
    {
      label: 'Bars',
      sort: 'number',
      value: (x) => x.barsHeld,
      text: (x) => formatBars(x.barsHeld),
    },
    {
      label: 'P&L',
      sort: 'number',
      value: (x) => x.pnl,
      text: (x) => formatRatio(x.pnl),
      tone: (x) => x.pnl,
    },
    {
      label: 'Return',
      sort: 'number',
      value: (x) => x.returnPct,
      text: (x) => formatPercent(x.returnPct),
      tone: (x) => x.returnPct,
    },
    { label: 'Costs', sort: 'number', value: (x) => x.costs, text: (x) => formatRatio(x.costs) },
  ];
  const head = columns.map(
    (c) => html`<th data-sort="${c.sort}"><button type="button">${c.label}</button></th>`,
  );
  const rows = trades.map(
    (trade, i) =>
      html`<tr>${columns.map((c) => {
        const tone = c.tone ? signClass(c.tone(trade)) : '';
        return html`<td data-value="${c.value(trade, i)}"${raw(tone ? ` class="${tone}"` : '')}>${c.text(trade, i)}</td>`;
      })}</tr>`,
  );
  const listed =
    omitted > 0
      ? `The most recent ${formatCount(trades.length)} of ${formatCount(omitted + trades.length)} trades; trades.csv lists every one. `
      : '';
  return html`<section class="card" id="trades"><h2>Trades (${formatCount(omitted + trades.length)})</h2>
<p class="sub">${listed}Click a column header to sort. Prices include slippage; P&amp;L and return are net of costs.</p>
<div class="scroll tall-scroll"><table id="trades-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** Decimals for the price axis, from the median close: a typical price, not an outlier. */
function priceDecimalsFor(report: RunReport): number {
  const sorted = report.series.close.map(Math.abs).sort((a, b) => a - b);
  return priceDecimals(sorted[Math.floor(sorted.length / 2)] ?? 0);
}

/**
 * One self-contained HTML page for a run: every style, script, chart library and the report data
 * are inline, and the content security policy forbids any request, so it works offline.
 */
export function renderHtml(report: RunReport): string {
  const intraday = isIntraday(report.series.time);
  const title = `${report.data.symbol}: ${report.strategy.name} vs ${report.baseline.name}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(OFFLINE_PAGE_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${raw(REPORT_STYLE)}</style>
</head>
<body data-intraday="${String(intraday)}" data-price-decimals="${priceDecimalsFor(report)}">
<main>
${header(report, intraday)}
<div class="summary">
${verdict(report, intraday)}
${statsTable(report)}
</div>
${chartCard(
  'chart-price',
  'Price with entries and exits',
  '',
  html`<div class="legend"><label><input type="checkbox" id="log-scale-price"> Log scale</label></div>`,
  downsampleNote(report),
)}
${equityCard(report)}
${modelSection(report, intraday)}
${tradesCard(report, intraday)}
<footer>Made by ${report.tool} from report.json. Charts by TradingView Lightweight Charts (Apache-2.0).</footer>
</main>
<script type="application/json" id="report-data">${raw(jsonForScript(report))}</script>
<script>${raw(chartLibrarySource())}</script>
<script type="module">${raw(clientScript(new URL('./client/report.js', import.meta.url)))}</script>
</body>
</html>
`;
  return page.html;
}
