import { clientScript, OFFLINE_PAGE_POLICY } from '../io/index.js';
import { escapeHtml, jsonForScript } from '../report/index.js';
import { formatTime } from '../run/index.js';
import type { SweepReport } from './sweep.js';
import type { WalkForwardSeries } from './walk-forward.js';

/** What the page draws beyond the JSON report: every trial, the PBO's logits, the stitched walk-forward bars. */
export interface SweepPageData {
  report: SweepReport;
  trials: {
    params: Record<string, unknown>;
    seed: number;
    metric: number | null;
    sharpe: number | null;
    pValue: number | null;
  }[];
  logits: Float64Array;
  walkForward: WalkForwardSeries | null;
}

const fixed = (x: number | null, digits = 2) =>
  x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/**
 * A histogram as inline SVG: `values` in `bins` equal bins, with labelled vertical markers.
 */
function histogram(
  values: readonly number[],
  bins: number,
  markers: { at: number; label: string; colour: string }[],
  xLabel: string,
): string {
  const width = 640;
  const height = 220;
  const pad = 36;
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return '<p>No values to draw.</p>';
  const all = [...finite, ...markers.map((m) => m.at).filter(Number.isFinite)];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (high === low) {
    low -= 0.5;
    high += 0.5;
  }
  const counts = new Array(bins).fill(0);
  for (const v of finite)
    counts[Math.min(bins - 1, Math.floor(((v - low) / (high - low)) * bins))]++;
  const top = Math.max(...counts);
  const x = (v: number) => pad + ((v - low) / (high - low)) * (width - 2 * pad);
  const barWidth = (width - 2 * pad) / bins;
  const bars = counts
    .map((count, i) => {
      const h = (count / top) * (height - 2 * pad);
      return `<rect x="${(pad + i * barWidth).toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#8aa4c8"><title>${count}</title></rect>`;
    })
    .join('');
  const lines = markers
    .filter((m) => Number.isFinite(m.at))
    .map(
      (m, i) =>
        // Labels near the right edge go to the left of their line.
        `<line x1="${x(m.at).toFixed(1)}" x2="${x(m.at).toFixed(1)}" y1="${pad - 10}" y2="${height - pad}" stroke="${m.colour}" stroke-width="2"/><text x="${(x(m.at) + (x(m.at) > width * 0.7 ? -4 : 4)).toFixed(1)}" y="${pad - 12 + 14 * i}" fill="${m.colour}" font-size="12" text-anchor="${x(m.at) > width * 0.7 ? 'end' : 'start'}">${escapeHtml(m.label)}</text>`,
    )
    .join('');
  const axis = `<line x1="${pad}" x2="${width - pad}" y1="${height - pad}" y2="${height - pad}" stroke="#444"/><text x="${pad}" y="${height - pad + 16}" font-size="12">${fixed(low)}</text><text x="${width - pad}" y="${height - pad + 16}" font-size="12" text-anchor="end">${fixed(high)}</text><text x="${width / 2}" y="${height - 6}" font-size="12" text-anchor="middle">${escapeHtml(xLabel)}</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${bars}${lines}${axis}</svg>`;
}

/** Points a line keeps at most: more than the chart has pixels across. */
const MAX_LINE_POINTS = 1200;

/**
 * Lines over time as inline SVG, from the same start (growth of 1), with thin marks where a new
 * walk-forward step begins. Long series keep every k-th bar and the last.
 */
function equityChart(
  time: Float64Array,
  lines: { values: Float64Array; label: string; colour: string }[],
  stepStarts: number[],
): string {
  const width = 900;
  const height = 300;
  const left = 56;
  const right = 16;
  const top = 24;
  const bottom = 30;
  const n = time.length;
  if (n === 0) return '<p>No out-of-sample bars.</p>';
  let low = 1;
  let high = 1;
  for (const { values } of lines) {
    for (let i = 0; i < n; i++) {
      low = Math.min(low, values[i]);
      high = Math.max(high, values[i]);
    }
  }
  if (high === low) high = low + 1;
  const x = (i: number) => left + (n > 1 ? (i / (n - 1)) * (width - left - right) : 0);
  const y = (v: number) => top + ((high - v) / (high - low)) * (height - top - bottom);
  const stride = Math.max(1, Math.ceil(n / MAX_LINE_POINTS));
  const kept: number[] = [];
  for (let i = 0; i < n; i += stride) kept.push(i);
  if (kept[kept.length - 1] !== n - 1) kept.push(n - 1);
  const marks = stepStarts
    .map(
      (i) =>
        `<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${top}" y2="${height - bottom}" stroke="#e3e7ee"/>`,
    )
    .join('');
  const one = `<line x1="${left}" x2="${width - right}" y1="${y(1).toFixed(1)}" y2="${y(1).toFixed(1)}" stroke="#aab" stroke-dasharray="3 3"/>`;
  const paths = lines
    .map(
      ({ values, colour, label }) =>
        `<polyline class="line" data-label="${escapeHtml(label)}" fill="none" stroke="${colour}" stroke-width="1.6" points="${kept.map((i) => `${x(i).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ')}"/>`,
    )
    .join('');
  const legend = lines
    .map(
      ({ label, colour }, i) =>
        `<text x="${left + 8 + 200 * i}" y="${top - 8}" font-size="12" fill="${colour}">${escapeHtml(label)}</text>`,
    )
    .join('');
  const axis = `<text x="${left - 6}" y="${(y(high) + 4).toFixed(1)}" font-size="12" text-anchor="end">${fixed(high)}</text><text x="${left - 6}" y="${(y(low) + 4).toFixed(1)}" font-size="12" text-anchor="end">${fixed(low)}</text><text x="${left}" y="${height - 10}" font-size="12">${escapeHtml(formatTime(time[0]))}</text><text x="${width - right}" y="${height - 10}" font-size="12" text-anchor="end">${escapeHtml(formatTime(time[n - 1]))}</text>`;
  return `<svg class="equity" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${marks}${one}${paths}${legend}${axis}</svg>`;
}

/**
 * How the heatmap folds the trials that share a cell's pair of values into one number; the
 * meaning is shown under the heatmap for the chosen one.
 */
export const HEATMAP_AGGREGATIONS = {
  max: {
    label: 'max over the others',
    meaning:
      'Each cell is the highest value among all trials with that pair, whatever their other parameters and seeds.',
  },
  best: {
    label: "others at the best trial's",
    meaning:
      "Each cell is the one trial with that pair whose other searched parameters and seed are the best trial's: a slice of the grid through the best trial.",
  },
  mean: {
    label: 'mean over the others',
    meaning:
      'Each cell is the arithmetic mean over all trials with that pair, whatever their other parameters and seeds.',
  },
  median: {
    label: 'median over the others',
    meaning:
      'Each cell is the median over all trials with that pair (the mean of the middle two for an even count), whatever their other parameters and seeds.',
  },
} as const;

export type HeatmapAggregation = keyof typeof HEATMAP_AGGREGATIONS;

/** The page's heatmap data: every trial's point on the searched axes, as text. */
export interface HeatmapData {
  metric: string;
  axes: { key: string; values: string[] }[];
  /** Index into `trials` of the best trial by the metric. */
  best: number | null;
  trials: { point: string[]; seed: number; metric: number | null }[];
}

/**
 * The metric over two searched parameters the reader picks (the page's script draws it), the
 * others folded in as the reader picks.
 */
function heatmap(data: SweepPageData): string {
  const { report } = data;
  if (report.grid.length < 2) return '<p>A heatmap needs two searched parameters.</p>';
  const heat: HeatmapData = {
    metric: report.metric,
    axes: report.grid.map(({ key, values }) => ({ key, values: values.map(String) })),
    best: report.best?.trial ?? null,
    trials: data.trials.map((trial) => ({
      point: report.grid.map(({ key }) => String(trial.params[key])),
      seed: trial.seed,
      metric: trial.metric,
    })),
  };
  const axisSelect = (id: string, chosen: number) =>
    `<select id="${id}">${report.grid
      .map(
        ({ key }, i) =>
          `<option value="${i}"${i === chosen ? ' selected' : ''}>${escapeHtml(key)}</option>`,
      )
      .join('')}</select>`;
  const aggregations = Object.entries(HEATMAP_AGGREGATIONS)
    .map(
      ([value, { label, meaning }]) =>
        `<option value="${value}" data-meaning="${escapeHtml(meaning)}">${escapeHtml(label)}</option>`,
    )
    .join('');
  return `<p class="controls"><label>across ${axisSelect('heatmap-x', 0)}</label> <label>down ${axisSelect('heatmap-y', 1)}</label> <label>other parameters and seeds: <select id="heatmap-aggregation">${aggregations}</select></label></p>
<p class="note"><span id="heatmap-meaning"></span> Trials whose ${escapeHtml(report.metric)} is undefined are left out (n/a when none is left); – marks pairs with no trial (refused by the strategy, or not drawn by --random).</p>
<div id="heatmap"></div>
<script type="application/json" id="heatmap-data">${jsonForScript(heat)}</script>`;
}

/** The sortable table of the best trials (click a header to sort). */
function trialTable(data: SweepPageData, limit: number): string {
  const { report } = data;
  const keys = report.grid.map((axis) => axis.key);
  const best = [...data.trials]
    .map((trial, index) => ({ trial, index }))
    .sort(
      (a, b) => (b.trial.metric ?? -Infinity) - (a.trial.metric ?? -Infinity) || a.index - b.index,
    )
    .slice(0, limit);
  // Ranked by Sharpe, the metric's column would repeat the Sharpe column.
  const ranked = report.metric !== 'sharpe';
  const head = ['trial', ...keys, 'seed', ...(ranked ? [report.metric] : []), 'sharpe', 'p alone']
    .map((name, column) => `<th data-column="${column}">${escapeHtml(name)}</th>`)
    .join('');
  const rows = best
    .map(({ trial, index }) => {
      const cells = [
        String(index),
        ...keys.map((key) => String(trial.params[key])),
        String(trial.seed),
        ...(ranked ? [fixed(trial.metric, 3)] : []),
        fixed(trial.sharpe),
        fixed(trial.pValue, 4),
      ];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table class="trials sortable"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#1d2330}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}
td,th{padding:3px 7px;border:1px solid #d6dbe4;text-align:right}th{background:#f1f4f8}
.heat td{min-width:38px;font-size:12px}.skip{color:#aab}.verdict{padding:10px 14px;border-radius:6px;background:#f6f1e4}
.edge{background:#e3f4e3}.no-edge{background:#f7e4e4}.sortable th{cursor:pointer}.note{color:#556}
.controls label{margin-right:14px}.controls select{font:inherit}`;

/** The bars where a step after the first starts trading. */
function stepStarts(step: Int32Array): number[] {
  const starts: number[] = [];
  for (let i = 1; i < step.length; i++) if (step[i] !== step[i - 1]) starts.push(i);
  return starts;
}

/** sweep.html: the verdict, the heatmap, the trial-Sharpe distribution, the PBO histogram, the walk-forward equity and steps, and the top trials. */
export function renderSweepHtml(data: SweepPageData): string {
  const { report } = data;
  const v = report.verdict;
  const sharpes = data.trials.map((t) => t.sharpe).filter((s): s is number => s !== null);
  const mean = report.trialSharpes.mean ?? 0;
  const wf = report.walkForward;
  const stitched = data.walkForward;
  const chart = stitched
    ? `<p class="note">Growth of 1 over the out-of-sample bars (${escapeHtml(wf?.from ?? '')} to ${escapeHtml(wf?.to ?? '')}): each segment traded with the parameters chosen on the bars before it, stitched together, against the baseline over the same bars. Thin vertical lines mark where a new choice starts trading.</p>${equityChart(
        stitched.time,
        [
          {
            values: stitched.equity,
            label: 'walk-forward optimisation',
            colour: '#2563eb',
          },
          {
            values: stitched.baselineEquity,
            label: `baseline (${report.baseline.name})`,
            colour: '#94a3b8',
          },
        ],
        stepStarts(stitched.step),
      )}`
    : '';
  const walkForward = wf
    ? `<h2>Walk-forward optimisation</h2><p>Choose on ${wf.train} bars, trade the next ${wf.test}: out-of-sample Sharpe ${fixed(wf.sharpe)} vs baseline ${fixed(wf.baselineSharpe)}, total return ${pct(wf.totalReturn)} vs ${pct(wf.baselineTotalReturn)}, max drawdown ${pct(wf.maxDrawdown)} vs ${pct(wf.baselineMaxDrawdown)}, switching costs ${pct(wf.switchingCost)}.</p><p class="verdict ${wf.kind}">${escapeHtml(wf.text)}</p>${chart}<table><tr><th>traded</th>${report.grid.map((a) => `<th>${escapeHtml(a.key)}</th>`).join('')}</tr>${wf.steps
        .map(
          (s) =>
            `<tr><td>${escapeHtml(`${s.testFrom} to ${s.testTo}`)}</td>${report.grid.map((a) => `<td>${escapeHtml(String(s.params[a.key]))}</td>`).join('')}</tr>`,
        )
        .join('')}</table>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${OFFLINE_PAGE_POLICY}"><title>${escapeHtml(`Sweep of ${report.strategy} on ${report.symbol}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(`Sweep of ${report.strategy} on ${report.file} (${report.symbol})`)}</h1>
<p>${escapeHtml(`${report.window.from} to ${report.window.to}, ${report.window.bars} bars; ${report.trials} trials, ${report.skipped} grid points refused by the strategy; best by ${report.metric}; baseline ${report.baseline.name}.`)}</p>
<p class="verdict ${v.kind}"><b>${escapeHtml(v.kind)}</b>: ${escapeHtml(v.text)}</p>
<table><tr><th>p alone</th><th>Reality Check p</th><th>SPA p</th><th>Deflated Sharpe</th><th>PBO</th></tr>
<tr><td>${fixed(v.pValueNaive, 4)}</td><td>${fixed(v.pValueRealityCheck, 4)}</td><td>${fixed(v.pValueSpa, 4)}</td><td>${pct(v.deflatedSharpe)}</td><td>${pct(v.pbo)}</td></tr></table>
<h2>${escapeHtml(report.metric)} over two searched parameters</h2>
${heatmap(data)}
<h2>Trial Sharpe ratios against luck</h2>
<p class="note">Annualised Sharpe ratios of all trials. With no skill at all, the best of ${report.trials} trials would reach the expected maximum by chance (Deflated Sharpe benchmark).</p>
${histogram(
  sharpes,
  30,
  [
    {
      at: v.expectedMaxSharpe === null ? Number.NaN : v.expectedMaxSharpe,
      label: 'expected best, no skill',
      colour: '#c0392b',
    },
    { at: report.best?.sharpe ?? Number.NaN, label: 'best trial', colour: '#1e8449' },
    { at: report.baselineStats.sharpe ?? Number.NaN, label: 'baseline', colour: '#555' },
    { at: mean, label: 'mean', colour: '#2e5c9a' },
  ],
  'annualised Sharpe ratio',
)}
<h2>Probability of Backtest Overfitting</h2>
<p class="note">For each of ${data.logits.length} splits of the bars into halves: the logit of the out-of-sample rank of the in-sample best. Mass left of 0 (PBO ${pct(v.pbo)}) means the in-sample winner tends to land in the bottom half out of sample.</p>
${histogram(Array.from(data.logits), 30, [{ at: 0, label: '0', colour: '#c0392b' }], 'logit of the relative rank')}
${walkForward}
<h2>Top trials</h2>
${trialTable(data, 50)}
<script type="module">${clientScript(new URL('./client/sweep.js', import.meta.url))}</script>
</body></html>
`;
}
